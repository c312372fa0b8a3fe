// An exception thrown out of an allocating library call (std::vector::at out of range, after a
// reserve) and caught by the user leaves no stale attribution behind (SPEC §3): the landing pad
// restores the context, so the thread's context is what it was on entry once the function that
// caught returns, the exception's own memory (allocated in libstdc++ while at() was running) is
// charged to the at() line, and a later uninstrumented allocation (realpath's result, allocated in
// libc) to its own line.
// RUN: %clangxx_allocsite -O0 -I%allocsite_include %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 -I%allocsite_include %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t2.json
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "allocsite/abi.h"

std::vector<int> *volatile vec;
char *volatile path;

__attribute__((noinline)) int catch_out_of_range() {
  int caught = 0;
  try {
    // The exception object (a 16-byte std::out_of_range behind libstdc++'s 128-byte header) and
    // its message (a 96-byte string representation), both freed by the catch.
    // CHECK-DAG: "file": "{{.*}}/exception-through-library.cpp", "line": [[@LINE+2]], "column": 30, "function": "catch_out_of_range()", "linkage_name": "_Z18catch_out_of_rangev", "kind": "dynamic", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 144, "alloc_calls": 1, "free_calls": 1, "inlined_at": [], "via": [{"file": null, "function": "__cxa_allocate_exception", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    // CHECK-DAG: "file": "{{.*}}/exception-through-library.cpp", "line": [[@LINE+1]], "column": 30, "function": "catch_out_of_range()", "linkage_name": "_Z18catch_out_of_rangev", "kind": "dynamic", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 96, "alloc_calls": 1, "free_calls": 1, "inlined_at": [], "via": [{"file": null, "function": "std::string::_Rep::_S_create(unsigned long, unsigned long, std::allocator<char> const&)", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    std::printf("%d\n", vec->at(100));
  } catch (const std::out_of_range &) {
    caught = 1;
  }
  return caught;
}

__attribute__((noinline)) void make_vector() {
  vec = new std::vector<int>;
  // CHECK-DAG: "file": "{{.*}}/exception-through-library.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "make_vector()", "linkage_name": "_Z11make_vectorv", "kind": "new", "instrumented": true, "live_bytes": 40, "live_blocks": 1, "alloc_bytes": 40, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/new_allocator.h", {{.*}}]}
  vec->reserve(10);
}

// Each function puts back the context it found on entry before it returns; main calls only user
// functions before the check, so the value it sees is the one before the first wrapped call.
int main() {
  make_vector();
  int caught = catch_out_of_range();
  // OUT: caught=1 stale=0
  std::printf("caught=%d stale=%d\n", caught, __allocsite_context != nullptr);
  // CHECK-DAG: "file": "{{.*}}/exception-through-library.cpp", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 2, "live_blocks": 1, "alloc_bytes": 2, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  path = realpath("/", nullptr);
  return 0;
}
