// allocsite_reset_peak() also restarts the peak snapshot: the next peak is measured from the
// current traced memory, so after a reset and a small allocation the peak snapshot holds what is
// live then, not the earlier, larger peak.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  free(malloc(10 << 20));
  // CHECK-LABEL: peak after reset:
  // CHECK-NEXT: {{.*}}/peak-snapshot-reset.c:[[@LINE+1]]:0 main - size=1048576 count=1
  void *kept = malloc(1 << 20);
  allocsite_reset_peak();
  // CHECK-NEXT: {{.*}}/peak-snapshot-reset.c:[[@LINE+1]]:0 main - size=100000 count=1
  void *small = malloc(100000);
  // CHECK-NEXT: {{.*}}/peak-snapshot-reset.c:12:0 main - size=0 count=0
  // CHECK-NEXT: end
  allocsite_snapshot *peak = allocsite_take_peak_snapshot();
  api_print_stats("peak after reset", peak, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(peak);
  free(small);
  free(kept);
  return 0;
}
