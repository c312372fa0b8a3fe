// runtime/stats.cpp - sums over thread states. Holding the thread-state lock keeps every chunk
// mapped while it is read; allocating threads never take it, so they are not stopped.
#include "stats.h"

#include "sites.h"
#include "thread_state.h"

#include <string.h>

namespace allocsite {
namespace {

// Calls visit(first_site_id, tallies, count) for every mapped chunk of every state, sites < n.
template <typename Visit> void for_each_chunk(uint32_t n, Visit visit) {
  uint32_t chunks = (n + kChunkSites - 1) >> kChunkBits;
  thread_states_lock();
  for (ThreadState *t = thread_states_head(); t; t = t->next_all) {
    for (uint32_t c = 0; c < chunks && c < kMaxChunks; c++) {
      const SiteTally *src = __atomic_load_n(&t->chunks[c], __ATOMIC_ACQUIRE);
      if (!src)
        continue;
      uint32_t base = c << kChunkBits;
      visit(base, src, n - base < kChunkSites ? n - base : kChunkSites);
    }
  }
  thread_states_unlock();
}

AS_ALWAYS_INLINE int64_t load(const int64_t &v) { return __atomic_load_n(&v, __ATOMIC_RELAXED); }

} // namespace

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
}

void collect_totals(Totals *out) {
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
  int64_t peak = __atomic_load_n(&g_peak, __ATOMIC_RELAXED);
  out->peak_bytes = peak > out->live_bytes ? peak : out->live_bytes;
}

} // namespace allocsite
