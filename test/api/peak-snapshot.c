// allocsite_take_peak_snapshot() is the per-site breakdown at the moment traced memory peaked: 10
// MiB allocated at one line and freed, then 1 MiB at another, leaves a peak snapshot that holds the
// 10 MiB line and not the later one, while a current snapshot holds only the later one.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  // CHECK-LABEL: peak:
  // CHECK-NEXT: {{.*}}/peak-snapshot.c:[[@LINE+1]]:0 main - size=10485760 count=1 alloc_bytes=10485760 alloc_calls=1
  void *big = malloc(10 << 20);
  free(big);
  // CHECK-NEXT: end
  void *later = malloc(1 << 20);
  allocsite_snapshot *peak = allocsite_take_peak_snapshot();
  api_print_stats("peak", peak, ALLOCSITE_BY_LINE);
  // CHECK-LABEL: now:
  // CHECK-NEXT: {{.*}}/peak-snapshot.c:[[@LINE-4]]:0 main - size=1048576 count=1 alloc_bytes=1048576 alloc_calls=1
  // CHECK-NEXT: {{.*}}/peak-snapshot.c:[[@LINE-8]]:0 main - size=0 count=0 alloc_bytes=10485760 alloc_calls=1
  // CHECK-NEXT: end
  allocsite_snapshot *now = allocsite_take_snapshot();
  api_print_stats("now", now, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(now);
  allocsite_snapshot_free(peak);
  free(later);
  return 0;
}
