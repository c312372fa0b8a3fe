// runtime/alloc/page_aligned.cpp - the live blocks whose user pointer starts a page. Their header
// is on the previous page, which a foreign page-aligned pointer need not have mapped, so a free
// must know the pointer is ours before reading the header. Asking the kernel (mincore) costs a
// system call per free; this set costs a lock on a path that page-aligned blocks alone take.
#include "alloc/alloc.h"

#include "base/base.h"

#include <sys/mman.h>

namespace allocsite {
namespace {

struct PageBlock {
  uintptr_t address; // 0: empty; kRemoved: tombstone; else a live page-aligned block
  static constexpr uintptr_t kRemoved = 1; // never a page-aligned address
  uint64_t key_hash() const { return address >> 12; }
  bool is_empty() const { return address == 0; }
  bool is_live() const { return address > kRemoved; }
};

SpinLock g_lock;
AddressTable<PageBlock> g_blocks;
bool g_incomplete; // an insertion failed for lack of memory: fall back to asking the kernel

PageBlock *find(void *user) {
  uintptr_t address = uintptr_t(user);
  return g_blocks.find(address >> 12,
                       [address](const PageBlock &b) { return b.address == address; });
}

bool mapped(void *page) {
  unsigned char vec;
  return mincore(page, 4096, &vec) == 0;
}

} // namespace

void page_aligned_add(void *user) {
  SpinLockGuard guard(g_lock);
  PageBlock *slot = g_blocks.slot_for(uintptr_t(user) >> 12);
  if (slot)
    slot->address = uintptr_t(user);
  else
    g_incomplete = true;
}

void page_aligned_remove(void *user) {
  SpinLockGuard guard(g_lock);
  if (PageBlock *b = find(user))
    b->address = PageBlock::kRemoved;
}

bool page_aligned_header_readable(void *user) {
  {
    SpinLockGuard guard(g_lock);
    if (find(user))
      return true;
    if (!g_incomplete)
      return false;
  }
  return mapped(static_cast<char *>(user) - 4096);
}

void page_aligned_lock_for_fork() { g_lock.lock(); }
void page_aligned_unlock_after_fork(bool child) { g_lock.release_after_fork(child); }

} // namespace allocsite
