// allocsite::format_size prints sizes as the reports do: bytes below 1 KiB, then one decimal in
// the largest unit that keeps the number below 1024 (rounded half up, 1048575 B is 1.0 MiB);
// format_size_diff adds the sign. The helpers need no runtime.
// RUN: %clangxx -std=c++17 -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <cstdio>

#include "allocsite/allocsite.hpp"

int main() {
  const std::uint64_t sizes[] = {0, 1, 1023, 1024, 1536, 1075, 10240, 1048575, 1048576,
                                 104857600, 1073741824, 1099511627776ull * 3 / 2, 1099511627776ull * 2048};
  for (std::uint64_t s : sizes)
    std::printf("%llu: %s\n", (unsigned long long)s, allocsite::format_size(s).c_str());
  // CHECK: 0: 0 B
  // CHECK-NEXT: 1: 1 B
  // CHECK-NEXT: 1023: 1023 B
  // CHECK-NEXT: 1024: 1.0 KiB
  // CHECK-NEXT: 1536: 1.5 KiB
  // CHECK-NEXT: 1075: 1.0 KiB
  // CHECK-NEXT: 10240: 10.0 KiB
  // CHECK-NEXT: 1048575: 1.0 MiB
  // CHECK-NEXT: 1048576: 1.0 MiB
  // CHECK-NEXT: 104857600: 100.0 MiB
  // CHECK-NEXT: 1073741824: 1.0 GiB
  // CHECK-NEXT: 1649267441664: 1.5 TiB
  // CHECK-NEXT: 2251799813685248: 2048.0 TiB
  // CHECK-NEXT: diffs: +0 B -1.5 KiB +100.0 MiB -8388608.0 TiB
  std::printf("diffs: %s %s %s %s\n", allocsite::format_size_diff(0).c_str(),
              allocsite::format_size_diff(-1536).c_str(),
              allocsite::format_size_diff(104857600).c_str(),
              allocsite::format_size_diff(INT64_MIN).c_str());
  return 0;
}
