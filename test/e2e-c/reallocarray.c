// reallocarray(p, count, size) is realloc(p, count * size): the result is charged to the
// reallocarray call's site, NULL acts as malloc, and the replaced block is uncharged.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

// CHECK: "totals": {"live_bytes": 260, "live_blocks": 2, "peak_bytes": 260, "alloc_calls": 3, "free_calls": 1, "alloc_bytes": 340}
// CHECK-LABEL: "sites": [

void *volatile keep[2];

int main(void) {
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "reallocarray", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 80, "alloc_calls": 1, "free_calls": 1,
  void *p = reallocarray(NULL, 10, 8);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "reallocarray", "instrumented": true, "live_bytes": 160, "live_blocks": 1, "alloc_bytes": 160, "alloc_calls": 1, "free_calls": 0,
  keep[0] = reallocarray(p, 20, 8);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "reallocarray", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0,
  keep[1] = reallocarray(NULL, 4, 25);
  return 0;
}
