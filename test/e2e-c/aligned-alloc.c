// aligned_alloc returns blocks with the alignment asked for, from 16 to 4096 bytes, and charges
// the requested size to its site.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: aligned ok

// 16 + 32 + ... + 4096 = 8176 bytes in 9 blocks; the 4096-byte one is freed.
// CHECK: "totals": {"live_bytes": 4080, "live_blocks": 8, "peak_bytes": 8176, "alloc_calls": 9, "free_calls": 1, "alloc_bytes": 8176}
// CHECK-LABEL: "sites": [

void *volatile keep[9];

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  int ok = 1, n = 0;
  for (size_t align = 16; align <= 4096; align *= 2) {
    // CHECK: "line": [[@LINE+1]], "column": 15, "function": "main", {{.*}}"kind": "aligned_alloc", "instrumented": true, "live_bytes": 4080, "live_blocks": 8, "alloc_bytes": 8176, "alloc_calls": 9, "free_calls": 1,
    void *p = aligned_alloc(align, align);
    ok &= p && ((uintptr_t)p & (align - 1)) == 0;
    keep[n++] = p;
  }
  free(keep[8]);
  if (ok && n == 9)
    say("aligned ok\n");
  return 0;
}
