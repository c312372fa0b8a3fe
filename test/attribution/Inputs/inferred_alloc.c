/* test/attribution/Inputs/inferred_alloc.c - wrappers the pass finds without annotation, and a
 * pool that is not one. Line numbers are checked by wrapper-inference-*.c. */
#include "inferred_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *my_xmalloc(size_t n) {
  void *p = malloc(n); /* line 10 */
  if (!p) {
    fputs("out of memory\n", stderr);
    abort();
  }
  return p;
}

void *my_xzalloc(size_t n) {
  void *p = my_xmalloc(n); /* line 19 */
  memset(p, 0, n);
  return p;
}

static void *pool[16];
static int pooled;

void *pool_alloc(size_t n) {
  void *p = malloc(n); /* line 28 */
  if (!p)
    abort();
  pool[pooled++ % 16] = p; /* kept elsewhere too: the pool owns it */
  return p;
}

void *my_xrealloc(void *p, size_t n) {
  p = realloc(p, n); /* line 36: the parameter's own variable, as jq's jv_mem_realloc */
  if (!p)
    abort();
  return p;
}
