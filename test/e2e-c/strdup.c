// strdup charges strlen + 1 bytes to its call's site; strndup charges the truncated length + 1,
// and only strlen + 1 when the string is shorter than the limit.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: [hello] [hello] [hi] [h]

// CHECK: "totals": {"live_bytes": 17, "live_blocks": 4, "peak_bytes": 18, "alloc_calls": 7, "free_calls": 3, "alloc_bytes": 30}
// CHECK-LABEL: "sites": [

char *volatile keep[7];
const char *volatile hello = "hello", *volatile hello_world = "hello world", *volatile hi = "hi";

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "strdup", "instrumented": true, "live_bytes": 6, "live_blocks": 1, "alloc_bytes": 18, "alloc_calls": 3, "free_calls": 2,
    keep[i] = strdup(hello);
  free(keep[1]);
  free(keep[2]);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "strndup", "instrumented": true, "live_bytes": 6, "live_blocks": 1, "alloc_bytes": 6, "alloc_calls": 1, "free_calls": 0,
  keep[3] = strndup(hello_world, 5);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "strndup", "instrumented": true, "live_bytes": 3, "live_blocks": 1, "alloc_bytes": 3, "alloc_calls": 1, "free_calls": 0,
  keep[4] = strndup(hi, 10);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "strndup", "instrumented": true, "live_bytes": 2, "live_blocks": 1, "alloc_bytes": 2, "alloc_calls": 1, "free_calls": 0,
  keep[5] = strndup(hello, 1);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "strdup", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 1, "alloc_calls": 1, "free_calls": 1,
  keep[6] = strdup("");
  free(keep[6]);
  say("[");
  say(keep[0]);
  say("] [");
  say(keep[3]);
  say("] [");
  say(keep[4]);
  say("] [");
  say(keep[5]);
  say("]\n");
  return 0;
}
