// A second source file for the report grouping tests: three functions, four allocation sites.
#include <stdlib.h>
#include <string.h>

static void *volatile helper_kept;

void *helper_alloc(size_t n) { return malloc(n); }

void *helper_pair(size_t n) {
  helper_kept = malloc(n);
  return calloc(n, 2);
}

char *helper_copy(const char *s) { return strdup(s); }
