// The hint for a wrapper the user excluded (issue #13): my_xmalloc checks malloc's result, so it
// is an allocation wrapper by its code and its memory goes to main's lines; listed in
// -allocsite-not-wrappers, or under [not-wrappers] in the ignore list, it keeps its own line and
// holds everything, and the report says which option would undo that. (A wrapper's sites are
// never flagged: without the exclusion there is no hint.)
// RUN: env ALLOCSITE_PASS_OPTIONS=-allocsite-not-wrappers=my_xmalloc %clang_allocsite -O2 %s -o %t1
// RUN: env ALLOCSITE_REPORT=%t1.txt %run %t1
// RUN: FileCheck %s < %t1.txt
// RUN: printf '[not-wrappers]\nfun:my_xmalloc\n' > %t.ignore
// RUN: %clang_allocsite -O0 -mllvm -allocsite-ignorelist=%t.ignore %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.txt %run %t2
// RUN: FileCheck %s < %t2.txt
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s --check-prefix=JSON < %t2.json
// RUN: %allocsite_cli report %t2.json > %t2.cli
// RUN: %python %S/../cli/Inputs/same-report.py %t2.txt %t2.cli
// RUN: %clang_allocsite -O2 %s -o %t3
// RUN: env ALLOCSITE_REPORT=%t3.txt %run %t3
// RUN: FileCheck %s --check-prefix=WRAPPER < %t3.txt
#include <stdio.h>
#include <stdlib.h>

// CHECK: #1: {{.*}}/hint-not-wrapper.c:[[#@LINE+10]]: my_xmalloc(): 96 B in 2 blocks (alloc: 2 calls, 96 B)
// CHECK: Total live: 96 B
// CHECK-EMPTY:
// CHECK-NEXT: hint: my_xmalloc() at {{.*}}/hint-not-wrapper.c:[[#@LINE+7]] holds 100% of the peak (96 B) and returns the memory it allocates; to charge that memory to the lines that call it, add -allocsite-wrappers=my_xmalloc to ALLOCSITE_PASS_OPTIONS and rebuild
// JSON: "function": "my_xmalloc", "linkage_name": "my_xmalloc", "kind": "malloc", "instrumented": true, "live_bytes": 96, "live_blocks": 2, "alloc_bytes": 96, "alloc_calls": 2, "free_calls": 0, "inlined_at": [], "wrapper_candidate": true}
// WRAPPER: #1: {{.*}}/hint-not-wrapper.c:[[#@LINE+17]]: main(): 64 B in 1 block
// WRAPPER-NEXT: keep[1] = my_xmalloc(64);
// WRAPPER-NEXT: via my_xmalloc() at {{.*}}/hint-not-wrapper.c:[[#@LINE+3]]
// WRAPPER-NOT: hint:
__attribute__((noinline)) void *my_xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fputs("out of memory\n", stderr);
    exit(1);
  }
  return p;
}

void *volatile keep[2];

int main(void) {
  keep[0] = my_xmalloc(32);
  keep[1] = my_xmalloc(64);
  return 0;
}
