// allocsite-clang builds, instruments and links in one step; the JSON report names this line, and
// `allocsite report` reads it back.
// RUN: %clang_allocsite -O1 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: %allocsite_cli report %t.json | FileCheck %s
// RUN: %allocsite_cli run -- %t | FileCheck %s --check-prefix=CLI
#include <stdlib.h>

int main(void) {
  for (int i = 0; i < 3; i++) {
    void *volatile p = malloc(1000);
    (void)p;
  }
  return 0;
}
// CHECK: #1: {{.*}}end-to-end.c:[[@LINE-5]]: main(): 2.9 KiB in 3 blocks (alloc: 3 calls, 2.9 KiB)
// CHECK-NEXT: void *volatile p = malloc(1000);
// CLI: #1: {{.*}}end-to-end.c:[[@LINE-7]]: main(): 2.9 KiB in 3 blocks (alloc: 3 calls, 2.9 KiB)
