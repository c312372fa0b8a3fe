// longjmp out of a library callback leaves no stale attribution (SPEC §3): the context is
// restored after setjmp returns. A qsort comparator longjmps back out of qsort (inside a tsearch
// callback, so that tsearch's node, malloc'ed after the callback returns, shows which context was
// left behind): the node is charged to its tsearch line, and in main, after a longjmp out of qsort,
// the context is empty again and realpath's result is charged to its own line.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 -I%allocsite_include %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t2.json
#include <search.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/abi.h"

static jmp_buf env;
static void *root;
static int keys[2] = {1, 2};
static int numbers[8] = {5, 3, 8, 1, 9, 2, 7, 4};
static int jumps;
char *volatile path;

static int jump_out(const void *a, const void *b) {
  (void)a;
  (void)b;
  longjmp(env, 1);
}

static int compare(const void *a, const void *b) {
  if (setjmp(env) == 0)
    qsort(numbers, 8, sizeof(int), jump_out);
  else
    jumps++;
  return *(const int *)a - *(const int *)b;
}

int main(void) {
  // CHECK-DAG: "file": "{{.*}}/longjmp-callback.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  tsearch(&keys[0], &root, compare);
  // CHECK-DAG: "file": "{{.*}}/longjmp-callback.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  tsearch(&keys[1], &root, compare);
  if (setjmp(env) == 0)
    qsort(numbers, 8, sizeof(int), jump_out);
  else
    jumps++;
  // OUT: jumps=2 stale=0
  printf("jumps=%d stale=%d\n", jumps, __allocsite_context != NULL);
  // CHECK-DAG: "file": "{{.*}}/longjmp-callback.c", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 2, "live_blocks": 1, "alloc_bytes": 2, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  path = realpath("/", NULL);
  return 0;
}
