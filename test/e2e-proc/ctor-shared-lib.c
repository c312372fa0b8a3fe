// An instrumented shared library whose constructor allocates, and calls back into the program
// (exported with -rdynamic) to allocate there too: both run before the program's own
// constructors, so before the program's sites were registered. Every block is counted at its
// line, and the program's sites keep their file, line and function.
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang_allocsite -O0 -rdynamic %s %t.lib.so -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

void *program_hook(size_t n);
void *lib_blocks[2];

// CHECK-LABEL: "sites": [
#ifdef LIB
__attribute__((constructor)) static void lib_init(void) {
  // CHECK-DAG: "file": "{{.*}}/ctor-shared-lib.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "lib_init", "linkage_name": "lib_init", "kind": "calloc", "instrumented": true, "live_bytes": 120, "live_blocks": 1, "alloc_bytes": 120, "alloc_calls": 1, "free_calls": 0,
  lib_blocks[0] = calloc(3, 40);
  lib_blocks[1] = program_hook(70);
}
#else
void *program_hook(size_t n) {
  // CHECK-DAG: "file": "{{.*}}/ctor-shared-lib.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "program_hook", "linkage_name": "program_hook", "kind": "malloc", "instrumented": true, "live_bytes": 70, "live_blocks": 1, "alloc_bytes": 70, "alloc_calls": 1, "free_calls": 0,
  return malloc(n);
}

int main(void) { return lib_blocks[0] && lib_blocks[1] ? 0 : 1; }
#endif
// CHECK: {{^}} ]}
