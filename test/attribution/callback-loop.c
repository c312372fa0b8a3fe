// A library callback that calls into the library in a loop still leaves the context as it found
// it (SPEC §3). Its calls sit on a cycle, so they are not each followed by a store; the store
// before its return is what keeps tsearch's node, malloc'ed after the comparator returned, charged
// to main's tsearch line rather than to the comparator's last snprintf.
// RUN: %clang_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t2.json
#include <search.h>
#include <stdio.h>
#include <stdlib.h>

static void *root;
static int keys[2] = {1, 2};
static volatile int rounds = 3;
static char text[16];

static int compare(const void *a, const void *b) {
  for (int i = 0; i < rounds; i++)
    snprintf(text, sizeof text, "round %d", i);
  return *(const int *)a - *(const int *)b;
}

int main(void) {
  // CHECK-DAG: "file": "{{.*}}/callback-loop.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", {{.*}}}]}
  tsearch(&keys[0], &root, compare);
  // CHECK-DAG: "file": "{{.*}}/callback-loop.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", {{.*}}}]}
  tsearch(&keys[1], &root, compare);
  // CHECK-NOT: "function": "compare"
  // OUT: round 2
  puts(text);
  return 0;
}
