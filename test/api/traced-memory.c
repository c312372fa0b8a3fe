// allocsite_get_traced_memory() reports the requested bytes of the live traced blocks and their
// high-water mark, exactly (one thread); either pointer may be NULL.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

static size_t cur0;

static void show(const char *label) {
  size_t current, peak;
  allocsite_get_traced_memory(&current, &peak);
  printf("%s: current=+%zu\n", label, current - cur0);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  allocsite_reset_peak(); // the peak is the current traced memory from here on
  size_t peak0;
  allocsite_get_traced_memory(&cur0, &peak0);
  // CHECK: start: peak_is_current=1
  printf("start: peak_is_current=%d\n", peak0 == cur0);
  void *a = malloc(1000);
  // CHECK-NEXT: one: current=+1000
  show("one");
  void *b = calloc(10, 300);
  b = realloc(b, 2000); // shrinks 3000 -> 2000: the peak keeps 4000
  void *c = malloc(0);
  free(a);
  // CHECK-NEXT: two: current=+2000
  show("two");
  free(b);
  free(c);
  // CHECK-NEXT: none: current=+0
  show("none");
  size_t current = 1, peak = 1;
  allocsite_get_traced_memory(NULL, &peak);
  allocsite_get_traced_memory(&current, NULL);
  // CHECK-NEXT: peak=+4000 current=+0
  printf("peak=+%zu current=+%zu\n", peak - cur0, current - cur0);
  return 0;
}
