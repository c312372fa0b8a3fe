// A function marked ALLOCSITE_WRAPPER (allocsite.h) is an allocation wrapper: its malloc is
// charged to each caller's line with my_alloc's malloc as "via". Without the mark (-DNO_MARK) the
// memory stays at my_alloc's own malloc line. At -O2 my_alloc is inlined into main: the
// descriptor's charged frame names main's line, the wrapper frame is the "via".
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -I%allocsite_include %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
// RUN: %clang_allocsite -O0 -I%allocsite_include -DNO_MARK %s -o %t.plain
// RUN: env ALLOCSITE_REPORT=%t.plain.json %run %t.plain
// RUN: FileCheck %s --check-prefix=PLAIN < %t.plain.json
#include <stdlib.h>

#include "allocsite/allocsite.h"

#ifdef NO_MARK
#undef ALLOCSITE_WRAPPER
#define ALLOCSITE_WRAPPER
#endif

// CHECK: "totals": {"live_bytes": 48, "live_blocks": 2,
// PLAIN: "totals": {"live_bytes": 48, "live_blocks": 2,
// PLAIN-NEXT: "memory"
// PLAIN-NEXT: "sites": [
// PLAIN-NEXT: "file": "{{.*}}/wrapper-annotation.c", "line": [[@LINE+3]], "column": 17, "function": "my_alloc", "linkage_name": "my_alloc", "kind": "malloc", "instrumented": true, "live_bytes": 48, "live_blocks": 2, "alloc_bytes": 48, "alloc_calls": 2, "free_calls": 0, "inlined_at": [], "wrapper_candidate": true}
// PLAIN-NEXT: {{^}} ]}
ALLOCSITE_WRAPPER void *my_alloc(size_t n) {
  void *p = n ? malloc(n) : NULL;
  return p;
}

void *volatile keep[2];

int main(void) {
  // CHECK-DAG: "file": "{{.*}}/wrapper-annotation.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 16, "live_blocks": 1, "alloc_bytes": 16, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/wrapper-annotation.c", "function": "my_alloc", "line": [[#@LINE-7]], "column": 17}]}
  keep[0] = my_alloc(16);
  // CHECK-DAG: "file": "{{.*}}/wrapper-annotation.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 32, "live_blocks": 1, "alloc_bytes": 32, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{.*}}/wrapper-annotation.c", "function": "my_alloc", "line": [[#@LINE-9]], "column": 17}]}
  keep[1] = my_alloc(32);
  return 0;
}
