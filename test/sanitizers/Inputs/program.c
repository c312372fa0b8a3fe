// Every allocation shape at its own line, from the main thread and from four others; what it
// leaves live is the same whatever the allocator underneath. Lines are fixed: the tests name them.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>

void *volatile keep[32];

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++)
    free(malloc(64));
  return malloc(48);
}

// Threads are started apart from the sites under test: what pthread_create allocates inside the
// C library differs between allocators (a sanitizer's interceptor allocates for itself).
static void start_threads(void) {
  pthread_t threads[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&threads[i], 0, worker, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(threads[i], (void **)&keep[20 + i]);
}

int main(void) {
  start_threads();
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(24);
  for (int i = 0; i < 7; i++)
    free(keep[i]);
  keep[10] = strdup("sanitized");
  keep[11] = realloc(malloc(10), 200);
  keep[11] = realloc(keep[11], 150);
  keep[12] = calloc(3, 8);
  keep[13] = aligned_alloc(64, 128);
  posix_memalign((void **)&keep[14], 256, 1000);
  keep[15] = memalign(32, 40);
  keep[16] = strndup("sanitizer", 4);
  free(malloc(5000));
  keep[17] = malloc(200000);
  puts("done");
  return 0;
}
