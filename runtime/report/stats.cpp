// runtime/report/stats.cpp - sums over thread states. Holding the thread-state lock keeps every
// chunk mapped while it is read; allocating threads never take it, so they are not stopped.
//
// allocsite_clear_traces() does not touch the per-thread tallies (their owners update them without
// atomics): it saves their sums as a baseline that later sums subtract, and bumps the block
// generation so that blocks allocated before are not uncharged when freed.
#include "report/report.h"

#include "alloc/alloc.h"
#include "base/base.h"

#include <string.h>

namespace allocsite {
namespace {

// Calls visit(first_site_id, tallies, count) for every mapped chunk of every state, sites < n.
// Chunk by chunk, then state by state: the chunk of sums being added to stays in cache while every
// thread's tallies stream through it once.
template <typename Visit> void for_each_chunk(uint32_t n, Visit visit) {
  uint32_t chunks = (n + kChunkSites - 1) >> kChunkBits;
  thread_states_lock();
  ThreadState *head = thread_states_head();
  for (uint32_t c = 0; c < chunks && c < kMaxChunks; c++) {
    uint32_t base = c << kChunkBits;
    uint32_t count = n - base < kChunkSites ? n - base : kChunkSites;
    for (ThreadState *t = head; t; t = t->next_all) {
      const SiteTally *src = __atomic_load_n(&t->chunks[c], __ATOMIC_ACQUIRE);
      if (src && src != g_scratch_chunk)
        visit(base, src, count);
    }
  }
  thread_states_unlock();
}

AS_ALWAYS_INLINE int64_t load(const int64_t &v) { return __atomic_load_n(&v, __ATOMIC_RELAXED); }

SpinLock g_baseline_lock;
SiteTally *g_baseline; // per site id, sums at the last clear
uint32_t g_baseline_count;
size_t g_baseline_bytes;
Totals g_baseline_totals;
int64_t g_baseline_current; // traced bytes at the last clear

void collect_raw(SiteTally *out, uint32_t n) {
  memset(out, 0, sizeof(SiteTally) * n);
  for_each_chunk(n, [out](uint32_t base, const SiteTally *src, uint32_t count) {
    SiteTally *dst = out + base;
    for (uint32_t i = 0; i < count; i++) {
      dst[i].alloc_bytes += load(src[i].alloc_bytes);
      dst[i].alloc_calls += load(src[i].alloc_calls);
      dst[i].freed_bytes += load(src[i].freed_bytes);
      dst[i].freed_calls += load(src[i].freed_calls);
    }
  });
}

void collect_raw_totals(Totals *out) {
  memset(out, 0, sizeof(*out));
  for_each_chunk(site_count(), [out](uint32_t, const SiteTally *src, uint32_t count) {
    for (uint32_t i = 0; i < count; i++) {
      int64_t alloc_bytes = load(src[i].alloc_bytes), alloc_calls = load(src[i].alloc_calls);
      int64_t freed_calls = load(src[i].freed_calls);
      out->live_bytes += alloc_bytes - load(src[i].freed_bytes);
      out->live_blocks += alloc_calls - freed_calls;
      out->alloc_bytes += alloc_bytes;
      out->alloc_calls += alloc_calls;
      out->free_calls += freed_calls;
    }
  });
}

} // namespace

// Counts since the last clear: the sums at that clear taken away.
void subtract_baseline(SiteCounters *out, uint32_t n) {
  SpinLockGuard guard(g_baseline_lock);
  uint32_t m = n < g_baseline_count ? n : g_baseline_count;
  for (uint32_t i = 0; i < m; i++) {
    const SiteTally &b = g_baseline[i];
    out[i].live_bytes -= b.alloc_bytes - b.freed_bytes;
    out[i].live_blocks -= b.alloc_calls - b.freed_calls;
    out[i].alloc_bytes -= b.alloc_bytes;
    out[i].alloc_calls -= b.alloc_calls;
  }
}

void collect_site_counters(SiteCounters *out, uint32_t n) {
  memset(out, 0, sizeof(SiteCounters) * n);
  for_each_chunk(n, [out](uint32_t base, const SiteTally *src, uint32_t count) {
    SiteCounters *dst = out + base;
    for (uint32_t i = 0; i < count; i++) {
      int64_t alloc_bytes = load(src[i].alloc_bytes), alloc_calls = load(src[i].alloc_calls);
      dst[i].live_bytes += alloc_bytes - load(src[i].freed_bytes);
      dst[i].live_blocks += alloc_calls - load(src[i].freed_calls);
      dst[i].alloc_bytes += alloc_bytes;
      dst[i].alloc_calls += alloc_calls;
    }
  });
  subtract_baseline(out, n);
}

void collect_peak_site_counters(SiteCounters *out, uint32_t n) {
  memset(out, 0, sizeof(SiteCounters) * n);
  uint64_t epoch = __atomic_load_n(&g_peak_epoch, __ATOMIC_RELAXED);
  // A pending peak (alloc/alloc.h) is now: every tally's current counts.
  bool pending = __atomic_load_n(&g_peak_pending, __ATOMIC_RELAXED);
  for_each_chunk(n, [out, epoch, pending](uint32_t base, const SiteTally *src, uint32_t count) {
    SiteCounters *dst = out + base;
    for (uint32_t i = 0; i < count; i++) {
      TallyCounts c = tally_at_peak(src[i], pending ? epoch + 1 : epoch);
      dst[i].live_bytes += c.alloc_bytes - c.freed_bytes;
      dst[i].live_blocks += c.alloc_calls - c.freed_calls;
      dst[i].alloc_bytes += c.alloc_bytes;
      dst[i].alloc_calls += c.alloc_calls;
    }
  });
  subtract_baseline(out, n);
}

void collect_totals(Totals *out) {
  collect_raw_totals(out);
  SpinLockGuard guard(g_baseline_lock);
  out->live_bytes -= g_baseline_totals.live_bytes;
  out->live_blocks -= g_baseline_totals.live_blocks;
  out->alloc_bytes -= g_baseline_totals.alloc_bytes;
  out->alloc_calls -= g_baseline_totals.alloc_calls;
  out->free_calls -= g_baseline_totals.free_calls;
  int64_t peak = __atomic_load_n(&g_peak, __ATOMIC_RELAXED) - g_baseline_current;
  out->peak_bytes = peak > out->live_bytes ? peak : out->live_bytes;
}

int64_t traced_bytes_now() {
  SpinLockGuard guard(g_baseline_lock);
  return current_traced_bytes() - g_baseline_current;
}

int64_t traced_peak_now() {
  int64_t current = traced_bytes_now();
  SpinLockGuard guard(g_baseline_lock);
  int64_t peak = __atomic_load_n(&g_peak, __ATOMIC_RELAXED) - g_baseline_current;
  return peak > current ? peak : current;
}

void stats_clear() {
  __atomic_add_fetch(&g_state.generation, 1, __ATOMIC_RELAXED);
  state_changed();
  uint32_t n = site_count();
  size_t bytes = (sizeof(SiteTally) * n + 4095) & ~size_t(4095);
  auto *fresh = static_cast<SiteTally *>(os_map(bytes));
  if (!fresh)
    return;
  collect_raw(fresh, n);
  Totals totals;
  collect_raw_totals(&totals);
  int64_t current = current_traced_bytes();
  SpinLockGuard guard(g_baseline_lock);
  os_unmap(g_baseline, g_baseline_bytes);
  g_baseline = fresh;
  g_baseline_count = n;
  g_baseline_bytes = bytes;
  g_baseline_totals = totals;
  g_baseline_current = current;
  peak_reset_to(current);
}

} // namespace allocsite
