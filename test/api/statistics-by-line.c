// Snapshot.statistics(ALLOCSITE_BY_LINE) ("lineno"): the sites of one line are one row (column 0),
// sorted by live size, then count, descending.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_alloc(size_t n);
void *helper_pair(size_t n, void **second);

// CHECK-LABEL: by line:
// CHECK-NEXT: {{.*}}/Inputs/api-helper.c:5:0 helper_alloc - size=1000 count=1 alloc_bytes=1000 alloc_calls=1
// CHECK-NEXT: {{.*}}/statistics-by-line.c:[[@LINE+1]]:0 local - size=700 count=2 alloc_bytes=700 alloc_calls=2
static void *local(size_t n) { return malloc(n); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  // CHECK-NEXT: {{.*}}/statistics-by-line.c:[[@LINE+1]]:0 main - size=300 count=2 alloc_bytes=300 alloc_calls=2
  void *a = malloc(100), *b = malloc(200);
  void *c = local(300), *d = local(400);
  void *e = helper_alloc(1000);
  void *f2, *f = helper_pair(50, &f2);
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:8:0 helper_pair - size=50 count=1 alloc_bytes=50 alloc_calls=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:9:0 helper_pair - size=50 count=1 alloc_bytes=50 alloc_calls=1
  // CHECK-NEXT: end
  allocsite_snapshot *s = allocsite_take_snapshot();
  api_print_stats("by line", s, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(s);
  free(a), free(b), free(c), free(d), free(e), free(f), free(f2);
  return 0;
}
