// Snapshot.filter_traces with one exclusive filename filter (tracemalloc.Filter(False, pattern))
// drops the sites whose file matches and keeps everything else.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_alloc(size_t n);
void *helper_pair(size_t n, void **second);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  // CHECK-LABEL: kept:
  // CHECK-NEXT: {{.*}}/filter-filename-exclusive.c:[[@LINE+1]]:0 main - size=100 count=1
  void *a = malloc(100);
  void *e = helper_alloc(1000);
  void *f2, *f = helper_pair(50, &f2);
  // CHECK-NEXT: end
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_filter no_helper = {.inclusive = 0, .filename_pattern = "*/api-helper.c"};
  allocsite_snapshot *kept = allocsite_snapshot_filter_traces(s, &no_helper, 1);
  api_print_stats("kept", kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
  allocsite_snapshot_free(s);
  free(a), free(e), free(f), free(f2);
  return 0;
}
