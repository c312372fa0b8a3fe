// runtime/arena.h - the runtime's own memory: mmap-backed, never freed, never traced.
#ifndef ALLOCSITE_RUNTIME_ARENA_H
#define ALLOCSITE_RUNTIME_ARENA_H

#include "common.h"

namespace allocsite {

// Zeroed memory from a bump arena. Thread-safe, async-signal-safe apart from the mmap itself.
// Returns nullptr only when the OS refuses memory.
void *arena_alloc(size_t size, size_t alignment = 16);
// Copies a NUL-terminated string into the arena (nullptr stays nullptr).
const char *arena_strdup(const char *s);

// Direct mappings for large runtime tables; counted in runtime_resident_bytes().
void *os_map(size_t size);
void *os_map_populated(size_t size);
void *os_map_flags(size_t size, int mmap_flags);
void os_unmap(void *p, size_t size);

// The part of it that is resident: what the runtime costs in RSS
// (tracemalloc.get_tracemalloc_memory()).
size_t runtime_resident_bytes();

// fork: the arena's locks are taken before and released (or reset, in the child) after, so a
// child never inherits one held by a thread that does not exist there.
void arena_lock_for_fork();
void arena_unlock_after_fork(bool child);

} // namespace allocsite

#endif
