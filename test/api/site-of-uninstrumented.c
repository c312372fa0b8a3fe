// A block allocated by code built without the pass, called from instrumented code, is charged to
// the instrumented call (SPEC §3): allocsite_site_of names that line, kind "dynamic" (what
// allocated), and the uninstrumented function as "via". With attribute=inner it is the dynamic
// site itself: instrumented=0, the object file, and the function the symbolizer names.
// RUN: %clang -O0 -c %S/Inputs/plain-alloc.c -o %t-plain.o
// RUN: %clang_allocsite -O0 -I%allocsite_include %s %t-plain.o -o %t
// RUN: %run %t | FileCheck %s --check-prefix=USER
// RUN: env ALLOCSITE_OPTIONS=attribute=inner %run %t | FileCheck %s --check-prefix=INNER
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/allocsite.h"

void *plain_alloc(size_t n);

int main(void) {
  // USER: file={{.*}}site-of-uninstrumented.c line=[[@LINE+2]] function=main kind=dynamic instrumented=1 module=(null) offset=0 via=(null):0 plain_alloc
  // INNER: file=(null) line=0 function=plain_alloc kind=dynamic instrumented=0 module={{.*}}site-of-uninstrumented.c.tmp offset=1 via=(null):0 (null)
  void *p = plain_alloc(48);
  const allocsite_site_info *s = allocsite_site_of(p);
  printf("file=%s line=%u function=%s kind=%s instrumented=%d module=%s offset=%d via=%s:%u %s\n",
         s->file, s->line, s->function, s->kind, s->instrumented, s->module,
         s->module_offset != 0, s->via_file, s->via_line, s->via_function);
  free(p);
  return 0;
}
