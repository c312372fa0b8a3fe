// A nothrow operator new (plain, array, aligned) that cannot allocate returns nullptr, also when
// adding the runtime's block header would overflow the size, and nothing is counted for the failed
// call: the failing lines have no site in the report. The runtime still works afterwards.
// RUN: %clangxx_allocsite -O0 -std=c++17 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <cstdint>
#include <new>

volatile std::size_t huge = 1ULL << 62;
volatile std::size_t max = SIZE_MAX;
void *volatile keep;

// CHECK:       "totals": {"live_bytes": 100, "live_blocks": 1, "peak_bytes": 100, "alloc_calls": 1, "free_calls": 0, "alloc_bytes": 100}
// CHECK-LABEL: "sites": [
int main() {
  int non_null = 0;
  non_null += ::operator new(huge, std::nothrow) != nullptr;
  non_null += new (std::nothrow) char[huge] != nullptr;
  non_null += ::operator new(huge, std::align_val_t(64), std::nothrow) != nullptr;
  non_null += ::operator new[](huge, std::align_val_t(4096), std::nothrow) != nullptr;
  non_null += ::operator new(max, std::nothrow) != nullptr;
  non_null += ::operator new[](max - 8, std::nothrow) != nullptr;
  non_null += ::operator new(max - 16, std::align_val_t(256), std::nothrow) != nullptr;

  // CHECK-NEXT: "file": "{{.*}}/new-failure-nothrow.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0,
  keep = new (std::nothrow) char[100];
  // CHECK-NEXT: {{^}} ]}
  return non_null;
}
