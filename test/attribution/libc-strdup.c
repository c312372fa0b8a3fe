// strdup called from the user's code is that line's own instrumented site (kind strdup, no
// "via"); strdup called inside libc (realpath's result) is uninstrumented and charged to the user's
// realpath line, with libc's strdup as "via" (SPEC §3).
// RUN: %clang_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <stdlib.h>
#include <string.h>

char *volatile keep[2];

int main(void) {
  // CHECK-DAG: "file": "{{.*}}/libc-strdup.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "strdup", "instrumented": true, "live_bytes": 6, "live_blocks": 1, "alloc_bytes": 6, "alloc_calls": 1, "free_calls": 0, "inlined_at": []}
  keep[0] = strdup("hello");
  // CHECK-DAG: "file": "{{.*}}/libc-strdup.c", "line": [[@LINE+1]], "column": 13, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 2, "live_blocks": 1, "alloc_bytes": 2, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  keep[1] = realpath("/", NULL);
  return 0;
}
