/* A plain allocation function, not a wrapper by its code: declared one by the option. */
#include <stdlib.h>

void *my_alloc(size_t n) { return malloc(n); }
