// Blocks allocated by a thread that has exited (and was joined) stay charged to their site; a
// later thread running the same code (likely on the recycled thread slot and stack) adds to the
// same site, and main frees one block of each thread after they are gone.
// RUN: %clang_allocsite -O0 -pthread %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <pthread.h>
#include <stdlib.h>

void *volatile blocks[2][3];

// CHECK-LABEL: "sites": [
static void *worker(void *arg) {
  void *volatile *out = arg;
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "file": "{{.*}}/threads-exited.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "worker", "linkage_name": "worker", "kind": "malloc", "instrumented": true, "live_bytes": 4000, "live_blocks": 4, "alloc_bytes": 6000, "alloc_calls": 6, "free_calls": 2,
    out[i] = malloc(1000);
  return NULL;
}

int main(void) {
  for (int t = 0; t < 2; t++) {
    pthread_t th;
    pthread_create(&th, NULL, worker, (void *)blocks[t]);
    pthread_join(th, NULL);
    free(blocks[t][0]);
  }
  // CHECK-DAG: "file": "{{.*}}/threads-exited.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 10, "live_blocks": 1, "alloc_bytes": 10, "alloc_calls": 1, "free_calls": 0,
  blocks[0][0] = malloc(10);
  // CHECK: {{^}} ]}
  return 0;
}
