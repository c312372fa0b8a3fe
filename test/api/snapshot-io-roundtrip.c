// A dumped snapshot loads back equal: compare_to(loaded, original) pairs every site with a zero
// diff, statistics agree row by row for every key type (names, inline chains, domains, "via"
// frames of memory charged to a user line, dynamic sites' module+offset included), and dumping
// the loaded snapshot gives the same bytes. fopen's FILE, allocated inside libc, is charged to the
// fopen line with libc as "via" (SPEC §3); with attribute=inner it is a dynamic site in libc.
// RUN: %clang_allocsite -O2 -g -I%allocsite_include %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %run %t %t.dir 2>&1 | FileCheck %s --check-prefixes=CHECK,USER --implicit-check-not=allocsite:
// RUN: cmp %t.dir/a.json %t.dir/b.json
// RUN: FileCheck %s --check-prefixes=DUMP,DUMP-USER < %t.dir/a.json
// RUN: rm -rf %t.inner && mkdir %t.inner
// RUN: env ALLOCSITE_OPTIONS=attribute=inner %run %t %t.inner 2>&1 | FileCheck %s --check-prefixes=CHECK,INNER --implicit-check-not=allocsite:
// RUN: cmp %t.inner/a.json %t.inner/b.json
// RUN: FileCheck %s --check-prefixes=DUMP,DUMP-INNER < %t.inner/a.json
#include <allocsite/allocsite.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *volatile keep[16];
static char pool[256];

static inline __attribute__((always_inline)) void make(int i, size_t n) { keep[i] = malloc(n); }

static int same_string(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_key(const allocsite_site_info *a, const allocsite_site_info *b) {
  if (!same_string(a->file, b->file) || a->line != b->line || a->column != b->column ||
      !same_string(a->function, b->function) || !same_string(a->kind, b->kind) ||
      a->instrumented != b->instrumented || a->domain != b->domain ||
      !same_string(a->module, b->module) || a->module_offset != b->module_offset ||
      a->inline_depth != b->inline_depth || !same_string(a->via_file, b->via_file) ||
      a->via_line != b->via_line || !same_string(a->via_function, b->via_function))
    return 0;
  for (unsigned i = 0; i < a->inline_depth; i++)
    if (!same_string(a->inlined_at[i].file, b->inlined_at[i].file) ||
        !same_string(a->inlined_at[i].function, b->inlined_at[i].function) ||
        a->inlined_at[i].line != b->inlined_at[i].line ||
        a->inlined_at[i].column != b->inlined_at[i].column)
      return 0;
  return 1;
}

static void compare(const char *what, allocsite_snapshot *loaded, allocsite_snapshot *orig) {
  allocsite_statistic_diff *d;
  allocsite_statistic *st;
  size_t n = allocsite_snapshot_compare_to(loaded, orig, ALLOCSITE_BY_SITE, &d);
  size_t sites = allocsite_snapshot_statistics(orig, ALLOCSITE_BY_SITE, &st);
  int zero = 1;
  for (size_t i = 0; i < n; i++)
    zero &= d[i].size_diff == 0 && d[i].count_diff == 0;
  printf("%s: rows=%zu same-rows=%d all-zero=%d\n", what, n, n == sites, zero);
  allocsite_free(d);
  allocsite_free(st);
}

static void same_statistics(allocsite_snapshot *loaded, allocsite_snapshot *orig) {
  for (int key = ALLOCSITE_BY_SITE; key <= ALLOCSITE_BY_FUNCTION; key++) {
    allocsite_statistic *a, *b;
    size_t na = allocsite_snapshot_statistics(loaded, (allocsite_key_type)key, &a);
    size_t nb = allocsite_snapshot_statistics(orig, (allocsite_key_type)key, &b);
    int equal = na == nb && na > 0;
    for (size_t i = 0; equal && i < na; i++)
      equal = same_key(&a[i].key, &b[i].key) && a[i].size == b[i].size &&
              a[i].count == b[i].count && a[i].alloc_bytes == b[i].alloc_bytes &&
              a[i].alloc_calls == b[i].alloc_calls;
    printf("statistics key=%d equal=%d\n", key, equal);
    allocsite_free(a);
    allocsite_free(b);
  }
}

int main(int argc, char **argv) {
  char a[4096], b[4096];
  snprintf(a, sizeof(a), "%s/a.json", argv[1]);
  snprintf(b, sizeof(b), "%s/b.json", argv[1]);
  for (int i = 0; i < 4; i++)
    keep[i] = malloc(10 + i);
  free(keep[1]);
  // DUMP: "function": "make", "linkage_name": "make", "kind": "malloc", {{.*}}"inlined_at": [{"file": "{{.*}}snapshot-io-roundtrip.c", "function": "main", "line": [[@LINE+1]], "column": 3}]}
  make(5, 77);
  keep[6] = strdup("a \"quoted\"\tname\\");
  // The C library's own malloc for the FILE: charged to this line, via libc (a dynamic site in
  // libc.so.6 with attribute=inner).
  // DUMP-USER: "line": [[@LINE+2]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 472, "live_blocks": 1, "alloc_bytes": 472, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.+}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  // DUMP-INNER: "kind": "dynamic", "instrumented": false, "live_bytes": 472, "live_blocks": 1, "alloc_bytes": 472, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "module": "{{.*}}/libc.so.6", "module_offset": "0x{{[0-9a-f]+}}",
  keep[7] = fopen("/dev/null", "r");
  allocsite_track(3, (uintptr_t)pool, 200);
  allocsite_track(0, (uintptr_t)pool + 200, 50);

  allocsite_snapshot *orig = allocsite_take_snapshot();
  if (allocsite_snapshot_dump(orig, a) != 0)
    return 1;
  allocsite_snapshot *loaded = allocsite_snapshot_load(a);
  if (!loaded || allocsite_snapshot_dump(loaded, b) != 0)
    return 1;
  // CHECK: all: rows={{[1-9][0-9]*}} same-rows=1 all-zero=1
  compare("all", loaded, orig);
  // CHECK-NEXT: statistics key=0 equal=1
  // CHECK-NEXT: statistics key=1 equal=1
  // CHECK-NEXT: statistics key=2 equal=1
  // CHECK-NEXT: statistics key=3 equal=1
  same_statistics(loaded, orig);
  uint64_t blocks_a, blocks_b;
  uint64_t bytes_a = allocsite_snapshot_total(loaded, &blocks_a);
  uint64_t bytes_b = allocsite_snapshot_total(orig, &blocks_b);
  // CHECK-NEXT: totals equal=1
  printf("totals equal=%d\n", bytes_a == bytes_b && blocks_a == blocks_b);

  // This file's sites: the malloc loop, the inlined malloc, strdup, two tracked domains, and with
  // attribute=user the fopen line.
  allocsite_filter here = {1, 0, "*snapshot-io-roundtrip.c", 0, 0, 0};
  allocsite_snapshot *fo = allocsite_snapshot_filter_traces(orig, &here, 1);
  allocsite_snapshot *fl = allocsite_snapshot_filter_traces(loaded, &here, 1);
  // USER-NEXT: here: rows=6 same-rows=1 all-zero=1
  // INNER-NEXT: here: rows=5 same-rows=1 all-zero=1
  compare("here", fl, fo);
  // Domains survive: a DomainFilter on the loaded snapshot keeps exactly the domain-3 site.
  allocsite_filter domain3 = {1, 1, NULL, 0, 0, 3};
  allocsite_snapshot *d3 = allocsite_snapshot_filter_traces(loaded, &domain3, 1);
  uint64_t blocks;
  // CHECK-NEXT: domain 3: 200 bytes in 1 blocks
  printf("domain 3: %llu bytes in %llu blocks\n",
         (unsigned long long)allocsite_snapshot_total(d3, &blocks), (unsigned long long)blocks);
  allocsite_snapshot_free(d3);
  allocsite_snapshot_free(fo);
  allocsite_snapshot_free(fl);
  allocsite_snapshot_free(loaded);
  allocsite_snapshot_free(orig);
  return 0;
}
