// A static function that only the program's own code calls need not put the attribution context
// back (pass/CallContext.h): `note` below leaves it at its call to srand. A callback that library
// code enters, `compare`, does put it back after calling `note`, so that the node tsearch
// allocates once `compare` has returned is charged to main's call of tsearch, not to `note`'s call
// of srand. At -O2 and -O0 (where `compare` calls `note` too).
// RUN: %clang_allocsite -O2 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.txt %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.txt
// RUN: %clang_allocsite -O0 %s -o %t.O0
// RUN: env ALLOCSITE_REPORT=%t.O0.txt %run %t.O0 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.O0.txt
// RUN: %clang_allocsite -O2 %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
#include <search.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned calls;

__attribute__((noinline)) static void note(void) { srand(calls++); }

// IR-LABEL: define internal i32 @compare(
// IR: [[SAVED:%[0-9a-z.]+]] = load {{.*}}@__allocsite_context
// IR-NEXT: call {{.*}}void @note()
// IR-NEXT: store {{.*}} [[SAVED]], {{.*}}@__allocsite_context
// IR-LABEL: define internal {{.*}}void @note(
// IR-NOT: load {{.*}}@__allocsite_context
// IR: store {{.*}}@allocsite.site{{.*}}, {{.*}}@__allocsite_context
// IR-NEXT: call void @srand(
// IR-NEXT: ret void
static int compare(const void *a, const void *b) {
  note();
  return *(const int *)a - *(const int *)b;
}

static int keys[5] = {30, 10, 50, 20, 40};

// CHECK-LABEL: top sites by live memory (grouped by line):
// CHECK-NOT: note()
// CHECK: callback-leaves-context.c:[[@LINE+8]]: main(): 120 B in 5 blocks (alloc: 5 calls, 120 B)
// CHECK-NEXT: tsearch(&keys[i], &root, compare);
// CHECK-NEXT: via __tsearch()
// CHECK-NOT: note()
int main(void) {
  void *root = NULL;
  for (int i = 0; i < 5; i++)
    // OUT-NOT: invalid
    tsearch(&keys[i], &root, compare);
  // OUT: compared=6
  printf("compared=%u\n", calls);
  return 0;
}
