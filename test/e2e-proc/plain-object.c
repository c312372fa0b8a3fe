// An uninstrumented object file (plain clang -g -c) linked into an instrumented program built with
// -allocsite-attribution=0: its allocations are dynamic sites named, through its debug info, by
// function and file:line, next to the program's instrumented sites. With attribution (the
// default) they are charged to the program's calls into it, with the dynamic site as "via".
// RUN: %clang -g -O0 -c -DPLAIN %s -o %t.plain.o
// RUN: %clang_allocsite -O0 -Xclang -load -Xclang %allocsite_plugin -mllvm -allocsite-attribution=0 %s %t.plain.o -o %t
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s --check-prefixes=CHECK,DYN < %t.json
// RUN: %clang_allocsite -O0 %s %t.plain.o -o %t.user
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t.user.json %run %t.user
// RUN: FileCheck %s --check-prefixes=CHECK,USER < %t.user.json
#include <stdlib.h>

void *plain_alloc(size_t n);
void *plain_zeroed(size_t n);

// CHECK:       "totals": {"live_bytes": 264, "live_blocks": 6, "peak_bytes": 264, "alloc_calls": 6, "free_calls": 0, "alloc_bytes": 264}
// CHECK-LABEL: "sites": [
#ifdef PLAIN
void *plain_alloc(size_t n) {
  // DYN-DAG: "file": "{{.*}}plain-object.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plain_alloc", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 96, "live_blocks": 3, "alloc_bytes": 96, "alloc_calls": 3, "free_calls": 0, "inlined_at": [], "module": "{{.*}}plain-object.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"plain_alloc")}}}
  return malloc(n);
}
void *plain_zeroed(size_t n) {
  // DYN-DAG: "file": "{{.*}}plain-object.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plain_zeroed", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 160, "live_blocks": 2, "alloc_bytes": 160, "alloc_calls": 2, "free_calls": 0, "inlined_at": [], "module": "{{.*}}plain-object.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"plain_zeroed")}}}
  return calloc(n, 8);
}
#else
void *volatile keep[6];

int main(void) {
  for (int i = 0; i < 3; i++)
    // USER-DAG: "file": "{{.*}}/plain-object.c", "line": [[@LINE+1]], "column": 15, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 96, "live_blocks": 3, "alloc_bytes": 96, "alloc_calls": 3, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}plain-object.c", "function": "plain_alloc", "line": [[#@LINE-11]], "column": 10, "module": "{{[^"]*}}plain-object.c.tmp.user", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    keep[i] = plain_alloc(32);
  for (int i = 3; i < 5; i++)
    // USER-DAG: "file": "{{.*}}/plain-object.c", "line": [[@LINE+1]], "column": 15, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 160, "live_blocks": 2, "alloc_bytes": 160, "alloc_calls": 2, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}plain-object.c", "function": "plain_zeroed", "line": [[#@LINE-10]], "column": 10, "module": "{{[^"]*}}plain-object.c.tmp.user", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    keep[i] = plain_zeroed(10);
  // CHECK-DAG: "file": "{{.*}}/plain-object.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 8, "live_blocks": 1, "alloc_bytes": 8, "alloc_calls": 1, "free_calls": 0,
  keep[5] = malloc(8);
  return 0;
}
#endif
// CHECK: {{^}} ]}
