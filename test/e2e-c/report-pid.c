// %p in ALLOCSITE_REPORT becomes the process id, in a JSON and a text path alike (%% is lit's
// escape for a literal %). The program writes its pid, as getpid() gives it, to the file named by
// its first argument.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env ALLOCSITE_REPORT=%t.dir/report.%%p.json %run %t %t.dir/pid-json
// RUN: env ALLOCSITE_REPORT=%t.dir/report.%%p.txt %run %t %t.dir/pid-text
// RUN: ls %t.dir > %t.ls
// RUN: cat %t.dir/pid-json %t.ls | FileCheck %s --check-prefix=JSON-NAME
// RUN: cat %t.dir/pid-text %t.ls | FileCheck %s --check-prefix=TEXT-NAME
// RUN: cat %t.dir/pid-json %t.dir/report.*.json | FileCheck %s --check-prefix=JSON
// RUN: cat %t.dir/pid-text %t.dir/report.*.txt | FileCheck %s --check-prefix=TEXT
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

// JSON-NAME: pid [[PID:[0-9]+]]
// JSON-NAME: report.[[PID]].json

// TEXT-NAME: pid [[PID:[0-9]+]]
// TEXT-NAME: report.[[PID]].txt

// JSON: pid [[PID:[0-9]+]]
// JSON-NEXT: {"format": "allocsite", "version": 1, "pid": [[PID]],
// JSON-NEXT: "totals": {"live_bytes": 42, "live_blocks": 1,

// TEXT: pid [[PID:[0-9]+]]
// TEXT-NEXT: allocsite report (pid [[PID]]): 1 site with live memory

void *volatile keep;

int main(int argc, char **argv) {
  char buf[32];
  size_t i = sizeof buf;
  unsigned pid = (unsigned)getpid();
  buf[--i] = '\n';
  do
    buf[--i] = (char)('0' + pid % 10);
  while ((pid /= 10) != 0);
  buf[--i] = ' ';
  buf[--i] = 'd';
  buf[--i] = 'i';
  buf[--i] = 'p';
  int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf + i, sizeof buf - i);
  close(fd);
  keep = malloc(42);
  return 0;
}
