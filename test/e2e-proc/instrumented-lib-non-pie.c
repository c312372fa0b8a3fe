// A non-PIE executable that takes malloc's address, using an instrumented shared library: the
// runtime arrives after libc and re-executes the program once with itself preloaded; in the
// re-executed program it must recognise itself as the malloc despite the executable's canonical
// PLT entry for malloc (this once re-executed forever), and never re-execute a second time.
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang -g -O0 -fno-pic -no-pie %s %t.lib.so -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0 timeout 30 %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

void *lib_alloc(size_t n);

// CHECK-NOT: allocsite:
// CHECK: main ran
// CHECK-NOT: main ran
// CHECK: allocsite report
#ifdef LIB
void *lib_alloc(size_t n) {
  // CHECK-DAG: instrumented-lib-non-pie.c:[[@LINE+1]]: lib_alloc(): 200 B in 2 blocks (alloc: 2 calls, 200 B)
  return malloc(n);
}
#else
#include <stdio.h>

// Assigned in code, not in an initializer: non-PIC code takes the address as an immediate, which
// the linker resolves to a canonical PLT entry.
void *(*volatile allocate)(size_t);
void *volatile keep[4];

int main(void) {
  allocate = malloc;
  printf("main ran\n");
  fflush(stdout);
  keep[0] = lib_alloc(100);
  keep[1] = lib_alloc(100);
  // CHECK-DAG: instrumented-lib-non-pie.c:[[@LINE+1]]: main() [uninstrumented: {{.*}}]: 64 B in 1 block (alloc: 1 call, 64 B)
  keep[2] = allocate(64);
  return 0;
}
#endif
