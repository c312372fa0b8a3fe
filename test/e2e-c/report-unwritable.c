// A report path that cannot be written prints one line on stderr naming the path and the reason,
// for a text and a JSON path alike; the program's exit status is its own (3 here, from exit()).
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=/nonexistent/dir/r.txt %python %S/Inputs/exit-status.py %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TEXT --implicit-check-not=allocsite
// RUN: env ALLOCSITE_REPORT=/nonexistent/dir/r.json %python %S/Inputs/exit-status.py %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=JSON --implicit-check-not=allocsite
#include <stdlib.h>
#include <unistd.h>

// TEXT: main ran
// TEXT-NEXT: allocsite: cannot write report to '/nonexistent/dir/r.txt': No such file or directory
// TEXT-NEXT: exit status 3

// JSON: main ran
// JSON-NEXT: allocsite: cannot write report to '/nonexistent/dir/r.json': No such file or directory
// JSON-NEXT: exit status 3

void *volatile keep;

int main(void) {
  keep = malloc(10);
  write(2, "main ran\n", 9);
  exit(3);
}
