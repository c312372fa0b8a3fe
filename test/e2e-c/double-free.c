// Freeing a block twice prints one line on stderr naming the pointer and the second free's call
// (file:line and function); the second free is ignored, the program runs on, and the site's
// counters are those of one allocation and one free.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not=allocsite
// RUN: FileCheck %s < %t.json
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// CHECK: "totals": {"live_bytes": 0, "live_blocks": 0, "peak_bytes": 100, "alloc_calls": 1, "free_calls": 1, "alloc_bytes": 100}

static void say_pointer(const char *what, void *p) {
  char buf[32];
  size_t i = sizeof buf;
  uintptr_t v = (uintptr_t)p;
  buf[--i] = '\n';
  do
    buf[--i] = "0123456789abcdef"[v & 15];
  while ((v >>= 4) != 0);
  buf[--i] = 'x';
  buf[--i] = '0';
  write(1, what, strlen(what));
  write(1, buf + i, sizeof buf - i);
}

int main(void) {
  // CHECK: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 1,
  void *p = malloc(100);
  // DIAG: block [[ADDR:0x[0-9a-f]+]]
  say_pointer("block ", p);
  free(p);
  // DIAG-NEXT: allocsite: invalid free of [[ADDR]] at {{.*}}double-free.c:[[@LINE+1]] (main): not a live block (double free, or a pointer the allocator did not return); ignored
  free(p);
  // DIAG-NEXT: still running
  write(1, "still running\n", 14);
  return 0;
}
