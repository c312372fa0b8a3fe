// A block allocated by code built without the pass has a dynamic site: allocsite_site_of says
// instrumented=0, kind "dynamic", the object file, and the function the symbolizer names.
// RUN: %clang -O0 -c %S/Inputs/plain-alloc.c -o %t-plain.o
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %t-plain.o -o %t
// RUN: %run %t | FileCheck %s
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/allocsite.h"

void *plain_alloc(size_t n);

int main(void) {
  void *p = plain_alloc(48);
  const allocsite_site_info *s = allocsite_site_of(p);
  // CHECK: kind=dynamic instrumented=0 function=plain_alloc module={{.*}}site-of-uninstrumented.c.tmp offset=1
  printf("kind=%s instrumented=%d function=%s module=%s offset=%d\n", s->kind, s->instrumented,
         s->function, s->module, s->module_offset != 0);
  free(p);
  return 0;
}
