/* test/api/Inputs/api-inline.h - an always_inline allocation function: at -O2 its malloc is a site
 * in this file whose inline chain names the caller's file and line. */
#include <stdlib.h>

__attribute__((always_inline)) static inline void *inline_alloc(size_t n) {
  return malloc(n);
}
