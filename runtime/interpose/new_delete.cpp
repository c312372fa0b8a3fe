// runtime/interpose/new_delete.cpp - every replaceable global operator new/delete (plain, array,
// sized, aligned, nothrow), and the __allocsite_new/__allocsite_delete entry points the pass
// rewrites them into: the allocation API (alloc/alloc.h) with the caller. Failure behaves as the
// C++ library's (allocate_new: the new-handler loop, then std::bad_alloc). Under a sanitizer, its
// own operators serve the call (hooked_new/hooked_delete), so its new/delete mismatch checks work.
#include "alloc/alloc.h"

#include <new>

using namespace allocsite;

namespace {

// `array()` says whether the call is new[] / delete[]: asked only on the sanitizer's path, so that
// the others neither read the site's kind nor keep the answer in a register across the allocation.
template <typename IsArray>
AS_ALWAYS_INLINE void *new_for(size_t size, size_t alignment, bool nothrow, IsArray array,
                               Caller c) {
  return allocate_new(Request{size, alignment}, nothrow, c,
                      AS_HOOK(hooked_new(size, alignment, array(), nothrow, charged_site(c))));
}

// deallocate() with the sanitizer's operator delete as its hook, out of line: reached by a tail
// call, so that the active path below needs no stack frame (free's does not either) and the
// sanitizer's stack for the delete still starts at the caller.
AS_NOINLINE void delete_inactive(void *ptr, bool array, Caller c) {
  deallocate(ptr, c, AS_HOOK(hooked_delete(ptr, array)));
}

template <typename IsArray> AS_ALWAYS_INLINE void delete_for(void *ptr, IsArray array, Caller c) {
  if (AS_LIKELY(flag_set(g_state.active)))
    return free_block(ptr, c);
  return delete_inactive(ptr, array(), c);
}

bool is_array(const allocsite_site *site) {
  return site->kind == ALLOCSITE_KIND_NEW_ARRAY || site->kind == ALLOCSITE_KIND_DELETE_ARRAY;
}

constexpr auto kArray = [] { return true; };
constexpr auto kSingle = [] { return false; };
// An instrumented call's: its site's kind says.
auto array_of(const allocsite_site *site) {
  return [site] { return is_array(site); };
}

} // namespace

#define CALLER Caller::from(__builtin_return_address(0))

// Rewritten by the pass; new and new[] differ only in the site's kind.
AS_INTERFACE void *__allocsite_new(size_t size, allocsite_site *site) {
  return new_for(size, 0, false, array_of(site), Caller::at(site));
}
AS_INTERFACE void *__allocsite_new_nothrow(size_t size, allocsite_site *site) {
  return new_for(size, 0, true, array_of(site), Caller::at(site));
}
AS_INTERFACE void *__allocsite_new_aligned(size_t size, size_t alignment, allocsite_site *site) {
  return new_for(size, alignment, false, array_of(site), Caller::at(site));
}
AS_INTERFACE void *__allocsite_new_aligned_nothrow(size_t size, size_t alignment,
                                                   allocsite_site *site) {
  return new_for(size, alignment, true, array_of(site), Caller::at(site));
}
AS_INTERFACE void __allocsite_delete(void *ptr, allocsite_site *site) {
  delete_for(ptr, array_of(site), Caller::at(site));
}

// Uninstrumented callers.
void *operator new(size_t size) { return new_for(size, 0, false, kSingle, CALLER); }
void *operator new[](size_t size) { return new_for(size, 0, false, kArray, CALLER); }
void *operator new(size_t size, const std::nothrow_t &) noexcept {
  return new_for(size, 0, true, kSingle, CALLER);
}
void *operator new[](size_t size, const std::nothrow_t &) noexcept {
  return new_for(size, 0, true, kArray, CALLER);
}
void *operator new(size_t size, std::align_val_t alignment) {
  return new_for(size, size_t(alignment), false, kSingle, CALLER);
}
void *operator new[](size_t size, std::align_val_t alignment) {
  return new_for(size, size_t(alignment), false, kArray, CALLER);
}
void *operator new(size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept {
  return new_for(size, size_t(alignment), true, kSingle, CALLER);
}
void *operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept {
  return new_for(size, size_t(alignment), true, kArray, CALLER);
}

void operator delete(void *ptr) noexcept { delete_for(ptr, kSingle, CALLER); }
void operator delete[](void *ptr) noexcept { delete_for(ptr, kArray, CALLER); }
void operator delete(void *ptr, size_t) noexcept { delete_for(ptr, kSingle, CALLER); }
void operator delete[](void *ptr, size_t) noexcept { delete_for(ptr, kArray, CALLER); }
void operator delete(void *ptr, std::align_val_t) noexcept { delete_for(ptr, kSingle, CALLER); }
void operator delete[](void *ptr, std::align_val_t) noexcept { delete_for(ptr, kArray, CALLER); }
void operator delete(void *ptr, size_t, std::align_val_t) noexcept {
  delete_for(ptr, kSingle, CALLER);
}
void operator delete[](void *ptr, size_t, std::align_val_t) noexcept {
  delete_for(ptr, kArray, CALLER);
}
void operator delete(void *ptr, const std::nothrow_t &) noexcept {
  delete_for(ptr, kSingle, CALLER);
}
void operator delete[](void *ptr, const std::nothrow_t &) noexcept {
  delete_for(ptr, kArray, CALLER);
}
void operator delete(void *ptr, std::align_val_t, const std::nothrow_t &) noexcept {
  delete_for(ptr, kSingle, CALLER);
}
void operator delete[](void *ptr, std::align_val_t, const std::nothrow_t &) noexcept {
  delete_for(ptr, kArray, CALLER);
}
