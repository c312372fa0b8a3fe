// runtime/tracked.cpp - allocsite_track/untrack (tracemalloc's PyTraceMalloc_Track): blocks the
// allocator never sees, keyed by (domain, address), charged to the caller's line in that domain.
// Rare calls, so one lock and an open-addressing table that doubles when half full.
#include "arena.h"
#include "init.h"
#include "sites.h"
#include "spinlock.h"
#include "tracking.h"

using namespace allocsite;

namespace {

struct TrackedBlock {
  uintptr_t address;
  uint64_t size;
  uint32_t site;
  uint32_t domain;
  uint32_t state; // 0 empty, 1 live, 2 removed
  uint32_t generation;
};

SpinLock g_lock;
TrackedBlock *g_blocks;
size_t g_capacity; // power of two
size_t g_used;     // live + removed slots

size_t slot_of(uintptr_t address, unsigned domain) {
  uint64_t x = (uint64_t(address) ^ (uint64_t(domain) << 52)) * 0x9E3779B97F4A7C15ull;
  return size_t(x >> 20) & (g_capacity - 1);
}

TrackedBlock *find(uintptr_t address, unsigned domain) {
  if (!g_blocks)
    return nullptr;
  for (size_t i = slot_of(address, domain);; i = (i + 1) & (g_capacity - 1)) {
    TrackedBlock &b = g_blocks[i];
    if (b.state == 0)
      return nullptr;
    if (b.state == 1 && b.address == address && b.domain == domain)
      return &b;
  }
}

bool grow() {
  size_t capacity = g_capacity ? g_capacity * 2 : 1024;
  auto *fresh = static_cast<TrackedBlock *>(os_map(capacity * sizeof(TrackedBlock)));
  if (!fresh)
    return false;
  TrackedBlock *old = g_blocks;
  size_t old_capacity = g_capacity;
  g_blocks = fresh;
  g_capacity = capacity;
  g_used = 0;
  for (size_t i = 0; i < old_capacity; i++) {
    if (old[i].state != 1)
      continue;
    size_t j = slot_of(old[i].address, old[i].domain);
    while (g_blocks[j].state)
      j = (j + 1) & (g_capacity - 1);
    g_blocks[j] = old[i];
    g_used++;
  }
  os_unmap(old, old_capacity * sizeof(TrackedBlock));
  return true;
}

void forget(TrackedBlock *b) {
  if (b->site && b->generation == (g_generation & 0xff))
    uncharge(b->site, b->size);
  b->state = 2;
}

} // namespace

AS_INTERFACE int allocsite_untrack(unsigned domain, uintptr_t ptr) {
  if (runtime_mode() != Mode::Active || !g_tracing)
    return -2;
  SpinLockGuard guard(g_lock);
  if (TrackedBlock *b = find(ptr, domain))
    forget(b);
  return 0;
}

AS_INTERFACE int allocsite_track(unsigned domain, uintptr_t ptr, size_t size) {
  if (runtime_mode() != Mode::Active || !g_tracing)
    return -2;
  uint32_t site = site_for_tracked(uintptr_t(__builtin_return_address(0)), domain);
  SpinLockGuard guard(g_lock);
  if (TrackedBlock *b = find(ptr, domain))
    forget(b);
  if ((g_used + 1) * 2 > g_capacity && !grow())
    return -1;
  size_t i = slot_of(ptr, domain);
  while (g_blocks[i].state == 1)
    i = (i + 1) & (g_capacity - 1);
  if (g_blocks[i].state == 0)
    g_used++;
  g_blocks[i] = TrackedBlock{ptr, size, site, domain, 1, g_generation & 0xff};
  if (site)
    charge(site, size);
  return 0;
}

namespace allocsite {

void tracked_lock_for_fork() { g_lock.lock(); }
void tracked_unlock_after_fork(bool child) {
  if (child)
    g_lock.reset_after_fork();
  else
    g_lock.unlock();
}

} // namespace allocsite
