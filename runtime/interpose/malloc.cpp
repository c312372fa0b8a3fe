// runtime/interpose/malloc.cpp - the malloc family for everything the pass did not rewrite:
// uninstrumented objects, libraries and LD_PRELOAD mode. Each is the allocation API (alloc/alloc.h)
// with the caller's return address, which names a dynamic site.
#include "alloc/alloc.h"

using namespace allocsite;

#define CALLER Caller::from(__builtin_return_address(0))

AS_INTERFACE void *malloc(size_t size) { return allocate(Request{size}, CALLER); }

extern "C" AS_HIDDEN void *allocsite_self_malloc(size_t) __attribute__((alias("malloc")));

AS_INTERFACE void free(void *ptr) { deallocate(ptr, CALLER); }

AS_INTERFACE void *calloc(size_t count, size_t size) {
  return allocate(Request{size, 0, true, count}, CALLER);
}

AS_INTERFACE void *realloc(void *ptr, size_t size) {
  return reallocate(ptr, Request{size}, CALLER);
}

AS_INTERFACE void *reallocarray(void *ptr, size_t count, size_t size) {
  return reallocate(ptr, Request{size, 0, false, count}, CALLER);
}

AS_INTERFACE void *memalign(size_t alignment, size_t size) {
  return allocate(Request{size, alignment}, CALLER);
}

AS_INTERFACE void *aligned_alloc(size_t alignment, size_t size) {
  return allocate(Request{size, alignment}, CALLER);
}

AS_INTERFACE int posix_memalign(void **out, size_t alignment, size_t size) {
  return allocate_posix(out, alignment, size, CALLER);
}

AS_INTERFACE void *valloc(size_t size) { return allocate_pages(size, false, CALLER); }

AS_INTERFACE void *pvalloc(size_t size) { return allocate_pages(size, true, CALLER); }

// Requested size, not the allocator's: a program that trusts this number stays within what it
// asked for, and the report's per-block overhead (SPEC §8) accounts for the difference.
AS_INTERFACE size_t malloc_usable_size(void *ptr) {
  return runtime_mode() == Mode::Passive ? 0 : usable_size(ptr);
}

// libc's own strdup would charge the copy to libc; charging it to strdup's caller names the
// user's line.
AS_INTERFACE char *strdup(const char *str) { return duplicate(str, SIZE_MAX, CALLER); }

AS_INTERFACE char *strndup(const char *str, size_t size) { return duplicate(str, size, CALLER); }
