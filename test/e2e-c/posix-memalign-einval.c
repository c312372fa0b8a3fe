// posix_memalign with an alignment that is not a power of two, or smaller than a pointer, returns
// EINVAL, leaves the out-pointer alone and counts nothing.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --implicit-check-not='"kind": "posix_memalign"' < %t.json
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: alignment 3: EINVAL
// OUT-NEXT: alignment 24: EINVAL
// OUT-NEXT: alignment 4: EINVAL

// CHECK: "totals": {"live_bytes": 8, "live_blocks": 1, "peak_bytes": 8, "alloc_calls": 1, "free_calls": 0, "alloc_bytes": 8}
// CHECK-LABEL: "sites": [

void *volatile keep;
volatile size_t alignments[] = {3, 24, 4};

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  static const char *names[] = {"alignment 3", "alignment 24", "alignment 4"};
  // CHECK: "line": [[@LINE+1]], "column": 10, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 8, "live_blocks": 1, "alloc_bytes": 8, "alloc_calls": 1, "free_calls": 0,
  keep = malloc(8);
  for (int i = 0; i < 3; i++) {
    void *p = &keep;
    int rc = posix_memalign(&p, alignments[i], 100);
    say(names[i]);
    say(rc == EINVAL && p == &keep ? ": EINVAL\n" : ": WRONG\n");
  }
  return 0;
}
