/* test/api/Inputs/api-helper.c - a second source file for the statistics and filter tests: two
 * functions, three allocation lines. */
#include <stdlib.h>

void *helper_alloc(size_t n) { return malloc(n); }

void *helper_pair(size_t n, void **second) {
  *second = malloc(n);
  return malloc(n);
}
