// A report asked for on stderr reaches the stderr the process started with, even when the program
// closes fd 2 before exiting (coreutils' close_stdout does, so `grep` printed no report): the
// runtime keeps a close-on-exec duplicate from start-up. The duplicate is not trusted once the
// program has replaced it (dup2 over it: the report must not land in the program's file) or closed
// it (then fd 2, whatever it is by then, gets the report). The line saying that a report file
// could not be written reaches the initial stderr the same way.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0 %run %t close 2>&1 | FileCheck %s --check-prefix=CLOSE
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=/nonexistent/r.txt %run %t close 2>&1 | FileCheck %s --check-prefix=UNWRITABLE
// RUN: %clang -g -O0 %s -o %t.plain
// RUN: env LD_PRELOAD=%allocsite_runtime ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=stderr %run %t.plain close 2>&1 | FileCheck %s --check-prefix=PRELOAD
// RUN: rm -f %t.clobbered && env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=1 %run %t clobber %t.clobbered 2>&1 | count 0
// RUN: count 0 < %t.clobbered
// RUN: rm -f %t.log && env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0 %run %t redirect %t.log 2>&1 | count 0
// RUN: FileCheck %s --check-prefix=CLOSE < %t.log
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// CLOSE: allocsite report (pid {{[0-9]+}}): 1 site with live memory
// CLOSE-LABEL: top sites by live memory (grouped by line):
// CLOSE-NEXT: #1: {{.*}}stderr-closed.c:[[@LINE+32]]: main(): 10 B in 1 block (alloc: 1 call, 10 B)
// CLOSE-NEXT: Total live: 10 B

// UNWRITABLE: {{^}}allocsite: cannot write report to '/nonexistent/r.txt': No such file or directory{{$}}

// PRELOAD: allocsite report (pid {{[0-9]+}}):
// PRELOAD: stderr-closed.c:[[@LINE+26]]: main() [uninstrumented: {{.*}}]: 10 B in 1 block (alloc: 1 call, 10 B)
// PRELOAD: Total live:

void *volatile keep;

static void close_std_streams(void) {
  close(1);
  close(2);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "close";
  if (strcmp(mode, "clobber") == 0) {
    // Every fd the program did not open itself is made a copy of its own file.
    int file = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (int fd = 3; fd < 4096; fd++)
      if (fd != file && fcntl(fd, F_GETFD) >= 0)
        dup2(file, fd);
  } else if (strcmp(mode, "redirect") == 0) {
    // A daemon: close everything, then send stderr to a log.
    for (int fd = 3; fd < 4096; fd++)
      close(fd);
    int log = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, 2);
    close(log);
  }
  keep = malloc(10);
  if (strcmp(mode, "redirect") != 0)
    atexit(close_std_streams);
  return 0;
}
