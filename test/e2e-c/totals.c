// The report's totals sum every site: live bytes and blocks, the peak of live bytes, allocation
// calls (realloc included), frees of blocks the runtime handed out, and bytes allocated. The
// program uses no stdio, so libc allocates nothing and these are all of the process's blocks.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: env ALLOCSITE_REPORT=1 %run %t 2>&1 | FileCheck %s --check-prefix=TEXT
#include <stdlib.h>
#include <string.h>

// live after each step: 1000, 1100, 1600, 600, 650, 2150 (peak), 2050, 2000, 2004.
// JSON: "totals": {"live_bytes": 2004, "live_blocks": 2, "peak_bytes": 2150, "alloc_calls": 6, "free_calls": 4, "alloc_bytes": 3654}
// JSON-NEXT: "memory": {"traced_bytes": 2004, "live_blocks": 2, "header_bytes": 32,

// TEXT: allocsite report (pid {{[0-9]+}}): 2 sites with live memory
// TEXT-NEXT: live: 2.0 KiB in 2 blocks   peak: 2.1 KiB
// TEXT-NEXT: calls: 6 allocations (3.6 KiB), 4 frees

void *volatile keep[2];
char *volatile text = "abc";

int main(void) {
  void *a = malloc(1000);
  void *b = calloc(10, 10);
  void *c = realloc(NULL, 500);
  free(a);
  void *d = malloc(50);
  keep[0] = realloc(c, 2000);
  free(b);
  free(d);
  free(NULL);
  keep[1] = strdup(text);
  return 0;
}
