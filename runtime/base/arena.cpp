// runtime/base/arena.cpp - the runtime's own memory, straight from mmap (never from the allocator
// it traces). A bump arena for small long-lived objects (descriptor copies, thread states' side
// data, symbolizer results) and direct mappings for large tables.
#include "base/base.h"

#include <sys/mman.h>
#include <unistd.h>

namespace allocsite {
namespace {

constexpr size_t kArenaChunk = 1 << 20;

SpinLock g_arena_lock;
char *g_arena_cur;
char *g_arena_end;
// Every mapping, so that the resident part can be measured: the large tables are reserved
// (MAP_NORESERVE) far beyond what a program touches.
struct Mapping {
  void *start;
  size_t size;
};
constexpr size_t kMaxMappings = 16384;
SpinLock g_mappings_lock;
Mapping g_mappings[kMaxMappings];
size_t g_mapping_count;

} // namespace

void *os_map(size_t size) { return os_map_flags(size, MAP_NORESERVE); }

// Memory about to be written in full (a snapshot's arrays) is populated in one system call rather
// than one page fault per page.
void *os_map_populated(size_t size) { return os_map_flags(size, MAP_POPULATE); }

void *os_map_flags(size_t size, int flags) {
  void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
  if (p == MAP_FAILED)
    return nullptr;
  SpinLockGuard guard(g_mappings_lock);
  if (g_mapping_count < kMaxMappings)
    g_mappings[g_mapping_count++] = Mapping{p, size};
  return p;
}

void os_unmap(void *p, size_t size) {
  if (!p)
    return;
  {
    SpinLockGuard guard(g_mappings_lock);
    for (size_t i = 0; i < g_mapping_count; i++)
      if (g_mappings[i].start == p) {
        g_mappings[i] = g_mappings[--g_mapping_count];
        break;
      }
  }
  munmap(p, size);
}

size_t runtime_resident_bytes() {
  size_t page = size_t(sysconf(_SC_PAGESIZE));
  size_t resident = 0;
  unsigned char vec[256];
  SpinLockGuard guard(g_mappings_lock);
  for (size_t i = 0; i < g_mapping_count; i++) {
    char *start = static_cast<char *>(g_mappings[i].start);
    size_t pages = (g_mappings[i].size + page - 1) / page;
    for (size_t done = 0; done < pages;) {
      size_t n = pages - done < sizeof(vec) ? pages - done : sizeof(vec);
      if (mincore(start + done * page, n * page, vec) != 0)
        break;
      for (size_t k = 0; k < n; k++)
        resident += (vec[k] & 1) * page;
      done += n;
    }
  }
  // Static data of the runtime (the bootstrap buffer, the mapping list) is not counted here: it is
  // part of the runtime's image, like code.
  return resident;
}

void *arena_alloc(size_t size, size_t alignment) {
  if (size == 0)
    size = 1;
  if (size > kArenaChunk / 4) // big requests get their own mapping
    return os_map(page_round(size));
  SpinLockGuard guard(g_arena_lock);
  uintptr_t cur = (uintptr_t(g_arena_cur) + alignment - 1) & ~(uintptr_t(alignment) - 1);
  if (!g_arena_cur || cur + size > uintptr_t(g_arena_end)) {
    char *chunk = static_cast<char *>(os_map(kArenaChunk));
    if (!chunk)
      return nullptr;
    g_arena_cur = chunk;
    g_arena_end = chunk + kArenaChunk;
    cur = uintptr_t(chunk);
  }
  g_arena_cur = reinterpret_cast<char *>(cur + size);
  return reinterpret_cast<void *>(cur);
}

const char *arena_strdup(const char *s) {
  if (!s)
    return nullptr;
  size_t n = 0;
  while (s[n])
    n++;
  char *copy = static_cast<char *>(arena_alloc(n + 1, 1));
  if (!copy)
    return nullptr;
  for (size_t i = 0; i <= n; i++)
    copy[i] = s[i];
  return copy;
}

void arena_lock_for_fork() {
  g_arena_lock.lock();
  g_mappings_lock.lock();
}

void arena_unlock_after_fork(bool child) {
  g_mappings_lock.release_after_fork(child);
  g_arena_lock.release_after_fork(child);
}

} // namespace allocsite
