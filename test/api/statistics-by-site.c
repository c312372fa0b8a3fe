// Snapshot.statistics(ALLOCSITE_BY_SITE) ("traceback"): one row per call site, so two calls on one
// line stay apart by column; sorted by live size, then count, descending; alloc_bytes and
// alloc_calls count since tracing started, freed blocks included.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_alloc(size_t n);
void *helper_pair(size_t n, void **second);

// CHECK-LABEL: by site:
// CHECK-NEXT: {{.*}}/Inputs/api-helper.c:5:39 helper_alloc malloc size=1000 count=1 alloc_bytes=1000 alloc_calls=1
// CHECK-NEXT: {{.*}}/statistics-by-site.c:[[@LINE+1]]:39 local malloc size=700 count=2 alloc_bytes=700 alloc_calls=2
static void *local(size_t n) { return malloc(n); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  // CHECK-NEXT: {{.*}}/statistics-by-site.c:[[@LINE+2]]:31 main malloc size=200 count=1 alloc_bytes=200 alloc_calls=1
  // CHECK-NEXT: {{.*}}/statistics-by-site.c:[[@LINE+1]]:13 main malloc size=100 count=1 alloc_bytes=100 alloc_calls=1
  void *a = malloc(100), *b = malloc(200);
  void *c = local(300), *d = local(400);
  void *e = helper_alloc(1000);
  void *f2, *f = helper_pair(50, &f2);
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:8:13 helper_pair malloc size=50 count=1 alloc_bytes=50 alloc_calls=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:9:10 helper_pair malloc size=50 count=1 alloc_bytes=50 alloc_calls=1
  // CHECK-NEXT: {{.*}}/statistics-by-site.c:[[@LINE+1]]:8 main malloc size=0 count=0 alloc_bytes=64 alloc_calls=1
  free(malloc(64));
  // CHECK-NEXT: end
  allocsite_snapshot *s = allocsite_take_snapshot();
  api_print_stats("by site", s, ALLOCSITE_BY_SITE);
  allocsite_snapshot_free(s);
  free(a), free(b), free(c), free(d), free(e), free(f), free(f2);
  return 0;
}
