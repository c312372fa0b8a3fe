// allocsite_site_of (tracemalloc.get_object_traceback) of a live block gives the site that
// allocated it: file, line, column, function, kind, instrumented, domain 0; the same answer for
// every block of that site.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "allocsite/allocsite.h"
#include <stdio.h>

static void show(const allocsite_site_info *s) {
  printf("%s:%u:%u function=%s kind=%s instrumented=%d domain=%u module=%s inline_depth=%u\n",
         s->file, s->line, s->column, s->function, s->kind, s->instrumented, s->domain,
         s->module ? s->module : "(null)", s->inline_depth);
}

int main(void) {
  // CHECK: {{.*}}/site-of-live.c:[[@LINE+1]]:13 function=main kind=calloc instrumented=1 domain=0 module=(null) inline_depth=0
  void *a = calloc(3, 10);
  void *b[2];
  for (int i = 0; i < 2; i++)
    // CHECK-NEXT: {{.*}}/site-of-live.c:[[@LINE+1]]:12 function=main kind=malloc instrumented=1 domain=0 module=(null) inline_depth=0
    b[i] = malloc(100 + i);
  show(allocsite_site_of(a));
  show(allocsite_site_of(b[0]));
  // CHECK-NEXT: same=1
  printf("same=%d\n", allocsite_site_of(b[0]) == allocsite_site_of(b[1]));
  free(a), free(b[0]), free(b[1]);
  return 0;
}
