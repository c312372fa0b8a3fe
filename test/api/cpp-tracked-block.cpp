// allocsite::TrackedBlock tracks a block for its lifetime, charged to the line that constructs it
// (not to allocsite.hpp) at -O0 and -O2; moving it moves the responsibility to untrack, and the
// destructor or reset() untracks.
// RUN: %clangxx_allocsite -std=c++17 -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
// RUN: %clangxx_allocsite -std=c++17 -O2 -I%allocsite_include %s -o %t.O2
// RUN: %run %t.O2 | FileCheck %s
#include <cstdio>

#include "allocsite/allocsite.hpp"

static char arena[1 << 16];

static void show(const char *label) {
  allocsite::Snapshot s =
      allocsite::Snapshot::take().filter_traces({allocsite::DomainFilter(true, 9)});
  std::printf("%s:\n", label);
  for (const allocsite::Statistic &st : s.statistics(allocsite::KeyType::lineno))
    std::printf("  %s function=%s domain=%u size=%llu count=%llu\n", allocsite::where(st).c_str(),
                st.function.c_str(), st.domain,
                (unsigned long long)st.size, (unsigned long long)st.count);
  std::printf("end\n");
}

// CHECK-LABEL: live:
// CHECK-NEXT: {{.*}}/cpp-tracked-block.cpp:[[@LINE+2]] function=make(unsigned long, unsigned long) domain=9 size=4096 count=1
__attribute__((noinline)) static allocsite::TrackedBlock make(size_t offset, size_t size) {
  allocsite::TrackedBlock block(9, arena + offset, size);
  return block;
}

int main() {
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  allocsite::TrackedBlock outer = make(0, 4096);
  {
    // CHECK-NEXT: {{.*}}/cpp-tracked-block.cpp:[[@LINE+1]] function=main domain=9 size=1000 count=1
    allocsite::TrackedBlock inner(9, arena + 8192, 1000);
    // CHECK-NEXT: end
    show("live");
    // CHECK-NEXT: tracked=1,1
    std::printf("tracked=%d,%d\n", outer.tracked(), inner.tracked());
  }
  // CHECK-LABEL: inner gone:
  // CHECK-NEXT: {{.*}}/cpp-tracked-block.cpp:[[@LINE-16]] function=make(unsigned long, unsigned long) domain=9 size=4096 count=1
  // CHECK-NEXT: {{.*}}/cpp-tracked-block.cpp:[[@LINE-8]] function=main domain=9 size=0 count=0
  // CHECK-NEXT: end
  show("inner gone");
  allocsite::TrackedBlock moved = std::move(outer);
  // CHECK-NEXT: after move: outer=0 moved=1
  std::printf("after move: outer=%d moved=%d\n", outer.tracked(), moved.tracked());
  moved.reset();
  // CHECK-NEXT: after reset: moved=0 traced in domain 9=0
  std::printf("after reset: moved=%d traced in domain 9=%llu\n", moved.tracked(),
              (unsigned long long)allocsite::Snapshot::take()
                  .filter_traces({allocsite::DomainFilter(true, 9)})
                  .total()
                  .bytes);
  return 0;
}
