// ALLOCSITE_OPTIONS=help=1 prints every option with its default, accepted values and description
// on stderr, and the program runs as usual.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_OPTIONS=help=1 %run %t 2>&1 | FileCheck %s
#include <unistd.h>

// CHECK: allocsite: ALLOCSITE_OPTIONS=key=value:key=value...
// CHECK-NEXT: option {{ *}}default {{ *}}accepted {{ *}}description
// CHECK-NEXT: help {{ *}}0 {{ *}}0|1 {{ *}}print this list of options
// CHECK-NEXT: top {{ *}}10 {{ *}}N >= 0 {{ *}}sites listed by the text report (0 = all)
// CHECK-NEXT: group_by {{ *}}line {{ *}}site|line|file|function {{ *}}how the report groups sites
// CHECK-NEXT: min_size {{ *}}0 {{ *}}bytes >= 0 {{ *}}
// CHECK-NEXT: source {{ *}}1 {{ *}}0|1 {{ *}}
// CHECK-NEXT: symbolize {{ *}}running {{ *}}running|1|0 {{ *}}
// CHECK: invalid_free_diag {{ *}}1 {{ *}}0|1 {{ *}}
// CHECK: main ran

int main(void) {
  write(1, "main ran\n", 9);
  return 0;
}
