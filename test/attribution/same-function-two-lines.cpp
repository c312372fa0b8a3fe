// The same library function called from two user lines gives two entries, each with its own
// exact bytes: std::string's _M_construct in libstdc++.so allocates 101 bytes for the first
// string and 201 for the second, charged to the line constructing each.
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <string>

std::string *volatile first, *volatile second;

int main() {
  // CHECK-DAG: "file": "{{.*}}/same-function-two-lines.cpp", "line": [[@LINE+1]], "column": 15, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 101, "live_blocks": 1, "alloc_bytes": 101, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": null, "function": "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>{{ ?}}>::_M_construct(unsigned long, char)", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  first = new std::string(100, 'a');
  // CHECK-DAG: "file": "{{.*}}/same-function-two-lines.cpp", "line": [[@LINE+1]], "column": 16, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 201, "live_blocks": 1, "alloc_bytes": 201, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": null, "function": "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>{{ ?}}>::_M_construct(unsigned long, char)", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  second = new std::string(200, 'b');
  return 0;
}
