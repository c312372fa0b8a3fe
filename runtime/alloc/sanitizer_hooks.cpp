// runtime/alloc/sanitizer_hooks.cpp - block accounting through sanitizer_common's allocator hooks
// (alloc/alloc.h, sanitizer_hooks). The hooks run inside the sanitizer's malloc and free on the
// allocating thread; the side table is sharded by address so that threads rarely meet on a lock.
#include "alloc/alloc.h"

#include "base/base.h"

#include <dlfcn.h>
#include <string.h>
#include <unistd.h>

// Uninstrumented allocations a sanitizer cannot name the caller of are charged to this function's
// dynamic site (or to the user's call into library code, when one is under way): its name is what
// the report shows.
extern "C" __attribute__((visibility("default"), noinline)) void
allocsite_uninstrumented_code_under_sanitizer() {
  __asm__ volatile("");
}

namespace allocsite {

namespace {

// The sanitizer's own allocation functions (its interceptors), so that its checks of each call
// (alignment, overflow, double free) stay exactly its own. A function the sanitizer does not
// intercept is the C library's.
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
} g_san;

// The site the next allocation on this thread belongs to, set by an entry point around its call
// into the sanitizer; the malloc hook takes it. Bit 32 marks "set" (site id 0, not tracing, is a
// valid expectation).
AS_TLS uint64_t t_expected_site;

class ExpectSite {
public:
  explicit ExpectSite(uint32_t id) { t_expected_site = (uint64_t(1) << 32) | id; }
  // Whether an allocation hook took the expectation (false: nothing was allocated, or the
  // sanitizer allocated without calling the hook).
  bool taken() const { return t_expected_site == 0; }
  ~ExpectSite() { t_expected_site = 0; }
};

struct Block {
  uintptr_t address;
  uint64_t size;
  uint32_t site;
  uint16_t state; // 0 empty, 1 live, 2 removed
  uint16_t generation;
  uint64_t key_hash() const { return address >> 4; }
  bool is_empty() const { return state == 0; }
  bool is_live() const { return state == 1; }
};

struct alignas(64) Shard {
  SpinLock lock;
  AddressTable<Block> blocks;
};

constexpr unsigned kShards = 64;
Shard g_shards[kShards];
// The hook's own work allocated (dladdr, say), or the runtime's own thread did: serve, do not
// charge.
AS_TLS bool t_in_hook;

Shard &shard_of(uintptr_t address) {
  return g_shards[(address >> 4) * 0x9E3779B97F4A7C15ull >> 58];
}

Block *find(Shard &s, uintptr_t address) {
  return s.blocks.find(address >> 4, [address](const Block &b) { return b.address == address; });
}

uint16_t current_generation() { return uint16_t(block_generation(g_state.generation_bits)); }

// sanitizer/asan_interface.h: the stack ASan recorded for a heap block, innermost first; frame 1
// is the return address into the code that called malloc.
using AsanGetAllocStack = size_t (*)(void *addr, void **trace, size_t size, int *thread_id);
AsanGetAllocStack g_asan_alloc_stack;

using NewFn = void *(*)(size_t);
using NewNothrowFn = void *(*)(size_t, const void *);
using NewAlignedFn = void *(*)(size_t, size_t);
using NewAlignedNothrowFn = void *(*)(size_t, size_t, const void *);
using DeleteFn = void (*)(void *);
struct {
  NewFn plain[2];
  NewNothrowFn nothrow[2];
  NewAlignedFn aligned[2];
  NewAlignedNothrowFn aligned_nothrow[2];
  DeleteFn del[2];
} g_new;
const char g_nothrow_tag = 0; // std::nothrow_t is empty: any address will do

// The definition calls from the program reach, unless it is this runtime's own (a function the
// sanitizer does not intercept, which the runtime interposes): then the next one, libc's.
template <typename T> void resolve(T &slot, const char *name) {
  void *f = dlsym(RTLD_DEFAULT, name);
  Dl_info mine, theirs;
  if (f && dladdr(reinterpret_cast<void *>(&resolve<T>), &mine) && dladdr(f, &theirs) &&
      mine.dli_fbase == theirs.dli_fbase)
    f = dlsym(RTLD_NEXT, name);
  slot = reinterpret_cast<T>(f);
}

uint32_t uninstrumented_site(const volatile void *ptr) {
  uintptr_t pc = 0;
  if (g_asan_alloc_stack) {
    void *trace[2] = {nullptr, nullptr};
    int thread_id;
    if (g_asan_alloc_stack(const_cast<void *>(ptr), trace, 2, &thread_id) == 2)
      pc = uintptr_t(trace[1]);
  }
  if (!pc)
    pc = uintptr_t(&allocsite_uninstrumented_code_under_sanitizer);
  return dynamic_site_id(pc);
}

void record(uintptr_t address, size_t size, uint32_t id) {
  Shard &s = shard_of(address);
  uint32_t stale_id = 0;
  uint64_t stale_size = 0;
  {
    SpinLockGuard guard(s.lock);
    // A block still listed at a fresh address was given back without a free hook (uncharged late,
    // rather than never): an uninstrumented realloc under LeakSanitizer, which calls no hook.
    if (Block *stale = find(s, address)) {
      stale->state = 2;
      if (stale->generation == current_generation()) {
        stale_id = stale->site;
        stale_size = stale->size;
      }
    }
    if (id) {
      Block *b = s.blocks.slot_for(address >> 4);
      if (b)
        *b = Block{address, size, id, 1, current_generation()};
      else
        id = 0; // no memory for the table: the block goes uncounted rather than half-counted
    }
  }
  if (stale_id)
    uncharge(stale_id, size_t(stale_size));
  if (id)
    charge(id, size);
}

void on_malloc(const volatile void *ptr, size_t size) {
  if (!ptr)
    return;
  uint32_t id = 0;
  if (uint64_t expected = t_expected_site) {
    t_expected_site = 0;
    id = uint32_t(expected);
  } else if (!t_in_hook && __atomic_load_n(&g_state.tracing, __ATOMIC_RELAXED)) {
    t_in_hook = true;
    id = uninstrumented_site(ptr);
    t_in_hook = false;
  }
  record(uintptr_t(ptr), size, id);
}

// Also called for pointers the sanitizer is about to report (double free, wild free): unknown ones
// are left to its report.
void on_free(const volatile void *ptr) {
  uintptr_t address = uintptr_t(ptr);
  if (!address)
    return;
  Shard &s = shard_of(address);
  uint32_t id;
  uint64_t size;
  {
    SpinLockGuard guard(s.lock);
    Block *b = find(s, address);
    if (!b)
      return;
    b->state = 2;
    if (b->generation != current_generation())
      return;
    id = b->site;
    size = b->size;
  }
  uncharge(id, size_t(size));
}

} // namespace

void hooked_ignore_this_thread() { t_in_hook = true; }

bool sanitizer_hooks_install() {
  using MallocHook = void (*)(const volatile void *, size_t);
  using FreeHook = void (*)(const volatile void *);
  using Install = int (*)(MallocHook, FreeHook);
  auto install =
      reinterpret_cast<Install>(dlsym(RTLD_DEFAULT, "__sanitizer_install_malloc_and_free_hooks"));
  if (!install)
    return false;
  g_asan_alloc_stack =
      reinterpret_cast<AsanGetAllocStack>(dlsym(RTLD_DEFAULT, "__asan_get_alloc_stack"));
  resolve(g_san.malloc, "malloc");
  resolve(g_san.calloc, "calloc");
  resolve(g_san.realloc, "realloc");
  resolve(g_san.reallocarray, "reallocarray");
  resolve(g_san.memalign, "memalign");
  resolve(g_san.aligned_alloc, "aligned_alloc");
  resolve(g_san.posix_memalign, "posix_memalign");
  resolve(g_san.valloc, "valloc");
  resolve(g_san.pvalloc, "pvalloc");
  resolve(g_san.strdup, "strdup");
  resolve(g_san.strndup, "strndup");
  resolve(g_san.free, "free");
  if (!g_san.malloc || !g_san.calloc || !g_san.realloc || !g_san.free || !g_san.memalign)
    return false;
  // The passive paths that remain (uninstrumented calls the sanitizer does not intercept, which
  // reach this runtime's interposers) use the sanitizer's allocator too, so its hooks see them.
  g_real.malloc = g_san.malloc;
  g_real.calloc = g_san.calloc;
  g_real.realloc = g_san.realloc;
  g_real.free = g_san.free;
  g_real.memalign = g_san.memalign;
  resolve(g_new.plain[0], "_Znwm");
  resolve(g_new.plain[1], "_Znam");
  resolve(g_new.nothrow[0], "_ZnwmRKSt9nothrow_t");
  resolve(g_new.nothrow[1], "_ZnamRKSt9nothrow_t");
  resolve(g_new.aligned[0], "_ZnwmSt11align_val_t");
  resolve(g_new.aligned[1], "_ZnamSt11align_val_t");
  resolve(g_new.aligned_nothrow[0], "_ZnwmSt11align_val_tRKSt9nothrow_t");
  resolve(g_new.aligned_nothrow[1], "_ZnamSt11align_val_tRKSt9nothrow_t");
  resolve(g_new.del[0], "_ZdlPv");
  resolve(g_new.del[1], "_ZdaPv");
  g_state.hooked = true; // before the first hook can run
  if (!install(on_malloc, on_free)) {
    g_state.hooked = false;
    return false;
  }
  return true;
}

namespace {

// Runs one allocating call as site `id`. A block the sanitizer allocated without calling the
// malloc hook (TSan's memalign paths) is recorded here, `size_of(p)` bytes long.
template <typename Call, typename SizeOf> auto allocate_as(uint32_t id, Call call, SizeOf size_of) {
  decltype(call()) p;
  bool missed;
  {
    ExpectSite expect(id);
    p = call();
    missed = p && !expect.taken();
  }
  if (AS_UNLIKELY(missed))
    record(uintptr_t(p), size_of(p), id);
  return p;
}

template <typename Call> void *allocate_as(uint32_t id, size_t size, Call call) {
  return allocate_as(id, call, [size](const void *) { return size; });
}

size_t copy_size(const char *copy) { return strlen(copy) + 1; }

template <typename Call> void *realloc_as(void *ptr, size_t size, uint32_t id, Call call) {
  void *fresh;
  bool missed;
  {
    ExpectSite expect(id);
    fresh = call();
    missed = fresh && !expect.taken();
  }
  if (!missed)
    return fresh;
  // Resized without a malloc hook: in place (MSan, when the chunk has room) or moved (LSan
  // calls no hook on realloc; TSan only the free hook). The same accounting as a realloc that
  // hooks see: the old block freed (unless its hook already ran), the new one allocated at `id`.
  on_free(ptr);
  record(uintptr_t(fresh), size, id);
  return fresh;
}

} // namespace

void *hooked_malloc(size_t size, allocsite_site *site) {
  return allocate_as(static_site_id(site), size, [&] { return g_san.malloc(size); });
}

void *hooked_calloc(size_t count, size_t size, allocsite_site *site) {
  return allocate_as(static_site_id(site), count * size, [&] { return g_san.calloc(count, size); });
}

void *hooked_realloc(void *ptr, size_t size, allocsite_site *site) {
  return realloc_as(ptr, size, static_site_id(site), [&] { return g_san.realloc(ptr, size); });
}

void *hooked_reallocarray(void *ptr, size_t count, size_t size, allocsite_site *site) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) // its overflow diagnostic, or NULL and ENOMEM
    return g_san.reallocarray ? g_san.reallocarray(ptr, count, size) : nullptr;
  if (!g_san.reallocarray)
    return hooked_realloc(ptr, total, site);
  return realloc_as(ptr, total, static_site_id(site),
                    [&] { return g_san.reallocarray(ptr, count, size); });
}

void *hooked_aligned_alloc(size_t alignment, size_t size, allocsite_site *site) {
  return allocate_as(static_site_id(site), size,
                     [&] { return g_san.aligned_alloc(alignment, size); });
}

void *hooked_memalign(size_t alignment, size_t size, allocsite_site *site) {
  return allocate_as(static_site_id(site), size, [&] { return g_san.memalign(alignment, size); });
}

int hooked_posix_memalign(void **out, size_t alignment, size_t size, allocsite_site *site) {
  int error = 0;
  allocate_as(static_site_id(site), size, [&]() -> void * {
    error = g_san.posix_memalign(out, alignment, size);
    return error ? nullptr : *out;
  });
  return error;
}

void *hooked_valloc(size_t size, allocsite_site *site) {
  return allocate_as(static_site_id(site), size, [&] { return g_san.valloc(size); });
}

void *hooked_pvalloc(size_t size, allocsite_site *site) {
  size_t rounded;
  if (!pvalloc_size(size, size_t(getpagesize()), &rounded))
    rounded = size;
  return allocate_as(static_site_id(site), rounded, [&] { return g_san.pvalloc(size); });
}

char *hooked_strdup(const char *str, allocsite_site *site) {
  return allocate_as(
      static_site_id(site), [&] { return g_san.strdup(str); }, copy_size);
}

char *hooked_strndup(const char *str, size_t size, allocsite_site *site) {
  return allocate_as(
      static_site_id(site), [&] { return g_san.strndup(str, size); }, copy_size);
}

uint32_t hooked_site_of(const void *ptr) {
  uintptr_t address = uintptr_t(ptr);
  Shard &s = shard_of(address);
  SpinLockGuard guard(s.lock);
  Block *b = find(s, address);
  return b && b->generation == current_generation() ? b->site : 0;
}

void *hooked_new(size_t size, size_t alignment, bool array, bool nothrow, uint32_t id) {
  int i = array ? 1 : 0;
  return allocate_as(id, size, [&]() -> void * {
    if (alignment) {
      if (nothrow && g_new.aligned_nothrow[i])
        return g_new.aligned_nothrow[i](size, alignment, &g_nothrow_tag);
      if (!nothrow && g_new.aligned[i])
        return g_new.aligned[i](size, alignment);
      return g_san.memalign(alignment, size);
    }
    if (nothrow && g_new.nothrow[i])
      return g_new.nothrow[i](size, &g_nothrow_tag);
    if (!nothrow && g_new.plain[i])
      return g_new.plain[i](size);
    return g_san.malloc(size);
  });
}

void hooked_delete(void *ptr, bool array) {
  if (DeleteFn del = g_new.del[array ? 1 : 0])
    del(ptr);
  else
    g_san.free(ptr);
}

void hooked_lock_for_fork() {
  for (Shard &s : g_shards)
    s.lock.lock();
}

void hooked_unlock_after_fork(bool child) {
  for (Shard &s : g_shards)
    s.lock.release_after_fork(child);
}

} // namespace allocsite
