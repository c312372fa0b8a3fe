/* test/attribution/Inputs/xmalloc.h - an allocation wrapper declared the usual way: malloc and
 * alloc_size attributes, defined in another file (xmalloc.c). */
#ifndef XMALLOC_H
#define XMALLOC_H
#include <stddef.h>

__attribute__((malloc, alloc_size(1))) void *xmalloc(size_t n);

#endif
