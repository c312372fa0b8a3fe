// ALLOCSITE_OPTIONS=group_by=function sums the sites of each function into one entry,
// `file: function()`, with no source line, sorted by live bytes.
// RUN: %clang_allocsite -O0 %s %S/Inputs/report-helper.c -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=group_by=function:symbolize=0 %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

void *helper_alloc(size_t n);
void *helper_pair(size_t n);
char *helper_copy(const char *s);

// CHECK: allocsite report (pid {{[0-9]+}}): 8 sites with live memory
// CHECK-LABEL: top sites by live memory (grouped by function):
// CHECK-NEXT: #1: {{.*}}text-report-group-function.c: main(): 2.1 KiB in 3 blocks (alloc: 3 calls, 2.1 KiB)
// CHECK-NEXT: #2: {{.*}}Inputs/report-helper.c: helper_alloc(): 1.6 KiB in 1 block (alloc: 1 call, 1.6 KiB)
// CHECK-NEXT: #3: {{.*}}Inputs/report-helper.c: helper_pair(): 1.5 KiB in 2 blocks (alloc: 2 calls, 1.5 KiB)
// CHECK-NEXT: #4: {{.*}}text-report-group-function.c: leak(): 100 B in 1 block (alloc: 1 call, 100 B)
// CHECK-NEXT: #5: {{.*}}Inputs/report-helper.c: helper_copy(): 10 B in 1 block (alloc: 1 call, 10 B)
// CHECK-NEXT: Total live: 5.3 KiB
// CHECK-NOT: {{.}}

void *volatile keep[8];

static void leak(void) { keep[6] = malloc(100); }

int main(void) {
  keep[0] = malloc(1000);
  keep[1] = malloc(1000);
  keep[2] = malloc(200);
  keep[3] = helper_alloc(1600);
  keep[4] = helper_pair(500);
  keep[5] = helper_copy("012345678");
  leak();
  return 0;
}
