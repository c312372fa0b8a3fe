// A user callback called by library code throws through a library call of its own and catches
// the exception: its landing pad restores the context it was entered with (the user's call into
// the library), so what the library allocates after the callback returns is charged to that call.
// Here tsearch compares the new key with the root through the callback, then mallocs the new
// node (24 bytes in glibc: key, left and right): both nodes are charged to their tsearch lines,
// never to the line inside the callback that threw.
// RUN: %clangxx_allocsite -O0 -I%allocsite_include %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t0.json
// RUN: %clangxx_allocsite -O2 -I%allocsite_include %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t2.json
#include <search.h>
#include <cstdio>
#include <stdexcept>
#include <vector>

static void *root;
static int caught;
static int keys[2] = {1, 2};

static int compare(const void *a, const void *b) {
  std::vector<int> empty;
  try {
    // The exception and its message, freed by the catch, are the callback's own line's.
    // CHECK-DAG: "file": "{{.*}}/exception-in-callback.cpp", "line": [[@LINE+2]], "column": 18, "function": "compare(void const*, void const*)", "linkage_name": "_ZL7comparePKvS0_", "kind": "dynamic", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 144, "alloc_calls": 1, "free_calls": 1, "inlined_at": [], "via": [{"file": null, "function": "__cxa_allocate_exception", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    // CHECK-DAG: "file": "{{.*}}/exception-in-callback.cpp", "line": [[@LINE+1]], "column": 18, "function": "compare(void const*, void const*)", "linkage_name": "_ZL7comparePKvS0_", "kind": "dynamic", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 94, "alloc_calls": 1, "free_calls": 1, "inlined_at": [], "via": [{"file": null, "function": "std::string::_Rep::_S_create(unsigned long, unsigned long, std::allocator<char> const&)", "line": 0, "column": 0, "module": "{{[^"]*}}libstdc++.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    return empty.at(0); // throws std::out_of_range from inside libstdc++
  } catch (const std::out_of_range &) {
    caught++;
  }
  return *static_cast<const int *>(a) - *static_cast<const int *>(b);
}

int main() {
  // CHECK-DAG: "file": "{{.*}}/exception-in-callback.cpp", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  tsearch(&keys[0], &root, compare); // the first node: no comparison
  // CHECK-DAG: "file": "{{.*}}/exception-in-callback.cpp", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  tsearch(&keys[1], &root, compare); // compares once, the callback catches, then the node
  // OUT: caught=1
  std::printf("caught=%d\n", caught);
  return 0;
}
