// The static runtime reads ALLOCSITE_OPTIONS like the shared one. It starts from .preinit_array,
// before libc has set up `environ`, so it must not miss the variable there.
// RUN: %clang -O0 -fpass-plugin=%allocsite_plugin -gline-tables-only %s -o %t \
// RUN:   -Wl,--whole-archive %allocsite_static -Wl,--no-whole-archive -ldl -lpthread
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=top=1:no_such_option=1 %run %t 2>&1 | FileCheck %s
#include <stdlib.h>

// CHECK: allocsite: unknown option 'no_such_option' in ALLOCSITE_OPTIONS
// CHECK-LABEL: top sites by live memory
// CHECK-NEXT: #1: {{.*}}static-runtime-options.c:[[@LINE+7]]: main(): 300 B in 1 block
// CHECK-NOT: #2:
// CHECK: 1 other site: 200 B

void *volatile keep[2];

int main(void) {
  keep[0] = malloc(300);
  keep[1] = malloc(200);
  return 0;
}
