// A filter with a line number matches that line of the matching files only: inclusive keeps just
// it, exclusive drops just it.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_pair(size_t n, void **second);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *a = malloc(100);
  void *f2, *f = helper_pair(50, &f2);
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_filter line8 = {.inclusive = 1, .filename_pattern = "*api-helper.c", .lineno = 8};
  allocsite_snapshot *kept = allocsite_snapshot_filter_traces(s, &line8, 1);
  // CHECK-LABEL: inclusive:
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:8:0 helper_pair - size=50 count=1
  // CHECK-NEXT: end
  api_print_stats("inclusive", kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
  line8.inclusive = 0;
  kept = allocsite_snapshot_filter_traces(s, &line8, 1);
  // CHECK-LABEL: exclusive:
  // CHECK-NEXT: {{.*}}/filter-lineno.c:13:0 main - size=100 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:9:0 helper_pair - size=50 count=1
  // CHECK-NEXT: end
  api_print_stats("exclusive", kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
  allocsite_snapshot_free(s);
  free(a), free(f), free(f2);
  return 0;
}
