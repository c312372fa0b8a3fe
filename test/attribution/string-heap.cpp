// A std::string longer than its 15-character in-object buffer allocates length + 1 bytes inside
// libstdc++.so (uninstrumented: a dynamic site in _M_construct); the memory is charged to the line
// that constructs the string, with _M_construct as "via". The std::string object itself (32
// bytes, `new`) is the line's own instrumented site.
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <string>

std::string *volatile keep;

int main() {
  // CHECK-DAG: "file": "{{.*}}/string-heap.cpp", "line": [[@LINE+2]], "column": 14, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 101, "live_blocks": 1, "alloc_bytes": 101, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": null, "function": "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>{{ ?}}>::_M_construct(unsigned long, char)", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  // CHECK-DAG: "file": "{{.*}}/string-heap.cpp", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 32, "live_blocks": 1, "alloc_bytes": 32, "alloc_calls": 1, "free_calls": 0, "inlined_at": []}
  keep = new std::string(100, 'x');
  return 0;
}
