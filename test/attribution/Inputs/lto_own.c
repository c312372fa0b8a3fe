// The other file of lto-own-code.c: the program's own code it calls across files.
#include <search.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) int twice(int i) { return 2 * i; }

char *own_copy(const char *s) {
  return strdup(s); // LTO-OWN-COPY
}

// tsearch calls back into the program's own code, which calls more of it in a loop and a library
// function, then allocates its node: charged to own_tsearch's line, not to the callback's calls.
static int compare_keys(const void *a, const void *b) {
  char buffer[16];
  int sum = 0;
  for (int i = 0; i < 3; i++)
    sum += twice(i);
  snprintf(buffer, sizeof buffer, "%d", sum);
  return *(const int *)a - *(const int *)b + (buffer[0] != '6');
}

void own_tsearch(int *key, void **root) {
  tsearch(key, root, compare_keys); // LTO-OWN-TSEARCH
}
