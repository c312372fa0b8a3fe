// A wrapper declared __attribute__((malloc, alloc_size(1))) and defined in another file: its
// malloc is charged to each caller's line, one entry per caller with exact bytes, and xmalloc's
// malloc (Inputs/xmalloc.c:10) is the "via". Built with -allocsite-attribution=0, the same bytes
// are one site in xmalloc.c.
// RUN: %clang_allocsite -O0 -c %S/Inputs/xmalloc.c -o %t0.xmalloc.o
// RUN: %clang_allocsite -O0 -I%S/Inputs %s %t0.xmalloc.o -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -c %S/Inputs/xmalloc.c -o %t2.xmalloc.o
// RUN: %clang_allocsite -O2 -I%S/Inputs %s %t2.xmalloc.o -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
// RUN: %clang_allocsite -O2 -Xclang -load -Xclang %allocsite_plugin -mllvm -allocsite-attribution=0 -c %S/Inputs/xmalloc.c -o %t.off.xmalloc.o
// RUN: %clang_allocsite -O2 -Xclang -load -Xclang %allocsite_plugin -mllvm -allocsite-attribution=0 -I%S/Inputs %s %t.off.xmalloc.o -o %t.off
// RUN: env ALLOCSITE_REPORT=%t.off.json %run %t.off
// RUN: FileCheck %s --check-prefix=OFF < %t.off.json
#include <stdlib.h>

#include "xmalloc.h"

// All the live memory is in the two entries below.
// CHECK: "totals": {"live_bytes": 107, "live_blocks": 2,
// OFF: "totals": {"live_bytes": 107, "live_blocks": 2,

void *volatile keep[2];

int main(void) {
  // CHECK-DAG: "file": "{{.*}}/xmalloc-cross-file.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/xmalloc.c", "function": "xmalloc", "line": 10, "column": 13}]}
  keep[0] = xmalloc(100);
  // CHECK-DAG: "file": "{{.*}}/xmalloc-cross-file.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 7, "live_blocks": 1, "alloc_bytes": 7, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/Inputs/xmalloc.c", "function": "xmalloc", "line": 10, "column": 13}]}
  keep[1] = xmalloc(7);
  return 0;
}
// OFF: "sites": [
// OFF-NEXT: "file": "{{.*}}/Inputs/xmalloc.c", "line": 10, "column": 13, "function": "xmalloc", "linkage_name": "xmalloc", "kind": "malloc", "instrumented": true, "live_bytes": 107, "live_blocks": 2, "alloc_bytes": 107, "alloc_calls": 2, "free_calls": 0, "inlined_at": []}
// OFF-NEXT: {{^}} ]}
