// allocsite_untrack of an address that is not tracked (never, already untracked, or tracked in
// another domain) returns 0 and changes nothing, as PyTraceMalloc_Untrack.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include "Inputs/api-print.h"

static char pool[8192];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t base, current, peak;
  allocsite_get_traced_memory(&base, &peak);
  allocsite_track(4, (uintptr_t)pool, 2000);
  int never = allocsite_untrack(4, (uintptr_t)pool + 16);
  int other_domain = allocsite_untrack(9, (uintptr_t)pool);
  allocsite_get_traced_memory(&current, &peak);
  // CHECK: never=0 other_domain=0 traced=+2000
  printf("never=%d other_domain=%d traced=+%zu\n", never, other_domain, current - base);
  int first = allocsite_untrack(4, (uintptr_t)pool);
  int again = allocsite_untrack(4, (uintptr_t)pool);
  allocsite_get_traced_memory(&current, &peak);
  // CHECK-NEXT: first=0 again=0 traced=+0
  printf("first=%d again=%d traced=+%zu\n", first, again, current - base);
  return 0;
}
