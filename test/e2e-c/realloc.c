// realloc charges the resulting block to the realloc call's site and uncharges the block it
// replaced from whichever site allocated it: every realloc call is one allocation and one free,
// and a site's live bytes are the block's final size, whether it grew or shrank.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: contents kept

// 16 + (32 + 64 + 128 + 1000) + 4096 + (2048 + 100 + 10) bytes in 9 calls, 7 of them freeing a
// block. Peak: 1000 (grown) + 4096 (before the first shrink).
// CHECK: "totals": {"live_bytes": 1010, "live_blocks": 2, "peak_bytes": 5096, "alloc_calls": 9, "free_calls": 7, "alloc_bytes": 7494}
// CHECK-LABEL: "sites": [

void *volatile keep[2];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  static const size_t grow[] = {32, 64, 128, 1000};
  static const size_t shrink[] = {2048, 100, 10};

  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 16, "alloc_calls": 1, "free_calls": 1,
  char *p = malloc(16);
  memcpy(p, "0123456789abcde", 16);
  for (int i = 0; i < 4; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 9, "function": "main", {{.*}}"kind": "realloc", "instrumented": true, "live_bytes": 1000, "live_blocks": 1, "alloc_bytes": 1224, "alloc_calls": 4, "free_calls": 3,
    p = realloc(p, grow[i]);
  keep[0] = p;

  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 4096, "alloc_calls": 1, "free_calls": 1,
  char *q = malloc(4096);
  memcpy(q, "shrink", 7);
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 9, "function": "main", {{.*}}"kind": "realloc", "instrumented": true, "live_bytes": 10, "live_blocks": 1, "alloc_bytes": 2158, "alloc_calls": 3, "free_calls": 2,
    q = realloc(q, shrink[i]);
  keep[1] = q;

  if (memcmp(p, "0123456789abcde", 16) == 0 && memcmp(q, "shrink", 7) == 0)
    say("contents kept\n");
  return 0;
}
