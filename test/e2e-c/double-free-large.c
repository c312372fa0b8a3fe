// Large blocks (128 KiB and up) start a page, so that a double free of one is recognised from the
// set of live page-aligned blocks, without reading its header: glibc has already unmapped the
// block (it mmaps blocks this big), and reading the header would fault. Covers malloc, calloc and
// a realloc'd block (grown in place by the allocator, moved within if its page offset changed).
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *volatile keep;

int main(void) {
  char *a = malloc(1 << 20);
  char *b = calloc(1, 300000);
  char *c = malloc(150000);
  memset(c, 7, 150000);
  c = realloc(c, 5 << 20);
  int aligned = ((uintptr_t)a % 4096 == 0) && ((uintptr_t)b % 4096 == 0) && ((uintptr_t)c % 4096 == 0);
  int kept = c[0] == 7 && c[149999] == 7 && b[299999] == 0;
  fprintf(stderr, "page aligned: %d, contents kept: %d\n", aligned, kept);
  // CHECK: page aligned: 1, contents kept: 1
  free(a);
  // CHECK-NEXT: allocsite: invalid free of 0x{{[0-9a-f]+}} at {{.*}}double-free-large.c:[[@LINE+1]] (main): not a live block
  free(a);
  free(b);
  // CHECK-NEXT: allocsite: invalid free of 0x{{[0-9a-f]+}} at {{.*}}double-free-large.c:[[@LINE+1]] (main): not a live block
  free(b);
  free(c);
  // CHECK-NEXT: allocsite: invalid free of 0x{{[0-9a-f]+}} at {{.*}}double-free-large.c:[[@LINE+1]] (main): not a live block
  free(c);
  // JSON: "line": [[@LINE+1]], {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 200000, "live_blocks": 1, "alloc_bytes": 200000, "alloc_calls": 1, "free_calls": 0
  keep = malloc(200000);
  fputs("done\n", stderr);
  // CHECK-NEXT: done
  return 0;
}
// CHECK-NOT: allocsite: invalid
