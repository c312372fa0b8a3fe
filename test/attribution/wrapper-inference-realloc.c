// A realloc wrapper found from its code (issue #13): my_xrealloc (Inputs/inferred_alloc.c) stores
// realloc's result into its own parameter and checks it, as jq's jv_mem_realloc does. The grown
// block is charged to the caller's line here, in another file, at -O0 and -O2, with
// my_xrealloc's realloc as "via".
// RUN: %clang_allocsite -O0 -c %S/Inputs/inferred_alloc.c -o %t0.alloc.o
// RUN: %clang_allocsite -O0 -I%S/Inputs %s %t0.alloc.o -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -c %S/Inputs/inferred_alloc.c -o %t2.alloc.o
// RUN: %clang_allocsite -O2 -I%S/Inputs %s %t2.alloc.o -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include "inferred_alloc.h"

// CHECK: "totals": {"live_bytes": 300, "live_blocks": 1,

void *volatile keep;

int main(void) {
  void *p = my_xrealloc(0, 10);
  // CHECK: "file": "{{.*}}/wrapper-inference-realloc.c", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "realloc", "instrumented": true, "live_bytes": 300, "live_blocks": 1, "alloc_bytes": 300, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/inferred_alloc.c", "function": "my_xrealloc", "line": 36, "column": 7}]}
  keep = my_xrealloc(p, 300);
  return 0;
}
