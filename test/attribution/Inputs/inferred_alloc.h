/* test/attribution/Inputs/inferred_alloc.h - allocation functions without any annotation: the
 * pass finds the wrappers from their code (issue #13). */
#include <stddef.h>

void *my_xmalloc(size_t n);          /* inferred_alloc.c: malloc, checked: a wrapper */
void *my_xzalloc(size_t n);          /* inferred_alloc.c: my_xmalloc + memset: a wrapper of a wrapper */
void *pool_alloc(size_t n);          /* inferred_alloc.c: also kept in a pool: not a wrapper */
void *my_xrealloc(void *p, size_t n); /* inferred_alloc.c: realloc into its parameter, checked */
char *my_xstrdup(const char *s);     /* inferred_str.c: my_xmalloc from another file + memcpy */
