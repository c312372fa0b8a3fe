// The re-execution that makes the runtime the malloc of an uninstrumented program (its
// instrumented library brought liballocsite.so in after libc) concerns that program only: the
// programs it starts (here /bin/sh and /bin/true through system()) are not traced and write no
// report, exactly as when the program itself is linked with the runtime.
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang -g -O0 %s %t.lib.so -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env ALLOCSITE_REPORT=%t.dir/r.%%p.json %run %t > %t.pids
// RUN: %python %S/Inputs/reports-by-pid.py %t.pids %t.dir | FileCheck %s
#include <stdlib.h>

void *lib_alloc(size_t n);

#ifdef LIB
// CHECK-LABEL: == program
// CHECK-SAME:  [[PID:[0-9]+]] ==
// CHECK-NEXT:  {"format": "allocsite", "version": 1, "pid": [[PID]],
// CHECK:       "sites": [
void *lib_alloc(size_t n) {
  // CHECK: "file": "{{.*}}/instrumented-lib-reexec-children.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "lib_alloc", "linkage_name": "lib_alloc", "kind": "malloc", "instrumented": true, "live_bytes": 10, "live_blocks": 1, "alloc_bytes": 10, "alloc_calls": 1, "free_calls": 0,
  return malloc(n);
}
#else
#include <stdio.h>
#include <unistd.h>

void *volatile keep;

int main(void) {
  keep = lib_alloc(10);
  if (system("/bin/true") != 0)
    return 1;
  printf("program %d\n", (int)getpid());
  return 0;
}
#endif
