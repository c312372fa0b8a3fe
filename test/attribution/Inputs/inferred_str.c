/* test/attribution/Inputs/inferred_str.c - a wrapper of a wrapper defined in another file
 * (inferred_alloc.c): my_xmalloc's memory is charged to my_xstrdup's callers. */
#include "inferred_alloc.h"

#include <string.h>

char *my_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = my_xmalloc(n); /* line 9 */
  memcpy(p, s, n);
  return p;
}
