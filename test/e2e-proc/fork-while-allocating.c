// fork() while other threads allocate, create threads and new sites: the runtime takes its locks
// around fork, so a child never inherits one held by a thread that does not exist in it. Each of
// 100 children allocates at a site of its own (new dynamic and instrumented sites, a new thread
// state chunk) and exits; the parent must see every child exit normally within the time limit.
// RUN: %clang_allocsite -O1 -pthread %s -o %t
// RUN: %python -c "import subprocess,sys; r=subprocess.run([sys.argv[1]], timeout=120, capture_output=True, text=True); print(r.stdout, end=''); sys.exit(r.returncode)" %t | FileCheck %s
// CHECK: children ok: 100
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;

static void *short_thread(void *arg) {
  free(malloc(64 + (size_t)arg));
  return NULL;
}

static void *churn(void *arg) {
  (void)arg;
  unsigned long n = 0;
  while (!atomic_load(&stop)) {
    pthread_t t;
    if (pthread_create(&t, NULL, short_thread, (void *)(n++ % 100)) == 0)
      pthread_join(t, NULL);
    char *s = strdup("churn");
    free(s);
  }
  return NULL;
}

int main(void) {
  pthread_t workers[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&workers[i], NULL, churn, NULL);
  int ok = 0;
  for (int i = 0; i < 100; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      void *p = calloc(1, 100 + i); // allocates, and may need a new chunk or site
      char *q = strdup("child");
      _exit(p && q ? 0 : 1);
    }
    int status;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
      ok++;
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 2; i++)
    pthread_join(workers[i], NULL);
  printf("children ok: %d\n", ok);
  return 0;
}
