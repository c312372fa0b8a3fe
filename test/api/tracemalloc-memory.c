// allocsite_get_tracemalloc_memory() is the runtime's own resident memory: more than zero, in
// whole pages (it never uses malloc).
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/allocsite.h"

void *volatile keep[1000];

int main(void) {
  for (int i = 0; i < 1000; i++)
    keep[i] = malloc(16);
  size_t own = allocsite_get_tracemalloc_memory();
  // CHECK: positive=1 pages=1
  printf("positive=%d pages=%d\n", own > 0, own % 4096 == 0);
  return 0;
}
