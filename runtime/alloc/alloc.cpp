// runtime/alloc/alloc.cpp - the allocation API's out-of-line half: start-up and forwarding
// (allocate_slow, reallocate_inactive), operator new's failure loop, the less frequent shapes
// (zeroed, aligned, realloc), and the diagnostic for frees of pointers that are not live blocks.
#include "alloc/alloc.h"

#include "base/base.h"

#include <new>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// std::bad_alloc is thrown by the C++ library itself, found through weak references so that the
// runtime does not depend on libstdc++; the exception unwinds through runtime frames by their
// unwind tables.
namespace std {
new_handler get_new_handler() noexcept __attribute__((weak));
[[noreturn]] void __throw_bad_alloc() __attribute__((weak));
} // namespace std

namespace allocsite {

void *allocate_slow(size_t size, size_t alignment, bool zero, Caller c) {
  Mode mode = runtime_mode();
  if (AS_LIKELY(mode == Mode::Active))
    return serve(size, alignment, zero, charged_site(c));
  if (mode == Mode::Passive) {
    if (alignment)
      return g_real.memalign(alignment, size);
    return zero ? g_real.calloc(1, size) : g_real.malloc(size);
  }
  // Start-up: the buffer is static storage, zeroed and never reused; no aligned blocks.
  return alignment ? nullptr : bootstrap_alloc(size);
}

void *reallocate_inactive(Mode mode, void *ptr, size_t size) {
  if (mode == Mode::Passive)
    return g_real.realloc(ptr, size);
  void *fresh = bootstrap_alloc(size);
  if (fresh && ptr)
    memcpy(fresh, ptr, bootstrap_copy_size(ptr, size));
  return fresh;
}

void deallocate_inactive(void *ptr, Caller c) {
  if (runtime_mode() == Mode::Passive)
    g_real.free(ptr);
  else
    free_block(ptr, c);
}

void *new_failed(size_t size, size_t alignment, bool nothrow, Caller c) {
  if (g_state.hooked)
    return nullptr; // the sanitizer's nothrow operator new returned it
  for (;;) {
    std::new_handler handler = std::get_new_handler ? std::get_new_handler() : nullptr;
    if (!handler) {
      if (nothrow)
        return nullptr;
      if (std::__throw_bad_alloc)
        std::__throw_bad_alloc();
      diag("operator new failed and no C++ library is loaded to throw std::bad_alloc");
      abort();
    }
    handler();
    if (void *p = allocate_slow(size, alignment, false, c))
      return p;
  }
}

size_t bootstrap_copy_size(const void *p, size_t size) {
  size_t left = bootstrap_bytes_from(p);
  return size < left ? size : left;
}

AS_SLOW_PATH void live_header_slow(void *user, Caller origin, const char *what, BlockHeader **out) {
  *out = nullptr;
  if (bootstrap_owns(user))
    return; // served before the real allocator was known; never given back
  if ((uintptr_t(user) & 15) == 0 &&
      ((uintptr_t(user) & 4095) != 0 || page_aligned_header_readable(user))) {
    BlockHeader *h = block_header(user);
    if (h->check == block_check(user, h->site, h->word)) {
      *out = h;
      return;
    }
  }
  report_invalid_free(user, origin, what);
}

void *finish_block_slow(char *user, size_t size, uint32_t id) {
  if (AS_UNLIKELY((uintptr_t(user) & 4095) == 0))
    page_aligned_add(user);
  if (id)
    charge(id, size);
  return user;
}

void *charge_past_band(ThreadState *t, TallyChunk *c, uint32_t id, size_t size, char *user) {
  charge_in(t, c, id, size);
  return user;
}

void uncharge_past_band(ThreadState *t, TallyChunk *c, uint32_t id, size_t size, void *raw) {
  uncharge_in(t, c, id, size);
  g_real.free(raw);
}

void free_block_slow(void *user, Caller origin) {
  BlockHeader *h = live_header(user, origin, "free");
  if (AS_UNLIKELY(!h))
    return;
  g_real.free(retire_block(user, h));
}

void report_invalid_free(void *ptr, Caller origin, const char *what) {
  if (!g_options.invalid_free_diag)
    return;
  Writer w(2);
  w.str("allocsite: invalid ").str(what).str(" of ").hex(uintptr_t(ptr));
  if (origin.site) {
    w.str(" at ").str(origin.site->file ? origin.site->file : "?").chr(':').u64(origin.site->line);
    if (origin.site->function)
      w.str(" (").str(origin.site->function).chr(')');
  } else if (origin.pc) {
    DynamicSiteInfo info{};
    uint32_t id = site_for_caller(origin.pc);
    if (site_dynamic_info(id, &info) && info.module_path) {
      w.str(" from ").str(info.module_path).str("+").hex(info.module_offset);
      if (info.symbol)
        w.str(" (").str(info.symbol).chr(')');
    } else {
      w.str(" from ").hex(origin.pc);
    }
  }
  w.str(": not a live block (double free, or a pointer the allocator did not return); ignored\n");
}

namespace {

// `user` aligned to `align` (a power of two, 32 bytes to kMaxCarvedAlignment) inside a plain
// block `size + align` long from the real allocator.
AS_ALWAYS_INLINE void *carve(size_t align, size_t size, uint32_t id, bool zero) {
  if (size > kMaxBlockSize - align) {
    errno = ENOMEM;
    return nullptr;
  }
  char *raw =
      static_cast<char *>(zero ? g_real.calloc(1, size + align) : g_real.malloc(size + align));
  if (!raw)
    return nullptr;
  char *user = reinterpret_cast<char *>((uintptr_t(raw) + kBlockHeaderSize + align - 1) &
                                        ~(uintptr_t(align) - 1));
  return finish_block(user, size, size_t(user - raw) / 16 - 1, id);
}

} // namespace

void *alloc_large(size_t size, uint32_t id, bool zero) { return carve(kPageSize, size, id, zero); }

void *alloc_zeroed(size_t total, uint32_t id) {
  if (total > kMaxBlockSize) {
    errno = ENOMEM;
    return nullptr;
  }
  if (total >= kLargeBlockSize)
    return alloc_large(total, id, true);
  return alloc_plain(total, id, true);
}

void *alloc_aligned(size_t alignment, size_t size, uint32_t id) {
  if (alignment <= kBlockHeaderSize)
    return alloc_plain(size, id);
  // glibc rounds a non-power-of-two alignment up to the next power of two.
  unsigned shift = 64 - __builtin_clzll(alignment - 1);
  if (shift >= 44 || size > kMaxBlockSize || (size_t(1) << shift) > kMaxBlockSize - size) {
    errno = ENOMEM;
    return nullptr;
  }
  size_t align = size_t(1) << shift;
  // Carve the aligned block out of a plain one: memalign's splitting costs far more than the
  // few bytes this wastes, and the header sits in front of the aligned address either way.
  if (align <= kMaxCarvedAlignment)
    return carve(align < kPageSize && size >= kLargeBlockSize ? kPageSize : align, size, id, false);
  char *raw = static_cast<char *>(g_real.memalign(align, size + align));
  if (!raw)
    return nullptr;
  return finish_block(raw + align, size, kPowerOffsetField + shift, id);
}

void *realloc_block(void *user, size_t size, uint32_t id, Caller origin) {
  if (!user)
    return alloc_plain(size, id);
  if (AS_UNLIKELY(bootstrap_owns(user))) {
    // Blocks from the bootstrap buffer have no header; their size is unknown, so copy what fits.
    void *fresh = alloc_plain(size, id);
    if (fresh)
      memcpy(fresh, user, bootstrap_copy_size(user, size));
    return fresh;
  }
  BlockHeader *h = live_header(user, origin, "realloc");
  if (!h) {
    errno = EINVAL;
    return nullptr;
  }
  if (size == 0) { // glibc: realloc(p, 0) frees p and returns NULL
    g_real.free(retire_block(user, h));
    return nullptr;
  }
  if (size > kMaxBlockSize) {
    errno = ENOMEM;
    return nullptr;
  }
  uint64_t word = h->word;
  uint64_t field = block_offset_field(word);
  size_t old_offset = block_offset(word);
  if (size >= kLargeBlockSize && field != kPlainOffsetField && field < kPowerOffsetField &&
      old_offset <= kPageSize) {
    // A large (or page-carved) block stays page-carved: the allocator reallocs the whole (glibc:
    // mremap, no copy), and the data moves within it only if the page offset changed.
    uint32_t old_id = h->site;
    size_t old_size = block_size(word);
    char *raw = static_cast<char *>(g_real.realloc(block_raw(user, word), size + kPageSize));
    if (!raw)
      return nullptr; // the old block is untouched and still charged
    if ((uintptr_t(user) & (kPageSize - 1)) == 0)
      page_aligned_remove(user);
    if (old_id && block_generation(word) == block_generation(g_state.generation_bits))
      uncharge(old_id, old_size);
    char *fresh = reinterpret_cast<char *>((uintptr_t(raw) + kBlockHeaderSize + kPageSize - 1) &
                                           ~(uintptr_t(kPageSize) - 1));
    if (size_t(fresh - raw) != old_offset)
      memmove(fresh, raw + old_offset, old_size < size ? old_size : size);
    return finish_block(fresh, size, size_t(fresh - raw) / 16 - 1, id);
  }
  if (field == kPlainOffsetField && size < kLargeBlockSize) {
    uint32_t old_id = h->site;
    void *raw = g_real.realloc(block_raw(user, word), size + kBlockHeaderSize);
    if (!raw)
      return nullptr; // the old block is untouched and still charged
    if (AS_UNLIKELY((uintptr_t(user) & 4095) == 0))
      page_aligned_remove(user);
    if (old_id && block_generation(word) == block_generation(g_state.generation_bits))
      uncharge(old_id, block_size(word));
    return finish_block(static_cast<char *>(raw) + kBlockHeaderSize, size, kPlainOffsetField, id);
  }
  // Aligned blocks, and plain blocks becoming large: realloc need not keep the alignment, but the
  // layout changes, so copy.
  void *fresh = alloc_plain(size, id);
  if (!fresh)
    return nullptr;
  size_t old_size = block_size(word);
  memcpy(fresh, user, old_size < size ? old_size : size);
  g_real.free(retire_block(user, h));
  return fresh;
}

size_t usable_size(void *user) {
  if (!user || bootstrap_owns(user))
    return 0;
  BlockHeader *h = block_header(user);
  if ((uintptr_t(user) & 15) != 0 || h->check != block_check(user, h->site, h->word))
    return 0;
  return block_size(h->word);
}

} // namespace allocsite
