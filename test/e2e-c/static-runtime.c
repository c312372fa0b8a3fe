// Linking liballocsite.a instead of liballocsite.so counts the same numbers. The archive goes in
// whole (--whole-archive): the program never calls the runtime's malloc by name, since the pass
// rewrote those calls, so nothing else would pull the interposing objects in.
// RUN: %clang_allocsite -O0 %s -o %t.shared
// RUN: env ALLOCSITE_REPORT=%t.shared.json %run %t.shared
// RUN: FileCheck %s < %t.shared.json
// RUN: %clang -O0 -fpass-plugin=%allocsite_plugin -gline-tables-only %s -o %t.static \
// RUN:   -Wl,--whole-archive %allocsite_static -Wl,--no-whole-archive -ldl -lpthread
// RUN: llvm-readelf --needed-libs %t.static | FileCheck %s --check-prefix=NEEDED
// RUN: env ALLOCSITE_REPORT=%t.static.json %run %t.static
// RUN: FileCheck %s < %t.static.json
#include <stdlib.h>
#include <string.h>

// The runtime is in the executable: it needs no liballocsite.so.
// NEEDED: NeededLibraries [
// NEEDED-NOT: liballocsite
// NEEDED: ]

// CHECK: "totals": {"live_bytes": 320, "live_blocks": 3, "peak_bytes": 370, "alloc_calls": 5, "free_calls": 2, "alloc_bytes": 470}
// CHECK-LABEL: "sites": [

void *volatile keep[4];

int main(void) {
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1,
    keep[i] = malloc(100);
  free(keep[1]);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "calloc", "instrumented": true, "live_bytes": 120, "live_blocks": 1, "alloc_bytes": 120, "alloc_calls": 1, "free_calls": 0,
  keep[3] = calloc(10, 12);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "strdup", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 50, "alloc_calls": 1, "free_calls": 1,
  keep[1] = strdup("0123456789012345678901234567890123456789012345678");
  free(keep[1]);
  return 0;
}
