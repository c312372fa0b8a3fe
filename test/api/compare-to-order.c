// Snapshot.compare_to(old, "lineno") lists grown, shrunk, new and vanished lines in tracemalloc's
// order: |size_diff|, then size, then |count_diff|, then count, all descending.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdlib.h>

#include "Inputs/api-print.h"

// One allocation line each, listed in the order compare_to must give.
// CHECK-LABEL: diff:
// CHECK-NEXT: compare-to-order.c:[[@LINE+1]]:0 vanished - size=0 (-2000) count=0 (-1)
static void *vanished(size_t n) { return malloc(n); }
// CHECK-NEXT: compare-to-order.c:[[@LINE+1]]:0 grown - size=2500 (+1500) count=2 (+1)
static void *grown(size_t n) { return malloc(n); }
// CHECK-NEXT: compare-to-order.c:[[@LINE+1]]:0 appeared - size=1500 (+1500) count=2 (+2)
static void *appeared(size_t n) { return malloc(n); }
// CHECK-NEXT: compare-to-order.c:[[@LINE+1]]:0 shrunk_to_two - size=1500 (-1500) count=2 (-1)
static void *shrunk_to_two(size_t n) { return malloc(n); }
// CHECK-NEXT: compare-to-order.c:[[@LINE+1]]:0 shrunk_to_one - size=1500 (-1500) count=1 (-1)
static void *shrunk_to_one(size_t n) { return malloc(n); }
// CHECK-NEXT: compare-to-order.c:[[@LINE+1]]:0 unchanged - size=500 (+0) count=1 (+0)
static void *unchanged(size_t n) { return malloc(n); }
// CHECK-NEXT: end

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *v = vanished(2000), *g = grown(1000), *s1[2], *s2[3], *u = unchanged(500), *n[2], *g2;
  for (int i = 0; i < 2; i++)
    s1[i] = shrunk_to_one(1500);
  s2[0] = shrunk_to_two(1000);
  s2[1] = shrunk_to_two(500);
  s2[2] = shrunk_to_two(1500);
  allocsite_snapshot *old = allocsite_take_snapshot();

  free(v);
  g2 = grown(1500);
  for (int i = 0; i < 2; i++)
    n[i] = appeared(750);
  free(s1[1]);
  free(s2[2]);
  allocsite_snapshot *now = allocsite_take_snapshot();
  api_print_diffs("diff", now, old, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(now);
  allocsite_snapshot_free(old);
  free(g), free(g2), free(s1[0]), free(s2[0]), free(s2[1]), free(u), free(n[0]), free(n[1]);
  return 0;
}
