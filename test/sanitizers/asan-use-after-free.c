// ASan still reports a use after free as ASan reports it, with the user's lines in its stacks:
// the runtime adds no header and forwards malloc and free unchanged.
// REQUIRES: asan
// RUN: %clang_allocsite -O0 -fsanitize=address %s -o %t
// RUN: env ALLOCSITE_REPORT=1 timeout 60 not %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

int main(void) {
  char *volatile p = malloc(10);
  free(p);
  // CHECK: ERROR: AddressSanitizer: heap-use-after-free on address
  // CHECK: READ of size 1 at
  // CHECK: #0 {{.*}} in main {{.*}}asan-use-after-free.c:[[@LINE+1]]
  return p[3];
  // CHECK: freed by thread T0 here:
  // CHECK: in main {{.*}}asan-use-after-free.c:[[@LINE-6]]
  // CHECK: previously allocated by thread T0 here:
  // CHECK: in main {{.*}}asan-use-after-free.c:[[@LINE-9]]
  // CHECK: SUMMARY: AddressSanitizer: heap-use-after-free
}
