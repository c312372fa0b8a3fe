// Snapshot.filter_traces with one inclusive filename filter (tracemalloc.Filter(True, pattern))
// keeps only the sites whose file matches; '*' matches '/' too.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %S/Inputs/api-helper.c -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

void *helper_alloc(size_t n);
void *helper_pair(size_t n, void **second);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *a = malloc(100);
  void *e = helper_alloc(1000);
  void *f2, *f = helper_pair(50, &f2);
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_filter only_helper = {.inclusive = 1, .filename_pattern = "*/Inputs/api-helper.c"};
  allocsite_snapshot *kept = allocsite_snapshot_filter_traces(s, &only_helper, 1);
  // CHECK-LABEL: kept:
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:5:0 helper_alloc - size=1000 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:8:0 helper_pair - size=50 count=1
  // CHECK-NEXT: {{.*}}/Inputs/api-helper.c:9:0 helper_pair - size=50 count=1
  // CHECK-NEXT: end
  api_print_stats("kept", kept, ALLOCSITE_BY_LINE);
  uint64_t blocks, bytes = allocsite_snapshot_total(kept, &blocks);
  // CHECK-NEXT: total=1100 blocks=3
  printf("total=%llu blocks=%llu\n", (unsigned long long)bytes, (unsigned long long)blocks);
  allocsite_snapshot_free(kept);
  allocsite_snapshot_free(s);
  free(a), free(e), free(f), free(f2);
  return 0;
}
