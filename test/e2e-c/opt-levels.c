// The same program counts the same per-line numbers at -O0, -O2 and with ThinLTO: the pass runs
// after the optimiser at every level (in ThinLTO's pre-link step), and allocations the program
// keeps are never merged, split or dropped.
// REQUIRES: lld
// RUN: %clang_allocsite -O0 %s -o %t.O0
// RUN: env ALLOCSITE_REPORT=%t.O0.json %run %t.O0
// RUN: FileCheck %s < %t.O0.json
// RUN: %clang_allocsite -O2 %s -o %t.O2
// RUN: env ALLOCSITE_REPORT=%t.O2.json %run %t.O2
// RUN: FileCheck %s < %t.O2.json
// RUN: %clang_allocsite -O2 -flto=thin -fuse-ld=lld %s -o %t.thinlto
// RUN: env ALLOCSITE_REPORT=%t.thinlto.json %run %t.thinlto
// RUN: FileCheck %s < %t.thinlto.json
#include <stdlib.h>

// CHECK: "totals": {"live_bytes": 2544, "live_blocks": 9, "peak_bytes": 2544, "alloc_calls": 16, "free_calls": 7, "alloc_bytes": 3984}
// CHECK-LABEL: "sites": [

void *volatile keep[16];
volatile int count = 10;

__attribute__((noinline)) void *make(size_t n) {
  // CHECK-DAG: "line": [[@LINE+1]], "column": 10, "function": "make", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 144, "live_blocks": 6, "alloc_bytes": 240, "alloc_calls": 10, "free_calls": 4,
  return malloc(n);
}

__attribute__((noinline)) void *make_zeroed(size_t n) {
  // CHECK-DAG: "line": [[@LINE+1]], "column": 10, "function": "make_zeroed", {{.*}}"kind": "calloc", "instrumented": true, "live_bytes": 400, "live_blocks": 1, "alloc_bytes": 800, "alloc_calls": 2, "free_calls": 1,
  return calloc(n, 4);
}

__attribute__((noinline)) void *grow(void *p, size_t n) {
  // CHECK-DAG: "line": [[@LINE+1]], "column": 10, "function": "grow", {{.*}}"kind": "realloc", "instrumented": true, "live_bytes": 2000, "live_blocks": 2, "alloc_bytes": 2944, "alloc_calls": 4, "free_calls": 2,
  return realloc(p, n);
}

__attribute__((noinline)) void release(void *p) { free(p); }

int main(void) {
  for (int i = 0; i < count; i++)
    keep[i] = make(24);
  for (int i = 0; i < 4; i++)
    release(keep[i]);
  keep[10] = make_zeroed(100);
  release(keep[10]);
  keep[10] = make_zeroed(100);
  keep[11] = grow(NULL, 64);
  keep[11] = grow(keep[11], 1000);
  keep[12] = grow(NULL, 880);
  keep[12] = grow(keep[12], 1000);
  return 0;
}
