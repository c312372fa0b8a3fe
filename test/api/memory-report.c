// allocsite_memory_report() returns SPEC §8's reconciliation as text (release it with
// allocsite_free): traced bytes, block headers, allocator overhead and free memory, the runtime's
// own memory and the rest of RSS, adding up line by line to the process RSS.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocsite/allocsite.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char *big = malloc(3 << 20);
  memset(big, 1, 3 << 20);
  char *text = allocsite_memory_report();
  // CHECK: memory (why traced != RSS):
  // CHECK-NEXT: traced (requested) 3.0 MiB
  // CHECK-NEXT: + block headers {{[0-9]+}} B
  // CHECK-NEXT: + allocator overhead {{.*}}
  // CHECK-NEXT: = allocator in use 3.0 MiB
  // CHECK-NEXT: + allocator free, kept {{.*}}
  // CHECK-NEXT: + runtime's own memory {{.*}}
  // CHECK-NEXT: + code, stacks, data {{.*}}
  // CHECK-NEXT: = RSS {{.*}}
  // CHECK-NEXT: end
  printf("%send\n", text);
  allocsite_free(text);
  free(big);
  return 0;
}
