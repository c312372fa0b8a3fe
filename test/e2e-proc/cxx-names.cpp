// C++ functions are named by the readable names the pass demangled with LLVM's demangler (abi.h,
// ALLOCSITE_SITE_READABLE_NAMES), operators and lambdas included, in the text report and in the
// JSON's "function", with their parameter types so that overloads stay apart; "linkage_name" stays
// mangled. An inlined frame's name is made readable too. C names (main) have no parameter list in
// the JSON and print as "main()".
// RUN: %clangxx_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=0 %run %t 2>&1 | FileCheck %s --check-prefix=TEXT
// RUN: env ALLOCSITE_REPORT=%t.json ALLOCSITE_OPTIONS=symbolize=0 %run %t
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=0:group_by=function %run %t 2>&1 | FileCheck %s --check-prefix=FUNC
// RUN: %allocsite_cli report %t.json --group-by function | FileCheck %s --check-prefix=FUNC
#include <cstdlib>

// JSON-LABEL: "sites": [

struct Pool {
  // TEXT: cxx-names.cpp:[[@LINE+2]]: Pool::operator[](unsigned int): 100 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Pool::operator[](unsigned int)", "linkage_name": "_ZN4PoolixEj", "kind": "malloc",
  void *operator[](unsigned int n) { return malloc(n); }
};

template <typename T> struct Stack {
  // TEXT: cxx-names.cpp:[[@LINE+2]]: Stack<int>::grow(unsigned int): 80 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Stack<int>::grow(unsigned int)", "linkage_name": "_ZN5StackIiE4growEj", "kind": "new[]",
  T *grow(unsigned n) { return new T[n]; }
};

struct Widget {
  // TEXT: cxx-names.cpp:[[@LINE+2]]: Widget::Widget(): 40 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "Widget::Widget()", "linkage_name": "_ZN6WidgetC2Ev", "kind": "new[]",
  Widget() : buf(new char[40]) {}
  char *buf;
};

namespace net {
// TEXT: cxx-names.cpp:[[@LINE+2]]: net::buffer(): 30 B in 1 block
// JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "net::buffer()", "linkage_name": "_ZN3net6bufferEv", "kind": "malloc",
void *buffer() { return malloc(30); }
// Overloads stay apart, also where the function is the whole key.
// FUNC-DAG: cxx-names.cpp: net::buffer(): 30 B in 1 block
// FUNC-DAG: cxx-names.cpp: net::buffer(int): 5 B in 1 block
// JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "net::buffer(int)", "linkage_name": "_ZN3net6bufferEi", "kind": "malloc",
void *buffer(int n) { return malloc(n); }
// Inlined and gone: -gline-tables-only keeps only its short name (no parameters: it prints as
// "chunk()"), but its caller's is readable.
// TEXT: cxx-names.cpp:[[@LINE+3]]: chunk(): 20 B in 1 block
// TEXT-NEXT: __attribute__
// TEXT-NEXT: inlined at {{.*}}cxx-names.cpp:[[@LINE+3]]: net::connect()
__attribute__((always_inline)) inline void *chunk(unsigned n) { return malloc(n); }
// JSON-DAG: "function": "chunk", "linkage_name": "chunk", "kind": "malloc", {{.*}}"inlined_at": [{"file": "{{.*}}cxx-names.cpp", "function": "net::connect()", "line": [[@LINE+1]],
void *connect() { return chunk(20); }
} // namespace net

void *volatile keep[7];

int main() {
  Pool pool;
  keep[0] = pool[100];
  Stack<int> stack;
  keep[1] = stack.grow(20);
  // The lambda's name differs between clang versions ($_0 or 'lambda'(unsigned int)).
  // TEXT: cxx-names.cpp:[[@LINE+2]]: main::{{.*}}::operator()(unsigned int) const: 10 B in 1 block
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main::{{.*}}::operator()(unsigned int) const", "linkage_name": "_ZZ4mainENK{{.*}}clEj", "kind": "malloc",
  auto make = [](unsigned n) { return malloc(n); };
  keep[2] = make(10);
  // JSON-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new",
  keep[3] = new Widget;
  keep[4] = net::buffer();
  keep[5] = net::connect();
  keep[6] = net::buffer(5);
  return 0;
}
