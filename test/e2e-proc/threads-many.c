// Many threads: 200 threads alive at once each leak one 10-byte block at one line, then 1000
// short-lived threads, one after the other, each leak one 3-byte block at another line. Every
// block is counted, none is lost when a thread exits or its slot is reused.
// RUN: %clang_allocsite -O0 -pthread %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <pthread.h>
#include <stdlib.h>

enum { CONCURRENT = 200, SEQUENTIAL = 1000 };
void *volatile leak;
static pthread_barrier_t all_alive;

// CHECK-LABEL: "sites": [
static void *concurrent(void *arg) {
  (void)arg;
  // CHECK-DAG: "file": "{{.*}}/threads-many.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "concurrent", "linkage_name": "concurrent", "kind": "malloc", "instrumented": true, "live_bytes": 2000, "live_blocks": 200, "alloc_bytes": 2000, "alloc_calls": 200, "free_calls": 0,
  leak = malloc(10);
  pthread_barrier_wait(&all_alive);
  return NULL;
}

static void *sequential(void *arg) {
  (void)arg;
  // CHECK-DAG: "file": "{{.*}}/threads-many.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "sequential", "linkage_name": "sequential", "kind": "malloc", "instrumented": true, "live_bytes": 3000, "live_blocks": 1000, "alloc_bytes": 3000, "alloc_calls": 1000, "free_calls": 0,
  leak = malloc(3);
  return NULL;
}
// CHECK: {{^}} ]}

int main(void) {
  static pthread_t threads[CONCURRENT];
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_barrier_init(&all_alive, NULL, CONCURRENT);
  for (int i = 0; i < CONCURRENT; i++)
    if (pthread_create(&threads[i], &attr, concurrent, NULL) != 0)
      return 1;
  for (int i = 0; i < CONCURRENT; i++)
    pthread_join(threads[i], NULL);
  for (int i = 0; i < SEQUENTIAL; i++) {
    pthread_t th;
    if (pthread_create(&th, &attr, sequential, NULL) != 0)
      return 1;
    pthread_join(th, NULL);
  }
  return 0;
}
