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

} // namespace allocsite

#endif
