// ALLOCSITE_OPTIONS=group_by=file sums the sites of each source file into one entry named by the
// file, with no source line, sorted by live bytes.
// RUN: %clang_allocsite -O0 %s %S/Inputs/report-helper.c -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=group_by=file:symbolize=0 %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

void *helper_alloc(size_t n);
void *helper_pair(size_t n);
char *helper_copy(const char *s);

// Inputs/report-helper.c: 1600 + 500 + 1000 + 10 = 3110 bytes live; this file: 2200.
// CHECK: allocsite report (pid {{[0-9]+}}): 7 sites with live memory
// CHECK-LABEL: top sites by live memory (grouped by file):
// CHECK-NEXT: #1: {{.*}}Inputs/report-helper.c: 3.0 KiB in 4 blocks (alloc: 4 calls, 3.0 KiB)
// CHECK-NEXT: #2: {{.*}}text-report-group-file.c: 2.1 KiB in 3 blocks (alloc: 3 calls, 2.1 KiB)
// CHECK-NEXT: Total live: 5.2 KiB
// CHECK-NOT: {{.}}

void *volatile keep[8];

int main(void) {
  keep[0] = malloc(1000);
  keep[1] = malloc(1000);
  keep[2] = malloc(200);
  keep[3] = helper_alloc(1600);
  keep[4] = helper_pair(500);
  keep[5] = helper_copy("012345678");
  return 0;
}
