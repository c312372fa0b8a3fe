// A dump asked for while another thread allocates and frees as fast as it can: the dump is a valid
// report, the main thread's line is exact, and the program ends normally.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 -I%S/Inputs %s -o %t -lpthread
// RUN: env ALLOCSITE_OPTIONS=dump_signal=USR1:dump_path=%t.dir/d%n.json timeout 60 %run %t %t.dir/d%%d.json | FileCheck %s --check-prefix=OUT
// RUN: %allocsite_cli check %t.dir/d1.json
// RUN: FileCheck %s < %t.dir/d1.json
#include "wait-for.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

void *volatile keep;
volatile int stop;

static void *churn(void *arg) {
  while (!stop)
    free(malloc(64));
  return 0;
}

// OUT: dumped while the other thread allocated
// CHECK: "line": [[@LINE+6]], {{.*}}"live_bytes": 5000, "live_blocks": 1, "alloc_bytes": 5000, "alloc_calls": 1, "free_calls": 0,
int main(int argc, char **argv) {
  pthread_t thread;
  pthread_create(&thread, 0, churn, 0);
  struct timespec ms = {0, 1000 * 1000};
  nanosleep(&ms, 0);
  keep = malloc(5000);
  kill(getpid(), SIGUSR1);
  int dumped = wait_for_file(argv[1], 1);
  stop = 1;
  pthread_join(thread, 0);
  if (!dumped)
    return 1;
  printf("dumped while the other thread allocated\n");
  return 0;
}
