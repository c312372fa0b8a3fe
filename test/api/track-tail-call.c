// A function that ends in `return allocsite_track(...)` is the typical pool wrapper; at -O2 the
// call is a tail call, yet the block must still be charged to the wrapper's line, not to the line
// that called the wrapper.
// RUN: %clang_allocsite -O2 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include "Inputs/api-print.h"

static char pool[1 << 16];

__attribute__((noinline)) static int pool_track(size_t offset, size_t size) {
  // CHECK-LABEL: tracked:
  // CHECK-NEXT: {{.*}}/track-tail-call.c:[[@LINE+1]]:{{[0-9]+}} pool_track tracked domain=6 size=3000 count=2 alloc_bytes=3000 alloc_calls=2
  return allocsite_track(6, (uintptr_t)pool + offset, size);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int r = pool_track(0, 1000);
  r |= pool_track(4096, 2000);
  allocsite_snapshot *s = allocsite_take_snapshot();
  api_print_stats("tracked", s, ALLOCSITE_BY_SITE);
  allocsite_snapshot_free(s);
  // CHECK-NEXT: end
  // CHECK-NEXT: track=0
  printf("track=%d\n", r);
  return 0;
}
