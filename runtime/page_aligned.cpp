// runtime/page_aligned.cpp - the live blocks whose user pointer starts a page. Their header is on
// the previous page, which a foreign page-aligned pointer need not have mapped, so a free must
// know the pointer is ours before reading the header. Asking the kernel (mincore) costs a system
// call per free; this set costs a lock on a path that page-aligned blocks alone take.
#include "tracking.h"

#include "arena.h"
#include "spinlock.h"

#include <sys/mman.h>

namespace allocsite {
namespace {

constexpr uintptr_t kRemoved = 1; // tombstone; never a page-aligned address

SpinLock g_lock;
uintptr_t *g_slots;
size_t g_capacity; // power of two
size_t g_used;     // live + removed
bool g_incomplete; // an insertion failed for lack of memory: fall back to asking the kernel

size_t slot_of(uintptr_t p) { return size_t((p >> 12) * 0x9E3779B97F4A7C15ull >> 40) & (g_capacity - 1); }

bool grow() {
  size_t capacity = g_capacity ? g_capacity * 2 : 1024;
  auto *fresh = static_cast<uintptr_t *>(os_map(capacity * sizeof(uintptr_t)));
  if (!fresh)
    return false;
  uintptr_t *old = g_slots;
  size_t old_capacity = g_capacity;
  g_slots = fresh;
  g_capacity = capacity;
  g_used = 0;
  for (size_t i = 0; i < old_capacity; i++) {
    if (old[i] <= kRemoved)
      continue;
    size_t j = slot_of(old[i]);
    while (g_slots[j])
      j = (j + 1) & (g_capacity - 1);
    g_slots[j] = old[i];
    g_used++;
  }
  os_unmap(old, old_capacity * sizeof(uintptr_t));
  return true;
}

uintptr_t *find(uintptr_t p) {
  if (!g_slots)
    return nullptr;
  for (size_t i = slot_of(p);; i = (i + 1) & (g_capacity - 1)) {
    if (g_slots[i] == p)
      return &g_slots[i];
    if (!g_slots[i])
      return nullptr;
  }
}

bool mapped(void *page) {
  unsigned char vec;
  return mincore(page, 4096, &vec) == 0;
}

} // namespace

void page_aligned_add(void *user) {
  SpinLockGuard guard(g_lock);
  if ((g_used + 1) * 2 > g_capacity && !grow()) {
    g_incomplete = true;
    return;
  }
  size_t i = slot_of(uintptr_t(user));
  while (g_slots[i] > kRemoved)
    i = (i + 1) & (g_capacity - 1);
  if (!g_slots[i])
    g_used++;
  g_slots[i] = uintptr_t(user);
}

void page_aligned_remove(void *user) {
  SpinLockGuard guard(g_lock);
  if (uintptr_t *slot = find(uintptr_t(user)))
    *slot = kRemoved;
}

bool page_aligned_header_readable(void *user) {
  {
    SpinLockGuard guard(g_lock);
    if (find(uintptr_t(user)))
      return true;
    if (!g_incomplete)
      return false;
  }
  return mapped(static_cast<char *>(user) - 4096);
}

void page_aligned_lock_for_fork() { g_lock.lock(); }
void page_aligned_unlock_after_fork(bool child) {
  if (child)
    g_lock.reset_after_fork();
  else
    g_lock.unlock();
}

} // namespace allocsite
