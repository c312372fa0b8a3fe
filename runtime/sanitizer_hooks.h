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

// At start-up, when the runtime is not the process's malloc: installs the hooks if a sanitizer
// runtime offers them. False when there is none (or it has no free hook slot).
bool sanitizer_hooks_install();

// The instrumented entry points under a sanitizer: the sanitizer's own function serves the call,
// and the block is charged to `site`. Entry points tail-call these, and this file keeps frame
// pointers, so that the sanitizer's stack traces (made by walking frame pointers from its
// interceptor) reach the user's code through the runtime.
void *hooked_malloc(size_t size, allocsite_site *site);
void *hooked_calloc(size_t count, size_t size, allocsite_site *site);
void *hooked_realloc(void *ptr, size_t size, allocsite_site *site);
void *hooked_reallocarray(void *ptr, size_t count, size_t size, allocsite_site *site);
void *hooked_aligned_alloc(size_t alignment, size_t size, allocsite_site *site);
void *hooked_memalign(size_t alignment, size_t size, allocsite_site *site);
int hooked_posix_memalign(void **out, size_t alignment, size_t size, allocsite_site *site);
void *hooked_valloc(size_t size, allocsite_site *site);
void *hooked_pvalloc(size_t size, allocsite_site *site);
char *hooked_strdup(const char *str, allocsite_site *site);
char *hooked_strndup(const char *str, size_t size, allocsite_site *site);
// operator new and delete: the sanitizer's own, so its new/delete mismatch checks keep working.
void *hooked_new(size_t size, size_t alignment, bool array, bool nothrow, uint32_t id);
void hooked_delete(void *ptr, bool array);

// The site of a live block, or 0.
uint32_t hooked_site_of(const void *ptr);

void hooked_lock_for_fork();
void hooked_unlock_after_fork(bool child);

} // namespace allocsite

#endif
