// ALLOCSITE_OPTIONS=attribute=inner charges library memory to the library's own site instead of
// the user's line: the two strings' buffers, charged by default to the two lines constructing
// them (with _M_construct as "via"), are regrouped into the one dynamic site in libstdc++.so's
// _M_construct (302 bytes in 2 blocks); the lines keep only their own 32-byte `new`s.
// RUN: %clangxx_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0 %run %t0 2>&1 | FileCheck %s --check-prefix=USER
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0:attribute=inner %run %t0 2>&1 | FileCheck %s --check-prefix=INNER --implicit-check-not=via
// RUN: %clangxx_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0 %run %t2 2>&1 | FileCheck %s --check-prefix=USER
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=symbolize=1:source=0:attribute=inner %run %t2 2>&1 | FileCheck %s --check-prefix=INNER --implicit-check-not=via
#include <string>

std::string *volatile first, *volatile second;

// USER-LABEL: top sites by live memory (grouped by line):
// INNER-LABEL: top sites by live memory (grouped by line):
int main() {
  // USER: #{{[0-9]+}}: {{.*}}/attribute-inner.cpp:[[@LINE+8]]: main(): 233 B in 2 blocks (alloc: 2 calls, 233 B)
  // USER-NEXT: {{^}}    via std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>{{ ?}}>::_M_construct(unsigned long, char){{$}}
  // USER-NEXT: #{{[0-9]+}}: {{.*}}/attribute-inner.cpp:[[@LINE+7]]: main(): 133 B in 2 blocks (alloc: 2 calls, 133 B)
  // USER-NEXT: {{^}}    via std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>{{ ?}}>::_M_construct(unsigned long, char){{$}}
  // INNER: #{{[0-9]+}}: std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>{{ ?}}>::_M_construct(unsigned long, char) [uninstrumented: libstdc++.so.6+0x{{[0-9a-f]+}}]: 302 B in 2 blocks (alloc: 2 calls, 302 B)
  // INNER-DAG: #{{[0-9]+}}: {{.*}}/attribute-inner.cpp:[[@LINE+3]]: main(): 32 B in 1 block (alloc: 1 call, 32 B)
  // INNER-DAG: #{{[0-9]+}}: {{.*}}/attribute-inner.cpp:[[@LINE+3]]: main(): 32 B in 1 block (alloc: 1 call, 32 B)
  // The longer string first, so that the default report lists the two lines in source order.
  second = new std::string(200, 'b');
  first = new std::string(100, 'a');
  return 0;
}
