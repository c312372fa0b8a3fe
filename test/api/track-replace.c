// Tracking an address again in the same domain replaces the first block (its size is uncharged);
// the same address in another domain is a separate block.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include "Inputs/api-print.h"

static char pool[8192];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  allocsite_track(1, (uintptr_t)pool, 1000);
  allocsite_track(1, (uintptr_t)pool, 6000);
  allocsite_track(2, (uintptr_t)pool, 500);
  allocsite_snapshot *s = allocsite_take_snapshot();
  // CHECK-LABEL: tracked:
  // CHECK-NEXT: {{.*}}/track-replace.c:12:0 main - domain=1 size=6000 count=1 alloc_bytes=6000 alloc_calls=1
  // CHECK-NEXT: {{.*}}/track-replace.c:13:0 main - domain=2 size=500 count=1 alloc_bytes=500 alloc_calls=1
  // CHECK-NEXT: {{.*}}/track-replace.c:11:0 main - domain=1 size=0 count=0 alloc_bytes=1000 alloc_calls=1
  // CHECK-NEXT: end
  api_print_stats("tracked", s, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(s);
  return 0;
}
