// runtime/entry_points.cpp - the __allocsite_* functions the pass rewrites calls into (abi.h):
// the site is known statically, so the fast path is a header write and four counter adds.
#include "attribution.h"
#include "init.h"
#include "sites.h"
#include "tracking.h"

#include <string.h>
#include <unistd.h>

using namespace allocsite;

namespace {

AS_ALWAYS_INLINE uint32_t site_id(allocsite_site *site) { return static_site_id(site); }

AS_ALWAYS_INLINE FreeOrigin origin_of(const allocsite_site *site) { return FreeOrigin{site, 0}; }

} // namespace

AS_INTERFACE int __allocsite_abi_version_1 = ALLOCSITE_ABI_VERSION;
AS_INTERFACE __thread const allocsite_site *__allocsite_context = nullptr;

AS_INTERFACE void __allocsite_register_sites(allocsite_site *start, allocsite_site *stop) {
  runtime_mode();
  sites_register_range(start, stop);
  report_before_leak_check();
}

AS_INTERFACE void __allocsite_unregister_sites(allocsite_site *start, allocsite_site *stop) {
  if (!g_process_exiting)
    sites_unregister_range(start, stop);
}

AS_NOINLINE void *malloc_slow(size_t size, allocsite_site *site) {
  Mode mode = runtime_mode();
  if (AS_LIKELY(mode == Mode::Active))
    return alloc_plain(size, site_id(site));
  if (mode == Mode::Bootstrap)
    return bootstrap_alloc(size, true);
  return g_hooked ? hooked_malloc(size, site) : g_real.malloc(size);
}

// The hottest path of all: one flag and the site's id decide, everything else is in tracking.h.
AS_INTERFACE void *__allocsite_malloc(size_t size, allocsite_site *site) {
  if (AS_LIKELY(__atomic_load_n(&g_fast_path, __ATOMIC_RELAXED) && is_plain_user_site(site)))
    return alloc_plain(size, site->id);
  return malloc_slow(size, site);
}

AS_INTERFACE void *__allocsite_calloc(size_t count, size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(runtime_mode() != Mode::Active)) {
    if (runtime_mode() == Mode::Passive)
      return g_hooked ? hooked_calloc(count, size, site) : g_real.calloc(count, size);
    size_t total;
    return __builtin_mul_overflow(count, size, &total) ? nullptr : bootstrap_alloc(total, true);
  }
  return alloc_zeroed(count, size, site_id(site));
}

AS_INTERFACE void *__allocsite_realloc(void *ptr, size_t size, allocsite_site *site) {
  Mode mode = runtime_mode();
  if (AS_UNLIKELY(mode != Mode::Active)) {
    if (mode == Mode::Passive)
      return g_hooked ? hooked_realloc(ptr, size, site) : g_real.realloc(ptr, size);
    void *fresh = bootstrap_alloc(size, false);
    if (fresh && ptr)
      memcpy(fresh, ptr, size); // a bootstrap block: the buffer outlives any read past its end
    return fresh;
  }
  return realloc_block(ptr, size, site_id(site), origin_of(site));
}

AS_INTERFACE void *__allocsite_reallocarray(void *ptr, size_t count, size_t size,
                                            allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_reallocarray(ptr, count, size, site);
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) {
    errno = ENOMEM;
    return nullptr;
  }
  return __allocsite_realloc(ptr, total, site);
}

AS_INTERFACE void __allocsite_free(void *ptr, allocsite_site *site) {
  if (AS_UNLIKELY(runtime_mode() == Mode::Passive)) {
    g_real.free(ptr);
    return;
  }
  free_block(ptr, origin_of(site));
}

AS_INTERFACE void *__allocsite_aligned_alloc(size_t alignment, size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(runtime_mode() == Mode::Passive))
    return g_hooked ? hooked_aligned_alloc(alignment, size, site) : g_real.memalign(alignment, size);
  return alloc_aligned(alignment, size, site_id(site));
}

AS_INTERFACE void *__allocsite_memalign(size_t alignment, size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_memalign(alignment, size, site);
  return __allocsite_aligned_alloc(alignment, size, site);
}

AS_INTERFACE int __allocsite_posix_memalign(void **out, size_t alignment, size_t size,
                                            allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_posix_memalign(out, alignment, size, site);
  return posix_memalign_with(
      out, alignment, [&] { return __allocsite_aligned_alloc(alignment, size, site); });
}

AS_INTERFACE void *__allocsite_valloc(size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_valloc(size, site);
  return __allocsite_aligned_alloc(size_t(getpagesize()), size, site);
}

AS_INTERFACE void *__allocsite_pvalloc(size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_pvalloc(size, site);
  size_t page = size_t(getpagesize()), rounded;
  return pvalloc_size(size, page, &rounded) ? __allocsite_aligned_alloc(page, rounded, site)
                                            : nullptr;
}

AS_INTERFACE char *__allocsite_strdup(const char *str, allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_strdup(str, site);
  size_t n = strlen(str);
  return copy_string(__allocsite_malloc(n + 1, site), str, n);
}

AS_INTERFACE char *__allocsite_strndup(const char *str, size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_hooked))
    return hooked_strndup(str, size, site);
  size_t n = strnlen(str, size);
  return copy_string(__allocsite_malloc(n + 1, site), str, n);
}
