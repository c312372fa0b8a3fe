// A symbolizer's line number too large for 32 bits is no line number (0, not shown), instead of
// wrapping around: 18446744073709551617 was read as line 1.
// RUN: %clang -O0 %s -o %t
// RUN: env LD_PRELOAD=%allocsite_runtime ALLOCSITE_REPORT=1 \
// RUN:   ALLOCSITE_OPTIONS=symbolize=1:symbolizer=%S/Inputs/huge-line-symbolizer.sh %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

// CHECK-LABEL: top sites by live memory (grouped by line):
// CHECK-NEXT: #1: /src/huge.c: first() [uninstrumented: {{.*}}]: 10 B in 1 block (alloc: 1 call, 10 B)
// CHECK-NEXT: {{^}}    inlined at /src/huge.c: second(){{$}}
// CHECK-NEXT: Total live: 10 B

void *volatile keep;

int main(void) {
  keep = malloc(10);
  return 0;
}
