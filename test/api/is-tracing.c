// Tracing is on from start-up: allocsite_is_tracing() is 1 before main does anything, and
// allocsite_start() while tracing is a no-op that returns 0.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdio.h>

#include "allocsite/allocsite.h"

int main(void) {
  // CHECK: is_tracing=1
  printf("is_tracing=%d\n", allocsite_is_tracing());
  // CHECK-NEXT: start=0 is_tracing=1
  int started = allocsite_start();
  printf("start=%d is_tracing=%d\n", started, allocsite_is_tracing());
  return 0;
}
