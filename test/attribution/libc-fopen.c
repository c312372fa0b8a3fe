// fopen's FILE object (472 bytes with glibc: the FILE plus its wide-character state), malloc'ed
// inside libc, is charged to the fopen line.
// RUN: %clang_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <stdio.h>

FILE *volatile keep;

int main(void) {
  // CHECK: "file": "{{.*}}/libc-fopen.c", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 472, "live_blocks": 1, "alloc_bytes": 472, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{__fopen_internal|_IO_new_fopen|fopen}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  keep = fopen("/dev/null", "r");
  return 0;
}
