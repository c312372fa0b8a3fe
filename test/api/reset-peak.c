// allocsite_reset_peak() sets the peak to the current traced memory; later growth raises it again
// from there (tracemalloc.reset_peak).
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t base, peak;
  allocsite_reset_peak();
  allocsite_get_traced_memory(&base, &peak);
  void *keep = malloc(500);
  free(malloc(10000));
  size_t current;
  allocsite_get_traced_memory(&current, &peak);
  // CHECK: before reset: current=+500 peak=+10500
  printf("before reset: current=+%zu peak=+%zu\n", current - base, peak - base);
  allocsite_reset_peak();
  allocsite_get_traced_memory(&current, &peak);
  // CHECK-NEXT: after reset: current=+500 peak=+500
  printf("after reset: current=+%zu peak=+%zu\n", current - base, peak - base);
  free(malloc(700));
  allocsite_get_traced_memory(&current, &peak);
  // CHECK-NEXT: after growth: current=+500 peak=+1200
  printf("after growth: current=+%zu peak=+%zu\n", current - base, peak - base);
  free(keep);
  allocsite_reset_peak();
  allocsite_get_traced_memory(&current, &peak);
  // CHECK-NEXT: after free and reset: current=+0 peak=+0
  printf("after free and reset: current=+%zu peak=+%zu\n", current - base, peak - base);
  return 0;
}
