// An unknown ALLOCSITE_OPTIONS key prints one line naming it and listing the known keys; the
// program runs on, the keys around it still apply (top=1 here) and the report is written.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=source=0:no_such_key=1:top=1 %run %t 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=allocsite:
#include <stdlib.h>
#include <unistd.h>

// CHECK: allocsite: unknown option 'no_such_key' in ALLOCSITE_OPTIONS (known: help, top, group_by, min_size, source, symbolize, {{.*}}invalid_free_diag{{.*}})
// CHECK-NEXT: main ran
// CHECK-NEXT: allocsite report (pid {{[0-9]+}}): 2 sites with live memory
// CHECK-LABEL: top sites by live memory
// CHECK-NEXT: #1: {{.*}}options-unknown.c:[[@LINE+8]]: main(): 300 B in 1 block (alloc: 1 call, 300 B)
// CHECK-NEXT: 1 other site: 200 B
// CHECK-NEXT: Total live: 500 B

void *volatile keep[2];

int main(void) {
  write(1, "main ran\n", 9);
  keep[0] = malloc(300);
  keep[1] = malloc(200);
  return 0;
}
