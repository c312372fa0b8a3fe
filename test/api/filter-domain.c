// tracemalloc.DomainFilter: by_domain filters compare only the domain (0 for memory from the
// allocator, the allocsite_track domain otherwise), inclusive or exclusive.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

static char pool_a[8192], pool_b[8192];

static void show(const char *label, const allocsite_snapshot *s, int inclusive, unsigned domain) {
  allocsite_filter f = {.inclusive = inclusive, .by_domain = 1, .domain = domain};
  allocsite_snapshot *kept = allocsite_snapshot_filter_traces(s, &f, 1);
  api_print_stats(label, kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *heap = malloc(100);
  allocsite_track(5, (uintptr_t)pool_a, 4000);
  allocsite_track(7, (uintptr_t)pool_b, 3000);
  allocsite_snapshot *s = allocsite_take_snapshot();
  // CHECK-LABEL: domain 5:
  // CHECK-NEXT: {{.*}}/filter-domain.c:21:0 main - domain=5 size=4000 count=1
  // CHECK-NEXT: end
  show("domain 5", s, 1, 5);
  // CHECK-LABEL: not domain 0:
  // CHECK-NEXT: {{.*}}/filter-domain.c:21:0 main - domain=5 size=4000 count=1
  // CHECK-NEXT: {{.*}}/filter-domain.c:22:0 main - domain=7 size=3000 count=1
  // CHECK-NEXT: end
  show("not domain 0", s, 0, 0);
  // CHECK-LABEL: domain 0:
  // CHECK-NEXT: {{.*}}/filter-domain.c:20:0 main - size=100 count=1
  // CHECK-NEXT: end
  show("domain 0", s, 1, 0);
  allocsite_snapshot_free(s);
  free(heap);
  return 0;
}
