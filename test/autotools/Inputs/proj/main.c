#include <stddef.h>

void *my_alloc(size_t n);

void *volatile keep[2];

int main(void) {
  keep[0] = my_alloc(100); /* line 8 */
  keep[1] = my_alloc(28);  /* line 9 */
  return 0;
}
