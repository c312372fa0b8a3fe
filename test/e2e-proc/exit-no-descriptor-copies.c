// At exit the executable's module destructor must not copy its site descriptors into the runtime's
// memory (issue 10): the process is ending and its sections stay mapped until the report is
// written. 4,000 registered sites (never called) with 200-character function names would cost
// the runtime over 1.2 MB of copies; without them its memory at exit stays a fraction of that.
// RUN: %python -c "import sys; f = 'f_' + 'x' * 200; sys.stdout.write('#include <stdlib.h>\nvoid *volatile sink;\n' + ''.join('void %%s%%d(void) { sink = malloc(%%d); }\n' %% (f, i, i + 1) for i in range(4000)) + 'int main(void) { sink = malloc(1); return 0; }\n')" > %t.c
// RUN: %clang_allocsite -O0 %t.c -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: %python -c "import json, sys; m = json.load(open(sys.argv[1]))['memory']; print('runtime_bytes below 600 KiB:', m['runtime_bytes'] < 600 * 1024, m['runtime_bytes'])" %t.json | FileCheck %s
// CHECK: runtime_bytes below 600 KiB: True
