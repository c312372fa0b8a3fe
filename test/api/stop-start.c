// allocsite_stop() is tracemalloc.stop(): tracing stops and the traces are forgotten (traced
// memory 0, empty statistics), blocks allocated while stopped are never counted, and tracking is
// refused (-2). allocsite_start() resumes from zero: freeing a block from before the stop does not
// make anything negative.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

static char pool[64];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *before = malloc(1000);
  size_t current, peak;

  allocsite_stop();
  allocsite_get_traced_memory(&current, &peak);
  // CHECK: stopped: is_tracing=0 current=0 peak=0 track=-2 untrack=-2
  printf("stopped: is_tracing=%d current=%zu peak=%zu track=%d untrack=%d\n", allocsite_is_tracing(),
         current, peak, allocsite_track(1, (uintptr_t)pool, 64), allocsite_untrack(1, (uintptr_t)pool));
  void *untraced = malloc(5000);
  allocsite_snapshot *s = allocsite_take_snapshot();
  // CHECK-LABEL: while stopped:
  // CHECK-NEXT: end
  api_print_stats("while stopped", s, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(s);

  // CHECK: start=0 is_tracing=1
  int started = allocsite_start();
  printf("start=%d is_tracing=%d\n", started, allocsite_is_tracing());
  free(before);
  free(untraced);
  void *after = malloc(300);
  allocsite_get_traced_memory(&current, &peak);
  // CHECK-NEXT: restarted: current=300 peak=300
  printf("restarted: current=%zu peak=%zu\n", current, peak);
  s = allocsite_take_snapshot();
  // CHECK-LABEL: after restart:
  // CHECK-NEXT: {{.*}}stop-start.c:[[#@LINE-6]]:{{[0-9]+}} main malloc size=300 count=1 alloc_bytes=300 alloc_calls=1
  // CHECK-NEXT: end
  api_print_stats("after restart", s, ALLOCSITE_BY_SITE);
  allocsite_snapshot_free(s);
  free(after);
  return 0;
}
