// The attribution context is per thread: two threads call into libc at the same time, each from
// its own line, 1000 times (freeing all but the last result); each thread's memory is charged to
// its own line with exact counts, never to the other thread's. Each pthread_create's DTV (288
// bytes, calloc'ed inside glibc and kept with the cached stack after the join) is charged to its
// pthread_create line.
// RUN: %clang_allocsite -O0 -pthread %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -pthread %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
// All the live memory is in the four entries below.
// CHECK: "totals": {"live_bytes": 583, "live_blocks": 4,
#include <pthread.h>
#include <stdlib.h>

enum { kRounds = 1000 };
static pthread_barrier_t start;
char *volatile kept[2];

static void *root_paths(void *arg) {
  (void)arg;
  pthread_barrier_wait(&start);
  for (int i = 0; i < kRounds; i++) {
    // CHECK-DAG: "file": "{{.*}}/threads.c", "line": [[@LINE+1]], "column": 15, "function": "root_paths", "linkage_name": "root_paths", "kind": "dynamic", "instrumented": true, "live_bytes": 2, "live_blocks": 1, "alloc_bytes": 2000, "alloc_calls": 1000, "free_calls": 999, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    char *p = realpath("/", NULL);
    free(kept[0]);
    kept[0] = p;
  }
  return NULL;
}

static void *usr_paths(void *arg) {
  (void)arg;
  pthread_barrier_wait(&start);
  for (int i = 0; i < kRounds; i++) {
    // CHECK-DAG: "file": "{{.*}}/threads.c", "line": [[@LINE+1]], "column": 15, "function": "usr_paths", "linkage_name": "usr_paths", "kind": "dynamic", "instrumented": true, "live_bytes": 5, "live_blocks": 1, "alloc_bytes": 5000, "alloc_calls": 1000, "free_calls": 999, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    char *p = realpath("/usr", NULL);
    free(kept[1]);
    kept[1] = p;
  }
  return NULL;
}

int main(void) {
  pthread_t t[2];
  pthread_barrier_init(&start, NULL, 2);
  // CHECK-DAG: "file": "{{.*}}/threads.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 288, "live_blocks": 1, "alloc_bytes": 288, "alloc_calls": 1,
  pthread_create(&t[0], NULL, root_paths, NULL);
  // CHECK-DAG: "file": "{{.*}}/threads.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 288, "live_blocks": 1, "alloc_bytes": 288, "alloc_calls": 1,
  pthread_create(&t[1], NULL, usr_paths, NULL);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  return 0;
}
