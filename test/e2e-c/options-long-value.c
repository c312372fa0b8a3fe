// A bad option value or unknown key of any length still gives the whole one-line error: the middle
// of the user's text is elided (200 bytes kept), never the end of the line saying what is accepted.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: %python -c "import os, sys; os.environ['ALLOCSITE_OPTIONS'] = 'group_by=' + 'x' * 1000 + 'END:' + 'k' * 900 + '=1'; os.execv(sys.argv[1], sys.argv[1:])" %t 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=allocsite:
#include <unistd.h>

// CHECK: allocsite: bad value 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxEND' for option 'group_by' in ALLOCSITE_OPTIONS (accepted: site|line|file|function){{$}}
// CHECK-NEXT: allocsite: unknown option 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk' in ALLOCSITE_OPTIONS (known: help, top, group_by, {{.*}}){{$}}
// CHECK-NEXT: main ran

int main(void) {
  write(1, "main ran\n", 9);
  return 0;
}
