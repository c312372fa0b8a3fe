// The text report (ALLOCSITE_REPORT=1, on stderr) in tracemalloc's display_top layout: a header
// with the totals, then the top sites by live bytes, `#N: file:line: function(): SIZE in N blocks`
// with the allocation calls and bytes, the source line under it, and `N other sites: SIZE` for
// the sites beyond `top`.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=top=2:symbolize=0 %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

// Live after each step: 3000, 4536, 4636, 4666 (peak), 4656.
// CHECK: allocsite report (pid {{[0-9]+}}): 4 sites with live memory
// CHECK-NEXT: live: 4.5 KiB in 7 blocks   peak: 4.6 KiB
// CHECK-NEXT: calls: 8 allocations (4.6 KiB), 1 free
// CHECK-EMPTY:
// CHECK-NEXT: memory (why traced != RSS):
// CHECK-NEXT: traced (requested) 4.5 KiB
// CHECK-LABEL: top sites by live memory (grouped by line):
// CHECK-NEXT: #1: {{.*}}text-report.c:[[@LINE+18]]: main(): 2.9 KiB in 3 blocks (alloc: 3 calls, 2.9 KiB)
// CHECK-NEXT: {{^    }}keep[i] = malloc(1000);
// CHECK-NEXT: #2: {{.*}}text-report.c:[[@LINE+17]]: main(): 1.5 KiB in 1 block (alloc: 1 call, 1.5 KiB)
// CHECK-NEXT: {{^    }}keep[3] = malloc(1536);
// CHECK-NEXT: 2 other sites: 120 B
// CHECK-NEXT: Total live: 4.5 KiB
// CHECK-NOT: {{.}}

void *volatile keep[8];

static void leak_small(void) {
  for (int i = 0; i < 3; i++)
    keep[5 + i] = malloc(10);
  free(keep[5]);
}

int main(void) {
  for (int i = 0; i < 3; i++)
    keep[i] = malloc(1000);
  keep[3] = malloc(1536);
  keep[4] = malloc(100);
  leak_small();
  return 0;
}
