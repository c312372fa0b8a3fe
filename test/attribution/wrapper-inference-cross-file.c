// Allocation wrappers found by the compiler (issue #13), no annotation anywhere: my_xmalloc
// (malloc checked for NULL) and my_xzalloc (my_xmalloc + memset) in one file, my_xstrdup (my_xmalloc
// from that other file + memcpy) in a third; the callers here, without LTO. Every byte is charged
// to the caller's line, with my_xmalloc's malloc as "via", at -O0 and at -O2. With
// -allocsite-not-wrappers (given as -mllvm through allocsite-clang, which clang 14 used to reject
// as an unknown argument) the bytes stay on the wrapper's line, flagged "wrapper_candidate" (it
// still returns what it allocates: the report's hint).
// RUN: %clang_allocsite -O0 -c %S/Inputs/inferred_alloc.c -o %t0.alloc.o
// RUN: %clang_allocsite -O0 -c %S/Inputs/inferred_str.c -o %t0.str.o
// RUN: %clang_allocsite -O0 -I%S/Inputs %s %t0.alloc.o %t0.str.o -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -c %S/Inputs/inferred_alloc.c -o %t2.alloc.o
// RUN: %clang_allocsite -O2 -c %S/Inputs/inferred_str.c -o %t2.str.o
// RUN: %clang_allocsite -O2 -I%S/Inputs %s %t2.alloc.o %t2.str.o -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
// RUN: %clang_allocsite -O0 -mllvm -allocsite-not-wrappers=my_xmalloc,my_xzalloc -c %S/Inputs/inferred_alloc.c -o %tn.alloc.o
// RUN: %clang_allocsite -O0 -mllvm -allocsite-not-wrappers=my_xstrdup -c %S/Inputs/inferred_str.c -o %tn.str.o
// RUN: %clang_allocsite -O0 -I%S/Inputs %s %tn.alloc.o %tn.str.o -o %tn
// RUN: env ALLOCSITE_REPORT=%tn.json %run %tn
// RUN: FileCheck %s --check-prefix=OFF < %tn.json
#include "inferred_alloc.h"

// CHECK: "totals": {"live_bytes": 136, "live_blocks": 4,
// OFF: "totals": {"live_bytes": 136, "live_blocks": 4,

void *volatile keep[4];

int main(void) {
  // (At -O2 my_xzalloc's malloc + memset become one calloc.)
  // CHECK-DAG: "file": "{{.*}}/wrapper-inference-cross-file.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/inferred_alloc.c", "function": "my_xmalloc", "line": 10, "column": 13}]}
  keep[0] = my_xmalloc(100);
  // CHECK-DAG: "file": "{{.*}}/wrapper-inference-cross-file.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 7, "live_blocks": 1, "alloc_bytes": 7, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/inferred_alloc.c", "function": "my_xmalloc", "line": 10, "column": 13}]}
  keep[1] = my_xmalloc(7);
  // CHECK-DAG: "file": "{{.*}}/wrapper-inference-cross-file.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "{{malloc|calloc}}", "instrumented": true, "live_bytes": 20, "live_blocks": 1, "alloc_bytes": 20, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/inferred_alloc.c", "function": "my_xmalloc", "line": 10, "column": 13}]}
  keep[2] = my_xzalloc(20);
  // CHECK-DAG: "file": "{{.*}}/wrapper-inference-cross-file.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 9, "live_blocks": 1, "alloc_bytes": 9, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/inferred_alloc.c", "function": "my_xmalloc", "line": 10, "column": 13}]}
  keep[3] = my_xstrdup("12345678");
  return 0;
}
// Nothing is a wrapper: all four blocks on my_xmalloc's own line (my_xstrdup's call is user code).
// OFF: "sites": [
// OFF-NEXT: "file": "{{.*}}/Inputs/inferred_alloc.c", "line": 10, "column": 13, "function": "my_xmalloc", "linkage_name": "my_xmalloc", "kind": "malloc", "instrumented": true, "live_bytes": 136, "live_blocks": 4, "alloc_bytes": 136, "alloc_calls": 4, "free_calls": 0, "inlined_at": [], "wrapper_candidate": true}
// OFF-NEXT: {{^}} ]}
