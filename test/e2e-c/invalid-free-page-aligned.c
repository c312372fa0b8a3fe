// Page-aligned pointers keep their header on the previous page. A foreign one (the second page of
// an mmap whose first page was unmapped) and a double-freed aligned block are each reported once,
// without reading the unmapped page and without crashing; the live aligned block stays counted.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

void *volatile keep;

int main(void) {
  char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(pages, 4096);
  // CHECK: allocsite: invalid free of 0x{{[0-9a-f]+}} at {{.*}}invalid-free-page-aligned.c:[[@LINE+1]] (main): not a live block
  free(pages + 4096);
  void *p = aligned_alloc(4096, 100);
  free(p);
  // CHECK-NEXT: allocsite: invalid free of 0x{{[0-9a-f]+}} at {{.*}}invalid-free-page-aligned.c:[[@LINE+1]] (main): not a live block
  free(p);
  // JSON: "line": [[@LINE+1]], {{.*}}"kind": "aligned_alloc", "instrumented": true, "live_bytes": 300, "live_blocks": 1, "alloc_bytes": 300, "alloc_calls": 1, "free_calls": 0
  keep = aligned_alloc(8192, 300);
  puts("done");
  return 0;
}
// CHECK-NEXT: done
// CHECK-NOT: allocsite: invalid
