// A reallocarray whose count * size overflows returns NULL with errno ENOMEM and leaves the old
// block alone, still charged to its site; the reallocarray site counts nothing.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --implicit-check-not='"kind": "reallocarray"' < %t.json
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: reallocarray(p, SIZE_MAX / 2, 4) = NULL, errno ENOMEM
// OUT-NEXT: old block intact

// CHECK: "totals": {"live_bytes": 64, "live_blocks": 1, "peak_bytes": 64, "alloc_calls": 1, "free_calls": 0, "alloc_bytes": 64}
// CHECK-LABEL: "sites": [

void *volatile keep[2];
volatile size_t huge = SIZE_MAX / 2;

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  // CHECK: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 64, "live_blocks": 1, "alloc_bytes": 64, "alloc_calls": 1, "free_calls": 0,
  char *p = malloc(64);
  memcpy(p, "still here", 11);
  keep[0] = p;
  errno = 0;
  keep[1] = reallocarray(p, huge, 4);
  if (!keep[1] && errno == ENOMEM)
    say("reallocarray(p, SIZE_MAX / 2, 4) = NULL, errno ENOMEM\n");
  if (memcmp(p, "still here", 11) == 0)
    say("old block intact\n");
  return 0;
}
