// A report to a FIFO never hangs the exit. Nobody opens it for reading: the runtime waits 2 s,
// then prints one line and the program exits with its own status (before, open(2) blocked
// forever; `timeout` on the program makes a regression fail instead of stalling the suite). A reader that comes
// late, within the 2 s, gets the whole report.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: rm -f %t.fifo && mkfifo %t.fifo
// RUN: env ALLOCSITE_REPORT=%t.fifo %python %S/Inputs/exit-status.py timeout 20 %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOREADER -DFIFO=%t.fifo --implicit-check-not=allocsite
// RUN: %python %S/Inputs/fifo-reader.py %t.fifo 0.5 timeout 20 %t | FileCheck %s --check-prefix=LATE
#include <stdlib.h>
#include <unistd.h>

// NOREADER: main ran
// NOREADER-NEXT: allocsite: cannot write report to '[[FIFO]]': a FIFO that no process opened for reading within 2 s
// NOREADER-NEXT: exit status 3

// LATE: read from the FIFO:
// LATE-NEXT: allocsite report (pid {{[0-9]+}}): 1 site with live memory
// LATE: Total live: 10 B
// LATE-NEXT: exit status 3

void *volatile keep;

int main(void) {
  keep = malloc(10);
  write(2, "main ran\n", 9);
  exit(3);
}
