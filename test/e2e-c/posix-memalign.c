// posix_memalign returns blocks with the alignment asked for, from 16 to 4096 bytes, and charges
// the requested size (not the alignment padding) to its site; free uncharges aligned blocks too.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: aligned ok

// CHECK: "totals": {"live_bytes": 600, "live_blocks": 6, "peak_bytes": 900, "alloc_calls": 9, "free_calls": 3, "alloc_bytes": 900}
// CHECK-LABEL: "sites": [

void *volatile keep[9];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  int ok = 1, n = 0;
  for (size_t align = 16; align <= 4096; align *= 2) {
    void *p = NULL;
    // CHECK: "line": [[@LINE+1]], "column": 14, "function": "main", {{.*}}"kind": "posix_memalign", "instrumented": true, "live_bytes": 600, "live_blocks": 6, "alloc_bytes": 900, "alloc_calls": 9, "free_calls": 3,
    int rc = posix_memalign(&p, align, 100);
    ok &= rc == 0 && p && ((uintptr_t)p & (align - 1)) == 0;
    keep[n++] = p;
  }
  free(keep[0]);
  free(keep[4]);
  free(keep[8]);
  if (ok && n == 9)
    say("aligned ok\n");
  return 0;
}
