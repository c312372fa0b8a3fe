// The text report (ALLOCSITE_REPORT=1) shows where in library code memory charged to a user's
// line was allocated on a "via f() at file:line" line under the entry and its source line.
// RUN: %clang_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=1 %run %t0 2>&1 | FileCheck %s
// RUN: %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=1 %run %t2 2>&1 | FileCheck %s
#include <stdlib.h>

__attribute__((malloc, alloc_size(1), noinline)) static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    abort();
  return p;
}

void *volatile keep[2];

// CHECK-LABEL: top sites by live memory (grouped by line):
int main(void) {
  // CHECK-NEXT: #1: {{.*}}/text-report-via.c:[[@LINE+6]]: main(): 300 B in 1 block (alloc: 1 call, 300 B)
  // CHECK-NEXT: {{^}}    keep[1] = xmalloc(300);{{$}}
  // CHECK-NEXT: {{^}}    via xmalloc() at {{.*}}/text-report-via.c:[[#@LINE-12]]{{$}}
  // CHECK-NEXT: #2: {{.*}}/text-report-via.c:[[@LINE+2]]: main(): 100 B in 1 block (alloc: 1 call, 100 B)
  // CHECK-NEXT: {{^}}    keep[0] = xmalloc(100);{{$}}
  keep[0] = xmalloc(100);
  keep[1] = xmalloc(300);
  return 0;
}
// CHECK-NEXT: {{^}}    via xmalloc() at {{.*}}/text-report-via.c:10{{$}}
// CHECK-NEXT: Total live: 400 B
