// pvalloc rounds the size up to whole pages and returns a page-aligned block; the runtime charges
// the rounded size, the bytes the program may use.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: page 4096, aligned ok

// CHECK: "totals": {"live_bytes": 16384, "live_blocks": 3, "peak_bytes": 20480, "alloc_calls": 4, "free_calls": 1, "alloc_bytes": 20480}
// CHECK-LABEL: "sites": [

void *volatile keep[4];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "pvalloc", "instrumented": true, "live_bytes": 8192, "live_blocks": 1, "alloc_bytes": 8192, "alloc_calls": 1, "free_calls": 0,
  keep[0] = pvalloc(5000);
  for (int i = 1; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "pvalloc", "instrumented": true, "live_bytes": 4096, "live_blocks": 1, "alloc_bytes": 8192, "alloc_calls": 2, "free_calls": 1,
    keep[i] = pvalloc(100);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "pvalloc", "instrumented": true, "live_bytes": 4096, "live_blocks": 1, "alloc_bytes": 4096, "alloc_calls": 1, "free_calls": 0,
  keep[3] = pvalloc(4096);
  int ok = getpagesize() == 4096;
  for (int i = 0; i < 4; i++)
    ok &= keep[i] && ((uintptr_t)keep[i] & 4095) == 0;
  free(keep[2]);
  if (ok)
    say("page 4096, aligned ok\n");
  return 0;
}
