// malloc charges the requested bytes to its call's site and free uncharges the site that
// allocated the block, wherever the free is; malloc(0) is a live block of 0 bytes and free(NULL)
// counts nothing.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json

// CHECK: "totals": {"live_bytes": 1072, "live_blocks": 5, "peak_bytes": 6072, "alloc_calls": 13, "free_calls": 8, "alloc_bytes": 6240}
// CHECK-LABEL: "sites": [
#include <stdlib.h>

void *volatile keep[16];

static void release(void *p) { free(p); }

int main(void) {
  for (int i = 0; i < 10; i++)
    // CHECK-DAG: {"id": {{[0-9]+}}, "file": "{{.*}}malloc-free.c", "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 72, "live_blocks": 3, "alloc_bytes": 240, "alloc_calls": 10, "free_calls": 7,
    keep[i] = malloc(24);
  for (int i = 0; i < 7; i++)
    release(keep[i]);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 14, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 1000, "live_blocks": 1, "alloc_bytes": 1000, "alloc_calls": 1, "free_calls": 0,
  keep[10] = malloc(1000);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 14, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 1, "alloc_bytes": 0, "alloc_calls": 1, "free_calls": 0,
  keep[11] = malloc(0);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 14, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 5000, "alloc_calls": 1, "free_calls": 1,
  keep[12] = malloc(5000);
  free(keep[12]);
  free(NULL);
  return 0;
}
