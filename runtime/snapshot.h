// runtime/snapshot.h - allocsite_snapshot: a copy of every active site's counters and names,
// owning its memory (one Scratch), so it outlives the state it was taken from and can be loaded
// from a file.
#ifndef ALLOCSITE_RUNTIME_SNAPSHOT_H
#define ALLOCSITE_RUNTIME_SNAPSHOT_H

#include "allocsite/allocsite.h"
#include "report_model.h"

struct allocsite_snapshot {
  allocsite::Scratch memory;
  allocsite::SiteCounters *sums; // taken snapshots: every site's counters, indexed by id
  uint32_t sums_count;
  allocsite::SiteView *sites; // named (see below): every site with activity (loaded: file order)
  uint32_t count;
  unsigned *domains;          // per site: its domain (0 unless tracked)
  // Taking a snapshot only sums the counters (O(sites x threads)) into `sums`; `sites`, `count`
  // and `domains` are made the first time something reads them (statistics, filters, dump).
  // Loaded snapshots come named.
  bool named;
};

namespace allocsite {

// A new, empty snapshot (in its own mapping); nullptr when the OS refuses memory.
allocsite_snapshot *snapshot_new();
// Names every site of `s` (symbolizing dynamic ones), once; const because naming does not change
// what the snapshot holds.
void snapshot_ensure_names(const allocsite_snapshot *s);
// Copies the strings `v` points to into `s`'s memory, so that `v` stays valid as long as `s`.
void snapshot_own_names(allocsite_snapshot *s, SiteView *v);
// The info a statistic row or allocsite_site_of returns for one site.
void site_info_from_view(const SiteView &v, unsigned domain, allocsite_site_info *out);

void snapshot_destroy(allocsite_snapshot *s);
// Memory the API hands to callers (statistics arrays, texts), released by allocsite_free.
void *api_alloc(size_t size);
allocsite_snapshot *snapshot_take();
allocsite_snapshot *snapshot_take_peak();

// Peak snapshot: thread_state.h calls this when traced memory reaches a new high at or above
// g_peak_snapshot_next.
void peak_snapshot_maybe_take(int64_t current);
void peak_snapshot_reset();

} // namespace allocsite

#endif
