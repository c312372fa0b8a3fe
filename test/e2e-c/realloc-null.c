// realloc(NULL, n) is malloc(n), charged to the realloc call's site; realloc(NULL, 0) returns a
// live block of 0 bytes, as glibc's malloc(0) does.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: realloc(NULL, 0) non-NULL

// CHECK: "totals": {"live_bytes": 200, "live_blocks": 3, "peak_bytes": 300, "alloc_calls": 4, "free_calls": 1, "alloc_bytes": 300}
// CHECK-LABEL: "sites": [

void *volatile keep[4];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "realloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1,
    keep[i] = realloc(NULL, 100);
  free(keep[1]);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "realloc", "instrumented": true, "live_bytes": 0, "live_blocks": 1, "alloc_bytes": 0, "alloc_calls": 1, "free_calls": 0,
  keep[3] = realloc(NULL, 0);
  if (keep[3])
    say("realloc(NULL, 0) non-NULL\n");
  return 0;
}
