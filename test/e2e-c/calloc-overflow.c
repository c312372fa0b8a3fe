// A calloc whose count * size overflows returns NULL with errno ENOMEM, as glibc's does, and
// counts nothing: its site has no activity and is left out of the report.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --implicit-check-not='"kind": "calloc"' < %t.json
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: calloc(SIZE_MAX / 2, 4) = NULL, errno ENOMEM

// CHECK: "totals": {"live_bytes": 8, "live_blocks": 1, "peak_bytes": 8, "alloc_calls": 1, "free_calls": 0, "alloc_bytes": 8}
// CHECK-LABEL: "sites": [

void *volatile keep[2];
volatile size_t huge = SIZE_MAX / 2;

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  // CHECK: "line": [[@LINE+1]], {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 8, "live_blocks": 1, "alloc_bytes": 8, "alloc_calls": 1, "free_calls": 0,
  keep[0] = malloc(8);
  errno = 0;
  keep[1] = calloc(huge, 4);
  if (!keep[1] && errno == ENOMEM)
    say("calloc(SIZE_MAX / 2, 4) = NULL, errno ENOMEM\n");
  return 0;
}
