// runtime/interpose_malloc.cpp - the malloc family for everything the pass did not rewrite:
// uninstrumented objects, libraries and LD_PRELOAD mode. Each allocation is charged to a dynamic
// site named by the caller's return address.
#include "attribution.h"
#include "init.h"
#include "sites.h"
#include "tracking.h"

#include <string.h>
#include <unistd.h>

using namespace allocsite;

namespace {

AS_ALWAYS_INLINE uint32_t caller_site(void *return_address) {
  return AS_LIKELY(g_tracing) ? dynamic_site_id(uintptr_t(return_address)) : 0;
}

AS_ALWAYS_INLINE FreeOrigin caller_origin(void *return_address) {
  return FreeOrigin{nullptr, uintptr_t(return_address)};
}

AS_NOINLINE void *fallback_malloc(size_t size, bool zero) {
  return runtime_mode() == Mode::Passive ? g_real.malloc(size) : bootstrap_alloc(size, zero);
}

AS_ALWAYS_INLINE void *aligned_for_caller(size_t alignment, size_t size, void *ra) {
  if (AS_UNLIKELY(runtime_mode() != Mode::Active))
    return runtime_mode() == Mode::Passive ? g_real.memalign(alignment, size) : nullptr;
  return alloc_aligned(alignment, size, caller_site(ra));
}

} // namespace

AS_INTERFACE void *malloc(size_t size) {
  if (AS_LIKELY(__atomic_load_n(&g_fast_path, __ATOMIC_RELAXED)))
    return alloc_plain(size, dynamic_site_id(uintptr_t(__builtin_return_address(0))));
  if (AS_UNLIKELY(runtime_mode() != Mode::Active))
    return fallback_malloc(size, false);
  return alloc_plain(size, caller_site(__builtin_return_address(0)));
}

extern "C" AS_HIDDEN void *allocsite_self_malloc(size_t) __attribute__((alias("malloc")));

AS_INTERFACE void free(void *ptr) {
  if (AS_UNLIKELY(runtime_mode() == Mode::Passive)) {
    g_real.free(ptr);
    return;
  }
  free_block(ptr, caller_origin(__builtin_return_address(0)));
}

AS_INTERFACE void *calloc(size_t count, size_t size) {
  if (AS_UNLIKELY(runtime_mode() != Mode::Active)) {
    if (runtime_mode() == Mode::Passive)
      return g_real.calloc(count, size);
    size_t total;
    return __builtin_mul_overflow(count, size, &total) ? nullptr : fallback_malloc(total, true);
  }
  return alloc_zeroed(count, size, caller_site(__builtin_return_address(0)));
}

AS_INTERFACE void *realloc(void *ptr, size_t size) {
  if (AS_UNLIKELY(runtime_mode() != Mode::Active)) {
    if (runtime_mode() == Mode::Passive)
      return g_real.realloc(ptr, size);
    void *fresh = bootstrap_alloc(size, false);
    if (fresh && ptr)
      memcpy(fresh, ptr, size); // bootstrap blocks only: the buffer outlives any read past them
    return fresh;
  }
  void *ra = __builtin_return_address(0);
  return realloc_block(ptr, size, caller_site(ra), caller_origin(ra));
}

AS_INTERFACE void *reallocarray(void *ptr, size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) {
    errno = ENOMEM;
    return nullptr;
  }
  if (AS_UNLIKELY(runtime_mode() != Mode::Active))
    return realloc(ptr, total);
  void *ra = __builtin_return_address(0);
  return realloc_block(ptr, total, caller_site(ra), caller_origin(ra));
}

AS_INTERFACE void *memalign(size_t alignment, size_t size) {
  return aligned_for_caller(alignment, size, __builtin_return_address(0));
}

AS_INTERFACE void *aligned_alloc(size_t alignment, size_t size) {
  return aligned_for_caller(alignment, size, __builtin_return_address(0));
}

AS_INTERFACE int posix_memalign(void **out, size_t alignment, size_t size) {
  void *ra = __builtin_return_address(0);
  return posix_memalign_with(out, alignment,
                             [&] { return aligned_for_caller(alignment, size, ra); });
}

AS_INTERFACE void *valloc(size_t size) {
  return aligned_for_caller(size_t(getpagesize()), size, __builtin_return_address(0));
}

AS_INTERFACE void *pvalloc(size_t size) {
  size_t page = size_t(getpagesize()), rounded;
  return pvalloc_size(size, page, &rounded)
             ? aligned_for_caller(page, rounded, __builtin_return_address(0))
             : nullptr;
}

// Requested size, not the allocator's: a program that trusts this number stays within what it
// asked for, and the report's per-block overhead (SPEC §8) accounts for the difference.
AS_INTERFACE size_t malloc_usable_size(void *ptr) {
  if (AS_UNLIKELY(runtime_mode() == Mode::Passive))
    return 0;
  return usable_size(ptr);
}

// libc's own strdup would charge the copy to libc; charging it to strdup's caller names the
// user's line.
static AS_ALWAYS_INLINE void *string_copy_for_caller(size_t size, void *ra) {
  if (AS_UNLIKELY(runtime_mode() != Mode::Active))
    return fallback_malloc(size, false);
  return alloc_plain(size, caller_site(ra));
}

AS_INTERFACE char *strdup(const char *str) {
  size_t n = strlen(str);
  return copy_string(string_copy_for_caller(n + 1, __builtin_return_address(0)), str, n);
}

AS_INTERFACE char *strndup(const char *str, size_t size) {
  size_t n = strnlen(str, size);
  return copy_string(string_copy_for_caller(n + 1, __builtin_return_address(0)), str, n);
}
