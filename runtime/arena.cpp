// runtime/arena.cpp - the runtime's own memory, straight from mmap (never from the allocator it
// traces). A bump arena for small long-lived objects (descriptor copies, thread states' side data,
// symbolizer results) and direct mappings for large tables.
#include "arena.h"

#include "spinlock.h"

#include <sys/mman.h>

namespace allocsite {
namespace {

constexpr size_t kArenaChunk = 1 << 20;

SpinLock g_arena_lock;
char *g_arena_cur;
char *g_arena_end;
size_t g_mapped_bytes; // updated atomically: os_map can run without the arena lock

} // namespace

void *os_map(size_t size) {
  void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (p == MAP_FAILED)
    return nullptr;
  __atomic_fetch_add(&g_mapped_bytes, size, __ATOMIC_RELAXED);
  return p;
}

void os_unmap(void *p, size_t size) {
  if (!p)
    return;
  munmap(p, size);
  __atomic_fetch_sub(&g_mapped_bytes, size, __ATOMIC_RELAXED);
}

void *arena_alloc(size_t size, size_t alignment) {
  if (size == 0)
    size = 1;
  if (size > kArenaChunk / 4) // big requests get their own mapping
    return os_map((size + 4095) & ~size_t(4095));
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

size_t runtime_memory_bytes() { return __atomic_load_n(&g_mapped_bytes, __ATOMIC_RELAXED); }

} // namespace allocsite
