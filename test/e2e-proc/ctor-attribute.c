// C constructors that allocate: a .preinit_array function (runs before any shared library's
// initialisers, the runtime's included), __attribute__((constructor(101))) and a plain
// __attribute__((constructor)). Every block is counted at its line.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

void *volatile early, *volatile first, *volatile plain;

// CHECK:       "totals": {"live_bytes": 56, "live_blocks": 3, "peak_bytes": 56, "alloc_calls": 3, "free_calls": 0, "alloc_bytes": 56}
// CHECK-LABEL: "sites": [
static void preinit(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  // CHECK-DAG: "file": "{{.*}}/ctor-attribute.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "preinit", "linkage_name": "preinit", "kind": "malloc", "instrumented": true, "live_bytes": 11, "live_blocks": 1, "alloc_bytes": 11, "alloc_calls": 1, "free_calls": 0,
  early = malloc(11);
}
__attribute__((section(".preinit_array"), used)) static void (*preinit_entry)(int, char **, char **) = preinit;

__attribute__((constructor(101))) static void first_ctor(void) {
  // CHECK-DAG: "file": "{{.*}}/ctor-attribute.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "first_ctor", "linkage_name": "first_ctor", "kind": "malloc", "instrumented": true, "live_bytes": 22, "live_blocks": 1, "alloc_bytes": 22, "alloc_calls": 1, "free_calls": 0,
  first = malloc(22);
}

__attribute__((constructor)) static void plain_ctor(void) {
  // CHECK-DAG: "file": "{{.*}}/ctor-attribute.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plain_ctor", "linkage_name": "plain_ctor", "kind": "malloc", "instrumented": true, "live_bytes": 23, "live_blocks": 1, "alloc_bytes": 23, "alloc_calls": 1, "free_calls": 0,
  plain = malloc(23);
}
// CHECK: {{^}} ]}

int main(void) { return early && first && plain ? 0 : 1; }
