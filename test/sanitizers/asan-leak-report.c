// LeakSanitizer ends a leaking process from its own atexit handler; the AllocSite report is
// written before it, and both name the leaking line.
// REQUIRES: asan
// RUN: %clang_allocsite -O0 -fsanitize=address %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=source=0 timeout 60 not %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

int main(void) {
  void *volatile p = malloc(77);
  p = 0;
  // CHECK: allocsite report
  // CHECK: #1: {{.*}}asan-leak-report.c:[[@LINE-3]]: main(): 77 B in 1 block (alloc: 1 call, 77 B)
  // CHECK: ERROR: LeakSanitizer: detected memory leaks
  // CHECK: Direct leak of 77 byte(s) in 1 object(s) allocated from:
  // CHECK: in main {{.*}}asan-leak-report.c:[[@LINE-6]]
  return 0;
}
