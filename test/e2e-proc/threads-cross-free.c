// Two threads allocate at their own lines, then each frees blocks the other one allocated while
// both are still running, and main frees more after they exited: every free uncharges the site
// that allocated the block, whichever thread frees it.
// RUN: %clang_allocsite -O0 -pthread %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <pthread.h>
#include <stdlib.h>

enum { NA = 100, NB = 50 };
void *volatile a[NA], *volatile b[NB];
static pthread_barrier_t allocated;

// CHECK-LABEL: "sites": [
static void *thread_a(void *arg) {
  (void)arg;
  for (int i = 0; i < NA; i++)
    // CHECK-DAG: "file": "{{.*}}/threads-cross-free.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "thread_a", "linkage_name": "thread_a", "kind": "malloc", "instrumented": true, "live_bytes": 400, "live_blocks": 25, "alloc_bytes": 1600, "alloc_calls": 100, "free_calls": 75,
    a[i] = malloc(16);
  pthread_barrier_wait(&allocated);
  for (int i = 0; i < 40; i++) // 40 of b's blocks
    free(b[i]);
  return NULL;
}

static void *thread_b(void *arg) {
  (void)arg;
  for (int i = 0; i < NB; i++)
    // CHECK-DAG: "file": "{{.*}}/threads-cross-free.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "thread_b", "linkage_name": "thread_b", "kind": "malloc", "instrumented": true, "live_bytes": 240, "live_blocks": 10, "alloc_bytes": 1200, "alloc_calls": 50, "free_calls": 40,
    b[i] = malloc(24);
  pthread_barrier_wait(&allocated);
  for (int i = 0; i < 70; i++) // 70 of a's blocks
    free(a[i]);
  return NULL;
}
// CHECK: {{^}} ]}

int main(void) {
  pthread_t ta, tb;
  pthread_barrier_init(&allocated, NULL, 2);
  pthread_create(&ta, NULL, thread_a, NULL);
  pthread_create(&tb, NULL, thread_b, NULL);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  for (int i = 70; i < 75; i++) // 5 more of a's, by main, after both threads are gone
    free(a[i]);
  return 0;
}
