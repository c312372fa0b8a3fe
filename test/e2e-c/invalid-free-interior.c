// Freeing a pointer into the middle of a live block prints one line on stderr naming the pointer
// and the free's call (file:line and function); the block stays live and charged to its site, and
// freeing its real start afterwards works.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not=allocsite
// RUN: FileCheck %s < %t.json
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// CHECK: "totals": {"live_bytes": 100, "live_blocks": 1, "peak_bytes": 300, "alloc_calls": 2, "free_calls": 1, "alloc_bytes": 300}
// CHECK-LABEL: "sites": [

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
  // CHECK-DAG: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 200, "alloc_calls": 1, "free_calls": 1,
  char *p = malloc(200);
  memset(p, 0x5a, 200);
  // CHECK-DAG: "line": [[@LINE+1]], "column": 10, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0,
  keep = malloc(100);
  // DIAG: interior [[MID16:0x[0-9a-f]+]]
  say_pointer("interior ", p + 32);
  // DIAG-NEXT: allocsite: invalid free of [[MID16]] at {{.*}}invalid-free-interior.c:[[@LINE+1]] (main): not a live block (double free, or a pointer the allocator did not return); ignored
  free(p + 32);
  // DIAG-NEXT: interior [[MID:0x[0-9a-f]+]]
  say_pointer("interior ", p + 7);
  // DIAG-NEXT: allocsite: invalid free of [[MID]] at {{.*}}invalid-free-interior.c:[[@LINE+1]] (main): not a live block (double free, or a pointer the allocator did not return); ignored
  free(p + 7);
  // DIAG-NEXT: still running
  write(1, "still running\n", 14);
  free(p);
  return 0;
}
