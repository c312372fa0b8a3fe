// Full LTO (LLVM 15 and later, with lld, which allocsite-clang picks for a -flto link): the pass
// runs again in the linker, on the whole program, and takes the attribution context off calls
// into the program's own code in other files (pass/LinkTimeContext.h). Calls into libraries keep
// it, and every byte is charged as without LTO: the tsearch nodes to the lines that called
// tsearch, even after tsearch called back into the program's own code.
// UNSUPPORTED: llvm-14
// REQUIRES: lld
// RUN: %clang_allocsite -O2 -flto -I%allocsite_include -c %s -o %t.main.o
// RUN: %clang_allocsite -O2 -flto -c %S/Inputs/lto_own.c -o %t.own.o
// RUN: %clang_allocsite -O2 -flto %t.main.o %t.own.o -Wl,--save-temps -o %t
// RUN: llvm-dis %t.0.4.opt.bc -o - | FileCheck %s --check-prefix=IR
// RUN: env ALLOCSITE_REPORT=%t.json %run %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
// Another linker named by --ld-path (which clang prefers to -fuse-ld) gets no lld option: the
// program links through LLVMgold and keeps the context on every call, with the same charges.
// RUN: %clang_allocsite -O2 -flto %t.main.o %t.own.o --ld-path=/usr/bin/ld.bfd -o %t.bfd
// RUN: env ALLOCSITE_REPORT=%t.bfd.json %run %t.bfd | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.bfd.json
#include <search.h>
#include <stdio.h>

#include "allocsite/abi.h"

int twice(int i);
char *own_copy(const char *s);
void own_tsearch(int *key, void **root);

// IR-LABEL: define {{.*}}@sum_loop(
// IR-NOT: __allocsite_context
// IR: call {{.*}}@twice(
// IR-NOT: __allocsite_context
__attribute__((noinline)) int sum_loop(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++)
    sum += twice(i);
  return sum;
}

static int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int keys[2] = {1, 2};
char *volatile copy;

// CHECK-LABEL: "sites": [
// CHECK-DAG: "file": "{{.*}}/Inputs/lto_own.c", "line": 9, "column": 10, "function": "own_copy", "linkage_name": "own_copy", "kind": "strdup", "instrumented": true, "live_bytes": 4, "live_blocks": 1, "alloc_bytes": 4, "alloc_calls": 1, "free_calls": 0, "inlined_at": []
// CHECK-DAG: "file": "{{.*}}/Inputs/lto_own.c", "line": 24, "column": 3, "function": "own_tsearch", "linkage_name": "own_tsearch", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": null, "function": "__tsearch",

// IR-LABEL: define {{.*}}@main(
// IR: store ptr @{{.*}}, ptr @__allocsite_context
// IR-NEXT: call {{.*}}@tsearch(
int main(void) {
  void *root = NULL;
  int sum = sum_loop(100);
  copy = own_copy("lto");
  // CHECK-DAG: "file": "{{.*}}/lto-own-code.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": null, "function": "__tsearch",
  tsearch(&keys[0], &root, compare);
  own_tsearch(&keys[1], &root);
  // OUT: sum=9900 stale=0
  printf("sum=%d stale=%d\n", sum, __allocsite_context != NULL);
  return 0;
}
