// A global operator new (plain, array, aligned) that cannot allocate throws std::bad_alloc, also
// when adding the runtime's block header would overflow the size, and nothing is counted for the
// failed call: the failing lines have no site in the report, the successful one is exact.
// RUN: %clangxx_allocsite -O0 -std=c++17 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <cstdint>
#include <cstdio>
#include <new>

volatile std::size_t huge = 1ULL << 62;
volatile std::size_t max = SIZE_MAX;
void *volatile keep;

template <class F> static void expect_bad_alloc(const char *what, F f) {
  try {
    keep = f();
    fprintf(stderr, "%s: no exception\n", what);
  } catch (const std::bad_alloc &) {
    fprintf(stderr, "%s: caught\n", what);
  }
}

// OUT:      new: caught
// OUT-NEXT: new[]: caught
// OUT-NEXT: aligned new: caught
// OUT-NEXT: aligned new[]: caught
// OUT-NEXT: new SIZE_MAX: caught
// OUT-NEXT: new[] SIZE_MAX-8: caught
// OUT-NEXT: aligned new SIZE_MAX: caught
// OUT-NEXT: done
// OUT-NOT: {{.}}

// libstdc++'s own allocations (its exception objects, its emergency pool) are dynamic sites.
// CHECK-LABEL: "sites": [
// CHECK-NOT:   "instrumented": true
int main() {
  expect_bad_alloc("new", [] { return ::operator new(huge); });
  expect_bad_alloc("new[]", [] { return new char[huge]; });
  expect_bad_alloc("aligned new", [] { return ::operator new(huge, std::align_val_t(64)); });
  expect_bad_alloc("aligned new[]", [] { return ::operator new[](huge, std::align_val_t(4096)); });
  expect_bad_alloc("new SIZE_MAX", [] { return ::operator new(max); });
  expect_bad_alloc("new[] SIZE_MAX-8", [] { return ::operator new[](max - 8); });
  expect_bad_alloc("aligned new SIZE_MAX",
                   [] { return ::operator new(max - 16, std::align_val_t(256)); });

  // The runtime still works after the failures.
  // CHECK: "file": "{{.*}}/new-failure-throws.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0,
  keep = new char[100];
  // CHECK-NOT: "instrumented": true
  // CHECK: {{^}} ]}
  fprintf(stderr, "done\n");
  return 0;
}
