// C++ global objects whose constructors allocate, in the main translation unit and in a second
// one linked after it: every block is counted at its line, before main runs.
// RUN: %clangxx_allocsite -O0 -c -DSECOND %s -o %t.second.o
// RUN: %clangxx_allocsite -O0 %s %t.second.o -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <cstdlib>

// CHECK-LABEL: "sites": [
#ifdef SECOND
struct Table {
  // CHECK-DAG: "file": "{{.*}}/static-ctor-second-tu.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Table::Table()", "linkage_name": "_ZN5TableC2Ev", "kind": "new[]", "instrumented": true, "live_bytes": 100, "live_blocks": 1, "alloc_bytes": 100, "alloc_calls": 1, "free_calls": 0,
  Table() : data(new int[25]) {}
  int *data;
};
Table table;

struct Names {
  // CHECK-DAG: "file": "{{.*}}/static-ctor-second-tu.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Names::Names()", "linkage_name": "_ZN5NamesC2Ev", "kind": "malloc", "instrumented": true, "live_bytes": 33, "live_blocks": 1, "alloc_bytes": 33, "alloc_calls": 1, "free_calls": 0,
  Names() : buf(static_cast<char *>(malloc(33))) {}
  char *buf;
};
Names names;
#else
struct Config {
  // CHECK-DAG: "file": "{{.*}}/static-ctor-second-tu.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Config::Config()", "linkage_name": "_ZN6ConfigC2Ev", "kind": "new", "instrumented": true, "live_bytes": 8, "live_blocks": 1, "alloc_bytes": 8, "alloc_calls": 1, "free_calls": 0,
  Config() : value(new long(42)) {}
  long *value;
};
Config config;

int main() { return *config.value == 42 ? 0 : 1; }
#endif
// CHECK: {{^}} ]}
