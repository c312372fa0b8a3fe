// std::vector<int> growth inside the STL (new_allocator.h) is charged to the push_back line: 1000
// push_backs grow the capacity 1, 2, 4, ..., 1024 (11 allocations, 4 * 2047 = 8188 bytes), and
// the last buffer, 1024 ints, is live at exit. The STL's allocate() is kept as "via" (at -O2 with
// the rest of the inlined chain after it, and by its DWARF short name, without parameters: no
// out-of-line copy is left to name it).
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <vector>

std::vector<int> *volatile keep;

int main() {
  // CHECK-DAG: "file": "{{.*}}/vector-push-back.cpp", "line": [[@LINE+1]], "column": 10, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": []}
  keep = new std::vector<int>;
  for (int i = 0; i < 1000; i++)
    // CHECK-DAG: "file": "{{.*}}/vector-push-back.cpp", "line": [[@LINE+1]], "column": 11, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 4096, "live_blocks": 1, "alloc_bytes": 8188, "alloc_calls": 11, "free_calls": 10, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/new_allocator.h", "function": "{{.*}}allocate{{(\(unsigned long, void const\*\))?}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}{{.*}}]}
    keep->push_back(i);
  return 0;
}
