// A static executable cannot have the runtime's malloc: the wrappers say so in one line before
// the linker runs (instead of ld's "multiple definition of malloc"), for -static and -static-pie.
// Compiling with -static is no link and works; -static-libgcc and -static-libstdc++ link and run.
// RUN: not %clang_allocsite -static %s -o %t 2>&1 | FileCheck %s --check-prefix=STATIC
// RUN: not %clangxx_allocsite -static-pie %s -o %t 2>&1 | FileCheck %s --check-prefix=STATIC-PIE
// RUN: %clangxx_allocsite -static -c %s -o %t.o
// RUN: not %clangxx_allocsite %t.o --static -o %t 2>&1 | FileCheck %s --check-prefix=DASHDASH
// RUN: %clangxx_allocsite -static-libgcc -static-libstdc++ %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=source=0 %run %t 2>&1 | FileCheck %s --check-prefix=RUNS

// STATIC: allocsite-clang: error: static executables (-static) are not supported: the runtime replaces malloc, which needs a dynamically linked program; link without -static (-static-libgcc and -static-libstdc++ work){{$}}
// STATIC-NOT: {{.}}
// STATIC-PIE: allocsite-clang++: error: static executables (-static-pie) are not supported: {{.*}}; link without -static-pie (-static-libgcc and -static-libstdc++ work){{$}}
// STATIC-PIE-NOT: {{.}}
// DASHDASH: allocsite-clang++: error: static executables (--static) are not supported
// DASHDASH-NOT: multiple definition

// RUNS: allocsite report (pid {{[0-9]+}}): 1 site with live memory
// RUNS: #1: {{.*}}static.cpp:[[@LINE+5]]: main(): 40 B in 1 block (alloc: 1 call, 40 B)

int *volatile keep;

int main() {
  keep = new int[10];
  return 0;
}
