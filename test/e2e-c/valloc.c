// valloc returns page-aligned blocks and charges the requested size, not a whole page.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: page 4096, aligned ok

// CHECK: "totals": {"live_bytes": 5200, "live_blocks": 3, "peak_bytes": 5300, "alloc_calls": 4, "free_calls": 1, "alloc_bytes": 5300}
// CHECK-LABEL: "sites": [

void *volatile keep[4];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "valloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1,
    keep[i] = valloc(100);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "valloc", "instrumented": true, "live_bytes": 5000, "live_blocks": 1, "alloc_bytes": 5000, "alloc_calls": 1, "free_calls": 0,
  keep[3] = valloc(5000);
  int ok = getpagesize() == 4096;
  for (int i = 0; i < 4; i++)
    ok &= keep[i] && ((uintptr_t)keep[i] & 4095) == 0;
  free(keep[1]);
  if (ok)
    say("page 4096, aligned ok\n");
  return 0;
}
