// test/unit/peak_test.cpp - the peak and what each site held then (alloc/alloc.h: tallies keep
// their counts at the latest peak lazily, by epoch; a peak reached by growing is "pending" until
// the first decrease seals it). Single-threaded, where the breakdown is exact. The sizes are far
// above what GoogleTest itself holds, and each test starts with allocsite_clear_traces, so the
// process's other memory never sets the peak.
#include "alloc/alloc.h"
#include "report/report.h"

#include "allocsite/allocsite.h"

#include <gtest/gtest.h>

#include <stdlib.h>

namespace {

allocsite_site make_site(uint32_t line) {
  allocsite_site s = {};
  s.kind = ALLOCSITE_KIND_MALLOC;
  s.line = line;
  s.file = "peak_test.cpp";
  s.function = "peak_test";
  return s;
}

allocsite_site g_a = make_site(1), g_b = make_site(2);

// What site `s` held at the latest peak. Static memory: an allocation here would itself move a
// pending peak.
allocsite::SiteCounters g_sums[1 << 16];

allocsite::SiteCounters at_peak(const allocsite_site &s) {
  uint32_t n = allocsite::site_count();
  if (n > sizeof(g_sums) / sizeof(g_sums[0]))
    n = sizeof(g_sums) / sizeof(g_sums[0]);
  allocsite::collect_peak_site_counters(g_sums, n);
  return s.id < n ? g_sums[s.id] : allocsite::SiteCounters{};
}

constexpr size_t kMiB = size_t(1) << 20;

TEST(Peak, KeepsTheBreakdownOfTheHighestPointAfterFrees) {
  allocsite_clear_traces();
  void *a = __allocsite_malloc(8 * kMiB, &g_a);
  void *b = __allocsite_malloc(4 * kMiB, &g_b);  // peak: 12 MiB, a 8 + b 4
  __allocsite_free(a, &g_a);                     // seals it
  void *b2 = __allocsite_malloc(2 * kMiB, &g_b); // 6 MiB: below the peak
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(12 * kMiB));
  EXPECT_EQ(allocsite::traced_bytes_now(), int64_t(6 * kMiB));
  EXPECT_EQ(at_peak(g_a).live_bytes, int64_t(8 * kMiB));
  EXPECT_EQ(at_peak(g_a).live_blocks, 1);
  EXPECT_EQ(at_peak(g_b).live_bytes, int64_t(4 * kMiB));
  EXPECT_EQ(at_peak(g_b).live_blocks, 1);
  __allocsite_free(b, &g_b);
  __allocsite_free(b2, &g_b);
}

TEST(Peak, APendingPeakIsTheCurrentBreakdown) {
  allocsite_clear_traces();
  void *a = __allocsite_malloc(3 * kMiB, &g_a);
  void *b = __allocsite_malloc(5 * kMiB, &g_b);
  __allocsite_free(b, &g_b);                     // peak 8 MiB sealed: a 3, b 5
  void *a2 = __allocsite_malloc(9 * kMiB, &g_a); // 12 MiB: a new peak, still growing
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(12 * kMiB));
  EXPECT_EQ(at_peak(g_a).live_bytes, int64_t(12 * kMiB));
  EXPECT_EQ(at_peak(g_a).live_blocks, 2);
  EXPECT_EQ(at_peak(g_b).live_bytes, 0);
  __allocsite_free(a, &g_a); // seals the 12 MiB peak as it was
  EXPECT_EQ(at_peak(g_a).live_bytes, int64_t(12 * kMiB));
  EXPECT_EQ(at_peak(g_a).live_blocks, 2);
  __allocsite_free(a2, &g_a);
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(12 * kMiB));
}

// Small blocks take the inlined paths: each step up of a growing program is a charge past the
// thread's peak band (a new peak), and the free of the step's temporary the first decrease after
// it, which seals that peak (charge_past_band, uncharge_past_band).
TEST(Peak, EachStepOfAGrowingProgramIsSealedByTheFreeAfterIt) {
  allocsite_clear_traces();
  void *kept[4];
  for (void *&k : kept) {
    k = __allocsite_malloc(10000, &g_a);
    void *temporary = __allocsite_malloc(3000, &g_b);
    __allocsite_free(temporary, &g_b);
  }
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(43000));
  EXPECT_EQ(allocsite::traced_bytes_now(), int64_t(40000));
  EXPECT_EQ(at_peak(g_a).live_bytes, int64_t(40000));
  EXPECT_EQ(at_peak(g_a).live_blocks, 4);
  EXPECT_EQ(at_peak(g_b).live_bytes, int64_t(3000));
  EXPECT_EQ(at_peak(g_b).live_blocks, 1);
  __allocsite_free(kept[3], &g_a);
  void *small = __allocsite_malloc(5000, &g_b); // 35000: below the peak, which stands
  EXPECT_EQ(at_peak(g_a).live_bytes, int64_t(40000));
  EXPECT_EQ(at_peak(g_b).live_bytes, int64_t(3000));
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(43000));
  __allocsite_free(small, &g_b);
  for (int i = 0; i < 3; ++i)
    __allocsite_free(kept[i], &g_a);
}

TEST(Peak, ClearingStartsFromWhatIsLiveNow) {
  allocsite_clear_traces();
  void *a = __allocsite_malloc(16 * kMiB, &g_a);
  __allocsite_free(a, &g_a);
  void *b = __allocsite_malloc(1 * kMiB, &g_b);
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(16 * kMiB));
  allocsite_clear_traces(); // b is forgotten: the peak is what is traced from now on
  EXPECT_EQ(allocsite::traced_peak_now(), 0);
  void *a2 = __allocsite_malloc(2 * kMiB, &g_a);
  EXPECT_EQ(allocsite::traced_peak_now(), int64_t(2 * kMiB));
  EXPECT_EQ(at_peak(g_a).live_bytes, int64_t(2 * kMiB));
  EXPECT_EQ(at_peak(g_b).live_bytes, 0);
  __allocsite_free(a2, &g_a);
  __allocsite_free(b, &g_b);
}

} // namespace
