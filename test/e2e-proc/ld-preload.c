// LD_PRELOAD=liballocsite.so on a completely uninstrumented program (plain clang -g): every site
// is dynamic, named by its function and file:line from the program's debug info, with exact
// bytes and blocks per call; realloc moves the block to the realloc's site.
// RUN: %clang -g -O0 %s -o %t
// RUN: env LD_PRELOAD=%allocsite_runtime ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

void *volatile keep[8];

// CHECK:       "totals": {"live_bytes": 4080, "live_blocks": 5, "peak_bytes": 4080, "alloc_calls": 7, "free_calls": 2, "alloc_bytes": 4160}
// CHECK-LABEL: "sites": [
__attribute__((noinline)) static void *make_node(void) {
  // CHECK-DAG: "file": "{{.*}}ld-preload.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "make_node", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 40, "live_blocks": 1, "alloc_bytes": 120, "alloc_calls": 3, "free_calls": 2, "inlined_at": [], "module": "{{.*}}ld-preload.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"make_node")}}}
  return malloc(40);
}

int main(void) {
  for (int i = 0; i < 3; i++)
    keep[i] = make_node();
  free(keep[0]);
  for (int i = 3; i < 5; i++)
    // CHECK-DAG: "file": "{{.*}}ld-preload.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 40, "live_blocks": 2, "alloc_bytes": 40, "alloc_calls": 2, "free_calls": 0, "inlined_at": [], "module": "{{.*}}ld-preload.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"main")}}}
    keep[i] = calloc(5, 4);
  // CHECK-DAG: "file": "{{.*}}ld-preload.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 2000, "live_blocks": 1, "alloc_bytes": 2000, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "module": "{{.*}}ld-preload.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"main")}}}
  keep[5] = realloc(keep[1], 2000);
  // CHECK-DAG: "file": "{{.*}}ld-preload.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 2000, "live_blocks": 1, "alloc_bytes": 2000, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "module": "{{.*}}ld-preload.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"main")}}}
  keep[6] = realloc(NULL, 2000);
  return 0;
}
// CHECK: {{^}} ]}
