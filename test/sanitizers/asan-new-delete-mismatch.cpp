// The pass rewrites new[] and delete into the runtime's entry points; under ASan they call ASan's
// own operator new[] and operator delete, so its new/delete mismatch check still fires.
// REQUIRES: asan
// RUN: %clangxx_allocsite -O0 -fsanitize=address %s -o %t
// RUN: env ALLOCSITE_REPORT=1 timeout 60 not %run %t 2>&1 | FileCheck %s

int main() {
  int *volatile p = new int[4];
  // CHECK: ERROR: AddressSanitizer: alloc-dealloc-mismatch (operator new [] vs operator delete)
  delete p;
  return 0;
}
