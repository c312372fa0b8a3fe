// runtime/alloc/real_alloc.cpp - finds the next allocator. dlsym may allocate (its error state),
// and those calls land in our own malloc before g_real is set: they are served from a static buffer
// that is never freed (frees of it are ignored).
#include "alloc/alloc.h"

#include <dlfcn.h>

namespace allocsite {

RealAllocator g_real;

namespace {

alignas(64) char g_bootstrap[64 * 1024];
size_t g_bootstrap_used;

// The next definition after this runtime; when there is none (the runtime was loaded after libc,
// as a dependency of an instrumented library, and will only forward), the process's own.
template <typename T> void resolve(T &slot, const char *name) {
  slot = reinterpret_cast<T>(dlsym(RTLD_NEXT, name));
  if (!slot)
    slot = reinterpret_cast<T>(dlsym(RTLD_DEFAULT, name));
}

} // namespace

// Static storage starts zeroed and is never reused: every block is zeroed.
void *bootstrap_alloc(size_t size) {
  size = (size + 15) & ~size_t(15);
  size_t at = __atomic_fetch_add(&g_bootstrap_used, size, __ATOMIC_RELAXED);
  if (at + size > sizeof(g_bootstrap))
    return nullptr;
  return g_bootstrap + at;
}

bool bootstrap_owns(const void *p) {
  return p >= g_bootstrap && p < g_bootstrap + sizeof(g_bootstrap);
}

size_t bootstrap_bytes_from(const void *p) {
  return bootstrap_owns(p)
             ? size_t(g_bootstrap + sizeof(g_bootstrap) - static_cast<const char *>(p))
             : 0;
}

void real_alloc_init() {
  if (g_real.free)
    return;
  RealAllocator r;
  resolve(r.malloc, "malloc");
  resolve(r.free, "free");
  resolve(r.calloc, "calloc");
  resolve(r.realloc, "realloc");
  resolve(r.memalign, "memalign");
  // Publish malloc last: the hooks test it to know whether the rest is usable.
  g_real.free = r.free;
  g_real.calloc = r.calloc;
  g_real.realloc = r.realloc;
  g_real.memalign = r.memalign;
  __atomic_store_n(&g_real.malloc, r.malloc, __ATOMIC_RELEASE);
}

} // namespace allocsite
