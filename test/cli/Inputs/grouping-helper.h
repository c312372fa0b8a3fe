// A header of the grouping fixture (grouping.c): a second file, and an inline function whose one
// allocation line is inlined into several callers.
#include <stdlib.h>

static inline void *helper_alloc(size_t n) { return malloc(n); }
