// A program using the API builds with plain clang (no pass, no runtime) and runs "not tracing":
// every call has its fallback answer and accepts the NULL snapshots it gets.
// RUN: %clang -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
// RUN: %clang -O2 -I%allocsite_include %s -o %t.O2
// RUN: %run %t.O2 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/allocsite.h"

int main(void) {
  void *p = malloc(100);
  size_t current = 7, peak = 7;
  allocsite_get_traced_memory(&current, &peak);
  // CHECK: is_tracing=0 start=-1 current=0 peak=0 memory=0
  printf("is_tracing=%d start=%d current=%zu peak=%zu memory=%zu\n", allocsite_is_tracing(),
         allocsite_start(), current, peak, allocsite_get_tracemalloc_memory());
  allocsite_stop();
  allocsite_clear_traces();
  allocsite_reset_peak();
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_snapshot *peak_s = allocsite_take_peak_snapshot();
  allocsite_statistic *rows = (allocsite_statistic *)p;
  allocsite_statistic_diff *diffs = (allocsite_statistic_diff *)p;
  size_t n = allocsite_snapshot_statistics(s, ALLOCSITE_BY_LINE, &rows);
  size_t nd = allocsite_snapshot_compare_to(s, peak_s, ALLOCSITE_BY_LINE, &diffs);
  uint64_t blocks = 7, total = allocsite_snapshot_total(s, &blocks);
  // CHECK-NEXT: snapshot=0 peak=0 rows=0 out=0 diffs=0 out=0 total=0 blocks=0
  printf("snapshot=%d peak=%d rows=%zu out=%d diffs=%zu out=%d total=%llu blocks=%llu\n", s != NULL,
         peak_s != NULL, n, rows != NULL, nd, diffs != NULL, (unsigned long long)total,
         (unsigned long long)blocks);
  allocsite_filter f = {.inclusive = 1, .filename_pattern = "*"};
  // CHECK-NEXT: filtered=0 dump=-1 load=0
  printf("filtered=%d dump=%d load=%d\n", allocsite_snapshot_filter_traces(s, &f, 1) != NULL,
         allocsite_snapshot_dump(s, "/dev/null"), allocsite_snapshot_load("/dev/null") != NULL);
  allocsite_snapshot_free(s);
  allocsite_free(rows);
  // CHECK-NEXT: site_of=0 track=-2 untrack=-2 report=0
  printf("site_of=%d track=%d untrack=%d report=%d\n", allocsite_site_of(p) != NULL,
         allocsite_track(1, (uintptr_t)p, 100), allocsite_untrack(1, (uintptr_t)p),
         allocsite_memory_report() != NULL);
  free(p);
  return 0;
}
