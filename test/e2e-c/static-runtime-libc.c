// With liballocsite.a linked in, libc's own allocations come through the runtime too (here
// stdout's buffer, one 4096-byte page for a pipe): allocated in libc.so.6, they are charged to the
// printf line that led into libc, with libc's _IO_file_doallocate as "via" (SPEC §3); with
// attribute=inner, to a dynamic site in libc.so.6. No -rdynamic is needed: the linker exports
// malloc & co. from the executable because libc.so, a shared library on the link line, references
// them.
// RUN: %clang -O0 -fpass-plugin=%allocsite_plugin -gline-tables-only %s -o %t \
// RUN:   -Wl,--whole-archive %allocsite_static -Wl,--no-whole-archive -ldl -lpthread
// RUN: llvm-nm --dynamic --defined-only %t | FileCheck %s --check-prefix=EXPORTS
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefixes=CHECK,USER < %t.json
// RUN: env ALLOCSITE_REPORT=%t.inner.json ALLOCSITE_OPTIONS=attribute=inner %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefixes=CHECK,INNER < %t.inner.json
#include <stdio.h>
#include <stdlib.h>

// EXPORTS-DAG: T calloc
// EXPORTS-DAG: T free
// EXPORTS-DAG: T malloc
// EXPORTS-DAG: T realloc

// OUT: hello from a pipe

// CHECK: "totals": {"live_bytes": 4196, "live_blocks": 2, "peak_bytes": 4196, "alloc_calls": 2, "free_calls": 0, "alloc_bytes": 4196}
// CHECK-LABEL: "sites": [
// INNER-NEXT: "kind": "dynamic", "instrumented": false, "live_bytes": 4096, "live_blocks": 1, "alloc_bytes": 4096, "alloc_calls": 1, "free_calls": 0, {{.*}}"module": "{{.*}}/libc.so.6",
// USER-NEXT: "line": [[@LINE+7]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 4096, "live_blocks": 1, "alloc_bytes": 4096, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "_IO_file_doallocate", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}

void *volatile keep;

int main(void) {
  // CHECK-NEXT: "line": [[@LINE+1]], "column": 10, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0,
  keep = malloc(100);
  printf("hello from a pipe\n");
  return 0;
}
// CHECK-NEXT: {{^}} ]}
