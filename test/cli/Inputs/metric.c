// metric.c N: line 8 keeps N blocks of 1,000 bytes; line 10 makes N * 10 blocks of 100 bytes and
// frees them all; line 12 allocates 50,000 bytes once and frees them (the peak, while line 8's
// blocks are live). Lines are fixed: metric.test names them.
#include <stdlib.h>
void *volatile keep[100], *volatile churn[1000];
int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  for (int i = 0; i < n; i++) keep[i] = malloc(1000);
  for (int i = 0; i < n * 10; i++)
    churn[i] = malloc(100);
  for (int i = 0; i < n * 10; i++) free(churn[i]);
  void *volatile big = malloc(50000);
  free(big);
  return 0;
}
