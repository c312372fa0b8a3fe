// Snapshot.statistics(ALLOCSITE_BY_FILE) ("filename"): one row per source file, summing every site
// in it, sorted by live size.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_alloc(size_t n);
void *helper_pair(size_t n, void **second);

static void *local(size_t n) { return malloc(n); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *a = malloc(100), *b = malloc(200);
  void *c = local(300), *d = local(400);
  void *e = helper_alloc(1000);
  void *f2, *f = helper_pair(50, &f2);
  free(b);
  allocsite_snapshot *s = allocsite_take_snapshot();
  // CHECK-LABEL: by file:
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:0:0 - - size=1100 count=3 alloc_bytes=1100 alloc_calls=3
  // CHECK-NEXT: {{.*}}/statistics-by-file.c:0:0 - - size=800 count=3 alloc_bytes=1000 alloc_calls=4
  // CHECK-NEXT: end
  api_print_stats("by file", s, ALLOCSITE_BY_FILE);
  allocsite_snapshot_free(s);
  free(a), free(c), free(d), free(e), free(f), free(f2);
  return 0;
}
