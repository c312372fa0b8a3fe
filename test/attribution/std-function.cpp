// A std::function whose callable does not fit its 16-byte local buffer (a lambda capturing three
// longs: 24 bytes) stores it on the heap, allocated inside the STL's std_function.h; the memory
// is charged to the line constructing the std::function. (The std::function object itself, 32
// bytes, is that line's own new.)
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <functional>

std::function<long()> *volatile keep;

int main(int argc, char **) {
  long a = argc, b = 2, c = 3;
  // CHECK-DAG: "file": "{{.*}}/std-function.cpp", "line": [[@LINE+2]], "column": 14, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/std_function.h", "function": "{{.*}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}{{.*}}]}
  // CHECK-DAG: "file": "{{.*}}/std-function.cpp", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 32, "live_blocks": 1, "alloc_bytes": 32, "alloc_calls": 1, "free_calls": 0, "inlined_at": []}
  keep = new std::function<long()>([a, b, c] { return a + b + c; });
  return (*keep)() == 0;
}
