// LD_PRELOAD of a non-PIE executable that takes malloc's address: the executable then has an
// undefined `malloc` with a value (its canonical PLT entry), which dlsym(RTLD_DEFAULT) returns
// although every call reaches the preloaded runtime. The runtime must see that it is the malloc
// (it once re-executed the program forever), and trace it as a PIE one.
// RUN: %clang -g -O2 -fno-pic -no-pie %s -o %t
// RUN: env LD_PRELOAD=%allocsite_runtime ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0 timeout 30 %run %t 2>&1 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>

// Assigned in code, not in an initializer: non-PIC code takes the address as an immediate, which
// the linker resolves to a canonical PLT entry.
void *(*volatile allocate)(size_t);
void *volatile keep[4];

// CHECK-NOT: allocsite: {{.*}}not this process's malloc
// CHECK: allocated through a pointer
// CHECK: allocsite report (pid {{[0-9]+}}): {{[0-9]+}} sites with live memory
// CHECK-DAG: preload-non-pie.c:[[@LINE+6]]: main() [uninstrumented: {{.*}}]: 300 B in 3 blocks (alloc: 3 calls, 300 B)
// CHECK-DAG: preload-non-pie.c:[[@LINE+6]]: main() [uninstrumented: {{.*}}]: 7 B in 1 block (alloc: 1 call, 7 B)
// CHECK: Total live:
int main(void) {
  allocate = malloc;
  for (int i = 0; i < 3; i++)
    keep[i] = allocate(100);
  keep[3] = malloc(7);
  printf("allocated through a pointer\n");
  fflush(stdout);
  return 0;
}
