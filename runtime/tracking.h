// runtime/tracking.h - the one allocation API under every entry point and interposer:
// allocate / deallocate / reallocate (size, count, alignment, zeroing; an instrumented site or an
// uninstrumented caller's return address). Start-up (Bootstrap), forwarding (Passive, and under a
// sanitizer its hooked_* functions) and tracking (Active) are decided here, once; the tracked
// path - a header on the block, the site's per-thread tally - is inlined into the entry points.
#ifndef ALLOCSITE_RUNTIME_TRACKING_H
#define ALLOCSITE_RUNTIME_TRACKING_H

#include "attribution.h"
#include "block.h"
#include "common.h"
#include "init.h"
#include "real_alloc.h"
#include "sanitizer_hooks.h"
#include "thread_state.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

namespace allocsite {

// Who asks: an instrumented call (its descriptor) or an uninstrumented one (its return address).
// Names the site an allocation is charged to, and the caller of a bad free in the diagnostic.
struct Caller {
  allocsite_site *site; // instrumented caller, or nullptr
  uintptr_t pc;         // uninstrumented caller's return address, or 0
  static Caller at(allocsite_site *site) {
    __builtin_assume(site != nullptr); // so that the uninstrumented branches fold away
    return Caller{site, 0};
  }
  static Caller from(void *return_address) { return Caller{nullptr, uintptr_t(return_address)}; }
};

AS_NOINLINE void report_invalid_free(void *ptr, Caller origin, const char *what);
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
AS_SLOW_PATH void live_header_slow(void *user, Caller origin, const char *what,
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
  uint64_t word = uint64_t(size) | (offset_field << kOffsetShift) | g_state.generation_bits;
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
AS_ALWAYS_INLINE BlockHeader *live_header(void *user, Caller origin, const char *what) {
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
  if (AS_LIKELY(id) && block_generation(word) == block_generation(g_state.generation_bits))
    uncharge(id, block_size(word));
  return block_raw(user, word);
}

// The whole free: nullptr and bootstrap pointers are no-ops, anything else must be a live block.
AS_ALWAYS_INLINE void free_block(void *user, Caller origin) {
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
// Bytes of a start-up block at `p` that realloc may copy into a `size`-byte block: no more than
// the buffer holds from `p` on (a start-up block's own size is not recorded).
size_t bootstrap_copy_size(const void *p, size_t size);

AS_ALWAYS_INLINE void *alloc_plain(size_t size, uint32_t id) {
  if (AS_UNLIKELY(size >= kLargeBlockSize))
    return alloc_large(size, id, false);
  void *raw = g_real.malloc(size + kBlockHeaderSize);
  if (AS_UNLIKELY(!raw))
    return nullptr;
  return finish_block(static_cast<char *>(raw) + kBlockHeaderSize, size, kPlainOffsetField, id);
}
void *alloc_zeroed(size_t size, uint32_t id);
void *alloc_aligned(size_t alignment, size_t size, uint32_t id);
void *realloc_block(void *user, size_t size, uint32_t id, Caller origin);

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

// ---- The allocation API ----------------------------------------------------------------------

// One allocation's shape: count * size bytes (ENOMEM on overflow), aligned (0: the allocator's
// 16 bytes), zeroed or not.
struct Request {
  size_t size;
  size_t alignment = 0;
  bool zero = false;
  size_t count = 1;
};

// No sanitizer function to hand the call to: uninstrumented callers under a sanitizer reach the
// runtime only for functions the sanitizer does not intercept, which forward to libc (Passive).
using NoHook = decltype(nullptr);
#define AS_HAS_HOOK(Hook) (!__is_same(Hook, NoHook))
// The hook argument: the sanitizer's function for this call, inlined so that it is a tail call.
#define AS_HOOK(call) [&]() __attribute__((always_inline)) { return call; }

// The id an allocation is charged to: 0 when not tracing.
AS_ALWAYS_INLINE uint32_t charged_site(Caller c) {
  if (c.site)
    return static_site_id(c.site);
  return AS_LIKELY(tracing()) ? dynamic_site_id(c.pc) : 0;
}

// The fast path's one test: active and tracing, and a caller whose id needs no lookup beyond the
// descriptor's (a registered site in user code) or the return address's.
AS_ALWAYS_INLINE bool on_fast_path(Caller c) {
  return AS_LIKELY(__atomic_load_n(&g_state.fast_path, __ATOMIC_RELAXED)) &&
         (!c.site || is_plain_user_site(c.site));
}
AS_ALWAYS_INLINE uint32_t fast_site(Caller c) {
  return c.site ? c.site->id : dynamic_site_id(c.pc);
}

// Active: a tracked block. `size` is the whole size, overflow already checked.
AS_ALWAYS_INLINE void *serve(size_t size, size_t alignment, bool zero, uint32_t id) {
  if (alignment)
    return alloc_aligned(alignment, size, id);
  if (zero)
    return alloc_zeroed(size, id);
  return alloc_plain(size, id);
}

AS_ALWAYS_INLINE bool request_size(const Request &r, size_t *size) {
  if (AS_UNLIKELY(__builtin_mul_overflow(r.count, r.size, size))) {
    errno = ENOMEM;
    return false;
  }
  return true;
}

// Everything but the fast path and the sanitizer's: start-up, forwarding, tracking by site lookup.
AS_NOINLINE void *allocate_slow(size_t size, size_t alignment, bool zero, Caller c);
AS_NOINLINE void *reallocate_inactive(Mode mode, void *ptr, size_t size);
AS_NOINLINE void *new_failed(size_t size, size_t alignment, bool nothrow, Caller c);

// allocate(request, caller, hook): `hook` is the sanitizer's function for this call (a lambda
// around hooked_*), tail-called when a sanitizer owns malloc, or nullptr.
template <typename Hook = NoHook>
AS_ALWAYS_INLINE void *allocate(Request r, Caller c, Hook hook = nullptr) {
  size_t size;
  if (AS_LIKELY(on_fast_path(c))) {
    if (!request_size(r, &size))
      return nullptr;
    return serve(size, r.alignment, r.zero, fast_site(c));
  }
  if constexpr (AS_HAS_HOOK(Hook)) {
    if (AS_UNLIKELY(g_state.hooked))
      return hook();
  }
  if (!request_size(r, &size))
    return nullptr;
  return allocate_slow(size, r.alignment, r.zero, c);
}

// operator new: as allocate, then the new-handler loop and std::bad_alloc (or nullptr: nothrow).
template <typename Hook>
AS_ALWAYS_INLINE void *allocate_new(Request r, bool nothrow, Caller c, Hook hook) {
  if (AS_LIKELY(on_fast_path(c))) {
    if (void *p = serve(r.size, r.alignment, false, fast_site(c)))
      return p;
  } else if (AS_UNLIKELY(g_state.hooked)) {
    return hook(); // the sanitizer's own operator, which records new vs new[]
  }
  void *p = allocate_slow(r.size, r.alignment, false, c);
  if (AS_LIKELY(p != nullptr))
    return p;
  return new_failed(r.size, r.alignment, nothrow, c);
}

template <typename Hook = NoHook>
AS_ALWAYS_INLINE void deallocate(void *ptr, Caller c, Hook hook = nullptr) {
  if (AS_UNLIKELY(runtime_mode() == Mode::Passive)) {
    if constexpr (AS_HAS_HOOK(Hook)) {
      if (g_state.hooked)
        return hook();
    }
    g_real.free(ptr);
    return;
  }
  free_block(ptr, c);
}

template <typename Hook = NoHook>
AS_ALWAYS_INLINE void *reallocate(void *ptr, Request r, Caller c, Hook hook = nullptr) {
  size_t size;
  if (!request_size(r, &size))
    return nullptr;
  Mode mode = runtime_mode();
  if (AS_LIKELY(mode == Mode::Active))
    return realloc_block(ptr, size, charged_site(c), c);
  if constexpr (AS_HAS_HOOK(Hook)) {
    if (mode == Mode::Passive && g_state.hooked)
      return hook();
  }
  return reallocate_inactive(mode, ptr, size);
}

// strdup/strndup: at most max bytes of str and a NUL, charged to the caller.
AS_ALWAYS_INLINE char *duplicate(const char *str, size_t max, Caller c) {
  size_t n = strnlen(str, max);
  return copy_string(allocate(Request{n + 1}, c), str, n);
}

// posix_memalign, valloc and pvalloc over allocate.
AS_ALWAYS_INLINE int allocate_posix(void **out, size_t alignment, size_t size, Caller c) {
  return posix_memalign_with(out, alignment,
                             [&] { return allocate(Request{size, alignment}, c); });
}
AS_ALWAYS_INLINE void *allocate_pages(size_t size, bool round_up, Caller c) {
  size_t page = size_t(getpagesize()), rounded = size;
  if (round_up && !pvalloc_size(size, page, &rounded))
    return nullptr;
  return allocate(Request{rounded, page}, c);
}

size_t usable_size(void *user);

} // namespace allocsite

#endif
