// runtime/api/track.cpp - allocsite_track/untrack (tracemalloc's PyTraceMalloc_Track): blocks the
// allocator never sees, keyed by (domain, address), charged to the caller's line in that domain.
// Rare calls, so one lock and an AddressTable.
#include "alloc/alloc.h"
#include "base/base.h"

using namespace allocsite;

namespace {

struct TrackedBlock {
  uintptr_t address;
  uint64_t size;
  uint32_t site;
  uint32_t domain;
  uint32_t state; // 0 empty, 1 live, 2 removed
  uint32_t generation;
  uint64_t key_hash() const { return hash_of(address, domain); }
  bool is_empty() const { return state == 0; }
  bool is_live() const { return state == 1; }
  static uint64_t hash_of(uintptr_t address, unsigned domain) {
    return uint64_t(address) ^ (uint64_t(domain) << 52);
  }
};

SpinLock g_lock;
AddressTable<TrackedBlock> g_blocks;

TrackedBlock *find(uintptr_t address, unsigned domain) {
  return g_blocks.find(TrackedBlock::hash_of(address, domain), [=](const TrackedBlock &b) {
    return b.address == address && b.domain == domain;
  });
}

void forget(TrackedBlock *b) {
  if (b->site && b->generation == block_generation(g_state.generation_bits))
    uncharge(b->site, b->size);
  b->state = 2;
}

} // namespace

AS_INTERFACE int allocsite_untrack(unsigned domain, uintptr_t ptr) {
  if (!runtime_tracking() || !tracing())
    return -2;
  SpinLockGuard guard(g_lock);
  if (TrackedBlock *b = find(ptr, domain))
    forget(b);
  return 0;
}

AS_INTERFACE int allocsite_track(unsigned domain, uintptr_t ptr, size_t size) {
  if (!runtime_tracking() || !tracing())
    return -2;
  uint32_t site = site_for_tracked(uintptr_t(__builtin_return_address(0)), domain);
  SpinLockGuard guard(g_lock);
  if (TrackedBlock *b = find(ptr, domain))
    forget(b);
  TrackedBlock *slot = g_blocks.slot_for(TrackedBlock::hash_of(ptr, domain));
  if (!slot)
    return -1;
  *slot = TrackedBlock{ptr, size, site, domain, 1, block_generation(g_state.generation_bits)};
  if (site)
    charge(site, size);
  return 0;
}

namespace allocsite {

void tracked_lock_for_fork() { g_lock.lock(); }
void tracked_unlock_after_fork(bool child) { g_lock.release_after_fork(child); }

} // namespace allocsite
