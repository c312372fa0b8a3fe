// timeline_interval_ms: the report's "timeline" samples live memory every 10 ms; the program holds
// its peak for 200 ms, so the timeline's highest sample is exactly the reported peak, and its top
// site then is the line that made it.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_OPTIONS=timeline_interval_ms=10 ALLOCSITE_REPORT=%t.json timeout 60 %run %t
// RUN: %allocsite_cli check %t.json
// RUN: %python %S/Inputs/timeline-summary.py %t.json | FileCheck %s
#include <stdlib.h>
#include <time.h>

void *volatile small, *volatile big;

static void sleep_ms(int ms) {
  struct timespec t = {0, ms * 1000L * 1000L};
  nanosleep(&t, 0);
}

// CHECK: peak_bytes 60000
// CHECK-NEXT: timeline maximum 60000, at least 10 samples: yes, times increasing: yes
// CHECK-NEXT: top site at the maximum: line [[@LINE+5]], 50000 bytes
// CHECK-NEXT: last sample 10000
int main(void) {
  small = malloc(10000);
  sleep_ms(100);
  big = malloc(50000);
  sleep_ms(200);
  free(big);
  sleep_ms(100);
  return 0;
}
