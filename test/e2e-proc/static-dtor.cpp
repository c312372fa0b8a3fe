// The report is written after static destructors ran: a global whose destructor frees its buffer
// leaves its site with nothing live, a global whose destructor allocates (and leaks) is counted at
// that line, and a C destructor function freeing main's block uncharges main's site.
// RUN: %clangxx_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <cstdlib>

void *volatile from_main;
void *volatile from_dtor;

// The peak is reached in ~Logger, the first destructor to run.
// CHECK:       "totals": {"live_bytes": 77, "live_blocks": 1, "peak_bytes": 4273, "alloc_calls": 3, "free_calls": 2, "alloc_bytes": 4273}
// CHECK-LABEL: "sites": [

struct Buffer {
  // CHECK-DAG: "file": "{{.*}}/static-dtor.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Buffer::Buffer()", "linkage_name": "_ZN6BufferC2Ev", "kind": "new[]", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 4096, "alloc_calls": 1, "free_calls": 1,
  Buffer() : data(new char[4096]) {}
  ~Buffer() { delete[] data; }
  char *data;
};
Buffer buffer;

struct Logger {
  ~Logger() {
    // CHECK-DAG: "file": "{{.*}}/static-dtor.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Logger::~Logger()", "linkage_name": "_ZN6LoggerD2Ev", "kind": "malloc", "instrumented": true, "live_bytes": 77, "live_blocks": 1, "alloc_bytes": 77, "alloc_calls": 1, "free_calls": 0,
    from_dtor = malloc(77);
  }
};
Logger logger;

__attribute__((destructor)) static void release(void) { free(from_main); }

int main() {
  // CHECK-DAG: "file": "{{.*}}/static-dtor.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 1,
  from_main = malloc(100);
  return 0;
}
// CHECK: {{^}} ]}
