// runtime/interpose_new.cpp - every replaceable global operator new/delete (plain, array, sized,
// aligned, nothrow), and the __allocsite_new/__allocsite_delete entry points the pass rewrites
// them into. Failure behaves as the C++ library's: the new-handler loop, then std::bad_alloc
// (thrown by the C++ library itself, found through weak references so that the runtime does not
// depend on libstdc++). The exception unwinds through these frames by their unwind tables.
#include "attribution.h"
#include "init.h"
#include "output.h"
#include "sites.h"
#include "tracking.h"

#include <new>
#include <stdlib.h>

namespace std {
new_handler get_new_handler() noexcept __attribute__((weak));
[[noreturn]] void __throw_bad_alloc() __attribute__((weak));
} // namespace std

using namespace allocsite;

namespace {

AS_ALWAYS_INLINE uint32_t caller_site(void *return_address) {
  return AS_LIKELY(g_tracing) ? dynamic_site_id(uintptr_t(return_address)) : 0;
}

AS_ALWAYS_INLINE uint32_t static_site(allocsite_site *site) { return static_site_id(site); }
AS_ALWAYS_INLINE bool is_array(const allocsite_site *site) {
  return site->kind == ALLOCSITE_KIND_NEW_ARRAY;
}

void *allocate(size_t size, size_t alignment, uint32_t id) {
  Mode mode = runtime_mode();
  if (AS_UNLIKELY(mode != Mode::Active)) {
    if (mode == Mode::Passive)
      return alignment ? g_real.memalign(alignment, size) : g_real.malloc(size);
    return alignment ? nullptr : bootstrap_alloc(size, false);
  }
  return alignment ? alloc_aligned(alignment, size, id) : alloc_plain(size, id);
}

AS_NOINLINE void *allocation_failed(size_t size, size_t alignment, uint32_t id, bool nothrow) {
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
    if (void *p = allocate(size, alignment, id))
      return p;
  }
}

AS_ALWAYS_INLINE void *new_impl(size_t size, size_t alignment, uint32_t id, bool nothrow,
                                 bool array) {
  if (AS_UNLIKELY(g_hooked)) // the sanitizer's own operator, which records new vs new[]
    return hooked_new(size, alignment, array, nothrow, id);
  void *p = allocate(size, alignment, id);
  if (AS_LIKELY(p != nullptr))
    return p;
  return allocation_failed(size, alignment, id, nothrow);
}

AS_ALWAYS_INLINE void delete_impl(void *ptr, FreeOrigin origin, bool array) {
  if (AS_UNLIKELY(runtime_mode() == Mode::Passive)) {
    if (g_hooked)
      hooked_delete(ptr, array);
    else
      g_real.free(ptr);
    return;
  }
  free_block(ptr, origin);
}

#define CALLER_SITE caller_site(__builtin_return_address(0))
#define CALLER_ORIGIN (FreeOrigin{nullptr, uintptr_t(__builtin_return_address(0))})

} // namespace

// Rewritten by the pass; new and new[] differ only in the site's kind.
AS_INTERFACE void *__allocsite_new(size_t size, allocsite_site *site) {
  if (AS_LIKELY(__atomic_load_n(&g_fast_path, __ATOMIC_RELAXED) && is_plain_user_site(site))) {
    if (void *p = alloc_plain(size, site->id))
      return p;
  }
  return new_impl(size, 0, static_site(site), false, is_array(site));
}
AS_INTERFACE void *__allocsite_new_nothrow(size_t size, allocsite_site *site) {
  return new_impl(size, 0, static_site(site), true, is_array(site));
}
AS_INTERFACE void *__allocsite_new_aligned(size_t size, size_t alignment, allocsite_site *site) {
  return new_impl(size, alignment, static_site(site), false, is_array(site));
}
AS_INTERFACE void *__allocsite_new_aligned_nothrow(size_t size, size_t alignment,
                                                   allocsite_site *site) {
  return new_impl(size, alignment, static_site(site), true, is_array(site));
}
AS_INTERFACE void __allocsite_delete(void *ptr, allocsite_site *site) {
  delete_impl(ptr, FreeOrigin{site, 0}, site->kind == ALLOCSITE_KIND_DELETE_ARRAY);
}

// Uninstrumented callers.
void *operator new(size_t size) { return new_impl(size, 0, CALLER_SITE, false, false); }
void *operator new[](size_t size) { return new_impl(size, 0, CALLER_SITE, false, true); }
void *operator new(size_t size, const std::nothrow_t &) noexcept {
  return new_impl(size, 0, CALLER_SITE, true, false);
}
void *operator new[](size_t size, const std::nothrow_t &) noexcept {
  return new_impl(size, 0, CALLER_SITE, true, true);
}
void *operator new(size_t size, std::align_val_t alignment) {
  return new_impl(size, size_t(alignment), CALLER_SITE, false, false);
}
void *operator new[](size_t size, std::align_val_t alignment) {
  return new_impl(size, size_t(alignment), CALLER_SITE, false, true);
}
void *operator new(size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept {
  return new_impl(size, size_t(alignment), CALLER_SITE, true, false);
}
void *operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept {
  return new_impl(size, size_t(alignment), CALLER_SITE, true, true);
}

void operator delete(void *ptr) noexcept { delete_impl(ptr, CALLER_ORIGIN, false); }
void operator delete[](void *ptr) noexcept { delete_impl(ptr, CALLER_ORIGIN, true); }
void operator delete(void *ptr, size_t) noexcept { delete_impl(ptr, CALLER_ORIGIN, false); }
void operator delete[](void *ptr, size_t) noexcept { delete_impl(ptr, CALLER_ORIGIN, true); }
void operator delete(void *ptr, std::align_val_t) noexcept { delete_impl(ptr, CALLER_ORIGIN, false); }
void operator delete[](void *ptr, std::align_val_t) noexcept { delete_impl(ptr, CALLER_ORIGIN, true); }
void operator delete(void *ptr, size_t, std::align_val_t) noexcept {
  delete_impl(ptr, CALLER_ORIGIN, false);
}
void operator delete[](void *ptr, size_t, std::align_val_t) noexcept {
  delete_impl(ptr, CALLER_ORIGIN, true);
}
void operator delete(void *ptr, const std::nothrow_t &) noexcept { delete_impl(ptr, CALLER_ORIGIN, false); }
void operator delete[](void *ptr, const std::nothrow_t &) noexcept {
  delete_impl(ptr, CALLER_ORIGIN, true);
}
void operator delete(void *ptr, std::align_val_t, const std::nothrow_t &) noexcept {
  delete_impl(ptr, CALLER_ORIGIN, false);
}
void operator delete[](void *ptr, std::align_val_t, const std::nothrow_t &) noexcept {
  delete_impl(ptr, CALLER_ORIGIN, true);
}
