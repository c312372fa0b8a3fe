// calloc charges count * size bytes to its site and returns zeroed memory; calloc(0, n) is a live
// block of 0 bytes, as glibc returns a unique pointer for it.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: zeroed ok
// OUT-NEXT: calloc(0, 8) non-NULL

// CHECK: "totals": {"live_bytes": 280, "live_blocks": 4, "peak_bytes": 380, "alloc_calls": 5, "free_calls": 1, "alloc_bytes": 380}
// CHECK-LABEL: "sites": [

void *volatile keep[8];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  // CHECK-DAG: {"id": {{[0-9]+}}, "file": "{{.*}}calloc.c", "line": [[@LINE+1]], "column": 18, "function": "main", {{.*}}"kind": "calloc", "instrumented": true, "live_bytes": 80, "live_blocks": 1, "alloc_bytes": 80, "alloc_calls": 1, "free_calls": 0,
  char *zeroed = calloc(10, 8);
  int nonzero = 0;
  for (int i = 0; i < 80; i++)
    nonzero |= zeroed[i];
  if (!nonzero)
    say("zeroed ok\n");
  keep[0] = zeroed;

  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "calloc", "instrumented": true, "live_bytes": 0, "live_blocks": 1, "alloc_bytes": 0, "alloc_calls": 1, "free_calls": 0,
  keep[1] = calloc(0, 8);
  if (keep[1])
    say("calloc(0, 8) non-NULL\n");

  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 19, "function": "main", {{.*}}"kind": "calloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1,
    keep[2 + i] = calloc(4, 25);
  free(keep[3]);
  return 0;
}
