// runtime/sanitizer_hooks.h - tracing under ASan, TSan, MSan and LSan. Their runtimes own malloc
// (the executable defines it), so the runtime cannot put a header on a block or see an
// uninstrumented call. It forwards every allocation to the sanitizer unchanged - redzones, quarantine
// and reports stay the sanitizer's - and accounts each block through the allocator hooks
// sanitizer_common offers (__sanitizer_install_malloc_and_free_hooks), keeping block -> site in a
// side table instead of a header.
#ifndef ALLOCSITE_RUNTIME_SANITIZER_HOOKS_H
#define ALLOCSITE_RUNTIME_SANITIZER_HOOKS_H

#include "common.h"

namespace allocsite {

extern bool g_hooked; // a sanitizer owns malloc and calls our hooks

// The sanitizer's own allocation functions (its interceptors), so that its checks of each call
// (alignment, overflow, new/delete mismatch) stay exactly its own. A function the sanitizer does
// not intercept is the C library's.
struct SanitizerAllocator {
  void *(*malloc)(size_t);
  void *(*calloc)(size_t, size_t);
  void *(*realloc)(void *, size_t);
  void *(*reallocarray)(void *, size_t, size_t);
  void *(*memalign)(size_t, size_t);
  void *(*aligned_alloc)(size_t, size_t);
  int (*posix_memalign)(void **, size_t, size_t);
  void *(*valloc)(size_t);
  void *(*pvalloc)(size_t);
  char *(*strdup)(const char *);
  char *(*strndup)(const char *, size_t);
  void (*free)(void *);
};
extern SanitizerAllocator g_san;

// At start-up, when the runtime is not the process's malloc: installs the hooks if a sanitizer
// runtime offers them. False when there is none (or it has no free hook slot).
bool sanitizer_hooks_install();

// The site the next allocation on this thread belongs to, set by an instrumented entry point
// around its call into the sanitizer's allocator; the malloc hook takes it. Bit 32 marks "set"
// (site id 0, not tracing, is a valid expectation).
extern AS_TLS uint64_t t_expected_site;

class ExpectSite {
public:
  explicit ExpectSite(uint32_t id) { t_expected_site = (uint64_t(1) << 32) | id; }
  // Whether an allocation hook took the expectation (false: the call allocated nothing, or
  // resized in place).
  bool taken() const { return t_expected_site == 0; }
  ~ExpectSite() { t_expected_site = 0; }
};

// A block the sanitizer allocated without calling the malloc hook (TSan's memalign paths, LSan's
// realloc): recorded by the entry point that knows its site.
void hooked_record(void *ptr, size_t size, uint32_t id);

// Runs one allocating call into the sanitizer's allocator as site `id`; `size_of(p)` is the
// block's size, asked only when no hook took the expectation.
template <typename Call, typename SizeOf>
AS_ALWAYS_INLINE auto hooked_alloc(uint32_t id, Call call, SizeOf size_of) {
  decltype(call()) p;
  bool missed;
  {
    ExpectSite expect(id);
    p = call();
    missed = p && !expect.taken();
  }
  if (AS_UNLIKELY(missed))
    hooked_record(p, size_of(p), id);
  return p;
}

// An instrumented realloc, charged to `id`, also when the sanitizer resizes in place without
// calling a hook (MSan does when the chunk has room).
void *hooked_realloc(void *ptr, size_t size, uint32_t id);
void *hooked_reallocarray(void *ptr, size_t count, size_t size, uint32_t id);
// The site of a live block, or 0.
uint32_t hooked_site_of(const void *ptr);

// The sanitizer's own operator new/delete, so its new/delete mismatch checks keep working.
void *hooked_new(size_t size, size_t alignment, bool array, bool nothrow);
void hooked_delete(void *ptr, bool array);

void hooked_lock_for_fork();
void hooked_unlock_after_fork(bool child);

} // namespace allocsite

#endif
