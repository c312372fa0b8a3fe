// runtime/report/stats.cpp - sums over thread states. Holding the thread-state lock keeps every
// chunk mapped while it is read; allocating threads never take it, so they are not stopped.
//
// allocsite_clear_traces() does not touch the per-thread tallies (their owners update them without
// atomics): it saves their sums as a baseline that later sums subtract, and bumps the block
// generation so that blocks allocated before are not uncharged when freed.
#include "report/report.h"

#include "alloc/alloc.h"
#include "base/base.h"

#include <stddef.h>
#include <string.h>

namespace allocsite {
namespace {

// Calls visit(first_site_id, chunk, count) for every mapped chunk of every state, sites < n.
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
      const TallyChunk *src = __atomic_load_n(&t->chunks[c], __ATOMIC_ACQUIRE);
      if (src && src != &g_scratch_chunk)
        visit(base, src, count);
    }
  }
  thread_states_unlock();
}

AS_ALWAYS_INLINE int64_t load(const int64_t &v) { return __atomic_load_n(&v, __ATOMIC_RELAXED); }

// One TallyCounts, or SiteCounters, as a vector: sums go through memory at its bandwidth only
// when each site costs a load and an add. Owners write their counts while they are read; a vector
// load still reads each aligned word whole, so a sum sees every count before or after a change,
// as the atomic loads elsewhere do. SiteCounters arrays may be 8-byte aligned only.
typedef int64_t Lanes __attribute__((vector_size(32), aligned(8), may_alias));
static_assert(sizeof(TallyCounts) == sizeof(Lanes) && sizeof(SiteCounters) == sizeof(Lanes),
              "a tally and a site's counters are one vector each");

// Chunks summed in one pass over the sums: each site's sum is then written once per this many
// states rather than once per state.
constexpr unsigned kSumFanIn = 16;

// out[i] for i < count = (add ? out[i] : 0) + tally i of each of src[0..n) (as add_tally(sum,
// chunk, i) adds it), passed through finish(sum, i) when `last`.
template <bool last, typename AddTally, typename Finish>
AS_ALWAYS_INLINE void sum_into(Lanes *out, const TallyChunk *const *src, unsigned n, uint32_t count,
                               bool add, AddTally add_tally, Finish finish) {
  for (uint32_t i = 0; i < count; i++) {
    Lanes sum = add ? out[i] : Lanes{0, 0, 0, 0};
    for (unsigned k = 0; k < n; k++)
      add_tally(sum, *src[k], i);
    if (last)
      finish(sum, i);
    out[i] = sum;
  }
}

// out[id] for id < n = finish(sum, id) of `sum`, site id's tallies summed over every state (each
// added by add_tally(sum, chunk, slot)), as TallyCounts. Every entry is written, so `out` needs
// no clearing first.
template <typename AddTally, typename Finish>
void sum_tallies(Lanes *out, uint32_t n, AddTally add_tally, Finish finish) {
  uint32_t chunks = (n + kChunkSites - 1) >> kChunkBits;
  auto none = [](Lanes &, uint32_t) {};
  thread_states_lock();
  ThreadState *head = thread_states_head();
  for (uint32_t c = 0; c < chunks && c < kMaxChunks; c++) {
    uint32_t base = c << kChunkBits;
    uint32_t count = n - base < kChunkSites ? n - base : kChunkSites;
    Lanes *dst = out + base;
    // The states' chunks are read side by side (as many streams as the prefetchers follow), and
    // each sum is written once per kSumFanIn of them.
    const TallyChunk *src[kSumFanIn];
    unsigned k = 0;
    bool add = false;
    for (ThreadState *t = head; t; t = t->next_all) {
      const TallyChunk *chunk = __atomic_load_n(&t->chunks[c], __ATOMIC_ACQUIRE);
      if (!chunk || chunk == &g_scratch_chunk)
        continue;
      src[k++] = chunk;
      if (k == kSumFanIn) {
        sum_into<false>(dst, src, k, count, add, add_tally, none);
        k = 0;
        add = true;
      }
    }
    sum_into<true>(dst, src, k, count, add, add_tally,
                   [&](Lanes &sum, uint32_t i) { finish(sum, base + i); });
  }
  thread_states_unlock();
}

// Adds a tally's current counts.
constexpr auto add_counts = [](Lanes &sum, const TallyChunk &chunk, uint32_t i) {
  sum += reinterpret_cast<const Lanes *>(chunk.counts)[i];
};

SpinLock g_baseline_lock;
TallyCounts *g_baseline; // per site id, sums at the last clear
uint32_t g_baseline_count;
size_t g_baseline_bytes;
Totals g_baseline_totals;
int64_t g_baseline_current; // traced bytes at the last clear

void collect_raw(TallyCounts *out, uint32_t n) {
  sum_tallies(reinterpret_cast<Lanes *>(out), n, add_counts, [](Lanes &, uint32_t) {});
}

void collect_raw_totals(Totals *out) {
  memset(out, 0, sizeof(*out));
  for_each_chunk(site_count(), [out](uint32_t, const TallyChunk *chunk, uint32_t count) {
    const TallyCounts *src = chunk->counts;
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

// Counts since the last clear: the sums at that clear taken away. g_baseline_lock held.
AS_ALWAYS_INLINE void subtract_baseline(Lanes &sum, uint32_t id) {
  if (AS_UNLIKELY(id < g_baseline_count))
    sum -= reinterpret_cast<const Lanes *>(g_baseline)[id];
}

// A site's counters from its summed tallies: {alloc_bytes, alloc_calls, freed_bytes,
// freed_calls} -> {live_bytes, live_blocks, alloc_bytes, alloc_calls}.
AS_ALWAYS_INLINE void make_site_counters(Lanes *v) {
  static_assert(
      offsetof(SiteCounters, live_bytes) == 0 && offsetof(SiteCounters, live_blocks) == 8 &&
          offsetof(SiteCounters, alloc_bytes) == 16 && offsetof(SiteCounters, alloc_calls) == 24,
      "the lanes' order");
  Lanes t = *v, zero = {0, 0, 0, 0};
  *v = __builtin_shufflevector(t, t, 0, 1, 0, 1) - __builtin_shufflevector(t, zero, 2, 3, 4, 5);
}

// What both collections finish each site's sum with: its counters since the last clear.
constexpr auto since_clear = [](Lanes &sum, uint32_t id) {
  subtract_baseline(sum, id);
  make_site_counters(&sum);
};

} // namespace

void collect_site_counters(SiteCounters *out, uint32_t n) {
  // Taken before the thread-state lock, as stats_clear does.
  SpinLockGuard guard(g_baseline_lock);
  sum_tallies(reinterpret_cast<Lanes *>(out), n, add_counts, since_clear);
}

void collect_peak_site_counters(SiteCounters *out, uint32_t n) {
  uint64_t epoch = __atomic_load_n(&g_peak_epoch, __ATOMIC_RELAXED);
  // A pending peak (alloc/alloc.h) is now: every tally's current counts.
  if (__atomic_load_n(&g_peak_pending, __ATOMIC_RELAXED))
    epoch++;
  SpinLockGuard guard(g_baseline_lock);
  sum_tallies(
      reinterpret_cast<Lanes *>(out), n,
      [epoch](Lanes &sum, const TallyChunk &chunk, uint32_t i) {
        // tally_at_peak's choice, its counts read as one vector.
        const TallyCounts &c = __atomic_load_n(&chunk.peak_epoch[i], __ATOMIC_RELAXED) == epoch
                                   ? chunk.at_peak[i]
                                   : chunk.counts[i];
        sum += *reinterpret_cast<const Lanes *>(&c);
      },
      since_clear);
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
  size_t bytes = page_round(sizeof(TallyCounts) * n);
  auto *fresh = static_cast<TallyCounts *>(os_map(bytes));
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
