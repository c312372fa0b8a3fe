// runtime/stats.h - sums of the per-thread counters: O(sites x threads), never O(live blocks).
#ifndef ALLOCSITE_RUNTIME_STATS_H
#define ALLOCSITE_RUNTIME_STATS_H

#include "common.h"

namespace allocsite {

// out[id] for id < n receives the counters of site `id` summed over all threads, living or exited.
// Safe while other threads allocate (each entry is read atomically; the sum is a consistent-enough
// instant, as with tracemalloc's take_snapshot under the GIL... minus the GIL).
void collect_site_counters(SiteCounters *out, uint32_t n);
void collect_totals(Totals *out);

// Traced bytes now and their peak (allocsite_get_traced_memory), since the last clear.
int64_t traced_bytes_now();
int64_t traced_peak_now();
// allocsite_clear_traces: later sums start from zero; blocks allocated before are forgotten.
void stats_clear();

} // namespace allocsite

#endif
