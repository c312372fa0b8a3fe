// A function that keeps the pointer it returns somewhere else too (a pool) is not an allocation
// wrapper (issue #13): its bytes stay on its own malloc line in Inputs/inferred_alloc.c, at -O0
// and -O2, while my_xmalloc's go to the caller's line. It still returns what it allocates:
// "wrapper_candidate", for the report's hint.
// RUN: %clang_allocsite -O0 -c %S/Inputs/inferred_alloc.c -o %t0.alloc.o
// RUN: %clang_allocsite -O0 -I%S/Inputs %s %t0.alloc.o -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -c %S/Inputs/inferred_alloc.c -o %t2.alloc.o
// RUN: %clang_allocsite -O2 -I%S/Inputs %s %t2.alloc.o -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include "inferred_alloc.h"

// CHECK: "totals": {"live_bytes": 84, "live_blocks": 3,

void *volatile keep[3];

int main(void) {
  keep[0] = pool_alloc(32);
  keep[1] = pool_alloc(48);
  // CHECK-DAG: "file": "{{.*}}/wrapper-inference-pool.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 4, "live_blocks": 1, "alloc_bytes": 4, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/inferred_alloc.c", "function": "my_xmalloc", "line": 10, "column": 13}]}
  keep[2] = my_xmalloc(4);
  return 0;
}
// CHECK-DAG: "file": "{{.*}}/Inputs/inferred_alloc.c", "line": 28, "column": 13, "function": "pool_alloc", "linkage_name": "pool_alloc", "kind": "malloc", "instrumented": true, "live_bytes": 80, "live_blocks": 2, "alloc_bytes": 80, "alloc_calls": 2, "free_calls": 0, "inlined_at": [], "wrapper_candidate": true}
