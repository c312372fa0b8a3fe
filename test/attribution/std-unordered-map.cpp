// std::unordered_map<int, int> memory, allocated in the STL's new_allocator.h, is charged to the
// line that inserts: 10 nodes of 16 bytes (the next pointer and the std::pair<const int, int>; the
// hash is not cached for std::hash<int>) and one bucket array of 13 pointers (104 bytes: the
// first insert rehashes to the smallest bucket count of the prime policy, and 10 elements stay
// under the load factor 1.0).
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <unordered_map>

std::unordered_map<int, int> *volatile keep;

int main() {
  keep = new std::unordered_map<int, int>;
  for (int i = 0; i < 10; i++)
    // CHECK-DAG: "file": "{{.*}}/std-unordered-map.cpp", "line": [[@LINE+2]], "column": 11, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 160, "live_blocks": 10, "alloc_bytes": 160, "alloc_calls": 10, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/new_allocator.h", "function": "{{.*}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}{{.*}}]}
    // CHECK-DAG: "file": "{{.*}}/std-unordered-map.cpp", "line": [[@LINE+1]], "column": 11, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 104, "live_blocks": 1, "alloc_bytes": 104, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/new_allocator.h", "function": "{{.*}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}{{.*}}]}
    keep->emplace(i, i);
  return 0;
}
