// A C++ program using allocsite.hpp builds with plain clang++ (no pass, no runtime, also without
// exceptions) and runs "not tracing": invalid empty snapshots, no site, nothing tracked.
// RUN: %clangxx -std=c++17 -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
// RUN: %clangxx -std=c++17 -O2 -fno-exceptions -fno-rtti -I%allocsite_include %s -o %t.noexc
// RUN: %run %t.noexc | FileCheck %s
#include <cstdio>

#include "allocsite/allocsite.hpp"

int main() {
  char *p = new char[100];
  allocsite::TracedMemory m = allocsite::traced_memory();
  // CHECK: is_tracing=0 start=0 current=0 peak=0 memory=0
  std::printf("is_tracing=%d start=%d current=%zu peak=%zu memory=%zu\n", allocsite::is_tracing(),
              allocsite::start(), m.current, m.peak, allocsite::tracemalloc_memory());
  allocsite::reset_peak();
  allocsite::clear_traces();
  allocsite::stop();
  allocsite::Snapshot s = allocsite::take_snapshot();
  allocsite::Snapshot peak = allocsite::Snapshot::take_peak();
  allocsite::Snapshot filtered = s.filter_traces({allocsite::Filter(true, "*"), allocsite::DomainFilter(false, 1)});
  allocsite::Total t = s.total();
  // CHECK-NEXT: valid=0,0,0 rows=0 diffs=0 total=0/0 dump=0 load=0
  std::printf("valid=%d,%d,%d rows=%zu diffs=%zu total=%llu/%llu dump=%d load=%d\n", s.valid(), peak.valid(),
              filtered.valid(), s.statistics(allocsite::KeyType::lineno).size(),
              s.compare_to(peak, allocsite::KeyType::lineno).size(), (unsigned long long)t.bytes,
              (unsigned long long)t.blocks, s.dump("/dev/null"), allocsite::Snapshot::load("/dev/null").valid());
  allocsite::TrackedBlock block(1, p, 100);
  // CHECK-NEXT: site_of=0 tracked=0 status=-2 report=0
  std::printf("site_of=%d tracked=%d status=%d report=%zu\n", allocsite::site_of(p).has_value(),
              block.tracked(), block.status(), allocsite::memory_report().size());
  delete[] p;
  return 0;
}
