// A bad value in ALLOCSITE_OPTIONS prints one line naming the key, the value and the accepted
// values; the option keeps its default (top=10, group_by=line), the program runs on and the
// report is written.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=top=abc:group_by=lines:source=0 %run %t 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=allocsite:
#include <stdlib.h>
#include <unistd.h>

// CHECK: allocsite: bad value 'abc' for option 'top' in ALLOCSITE_OPTIONS (accepted: N >= 0)
// CHECK-NEXT: allocsite: bad value 'lines' for option 'group_by' in ALLOCSITE_OPTIONS (accepted: site|line|file|function)
// CHECK-NEXT: main ran
// CHECK-NEXT: allocsite report (pid {{[0-9]+}}): 2 sites with live memory
// CHECK-LABEL: top sites by live memory (grouped by line):
// CHECK-NEXT: #1: {{.*}}options-bad-value.c:[[@LINE+8]]: main(): 300 B in 1 block (alloc: 1 call, 300 B)
// CHECK-NEXT: #2: {{.*}}options-bad-value.c:[[@LINE+8]]: main(): 200 B in 1 block (alloc: 1 call, 200 B)
// CHECK-NEXT: Total live: 500 B

void *volatile keep[2];

int main(void) {
  write(1, "main ran\n", 9);
  keep[0] = malloc(300);
  keep[1] = malloc(200);
  return 0;
}
