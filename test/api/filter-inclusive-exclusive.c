// Inclusive and exclusive filters together: a site is kept when it matches at least one inclusive
// filter and no exclusive one (exclusive wins). No filters at all keep every site.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_alloc(size_t n);
void *helper_pair(size_t n, void **second);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *a = malloc(100);
  void *b = malloc(200);
  void *e = helper_alloc(1000);
  void *f2, *f = helper_pair(50, &f2);
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_filter filters[] = {
      {.inclusive = 1, .filename_pattern = "*/Inputs/api-helper.c"},
      {.inclusive = 1, .filename_pattern = "*/filter-inclusive-exclusive.c", .lineno = 15},
      {.inclusive = 0, .filename_pattern = "*/Inputs/*", .lineno = 5},
  };
  allocsite_snapshot *kept = allocsite_snapshot_filter_traces(s, filters, 3);
  // CHECK-LABEL: kept:
  // CHECK-NEXT: {{.*}}/filter-inclusive-exclusive.c:15:0 main - size=200 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:8:0 helper_pair - size=50 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:9:0 helper_pair - size=50 count=1
  // CHECK-NEXT: end
  api_print_stats("kept", kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
  kept = allocsite_snapshot_filter_traces(s, NULL, 0);
  // CHECK-LABEL: no filters:
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:5:0 helper_alloc - size=1000 count=1
  // CHECK-NEXT: {{.*}}/filter-inclusive-exclusive.c:15:0 main - size=200 count=1
  // CHECK-NEXT: {{.*}}/filter-inclusive-exclusive.c:14:0 main - size=100 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:8:0 helper_pair - size=50 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:9:0 helper_pair - size=50 count=1
  // CHECK-NEXT: end
  api_print_stats("no filters", kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
  allocsite_snapshot_free(s);
  free(a), free(b), free(e), free(f), free(f2);
  return 0;
}
