// The report's hint (issue #13): an allocator callback, reached only through a function pointer as
// Lua's l_alloc is through g->frealloc, returns what it allocates but is no wrapper (it checks
// nothing), so all the memory stays on its realloc line. The text report says so in one line,
// naming the option; the JSON flags its sites "wrapper_candidate", from which `allocsite report`
// prints the same line and `allocsite coverage` too.
// RUN: %clang_allocsite -O2 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.txt %run %t
// RUN: FileCheck %s --check-prefix=TEXT < %t.txt
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %allocsite_cli report %t.json > %t.cli
// RUN: %python %S/../cli/Inputs/same-report.py %t.txt %t.cli
// RUN: %allocsite_cli coverage --user-prefix %S %t.json | FileCheck %s --check-prefix=COVERAGE
//
// Following the hint: the callback's memory goes to the call through the pointer, in mem_new,
// which returns it too (a candidate by the indirect call): the next report hints at mem_new.
// RUN: env ALLOCSITE_PASS_OPTIONS=-allocsite-wrappers=pool_alloc %clang_allocsite -O2 %s -o %t1
// RUN: env ALLOCSITE_REPORT=%t1.txt %run %t1
// RUN: FileCheck %s --check-prefix=STEP1 < %t1.txt
// Declaring both charges the memory to main's lines, and no hint is left.
// RUN: env ALLOCSITE_PASS_OPTIONS='-allocsite-wrappers=pool_alloc -allocsite-wrappers=mem_new' %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.txt %run %t2
// RUN: FileCheck %s --check-prefix=STEP2 < %t2.txt
#include <stdlib.h>

typedef void *(*alloc_fn)(void *ud, void *block, size_t size);

// TEXT: Total live: 3.0 KiB
// TEXT-EMPTY:
// TEXT-NEXT: hint: pool_alloc() at {{.*}}/hint-callback.c:[[#@LINE+7]] holds 99% of the peak (3.0 KiB) and returns the memory it allocates; to charge that memory to the lines that call it, add -allocsite-wrappers=pool_alloc to ALLOCSITE_PASS_OPTIONS and rebuild
// TEXT-NOT: {{.}}
// JSON: "file": "{{.*}}/hint-callback.c", "line": [[#@LINE+5]], "column": 10, "function": "pool_alloc", "linkage_name": "pool_alloc", "kind": "realloc", "instrumented": true, "live_bytes": 3072, "live_blocks": 3, "alloc_bytes": 3072, "alloc_calls": 3, "free_calls": 0, "inlined_at": [], "wrapper_candidate": true}
// COVERAGE: 3082 of 3082 live bytes (100.0%) are charged to lines under
// COVERAGE-NEXT: hint: pool_alloc() at {{.*}}/hint-callback.c:[[#@LINE+3]] holds 99% of the peak (3.0 KiB) and returns the memory it allocates; to charge that memory to the lines that call it, add -allocsite-wrappers=pool_alloc to ALLOCSITE_PASS_OPTIONS and rebuild
static void *pool_alloc(void *ud, void *block, size_t size) {
  (void)ud;
  return realloc(block, size);
}

struct state {
  alloc_fn alloc;
  void *ud;
};

// STEP1: #1: {{.*}}/hint-callback.c:[[#@LINE+4]]: mem_new(): 3.0 KiB in 3 blocks (alloc: 3 calls, 3.0 KiB)
// STEP1-NEXT: void *block = s->alloc(s->ud, NULL, size);
// STEP1-NEXT: via pool_alloc() at {{.*}}/hint-callback.c:[[#@LINE-10]]
__attribute__((noinline)) void *mem_new(struct state *s, size_t size) {
  void *block = s->alloc(s->ud, NULL, size);
  if (!block)
    abort();
  return block;
}
// STEP1: hint: mem_new() at {{.*}}/hint-callback.c:[[#@LINE-5]] holds 99% of the peak (3.0 KiB) and returns the memory it allocates; to charge that memory to the lines that call it, add -allocsite-wrappers=mem_new to ALLOCSITE_PASS_OPTIONS and rebuild

void *volatile keep[4];

int main(void) {
  struct state s = {pool_alloc, NULL};
  // STEP2: #1: {{.*}}/hint-callback.c:[[#@LINE+3]]: main(): 3.0 KiB in 3 blocks (alloc: 3 calls, 3.0 KiB)
  // STEP2-NEXT: keep[i] = mem_new(&s, 1024);
  for (int i = 0; i < 3; i++)
    keep[i] = mem_new(&s, 1024);
  // STEP2: #2: {{.*}}/hint-callback.c:[[#@LINE+1]]: main(): 10 B in 1 block
  keep[3] = malloc(10);
  return 0;
}
// STEP2-NOT: hint:
