/* Two leaks at known lines, for the installed-tree tests. */
#include <stdlib.h>
void *volatile keep[3];
int main(void) {
  keep[0] = malloc(100); /* line 5 */
  keep[1] = malloc(200); /* line 6 */
  keep[2] = malloc(200); /* line 7 */
  return 0;
}
