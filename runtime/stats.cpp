// runtime/stats.cpp - sums over thread states. Holding the thread-state lock keeps every chunk
// mapped while it is read; allocating threads never take it, so they are not stopped.
#include "stats.h"

#include "sites.h"
#include "thread_state.h"

#include <string.h>

namespace allocsite {

void collect_site_counters(SiteCounters *out, uint32_t n) {
  memset(out, 0, sizeof(SiteCounters) * n);
  thread_states_lock();
  for (ThreadState *t = thread_states_head(); t; t = t->next_all) {
    uint32_t chunks = (n + kChunkSites - 1) >> kChunkBits;
    for (uint32_t c = 0; c < chunks && c < kMaxChunks; c++) {
      const SiteCounters *src = __atomic_load_n(&t->chunks[c], __ATOMIC_ACQUIRE);
      if (!src)
        continue;
      uint32_t base = c << kChunkBits;
      uint32_t count = n - base < kChunkSites ? n - base : kChunkSites;
      SiteCounters *dst = out + base;
      for (uint32_t i = 0; i < count; i++) {
        dst[i].live_bytes += __atomic_load_n(&src[i].live_bytes, __ATOMIC_RELAXED);
        dst[i].live_blocks += __atomic_load_n(&src[i].live_blocks, __ATOMIC_RELAXED);
        dst[i].alloc_bytes += __atomic_load_n(&src[i].alloc_bytes, __ATOMIC_RELAXED);
        dst[i].alloc_calls += __atomic_load_n(&src[i].alloc_calls, __ATOMIC_RELAXED);
      }
    }
  }
  thread_states_unlock();
}

void collect_totals(Totals *out) {
  memset(out, 0, sizeof(*out));
  thread_states_lock();
  for (ThreadState *t = thread_states_head(); t; t = t->next_all) {
    out->free_calls += __atomic_load_n(&t->free_calls, __ATOMIC_RELAXED);
    for (uint32_t c = 0; c < kMaxChunks; c++) {
      const SiteCounters *src = __atomic_load_n(&t->chunks[c], __ATOMIC_ACQUIRE);
      if (!src)
        continue;
      for (uint32_t i = 0; i < kChunkSites; i++) {
        out->live_bytes += __atomic_load_n(&src[i].live_bytes, __ATOMIC_RELAXED);
        out->live_blocks += __atomic_load_n(&src[i].live_blocks, __ATOMIC_RELAXED);
        out->alloc_bytes += __atomic_load_n(&src[i].alloc_bytes, __ATOMIC_RELAXED);
        out->alloc_calls += __atomic_load_n(&src[i].alloc_calls, __ATOMIC_RELAXED);
      }
    }
  }
  thread_states_unlock();
  int64_t peak = __atomic_load_n(&g_peak, __ATOMIC_RELAXED);
  out->peak_bytes = peak > out->live_bytes ? peak : out->live_bytes;
}

} // namespace allocsite
