// The breakdown at the peak is exact with one thread, however small the last step to the peak:
// 100 blocks of 1,000 bytes, a 10-byte block that makes the peak, and frees that never go back up.
// (A breakdown saved every sixteenth of growth missed the 10 bytes and was 1,000 bytes behind.)
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json timeout 60 %run %t
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

void *volatile keep[128];

// CHECK: "totals": {"live_bytes": 0, "live_blocks": 0, "peak_bytes": 100010,
// CHECK: "peak": {"bytes": 100010, "sites":[{"id": {{[0-9]+}}, "file": "{{.*}}peak-exact.c", "line": [[@LINE+5]], {{.*}}"live_bytes": 100000, "live_blocks": 100, "inlined_at": []}, {"id": {{[0-9]+}}, "file": "{{.*}}peak-exact.c", "line": [[@LINE+7]], {{.*}}"live_bytes": 10, "live_blocks": 1, "inlined_at": []}]}
int main(void) {
  for (int i = 0; i < 100; i++)
    // The loop's blocks, then a smaller one: the peak is reached at the 10-byte block, and after it
    // memory only goes down, by frees of both lines, then a reallocation below the peak.
    keep[i] = malloc(1000);
  for (int i = 0; i < 1; i++)
    keep[100] = malloc(10);
  for (int i = 0; i <= 100; i++)
    free(keep[i]);
  keep[0] = malloc(5000);
  free(keep[0]);
  return 0;
}
