// C++ functions are named by the readable names the pass demangled with LLVM's demangler (abi.h,
// ALLOCSITE_SITE_READABLE_NAMES), operators and lambdas included, in the text report and in the
// JSON's "function", without parameters like every report name; "linkage_name" stays mangled.
// An inlined frame's name is made readable too.
// RUN: %clangxx_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=0 %run %t 2>&1 | FileCheck %s --check-prefix=TEXT
// RUN: env ALLOCSITE_REPORT=%t.json ALLOCSITE_OPTIONS=symbolize=0 %run %t
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <cstdlib>

// JSON-LABEL: "sites": [

struct Pool {
  // TEXT: cxx-names.cpp:[[@LINE+2]]: Pool::operator[](): 100 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Pool::operator[]", "linkage_name": "_ZN4PoolixEj", "kind": "malloc",
  void *operator[](unsigned int n) { return malloc(n); }
};

template <typename T> struct Stack {
  // TEXT: cxx-names.cpp:[[@LINE+2]]: Stack<int>::grow(): 80 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Stack<int>::grow", "linkage_name": "_ZN5StackIiE4growEj", "kind": "new[]",
  T *grow(unsigned n) { return new T[n]; }
};

struct Widget {
  // TEXT: cxx-names.cpp:[[@LINE+2]]: Widget::Widget(): 40 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Widget::Widget", "linkage_name": "_ZN6WidgetC2Ev", "kind": "new[]",
  Widget() : buf(new char[40]) {}
  char *buf;
};

namespace net {
// TEXT: cxx-names.cpp:[[@LINE+2]]: net::buffer(): 30 B in 1 block
// JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "net::buffer", "linkage_name": "_ZN3net6bufferEv", "kind": "malloc",
void *buffer() { return malloc(30); }
// Inlined and gone: -gline-tables-only keeps only its short name, but its caller's is readable.
// TEXT: cxx-names.cpp:[[@LINE+3]]: chunk(): 20 B in 1 block
// TEXT-NEXT: __attribute__
// TEXT-NEXT: inlined at {{.*}}cxx-names.cpp:[[@LINE+3]]: net::connect()
__attribute__((always_inline)) inline void *chunk(unsigned n) { return malloc(n); }
// JSON-DAG: "function": "chunk", "linkage_name": "chunk", "kind": "malloc", {{.*}}"inlined_at": [{"file": "{{.*}}cxx-names.cpp", "function": "net::connect", "line": [[@LINE+1]],
void *connect() { return chunk(20); }
} // namespace net

void *volatile keep[6];

int main() {
  Pool pool;
  keep[0] = pool[100];
  Stack<int> stack;
  keep[1] = stack.grow(20);
  // The lambda's name differs between clang versions ($_0 or 'lambda'(unsigned int)).
  // TEXT: cxx-names.cpp:[[@LINE+2]]: main::{{.*}}::operator()(): 10 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main::{{.*}}::operator()", "linkage_name": "_ZZ4mainENK{{.*}}clEj", "kind": "malloc",
  auto make = [](unsigned n) { return malloc(n); };
  keep[2] = make(10);
  keep[3] = new Widget;
  keep[4] = net::buffer();
  keep[5] = net::connect();
  return 0;
}
