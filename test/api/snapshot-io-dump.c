// allocsite_snapshot_dump writes the report's JSON (docs/report-format.md) with "kind": "snapshot":
// totals summed from the sites, one site per line with the report's keys, "domain" on tracked
// sites. A NULL snapshot dumps an empty one; an unwritable path is -1, errno and one line.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %run %t %t.dir 2>&1 | FileCheck %s --check-prefix=RUN-OUT
// RUN: FileCheck %s < %t.dir/snap.json
// RUN: FileCheck %s --check-prefix=EMPTY < %t.dir/empty.json
#include <allocsite/allocsite.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// RUN-OUT: dump=0
// RUN-OUT-NEXT: empty=0
// RUN-OUT-NEXT: allocsite: cannot write snapshot to '/nonexistent/dir/s.json': No such file or directory
// RUN-OUT-NEXT: unwritable=-1 enoent=1
// RUN-OUT-NEXT: allocsite: cannot write snapshot to '{{.*}}': Is a directory
// RUN-OUT-NEXT: directory=-1 eisdir=1
// RUN-OUT-NOT: allocsite

// CHECK: {"format": "allocsite", "version": 1, "kind": "snapshot",
// CHECK-NEXT: {{^}} "totals": {"live_bytes": 296, "live_blocks": 4, "alloc_calls": 5, "free_calls": 1, "alloc_bytes": 396},
// CHECK-NEXT: {{^}} "sites": [
// EMPTY: {"format": "allocsite", "version": 1, "kind": "snapshot",
// EMPTY-NEXT: {{^}} "totals": {"live_bytes": 0, "live_blocks": 0, "alloc_calls": 0, "free_calls": 0, "alloc_bytes": 0},
// EMPTY-NEXT: {{^}} "sites": []}
// EMPTY-EMPTY:

void *volatile keep[8];
static char pool[4096];

int main(int argc, char **argv) {
  (void)argc;
  for (int i = 0; i < 3; i++)
    // CHECK-NEXT: {{^}}  {"id": {{[0-9]+}}, "file": "{{.*}}snapshot-io-dump.c", "line": [[@LINE+1]], "column": 15, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1, "inlined_at": []},
    keep[i] = malloc(100);
  free(keep[0]);
  // CHECK-NEXT: {{^}}  {"id": {{[0-9]+}}, "file": "{{.*}}snapshot-io-dump.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "calloc", "instrumented": true, "live_bytes": 32, "live_blocks": 1, "alloc_bytes": 32, "alloc_calls": 1, "free_calls": 0, "inlined_at": []},
  keep[5] = calloc(4, 8);
  // CHECK-NEXT: {{^}}  {"id": {{[0-9]+}}, "file": "{{.*}}snapshot-io-dump.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": null, "kind": "tracked", "instrumented": false, "live_bytes": 64, "live_blocks": 1, "alloc_bytes": 64, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "module": "{{.*}}snapshot-io-dump.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{null|"main"}}, "domain": 7}{{$}}
  allocsite_track(7, (uintptr_t)pool, 64);
  // CHECK-NEXT: {{^}} ]}
  // CHECK-EMPTY:

  // Only this file's sites: the C library's own allocations would make the totals vary.
  allocsite_filter only_here = {1, 0, "*snapshot-io-dump.c", 0, 0, 0};
  allocsite_snapshot *all = allocsite_take_snapshot();
  allocsite_snapshot *s = allocsite_snapshot_filter_traces(all, &only_here, 1);
  char path[4096];
  snprintf(path, sizeof(path), "%s/snap.json", argv[1]);
  fprintf(stderr, "dump=%d\n", allocsite_snapshot_dump(s, path));
  snprintf(path, sizeof(path), "%s/empty.json", argv[1]);
  fprintf(stderr, "empty=%d\n", allocsite_snapshot_dump(NULL, path));
  errno = 0;
  int rc = allocsite_snapshot_dump(s, "/nonexistent/dir/s.json");
  fprintf(stderr, "unwritable=%d enoent=%d\n", rc, errno == ENOENT);
  errno = 0;
  rc = allocsite_snapshot_dump(s, argv[1]);
  fprintf(stderr, "directory=%d eisdir=%d\n", rc, errno == EISDIR);
  allocsite_snapshot_free(s);
  allocsite_snapshot_free(all);
  return 0;
}
