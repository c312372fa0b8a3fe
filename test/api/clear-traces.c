// allocsite_clear_traces() forgets every traced block but keeps tracing: traced memory restarts
// from 0, the old sites leave the statistics, and a block allocated before the clear that is freed
// after it is not subtracted from anything (nothing goes negative).
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *old = malloc(1000);
  allocsite_clear_traces();
  size_t current, peak;
  allocsite_get_traced_memory(&current, &peak);
  // CHECK: cleared: is_tracing=1 current=0 peak=0
  printf("cleared: is_tracing=%d current=%zu peak=%zu\n", allocsite_is_tracing(), current, peak);

  // CHECK-LABEL: after:
  // CHECK-NEXT: {{.*}}clear-traces.c:[[@LINE+1]]:0 main - size=300 count=1 alloc_bytes=300 alloc_calls=1
  void *young = malloc(300);
  free(old);
  allocsite_get_traced_memory(&current, &peak);
  allocsite_snapshot *s = allocsite_take_snapshot();
  api_print_stats("after", s, ALLOCSITE_BY_LINE);
  // CHECK-NEXT: end
  // CHECK-NEXT: current=300 peak=300 total=300 in 1 blocks
  uint64_t blocks;
  uint64_t total = allocsite_snapshot_total(s, &blocks);
  printf("current=%zu peak=%zu total=%llu in %llu blocks\n", current, peak, (unsigned long long)total,
         (unsigned long long)blocks);
  allocsite_snapshot_free(s);
  free(young);
  return 0;
}
