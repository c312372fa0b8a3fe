/* test/api/Inputs/plain-alloc.c - compiled with plain clang (no pass): its malloc is seen only by
 * the runtime's interposed malloc, as a dynamic site named by the symbolizer. */
#include <stdlib.h>

void *plain_alloc(size_t n) { return malloc(n); }
