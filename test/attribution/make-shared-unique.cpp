// std::make_shared and std::make_unique allocate inside the STL; the memory is charged to the
// line that calls them. make_shared<long> is one 24-byte block, the control block with the value
// in place (vtable pointer, use and weak counts of 4 bytes each, the long); make_unique<long[]>(10)
// is a new[] of 80 bytes, with make_unique in unique_ptr.h as "via".
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#include <memory>

std::shared_ptr<long> *volatile shared;
long *volatile unique;

int main() {
  // CHECK-DAG: "file": "{{.*}}/make-shared-unique.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/new_allocator.h", "function": "{{.*}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}{{.*}}]}
  shared = new std::shared_ptr<long>(std::make_shared<long>(7));
  // CHECK-DAG: "file": "{{.*}}/make-shared-unique.cpp", "line": [[@LINE+1]], "column": 12, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 80, "live_blocks": 1, "alloc_bytes": 80, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": "{{/usr/.*}}/bits/unique_ptr.h", "function": "{{.*}}make_unique<{{.*}}>{{(\(unsigned long\))?}}", "line": {{[0-9]+}}, "column": {{[0-9]+}}}]}
  unique = std::make_unique<long[]>(10).release();
  return 0;
}
