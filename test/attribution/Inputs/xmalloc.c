/* test/attribution/Inputs/xmalloc.c - the wrapper behind xmalloc.h: exits on failure, like the
 * xmalloc of many C programs. Its malloc is library code (an allocation wrapper), charged to
 * xmalloc's callers. */
#include "xmalloc.h"

#include <stdio.h>
#include <stdlib.h>

void *xmalloc(size_t n) {
  void *p = malloc(n); /* line 10: xmalloc-cross-file.c checks it as the "via" */
  if (!p) {
    fputs("out of memory\n", stderr);
    exit(1);
  }
  return p;
}
