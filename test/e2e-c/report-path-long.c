// A report path too long for the 1,024-byte diagnostic line keeps the line's end, the reason: the
// middle of the path is elided, the line is 1,023 bytes and a newline. A 2,010-byte path in a
// directory that does not exist, and an ALLOCSITE_REPORT longer than any path (5,000 bytes).
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: %python %S/Inputs/run-with-report.py --long-path 2010 %t 2>&1 | FileCheck %s --check-prefix=NOENT
// RUN: %python %S/Inputs/run-with-report.py --long-path 5000 %t 2>&1 | FileCheck %s --check-prefix=LONG
#include <stdlib.h>
#include <unistd.h>

// NOENT: main ran
// NOENT-NEXT: allocsite: cannot write report to '/nonexistent/abcdefghi/{{[a-i/]+}}...{{[a-i/]+}}/r.txt': No such file or directory{{$}}
// NOENT-NEXT: stderr line lengths: 8 1023
// NOENT-NEXT: exit status 3

// LONG: main ran
// LONG-NEXT: allocsite: cannot write report to '/nonexistent/abcdefghi/{{[a-i/]+}}...{{[a-i/]+}}/r.txt': File name too long{{$}}
// LONG-NEXT: stderr line lengths: 8 1023
// LONG-NEXT: exit status 3

void *volatile keep;

int main(void) {
  keep = malloc(10);
  write(2, "main ran\n", 9);
  exit(3);
}
