// realloc(p, 0) frees p and returns NULL, as glibc's does: the block's site is uncharged and the
// realloc site, which allocated nothing, is left out of the report.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --implicit-check-not='"kind": "realloc"' < %t.json
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// OUT: realloc(p, 0) = NULL

// CHECK: "totals": {"live_bytes": 0, "live_blocks": 0, "peak_bytes": 300, "alloc_calls": 1, "free_calls": 1, "alloc_bytes": 300}
// CHECK-LABEL: "sites": [

void *volatile keep;

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  // CHECK: "line": [[@LINE+1]], "column": 13, "function": "main", {{.*}}"kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 300, "alloc_calls": 1, "free_calls": 1,
  void *p = malloc(300);
  keep = realloc(p, 0);
  if (!keep)
    say("realloc(p, 0) = NULL\n");
  return 0;
}
