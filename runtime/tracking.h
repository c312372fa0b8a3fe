// runtime/tracking.h - the fast path: put a header on a new block and charge its site; read the
// header back on free and uncharge the site. Everything here is inlined into the entry points.
#ifndef ALLOCSITE_RUNTIME_TRACKING_H
#define ALLOCSITE_RUNTIME_TRACKING_H

#include "block.h"
#include "common.h"
#include "real_alloc.h"
#include "thread_state.h"

#include <errno.h>

namespace allocsite {

extern bool g_tracing;          // allocsite_start/stop
// g_active && g_tracing, kept in one flag so the instrumented fast path tests one byte.
extern bool g_fast_path;
// The header word's top byte for new blocks: the generation, shifted (block_word's layout).
extern uint64_t g_generation_bits;
void update_fast_path();
extern unsigned g_generation;   // bumped by allocsite_clear_traces: older blocks are forgotten
extern bool g_passive;          // the runtime is not the process's malloc: forward, don't track

// Where the free (or realloc) came from, for the diagnostic when the pointer is not a live block.
struct FreeOrigin {
  const allocsite_site *site; // instrumented caller, or nullptr
  uintptr_t pc;               // uninstrumented caller's return address, or 0
};

AS_NOINLINE void report_invalid_free(void *ptr, FreeOrigin origin, const char *what);
// page_aligned.cpp: page-aligned live blocks, whose header is on the previous page.
void page_aligned_add(void *user);
void page_aligned_remove(void *user);
bool page_aligned_header_readable(void *user); // ours, or at least mapped
void page_aligned_lock_for_fork();
void page_aligned_unlock_after_fork(bool child);
// tracked.cpp's table lock, for fork.
void tracked_lock_for_fork();
void tracked_unlock_after_fork(bool child);
// live_header's rare cases: misaligned or page-aligned pointers, and headers that do not check
// (bootstrap blocks, which are silently ignored, or invalid pointers, which are reported).
AS_SLOW_PATH void live_header_slow(void *user, FreeOrigin origin, const char *what,
                                   BlockHeader **out);

AS_ALWAYS_INLINE void charge(uint32_t id, size_t size) {
  ThreadState *t = thread_state();
  if (AS_UNLIKELY(!t))
    return;
  SiteTally *c = thread_tally(t, id);
  c->alloc_bytes += int64_t(size);
  c->alloc_calls += 1;
  peak_grow(t, int64_t(size));
}

AS_ALWAYS_INLINE void uncharge(uint32_t id, size_t size) {
  ThreadState *t = thread_state();
  if (AS_UNLIKELY(!t))
    return;
  SiteTally *c = thread_tally(t, id);
  c->freed_bytes += int64_t(size);
  c->freed_calls += 1;
  peak_shrink(t, int64_t(size));
}

// `user` lies `offset_field` (block.h) above `raw`, which came from the real allocator.
AS_ALWAYS_INLINE void *finish_block(char *user, size_t size, uint64_t offset_field, uint32_t id) {
  BlockHeader *h = block_header(user);
  uint64_t word = uint64_t(size) | (offset_field << kOffsetShift) | g_generation_bits;
  h->site = id;
  h->word = word;
  h->check = block_check(user, id, word);
  if (AS_UNLIKELY((uintptr_t(user) & 4095) == 0))
    page_aligned_add(user);
  if (id)
    charge(id, size);
  return user;
}

// The header of `user` if it is a live block of ours, else nullptr (after the diagnostic).
AS_ALWAYS_INLINE BlockHeader *live_header(void *user, FreeOrigin origin, const char *what) {
  uintptr_t in_page = uintptr_t(user) & 4095;
  BlockHeader *h = block_header(user);
  if (AS_UNLIKELY((in_page & 15) != 0 || in_page == 0 ||
                  h->check != block_check(user, h->site, h->word)))
    live_header_slow(user, origin, what, &h);
  return h;
}

// Uncharges and marks the header freed; returns the raw pointer to give back to the allocator.
AS_ALWAYS_INLINE void *retire_block(void *user, BlockHeader *h) {
  uint64_t word = h->word;
  uint32_t id = h->site;
  h->check = 0;
  if (AS_UNLIKELY((uintptr_t(user) & 4095) == 0))
    page_aligned_remove(user);
  if (AS_LIKELY(id) && block_generation(word) == block_generation(g_generation_bits))
    uncharge(id, block_size(word));
  return block_raw(user, word);
}

// The whole free: nullptr and bootstrap pointers are no-ops, anything else must be a live block.
AS_ALWAYS_INLINE void free_block(void *user, FreeOrigin origin) {
  if (!user)
    return;
  BlockHeader *h = live_header(user, origin, "free");
  if (AS_UNLIKELY(!h))
    return;
  g_real.free(retire_block(user, h));
}

// Allocation primitives; `id` 0 means "serve but do not charge". They follow glibc: NULL and
// errno ENOMEM on failure, nothing charged.
AS_NOINLINE void *alloc_large(size_t size, uint32_t id, bool zero);

AS_ALWAYS_INLINE void *alloc_plain(size_t size, uint32_t id) {
  if (AS_UNLIKELY(size >= kLargeBlockSize))
    return alloc_large(size, id, false);
  void *raw = g_real.malloc(size + kBlockHeaderSize);
  if (AS_UNLIKELY(!raw))
    return nullptr;
  return finish_block(static_cast<char *>(raw) + kBlockHeaderSize, size, kPlainOffsetField, id);
}
void *alloc_zeroed(size_t count, size_t size, uint32_t id);
void *alloc_aligned(size_t alignment, size_t size, uint32_t id);
void *realloc_block(void *user, size_t size, uint32_t id, FreeOrigin origin);

// The contracts of the library functions around an allocation, shared by the instrumented entry
// points and the interposed functions.

// posix_memalign: EINVAL for a bad alignment; ENOMEM (errno untouched) when allocate() fails.
template <typename Allocate> int posix_memalign_with(void **out, size_t alignment, Allocate allocate) {
  if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
    return EINVAL;
  int saved = errno;
  void *p = allocate();
  if (!p) {
    errno = saved;
    return ENOMEM;
  }
  *out = p;
  return 0;
}

// pvalloc's size: rounded up to whole pages, a page for 0; false (errno ENOMEM) on overflow.
inline bool pvalloc_size(size_t size, size_t page, size_t *rounded) {
  *rounded = (size + page - 1) & ~(page - 1);
  if (*rounded < size) {
    errno = ENOMEM;
    return false;
  }
  if (!*rounded)
    *rounded = page;
  return true;
}

// strdup/strndup's copy into `copy` (n bytes of str, then a NUL); nullptr stays nullptr.
inline char *copy_string(void *copy, const char *str, size_t n) {
  char *out = static_cast<char *>(copy);
  if (out) {
    __builtin_memcpy(out, str, n);
    out[n] = 0;
  }
  return out;
}
size_t usable_size(void *user);

} // namespace allocsite

#endif
