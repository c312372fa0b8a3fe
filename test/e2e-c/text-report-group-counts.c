// A group's call counts include its sites that hold nothing at exit: main()'s freed temporary is
// one of its 3 calls, though only the 2 live blocks are listed as live memory. A function whose
// sites all freed everything is not listed at all.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=group_by=function:symbolize=0 %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

void *volatile keep[4];

// CHECK-LABEL: top sites by live memory (grouped by function):
// CHECK-NEXT: #1: {{.*}}text-report-group-counts.c: main(): 300 B in 2 blocks (alloc: 3 calls, 1.3 KiB)
// CHECK-NEXT: Total live: 300 B
// CHECK-NOT: {{.}}
static void temporary_only(void) { free(malloc(64)); }

int main(void) {
  free(malloc(1000));
  keep[0] = malloc(100);
  keep[1] = malloc(200);
  temporary_only();
  return 0;
}
