// The pass's options through allocsite-clang (issue #13): `-mllvm -allocsite-wrappers=my_alloc`
// without -Xclang -load (clang 14 rejected it: "Unknown command line argument"), and the same
// option in ALLOCSITE_PASS_OPTIONS, which reaches every compile of a build system. my_alloc is a
// plain `return malloc(n)`, not a wrapper by its code: declared, its bytes go to main's line.
// An option that is not AllocSite's is one line on stderr, and the compile goes on.
// RUN: %clang_allocsite -O0 -mllvm -allocsite-wrappers=my_alloc %s -o %t1
// RUN: env ALLOCSITE_REPORT=%t1.json %run %t1
// RUN: FileCheck %s < %t1.json
// RUN: env ALLOCSITE_PASS_OPTIONS='-allocsite-attribution=1  -allocsite-wrappers=my_alloc' %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
// RUN: %clang_allocsite -O2 %s -o %t3
// RUN: env ALLOCSITE_REPORT=%t3.json %run %t3
// RUN: FileCheck %s --check-prefix=PLAIN < %t3.json
// RUN: env ALLOCSITE_PASS_OPTIONS=-inline-threshold=5 %clang_allocsite -O0 -c %s -o %t4.o 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: allocsite: ALLOCSITE_PASS_OPTIONS: unknown option '-inline-threshold=5' (AllocSite's options start with -allocsite-)
#include <stdlib.h>

__attribute__((noinline)) void *my_alloc(size_t n) { return malloc(n); }

void *volatile keep;

int main(void) {
  // CHECK: "file": "{{.*}}/pass-options.c", "line": [[@LINE+2]], "column": 10, "function": "main", {{.*}}"live_bytes": 24, "live_blocks": 1, {{.*}}"via": [{"file": "{{.*}}/pass-options.c", "function": "my_alloc", "line": [[#@LINE-5]],
  // PLAIN: "file": "{{.*}}/pass-options.c", "line": [[#@LINE-6]], "column": {{[0-9]+}}, "function": "my_alloc", {{.*}}"live_bytes": 24, "live_blocks": 1,
  keep = my_alloc(24);
  return 0;
}
