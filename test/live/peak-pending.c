// The per-site breakdown of the peak while memory grows, falls and grows again (one thread):
// the peak's epoch begins at the first free after it, not at each allocation of a growing
// program, and a peak still pending at exit is the exit state. Run 1 frees everything after the
// second peak (a realloc growth), run 2 ends on a third, higher peak that nothing frees.
// RUN: %clang_allocsite -O0 %s -o %t1
// RUN: env ALLOCSITE_REPORT=%t1.json timeout 60 %run %t1
// RUN: FileCheck %s --check-prefix=SEALED < %t1.json
// RUN: %clang_allocsite -O0 -DGROW_AT_END %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json timeout 60 %run %t2
// RUN: FileCheck %s --check-prefix=PENDING < %t2.json
#include <stdlib.h>

void *volatile a[10], *volatile b[5], *volatile c, *volatile d, *volatile f[20];

// SEALED: "totals": {"live_bytes": 0, "live_blocks": 0, "peak_bytes": 26000,
// SEALED: "peak": {"bytes": 26000, "sites":[{{.*}}"line": [[#@LINE+6]], {{.*}}"live_bytes": 5000, "live_blocks": 5, {{.*}}"line": [[#@LINE+8]], {{.*}}"live_bytes": 10000, "live_blocks": 5, {{.*}}"line": [[#@LINE+12]], {{.*}}"live_bytes": 3000, "live_blocks": 1, {{.*}}"line": [[#@LINE+14]], {{.*}}"kind": "realloc", {{.*}}"live_bytes": 8000, "live_blocks": 1, "inlined_at": []}]}
// PENDING: "totals": {"live_bytes": 30000, "live_blocks": 25, "peak_bytes": 30000,
// PENDING: "peak": {"bytes": 30000, "sites":[{{.*}}"line": [[#@LINE+6]], {{.*}}"live_bytes": 10000, "live_blocks": 5, {{.*}}"line": [[#@LINE+26]], {{.*}}"live_bytes": 20000, "live_blocks": 20, "inlined_at": []}]}
int main(void) {
  // A first peak, 20,000 bytes, ended by a free.
  for (int i = 0; i < 10; i++)
    a[i] = malloc(1000);
  for (int i = 0; i < 5; i++)
    b[i] = malloc(2000);
  for (int i = 0; i < 5; i++)
    free(a[i]);
  // Below it again (18,000), then a realloc growth to the second peak, 26,000.
  c = malloc(3000);
  d = realloc(NULL, 100);
  d = realloc(d, 8000);
#ifndef GROW_AT_END
  for (int i = 5; i < 10; i++)
    free(a[i]);
  for (int i = 0; i < 5; i++)
    free(b[i]);
  free(c);
  free(d);
#else
  for (int i = 5; i < 10; i++)
    free(a[i]);
  free(c);
  free(d);
  for (int i = 0; i < 20; i++)
    f[i] = malloc(1000);
#endif
  return 0;
}
