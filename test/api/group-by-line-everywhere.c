// group_by=line means one thing everywhere (docs/report-format.md, "Grouping"): a line is its
// file and line. Two functions on one line hold 8 + 16 bytes: the in-process statistics
// (allocsite_snapshot_statistics / compare_to by line), the runtime's text report and
// `allocsite report` on its JSON each show one 24-byte line, named by its bigger site's function.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=API
// RUN: env ALLOCSITE_REPORT=%t.txt ALLOCSITE_OPTIONS=source=0 %run %t > /dev/null
// RUN: FileCheck %s --check-prefix=TEXT < %t.txt
// RUN: %allocsite_cli report %t.json --no-source | FileCheck %s --check-prefix=TEXT
#include <stdlib.h>

#include "Inputs/api-print.h"

void *volatile kept[2];
// clang-format off
__attribute__((noinline)) void small(void) { kept[0] = malloc(8); } __attribute__((noinline)) void big(void) { kept[1] = malloc(16); }
// clang-format on

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  allocsite_snapshot *before = allocsite_take_snapshot();
  small();
  big();
  allocsite_snapshot *after = allocsite_take_snapshot();
  // API-LABEL: by line:
  // API-NEXT: {{.*}}/group-by-line-everywhere.c:16:0 big - size=24 count=2 alloc_bytes=24 alloc_calls=2
  // API-NEXT: end
  api_print_stats("by line", after, ALLOCSITE_BY_LINE);
  // API-LABEL: by function:
  // API-NEXT: {{.*}}/group-by-line-everywhere.c:0:0 big - size=16 count=1 alloc_bytes=16 alloc_calls=1
  // API-NEXT: {{.*}}/group-by-line-everywhere.c:0:0 small - size=8 count=1 alloc_bytes=8 alloc_calls=1
  // API-NEXT: end
  api_print_stats("by function", after, ALLOCSITE_BY_FUNCTION);
  allocsite_statistic_diff *diff = NULL;
  size_t n = allocsite_snapshot_compare_to(after, before, ALLOCSITE_BY_LINE, &diff);
  // API: compare_to by line: 1 row, +24 B, +2 blocks
  printf("compare_to by line: %zu row, %+lld B, %+lld blocks\n", n,
         n ? (long long)diff[0].size_diff : 0LL, n ? (long long)diff[0].count_diff : 0LL);
  allocsite_free(diff);
  allocsite_snapshot_free(before);
  allocsite_snapshot_free(after);
  return 0;
}
// TEXT: top sites by live memory (grouped by line):
// TEXT-NEXT: #1: {{.*}}/group-by-line-everywhere.c:16: big(): 24 B in 2 blocks (alloc: 2 calls, 24 B)
