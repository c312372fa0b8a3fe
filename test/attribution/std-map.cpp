// std::map<int, int> nodes, allocated in the STL's new_allocator.h, are charged to the line that
// inserts them. A node is 40 bytes: the red-black tree's node base (colour, padded to 8, and
// parent/left/right pointers: 32 bytes) plus the std::pair<const int, int> (8 bytes).
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <map>

std::map<int, int> *volatile keep;

int main() {
  keep = new std::map<int, int>;
  for (int i = 0; i < 10; i++)
    // CHECK: "file": "{{.*}}/std-map.cpp", "line": [[@LINE+1]], "column": 11, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 400, "live_blocks": 10, "alloc_bytes": 400, "alloc_calls": 10, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/new_allocator.h", "function": "{{.*}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}{{.*}}]}
    keep->emplace(i, i);
  return 0;
}
