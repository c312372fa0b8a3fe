// runtime/real_alloc.h - the allocator underneath the runtime: whatever `malloc` would have been
// without us (glibc, or jemalloc/tcmalloc/mimalloc linked or preloaded after us), found with
// dlsym(RTLD_NEXT). Allocations made while dlsym itself runs come from a small static buffer.
#ifndef ALLOCSITE_RUNTIME_REAL_ALLOC_H
#define ALLOCSITE_RUNTIME_REAL_ALLOC_H

#include "common.h"

namespace allocsite {

struct RealAllocator {
  void *(*malloc)(size_t);
  void (*free)(void *);
  void *(*calloc)(size_t, size_t);
  void *(*realloc)(void *, size_t);
  void *(*memalign)(size_t, size_t);
};

extern RealAllocator g_real;

// Resolves g_real; safe to call recursively (the inner calls see it unresolved and must use the
// bootstrap buffer).
void real_alloc_init();

// The bootstrap buffer, for the few allocations made while dlsym runs.
void *bootstrap_alloc(size_t size);
bool bootstrap_owns(const void *p);
size_t bootstrap_bytes_from(const void *p); // bytes of the buffer from p to its end

} // namespace allocsite

#endif
