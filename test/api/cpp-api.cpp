// allocsite.hpp: Snapshot::take, filter_traces, statistics, compare_to, total and site_of give the
// C API's answers as C++ values, with or without exceptions.
// RUN: %clangxx_allocsite -std=c++17 -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
// RUN: %clangxx_allocsite -std=c++17 -O2 -fno-exceptions -fno-rtti -I%allocsite_include %s -o %t.noexc
// RUN: %run %t.noexc | FileCheck %s
#include <cstdio>
#include <memory>

#include "allocsite/allocsite.hpp"

using allocsite::KeyType;

static void *volatile m; // -O2 keeps a malloc whose pointer escapes

static std::vector<allocsite::Filter> only_this_file() {
  return {allocsite::Filter(true, "*/cpp-api.cpp")};
}

// CHECK-LABEL: statistics:
// CHECK-NEXT: {{.*}}/cpp-api.cpp:[[@LINE+1]]: size=4.0 KiB, count=2, average=2.0 KiB kind=new[] function=make_buffer(unsigned long) instrumented=1
__attribute__((noinline)) static char *make_buffer(size_t n) { return new char[n]; }

int main() {
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  // CHECK-NEXT: {{.*}}/cpp-api.cpp:[[@LINE+1]]: size=1000 B, count=1, average=1000 B kind=malloc function=main instrumented=1
  m = std::malloc(1000);
  char *a = make_buffer(2048), *b = make_buffer(2048);
  allocsite::Snapshot before = allocsite::Snapshot::take().filter_traces(only_this_file());
  std::printf("statistics:\n");
  for (const allocsite::Statistic &s : before.statistics(KeyType::traceback))
    std::printf("%s kind=%s function=%s instrumented=%d\n", allocsite::to_string(s).c_str(),
                s.kind.c_str(), s.function.c_str(), s.instrumented);
  // CHECK-NEXT: total: 5096 bytes in 3 blocks, valid=1
  allocsite::Total t = before.total();
  std::printf("total: %llu bytes in %llu blocks, valid=%d\n", (unsigned long long)t.bytes,
              (unsigned long long)t.blocks, before.valid());

  delete[] a;
  std::free(m);
  // CHECK-LABEL: compare_to:
  // CHECK-NEXT: {{.*}}/cpp-api.cpp:22: size=2.0 KiB (-2.0 KiB), count=1 (-1), average=2.0 KiB
  // CHECK-NEXT: {{.*}}/cpp-api.cpp:[[@LINE+1]]: size=1.5 KiB (+1.5 KiB), count=1 (+1), average=1.5 KiB
  char *c = new char[1536];
  // CHECK-NEXT: {{.*}}/cpp-api.cpp:27: size=0 B (-1000 B), count=0 (-1)
  // The vectors only_this_file() returns are allocated in the STL and charged to its line (SPEC
  // §3); all freed again, so the row shows no change.
  // CHECK-NEXT: {{.*}}/cpp-api.cpp:17: size=0 B (+0 B), count=0 (+0)
  // CHECK-NEXT: end
  allocsite::Snapshot after = allocsite::Snapshot::take().filter_traces(only_this_file());
  std::printf("compare_to:\n");
  for (const allocsite::StatisticDiff &d : after.compare_to(before, KeyType::lineno))
    std::printf("%s\n", allocsite::to_string(d).c_str());
  std::printf("end\n");

  // CHECK-NEXT: by file: {{.*}}/cpp-api.cpp: size=3.5 KiB, count=2, average=1.8 KiB
  std::printf("by file: %s\n", allocsite::to_string(after.statistics(KeyType::filename).at(0)).c_str());
  std::optional<allocsite::SiteInfo> where = allocsite::site_of(c);
  // CHECK-NEXT: site_of: {{.*}}/cpp-api.cpp:[[@LINE-15]] kind=new[] stack=0
  std::printf("site_of: %s kind=%s stack=%d\n", allocsite::where(*where).c_str(), where->kind.c_str(),
              allocsite::site_of(&t).has_value());
  // Moving leaves the source invalid and empty.
  allocsite::Snapshot moved = std::move(after);
  // CHECK-NEXT: moved: valid=1 source valid=0 source rows=0
  std::printf("moved: valid=%d source valid=%d source rows=%zu\n", moved.valid(), after.valid(),
              after.statistics(KeyType::lineno).size());
  delete[] b;
  delete[] c;
  return 0;
}
