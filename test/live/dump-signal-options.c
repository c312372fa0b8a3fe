// dump_signal's values: a name that is no signal is one line and the program runs on without
// dumps; a handler the program installs later keeps its signal, and one line says dumps on it
// stop.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_OPTIONS=dump_signal=SIGFOO timeout 60 %run %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env ALLOCSITE_OPTIONS=dump_signal=SIGUSR2:dump_path=%t.never.json timeout 60 %run %t install 2>&1 | FileCheck %s --check-prefix=OWN
// RUN: not ls %t.never.json
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// BAD: allocsite: bad value 'SIGFOO' for option 'dump_signal' in ALLOCSITE_OPTIONS (accepted: a signal name such as SIGUSR2, or its number)
// BAD-NEXT: ran
// OWN: allocsite: the program installed its own handler for SIGUSR2; it keeps it, and dumps on that signal stop
// OWN-NEXT: the program's handler ran
// OWN-NOT: allocsite
static volatile sig_atomic_t handled;
static void own_handler(int sig) { handled = 1; }

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "install") == 0) {
    signal(SIGUSR2, own_handler);
    struct timespec wait = {1, 300 * 1000 * 1000}; // the runtime looks once a second
    nanosleep(&wait, 0);
    kill(getpid(), SIGUSR2);
    if (handled)
      printf("the program's handler ran\n");
    return 0;
  }
  printf("ran\n");
  return 0;
}
