// allocsite_track (PyTraceMalloc_Track) charges the block to the line that calls it, as a
// "tracked" site in the given domain, adding to traced memory; allocsite_untrack uncharges it.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
// RUN: %clang_allocsite -O2 -I%allocsite_include %s -o %t.O2
// RUN: %run %t.O2 | FileCheck %s
#include "Inputs/api-print.h"

static char pool[1 << 16];
static int results[2];

__attribute__((noinline)) static void reserve(int i, unsigned domain, size_t offset, size_t size) {
  // CHECK-LABEL: tracked:
  // CHECK-NEXT: {{.*}}/track-caller-line.c:[[@LINE+1]]:{{[0-9]+}} reserve tracked domain=3 size=5000 count=2 alloc_bytes=5000 alloc_calls=2
  results[i] = allocsite_track(domain, (uintptr_t)pool + offset, size);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t before, after, peak;
  allocsite_get_traced_memory(&before, &peak);
  reserve(0, 3, 0, 4096);
  reserve(1, 3, 8192, 904);
  allocsite_get_traced_memory(&after, &peak);
  allocsite_snapshot *s = allocsite_take_snapshot();
  api_print_stats("tracked", s, ALLOCSITE_BY_SITE);
  allocsite_snapshot_free(s);
  // CHECK-NEXT: end
  // CHECK-NEXT: track=0,0 traced=+5000
  printf("track=%d,%d traced=+%zu\n", results[0], results[1], after - before);
  int u = allocsite_untrack(3, (uintptr_t)pool);
  allocsite_get_traced_memory(&after, &peak);
  // CHECK-NEXT: untrack=0 traced=+904
  printf("untrack=%d traced=+%zu\n", u, after - before);
  return 0;
}
