// Freeing the address of a stack variable prints one line on stderr naming the pointer and the
// free's call (file:line and function), whether the address is 16-byte aligned like a block or
// not; the free is ignored, the program runs on and the counters are untouched.
// RUN: %clang_allocsite -O0 -Wno-free-nonheap-object %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not=allocsite
// RUN: FileCheck %s < %t.json
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// CHECK: "totals": {"live_bytes": 64, "live_blocks": 1, "peak_bytes": 64, "alloc_calls": 1, "free_calls": 0, "alloc_bytes": 64}

void *volatile keep;

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
  // CHECK: "line": [[@LINE+1]], "column": 10, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 64, "live_blocks": 1, "alloc_bytes": 64, "alloc_calls": 1, "free_calls": 0,
  keep = malloc(64);
  _Alignas(16) char aligned[64];
  memset(aligned, 0x5a, sizeof aligned);
  char *volatile unaligned = aligned + 1;
  // DIAG: stack [[ALIGNED:0x[0-9a-f]+]]
  say_pointer("stack ", aligned);
  // DIAG-NEXT: allocsite: invalid free of [[ALIGNED]] at {{.*}}invalid-free-stack.c:[[@LINE+1]] (main): not a live block (double free, or a pointer the allocator did not return); ignored
  free(aligned);
  // DIAG-NEXT: stack [[UNALIGNED:0x[0-9a-f]+]]
  say_pointer("stack ", unaligned);
  // DIAG-NEXT: allocsite: invalid free of [[UNALIGNED]] at {{.*}}invalid-free-stack.c:[[@LINE+1]] (main): not a live block (double free, or a pointer the allocator did not return); ignored
  free(unaligned);
  // DIAG-NEXT: still running
  write(1, "still running\n", 14);
  return 0;
}
