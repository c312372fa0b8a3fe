// A double free under ASan is ASan's to report: the runtime's free hook ignores the unknown
// pointer instead of reporting it (or crashing) first.
// REQUIRES: asan
// RUN: %clang_allocsite -O0 -fsanitize=address %s -o %t
// RUN: env ALLOCSITE_REPORT=1 timeout 60 not %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

int main(void) {
  void *volatile p = malloc(10);
  free(p);
  // CHECK-NOT: allocsite: invalid free
  // CHECK: ERROR: AddressSanitizer: attempting double-free
  // CHECK: in main {{.*}}asan-double-free.c:[[@LINE+1]]
  free(p);
  return 0;
}
