// runtime/interpose/instrumented.cpp - the __allocsite_* functions the pass rewrites allocation
// calls into (abi.h): each is the allocation API (alloc/alloc.h) with the call's static site. Under
// a sanitizer the call goes to the sanitizer's own function through hooked_* (alloc/alloc.h,
// sanitizer_hooks), as a tail call, so that the sanitizer's stack for the block starts at the
// user's line.
#include "alloc/alloc.h"

using namespace allocsite;

AS_INTERFACE int __allocsite_abi_version_1 = ALLOCSITE_ABI_VERSION;
AS_INTERFACE __thread const allocsite_site *__allocsite_context = nullptr;

AS_INTERFACE void __allocsite_register_sites(allocsite_site *start, allocsite_site *stop) {
  runtime_mode();
  watch_for_exit(start);
  sites_register_range(start, stop);
}

AS_INTERFACE void __allocsite_unregister_sites(allocsite_site *start, allocsite_site *stop) {
  if (!g_state.exiting)
    sites_unregister_range(start, stop);
}

// The hottest path of all: one byte and the site's id decide, everything else is in alloc/alloc.h.
AS_INTERFACE void *__allocsite_malloc(size_t size, allocsite_site *site) {
  return allocate(Request{size}, Caller::at(site), AS_HOOK(hooked_malloc(size, site)));
}

AS_INTERFACE void *__allocsite_calloc(size_t count, size_t size, allocsite_site *site) {
  return allocate(Request{size, 0, true, count}, Caller::at(site),
                  AS_HOOK(hooked_calloc(count, size, site)));
}

AS_INTERFACE void *__allocsite_realloc(void *ptr, size_t size, allocsite_site *site) {
  return reallocate(ptr, Request{size}, Caller::at(site), AS_HOOK(hooked_realloc(ptr, size, site)));
}

AS_INTERFACE void *__allocsite_reallocarray(void *ptr, size_t count, size_t size,
                                            allocsite_site *site) {
  if (AS_UNLIKELY(g_state.hooked)) // the sanitizer's own overflow check
    return hooked_reallocarray(ptr, count, size, site);
  return reallocate(ptr, Request{size, 0, false, count}, Caller::at(site));
}

AS_INTERFACE void __allocsite_free(void *ptr, allocsite_site *site) {
  deallocate(ptr, Caller::at(site));
}

AS_INTERFACE void *__allocsite_aligned_alloc(size_t alignment, size_t size, allocsite_site *site) {
  return allocate(Request{size, alignment}, Caller::at(site),
                  AS_HOOK(hooked_aligned_alloc(alignment, size, site)));
}

AS_INTERFACE void *__allocsite_memalign(size_t alignment, size_t size, allocsite_site *site) {
  return allocate(Request{size, alignment}, Caller::at(site),
                  AS_HOOK(hooked_memalign(alignment, size, site)));
}

AS_INTERFACE int __allocsite_posix_memalign(void **out, size_t alignment, size_t size,
                                            allocsite_site *site) {
  if (AS_UNLIKELY(g_state.hooked))
    return hooked_posix_memalign(out, alignment, size, site);
  return allocate_posix(out, alignment, size, Caller::at(site));
}

AS_INTERFACE void *__allocsite_valloc(size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_state.hooked))
    return hooked_valloc(size, site);
  return allocate_pages(size, false, Caller::at(site));
}

AS_INTERFACE void *__allocsite_pvalloc(size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_state.hooked))
    return hooked_pvalloc(size, site);
  return allocate_pages(size, true, Caller::at(site));
}

AS_INTERFACE char *__allocsite_strdup(const char *str, allocsite_site *site) {
  if (AS_UNLIKELY(g_state.hooked))
    return hooked_strdup(str, site);
  return duplicate(str, SIZE_MAX, Caller::at(site));
}

AS_INTERFACE char *__allocsite_strndup(const char *str, size_t size, allocsite_site *site) {
  if (AS_UNLIKELY(g_state.hooked))
    return hooked_strndup(str, size, site);
  return duplicate(str, size, Caller::at(site));
}
