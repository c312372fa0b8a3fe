// runtime/alloc/alloc.h - the allocation path: the runtime's state, the allocator underneath,
// block headers, sites and their per-thread tallies, the sanitizer's hooked path, and the one
// allocation API every entry point calls. Everything here may run inside malloc or free: no
// malloc, no stdio, and no lock on the fast path (locks only where a new site, thread, page-aligned
// block or side-table entry is involved).
#ifndef ALLOCSITE_RUNTIME_ALLOC_ALLOC_H
#define ALLOCSITE_RUNTIME_ALLOC_ALLOC_H

#include "base/base.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

// ---- init ----
// the runtime's state: one object, written at start-up (init.cpp, in one place)
// and by allocsite_start/stop/clear_traces, read by every allocation. The instrumented fast path
// tests one byte of it (fast_path); everything else is read only off that path.
namespace allocsite {

// What an allocation does: serve it from the start-up buffer (the real allocator is not known
// yet), forward it untracked (the runtime is not the process's malloc; under a sanitizer, forward
// it to the sanitizer and account for it through its hooks), or track it.
enum class Mode : uint8_t { Bootstrap, Passive, Active };

struct RuntimeState {
  // The hot bytes, in the first cache line.
  bool fast_path;           // active && tracing: the instrumented fast path's one test
  bool active;              // start-up done and the runtime is the process's malloc
  bool tracing;             // allocsite_start/stop (true from start-up)
  bool hooked;              // Passive because a sanitizer owns malloc: its hooks feed the counts
  Mode settled;             // Passive once start-up found another malloc; else Active/Bootstrap
  bool exiting;             // exit() has begun: module destructors need not copy descriptors
  int init_step;            // 0 not started, 1 running, 2 done
  unsigned generation;      // bumped by allocsite_clear_traces: older blocks are forgotten
  uint64_t generation_bits; // generation as the header word's top byte (alloc/alloc.h, block)
  uint64_t block_secret;    // keys block headers' check words (alloc/alloc.h, block)
};

// Hidden, as is every global the fast path reads: a default-visibility declaration makes clang
// load the address from the GOT (relaxed by the linker to one more instruction) on every access.
extern AS_HIDDEN RuntimeState g_state;

// Start-up, when it has not run: fills g_state; then the mode of an allocation made now.
Mode runtime_mode_slow();
// Has g_state.exiting set, and under a sanitizer the report written, before the loader runs
// module destructors at exit (called as each instrumented module registers its sites, with an
// address inside that module).
void watch_for_exit(const void *module_address);
// fast_path and generation_bits, after tracing or generation changed.
void state_changed();

// A flag of g_state read as its byte: a relaxed load of a bool is tested bit by bit (a load and a
// test), a byte is compared in place.
AS_ALWAYS_INLINE bool flag_set(const bool &flag) {
  return *reinterpret_cast<const volatile uint8_t *>(&flag) != 0;
}

AS_ALWAYS_INLINE Mode runtime_mode() {
  if (AS_LIKELY(flag_set(g_state.active)))
    return Mode::Active;
  return runtime_mode_slow();
}

AS_ALWAYS_INLINE bool tracing() { return __atomic_load_n(&g_state.tracing, __ATOMIC_RELAXED); }

// Whether counts are kept: the runtime is the process's malloc, or a sanitizer's allocator hooks
// feed it (allocations then take the Passive paths, which forward to the sanitizer).
AS_ALWAYS_INLINE bool runtime_tracking() {
  return runtime_mode() == Mode::Active || g_state.hooked;
}

} // namespace allocsite

// ---- real_alloc ----
// the allocator underneath the runtime: whatever `malloc` would have been
// without us (glibc, or jemalloc/tcmalloc/mimalloc linked or preloaded after us), found with
// dlsym(RTLD_NEXT). Allocations made while dlsym itself runs come from a small static buffer.
namespace allocsite {

struct RealAllocator {
  void *(*malloc)(size_t);
  void (*free)(void *);
  void *(*calloc)(size_t, size_t);
  void *(*realloc)(void *, size_t);
  void *(*memalign)(size_t, size_t);
};

extern AS_HIDDEN RealAllocator g_real;

// Resolves g_real; safe to call recursively (the inner calls see it unresolved and must use the
// bootstrap buffer).
void real_alloc_init();

// The bootstrap buffer, for the few allocations made while dlsym runs.
void *bootstrap_alloc(size_t size);
bool bootstrap_owns(const void *p);
size_t bootstrap_bytes_from(const void *p); // bytes of the buffer from p to its end

} // namespace allocsite

// ---- block ----
// the 16-byte header in front of every block the runtime hands out: which site
// allocated it, how many bytes were requested, where the underlying allocation starts, and a check
// word so that a foreign or already-freed pointer is recognised instead of trusted.
//
// Layout (kBlockHeaderSize bytes, just below the user pointer):
//   uint32 site    dense site id (0 = allocated while not tracing)
//   uint32 check   hash of (user pointer, site, word, per-process secret); 0 once freed
//   uint64 word    requested size (44 bits) | where the raw block starts (12) | generation (8)
// The raw block starts `offset` bytes below the user pointer. Offset field f < 2048 means
// (f + 1) * 16 bytes: 16 for plain blocks, up to 32 KiB for aligned ones carved out of a plain
// malloc; f >= 2048 means 1 << (f - 2048), for larger alignments served by memalign.
namespace allocsite {

struct BlockHeader {
  uint32_t site;
  uint32_t check;
  uint64_t word;
};
static_assert(sizeof(BlockHeader) == kBlockHeaderSize, "header size is part of the budget");

constexpr uint64_t kMaxBlockSize = (uint64_t(1) << 44) - 1;
constexpr unsigned kOffsetShift = 44;
constexpr uint64_t kPlainOffsetField = 0; // raw block 16 bytes below the user pointer
constexpr uint64_t kPowerOffsetField = 2048;
constexpr size_t kMaxCarvedAlignment = 32 * 1024;
// Blocks this large start a page (carved from a plain allocation one page bigger): the allocator
// may give their pages back to the OS on free (glibc mmaps them from 128 KiB, its default
// threshold; smaller freed blocks stay in its heap, whose trimming keeps 128 KiB above the top
// chunk's start), and a page-aligned block is
// known to be live before its header - on the previous page - is read (page_aligned.cpp), so a
// double free of one is reported instead of faulting.
constexpr size_t kLargeBlockSize = 128 * 1024;
constexpr size_t kPageSize = 4096;

AS_ALWAYS_INLINE BlockHeader *block_header(void *user) {
  return reinterpret_cast<BlockHeader *>(static_cast<char *>(user) - kBlockHeaderSize);
}

AS_ALWAYS_INLINE uint64_t block_word(size_t size, uint64_t offset_field, unsigned generation) {
  return uint64_t(size) | (offset_field << kOffsetShift) | (uint64_t(generation & 0xff) << 56);
}
AS_ALWAYS_INLINE size_t block_size(uint64_t word) { return size_t(word & kMaxBlockSize); }
AS_ALWAYS_INLINE uint64_t block_offset_field(uint64_t word) {
  return (word >> kOffsetShift) & 0xfff;
}
AS_ALWAYS_INLINE unsigned block_generation(uint64_t word) { return unsigned(word >> 56); }

AS_ALWAYS_INLINE size_t block_offset(uint64_t word) {
  uint64_t f = block_offset_field(word);
  if (AS_LIKELY(f < kPowerOffsetField))
    return size_t(f + 1) * 16;
  return size_t(1) << (f - kPowerOffsetField);
}

// Cheap on purpose (it runs twice per malloc/free pair): memory that is not a header of ours -
// a foreign pointer's neighbourhood, or what the allocator wrote over a freed header - matches a
// secret-keyed value by chance once in 2^31.
AS_ALWAYS_INLINE uint32_t block_check(const void *user, uint32_t site, uint64_t word) {
  uint64_t x = (uintptr_t(user) >> 4) ^ word ^ g_state.block_secret;
  uint32_t check = uint32_t(x) ^ uint32_t(x >> 32) ^ site;
  return check + (check == 0); // never 0, which marks a freed header; every bit still counts
}

AS_ALWAYS_INLINE void *block_raw(void *user, uint64_t word) {
  return static_cast<char *>(user) - block_offset(word);
}

} // namespace allocsite

// ---- sites ----
// the site table: dense ids for static descriptors (from the pass) and for
// dynamic sites (uninstrumented callers, keyed by return address).
namespace allocsite {

// Ids are 1 .. site_count()-1; id 0 means "not tracked" (blocks allocated while tracing was off).
constexpr uint32_t kMaxSites = 1u << 20;

// Slow path of every instrumented entry point: the descriptor's id is still 0 (the site has not
// allocated before: ids are given on first use, so that the runtime's memory grows with the sites
// a run uses). Assigns and stores the id; returns it.
uint32_t site_register(allocsite_site *site);
// A linked object's section, recorded (no ids yet). On a reload its sites get back the ids they
// had in an earlier load of the same path when their descriptors are identical (file, line,
// column, function, kind, flags, inline chain), so a dlopen/dlclose cycle adds neither sites nor
// runtime memory after the first.
void sites_register_range(allocsite_site *start, allocsite_site *stop);
// The object is being unloaded: keep copies of its descriptors and strings (made once per site and
// reused by later loads) so its sites stay reportable while they still hold memory.
void sites_unregister_range(allocsite_site *start, allocsite_site *stop);

// The dynamic site of an uninstrumented allocation made by code at return address `pc`.
uint32_t site_for_caller(uintptr_t pc);
// The site of blocks that code at `pc` declares with allocsite_track(domain, ...).
uint32_t site_for_tracked(uintptr_t pc, unsigned domain);
// Memory of site `inner_id` allocated while user code's call `context` (kind CALL) runs library
// code: a composite site, named by the call and keeping the inner site as "via" (SPEC §3).
// Returns inner_id itself when no composite can be made.
uint32_t site_for_context(const allocsite_site *context, uint32_t inner_id);
bool site_composite_parts(uint32_t id, uint32_t *context_id, uint32_t *inner_id);

uint32_t site_count();
const allocsite_site *site_descriptor(uint32_t id);
// out[id] (id < n) = the path of the object whose section holds instrumented site `id` ("" when
// unknown); other entries are left alone. O(instrumented sites), under the sites lock.
void site_module_paths(const char **out, uint32_t n);

// Where a dynamic site's code is; symbolised at report time (symbolize.h).
struct DynamicSiteInfo {
  uintptr_t pc;            // return address as seen at run time
  const char *module_path; // absolute path of the object file (arena copy), or nullptr
  uintptr_t module_offset; // pc - load bias: the address to give a symbolizer for module_path
  const char *symbol;      // nearest dynamic symbol from dladdr (arena copy), or nullptr
  unsigned domain;         // allocsite_track's domain for tracked sites; 0 otherwise
};
bool site_dynamic_info(uint32_t id, DynamicSiteInfo *out);

void sites_lock_for_fork();
void sites_unlock_after_fork(bool child);

} // namespace allocsite

// ---- attribution ----
// which site an allocation is charged to (SPEC §3, the attribution rule).
// An instrumented call in the user's code is its own site. A call in library code (a system
// header or an allocation wrapper: the pass flags it ALLOCSITE_SITE_LIBRARY), and any
// uninstrumented allocation, is charged to the thread's context - the user-code call that led
// into the library, which the pass stores in __allocsite_context - through a composite site
// that keeps the inner site as "via".
namespace allocsite {

// The same lookups through the calling thread's cache (thread_state, below): the id of the
// dynamic site at `pc`, and of the composite site of `inner_id` under `context`.
AS_ALWAYS_INLINE uint32_t cached_caller_site(uintptr_t pc);
AS_ALWAYS_INLINE uint32_t cached_context_site(const allocsite_site *context, uint32_t inner_id);

// A registered descriptor's id, charged to the context when its site is in library code.
AS_ALWAYS_INLINE uint32_t registered_site_id(const allocsite_site *site) {
  uint32_t id = site->id;
  if (AS_UNLIKELY(site->flags & ALLOCSITE_SITE_LIBRARY)) {
    if (const allocsite_site *context = __allocsite_context)
      id = cached_context_site(context, id);
  }
  return id;
}

// The id a static descriptor charges now (0 when not tracing).
AS_ALWAYS_INLINE uint32_t static_site_id(allocsite_site *site) {
  if (AS_UNLIKELY(!site->id))
    site_register(site);
  uint32_t id = registered_site_id(site);
  return AS_LIKELY(g_state.tracing) ? id : 0;
}

// The id an uninstrumented allocation from return address `pc` charges (0 when not tracing).
AS_ALWAYS_INLINE uint32_t dynamic_site_id(uintptr_t pc) {
  uint32_t id = cached_caller_site(pc);
  if (const allocsite_site *context = __allocsite_context)
    id = cached_context_site(context, id);
  return id;
}

} // namespace allocsite

// ---- thread_state ----
// per-thread counters: the fast path touches only its own thread's memory
// (no lock, no atomic read-modify-write). States of exited threads are merged into one retired
// state, so their contribution stays and their memory is reused.
namespace allocsite {

// What one thread did at one site. Allocation and free each touch two words; live figures are
// derived when summing (live = allocated - freed). The peak's breakdown is kept the same way,
// lazily: each new peak starts an epoch, and the first change to a tally in a new epoch first
// saves its live figures - what it held at that peak (a tally unchanged since holds them still).
struct TallyCounts {
  int64_t alloc_bytes;
  int64_t alloc_calls;
  int64_t freed_bytes;
  int64_t freed_calls;
};

constexpr unsigned kChunkBits = 12;
constexpr uint32_t kChunkSites = 1u << kChunkBits;
constexpr uint32_t kMaxChunks = kMaxSites >> kChunkBits;

// One thread's tallies of kChunkSites consecutive site ids, as parallel arrays: a snapshot reads
// only `counts`, 32 bytes per site and thread, where with the epoch and the peak's copy beside
// each count it read 72 - and memory bandwidth is what a snapshot costs. An allocation's epoch
// test reads a line of 8 sites' epochs besides its counts' line (a 72-byte tally spanned two
// lines most of the time anyway), in as many instructions.
struct TallyChunk {
  TallyCounts counts[kChunkSites];
  uint64_t peak_epoch[kChunkSites]; // when at_peak was saved
  TallyCounts at_peak[kChunkSites]; // the counts when epoch peak_epoch began
};
constexpr size_t kChunkBytes = sizeof(TallyChunk);
AS_ALWAYS_INLINE uint32_t chunk_slot(uint32_t id) { return id & (kChunkSites - 1); }

// A direct-mapped cache of site lookups (key -> id), per thread: an allocation charged to a
// context, or made by uninstrumented code, would otherwise search the shared site table each
// time. Ids never change once given, so entries never go stale.
struct SiteCacheEntry {
  uint64_t key; // 0: empty
  uint32_t id;
};
constexpr unsigned kSiteCacheBits = 8;

AS_ALWAYS_INLINE unsigned site_cache_slot(uint64_t key) {
  return unsigned((key * 0x9E3779B97F4A7C15ull) >> (64 - kSiteCacheBits));
}

struct ThreadState {
  TallyChunk *chunks[kMaxChunks];                     // lazily mapped
  SiteCacheEntry caller_cache[1u << kSiteCacheBits];  // return address -> dynamic site
  SiteCacheEntry context_cache[1u << kSiteCacheBits]; // context id << 32 | inner id -> composite
  int64_t contribution;                               // net live bytes this state added
  // The fast path leaves peak tracking to peak_slow() only when contribution leaves [lo, hi]:
  // single-threaded, hi is where a new process-wide peak starts; multi-threaded, the band is
  // kPeakSlack around the last flush to the shared total.
  int64_t peak_hi;
  int64_t peak_lo;
  int64_t flushed;        // multi-threaded: contribution already in g_shared_current
  ThreadState *next_all;  // every state ever made, for snapshots
  ThreadState *next_free; // unowned states ready for a new thread
  bool owned;
};

extern AS_HIDDEN AS_TLS ThreadState *t_state;

// Gives this thread a state in t_state (left nullptr only when the OS refuses memory).
AS_SLOW_PATH void thread_state_slow();
// Maps t->chunks[chunk] (or points it at a scratch chunk that sums ignore, when the OS refuses).
AS_SLOW_PATH void thread_chunk_slow(ThreadState *t, uint32_t chunk);
extern AS_HIDDEN TallyChunk g_scratch_chunk;

AS_ALWAYS_INLINE ThreadState *thread_state() {
  ThreadState *t = t_state;
  if (AS_LIKELY(t))
    return t;
  thread_state_slow();
  return t_state;
}

// The caches' misses, out of line: they look the site up and fill entry `e` (nullptr: no thread
// state), so that the allocation path keeps nothing in registers across the call. (Not
// AS_SLOW_PATH: preserve_most restores RAX, which is where they return their id.)
AS_NOINLINE uint32_t caller_site_miss(SiteCacheEntry *e, uintptr_t pc);
AS_NOINLINE uint32_t context_site_miss(SiteCacheEntry *e, const allocsite_site *context,
                                       uint32_t inner_id);

AS_ALWAYS_INLINE uint32_t cached_caller_site(uintptr_t pc) {
  ThreadState *t = t_state;
  SiteCacheEntry *e = t ? &t->caller_cache[site_cache_slot(pc)] : nullptr;
  if (AS_LIKELY(e && e->key == pc))
    return e->id;
  return caller_site_miss(e, pc);
}

AS_ALWAYS_INLINE uint32_t cached_context_site(const allocsite_site *context, uint32_t inner_id) {
  ThreadState *t = t_state;
  uint64_t key = uint64_t(context->id) << 32 | inner_id;
  SiteCacheEntry *e = t ? &t->context_cache[site_cache_slot(key)] : nullptr;
  // Entries have both halves set; a zero key (neither has an id yet) must not match an empty one.
  if (AS_LIKELY(e && e->key == key && key))
    return e->id;
  return context_site_miss(e, context, inner_id);
}

// The chunk of site `id`'s tally in `t` when it is mapped, else nullptr.
AS_ALWAYS_INLINE TallyChunk *mapped_chunk(ThreadState *t, uint32_t id) {
  return t->chunks[id >> kChunkBits];
}

AS_ALWAYS_INLINE TallyChunk *thread_chunk(ThreadState *t, uint32_t id) {
  TallyChunk *c = mapped_chunk(t, id);
  if (AS_UNLIKELY(!c)) {
    thread_chunk_slow(t, id >> kChunkBits);
    c = mapped_chunk(t, id);
  }
  return c;
}

// Peak tracking: exact while one thread allocates; with several, the shared total is updated in
// steps of kPeakSlack per thread, so the peak can be under-reported by at most that per thread.
constexpr int64_t kPeakSlack = 64 * 1024;
extern AS_HIDDEN ThreadState *g_single_owner;   // the only live thread, or nullptr
extern AS_HIDDEN int64_t g_others_contribution; // single-threaded: sum over the other (dead) states
extern AS_HIDDEN int64_t g_shared_current;      // multi-threaded: sum of flushed contributions
extern AS_HIDDEN int64_t g_peak;
extern AS_HIDDEN uint64_t g_peak_epoch; // bumped at each new peak (and when the peak is reset)
// Single-threaded, memory has only grown since it passed the last peak: the current counts are
// the peak's. The epoch then begins at the first decrease (peak_seal), not at every allocation
// of a growing program; until then the owner's frees take the slow path and its allocations not.
extern AS_HIDDEN bool g_peak_pending;
AS_SLOW_PATH void peak_slow(ThreadState *t);
AS_SLOW_PATH void peak_seal(ThreadState *t);

// What tally `i` of `c` counted at the latest peak: its saved counts when it changed since, else
// its current ones.
AS_ALWAYS_INLINE TallyCounts tally_at_peak(const TallyChunk &c, uint32_t i, uint64_t epoch) {
  const TallyCounts &from =
      __atomic_load_n(&c.peak_epoch[i], __ATOMIC_RELAXED) == epoch ? c.at_peak[i] : c.counts[i];
  return TallyCounts{__atomic_load_n(&from.alloc_bytes, __ATOMIC_RELAXED),
                     __atomic_load_n(&from.alloc_calls, __ATOMIC_RELAXED),
                     __atomic_load_n(&from.freed_bytes, __ATOMIC_RELAXED),
                     __atomic_load_n(&from.freed_calls, __ATOMIC_RELAXED)};
}

// Before the first change to tally `i` of `c` since the latest peak: keep what it counted then.
AS_ALWAYS_INLINE void tally_keep_peak(TallyChunk *c, uint32_t i) {
  uint64_t epoch = __atomic_load_n(&g_peak_epoch, __ATOMIC_RELAXED);
  if (AS_UNLIKELY(c->peak_epoch[i] != epoch)) {
    c->at_peak[i] = c->counts[i];
    c->peak_epoch[i] = epoch;
  }
}

AS_ALWAYS_INLINE void peak_grow(ThreadState *t, int64_t bytes) {
  int64_t c = t->contribution + bytes;
  t->contribution = c;
  if (AS_UNLIKELY(c > t->peak_hi))
    peak_slow(t);
}

AS_ALWAYS_INLINE void peak_shrink(ThreadState *t, int64_t bytes) {
  int64_t c = t->contribution - bytes;
  t->contribution = c;
  if (AS_UNLIKELY(c < t->peak_lo))
    peak_slow(t);
}

// Iterates every state (live, free and the retired accumulator) under the lock that keeps their
// chunks mapped.
void thread_states_lock();
void thread_states_unlock();
ThreadState *thread_states_head();
int64_t current_traced_bytes(); // exact: sums contributions
void reset_peak();
void peak_reset_to(int64_t value); // the peak becomes `value` (absolute traced bytes)

void thread_states_lock_for_fork();
void thread_states_unlock_after_fork(bool child);
void thread_state_init(); // creates the pthread key; called once from init

} // namespace allocsite

// ---- sanitizer_hooks ----
// tracing under ASan, TSan, MSan and LSan. Their runtimes own malloc
// (the executable defines it), so the runtime cannot put a header on a block or see an
// uninstrumented call. It forwards every allocation to the sanitizer unchanged - redzones,
// quarantine and reports stay the sanitizer's - and accounts each block through the allocator hooks
// sanitizer_common offers (__sanitizer_install_malloc_and_free_hooks), keeping block -> site in a
// side table instead of a header.
namespace allocsite {

// At start-up, when the runtime is not the process's malloc: installs the hooks if a sanitizer
// runtime offers them. False when there is none (or it has no free hook slot).
bool sanitizer_hooks_install();
// The calling thread is the runtime's own (live/): what the sanitizer allocates on it (in its
// interceptors) is served and not charged.
void hooked_ignore_this_thread();

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

// ---- tracking ----
// the one allocation API under every entry point and interposer:
// allocate / deallocate / reallocate (size, count, alignment, zeroing; an instrumented site or an
// uninstrumented caller's return address). Start-up (Bootstrap), forwarding (Passive, and under a
// sanitizer its hooked_* functions) and tracking (Active) are decided here, once; the tracked
// path - a header on the block, the site's per-thread tally - is inlined into the entry points.
namespace allocsite {

// Who asks: an instrumented call (its descriptor) or an uninstrumented one (its return address).
// Names the site an allocation is charged to, and the caller of a bad free in the diagnostic.
struct Caller {
  allocsite_site *site; // instrumented caller, or nullptr
  uintptr_t pc;         // uninstrumented caller's return address, or 0
  static Caller at(allocsite_site *site) {
    __builtin_assume(site != nullptr); // so that the uninstrumented branches fold away
    return Caller{site, 0};
  }
  static Caller from(void *return_address) { return Caller{nullptr, uintptr_t(return_address)}; }
};

AS_NOINLINE void report_invalid_free(void *ptr, Caller origin, const char *what);
// page_aligned.cpp: page-aligned live blocks, whose header is on the previous page.
void page_aligned_add(void *user);
void page_aligned_remove(void *user);
bool page_aligned_header_readable(void *user); // ours, or at least mapped
void page_aligned_lock_for_fork();
void page_aligned_unlock_after_fork(bool child);
// tracked.cpp's table lock, for fork.
void tracked_lock_for_fork();
void tracked_unlock_after_fork(bool child);
// live_header's rare cases: misaligned or page-aligned pointers, and headers that do not check
// (bootstrap blocks, which are silently ignored, or invalid pointers, which are reported).
AS_SLOW_PATH void live_header_slow(void *user, Caller origin, const char *what, BlockHeader **out);

// One block of `size` bytes more, or fewer, in site `id`'s tally in chunk `c` (its peak counts
// kept first).
AS_ALWAYS_INLINE void tally_alloc(TallyChunk *c, uint32_t id, int64_t size) {
  uint32_t i = chunk_slot(id);
  tally_keep_peak(c, i);
  c->counts[i].alloc_bytes += size;
  c->counts[i].alloc_calls += 1;
}
AS_ALWAYS_INLINE void tally_free(TallyChunk *c, uint32_t id, int64_t size) {
  uint32_t i = chunk_slot(id);
  tally_keep_peak(c, i);
  c->counts[i].freed_bytes += size;
  c->counts[i].freed_calls += 1;
}

// Site `id`'s tally in chunk `c` of thread state `t`, and the thread's share of the peak.
AS_ALWAYS_INLINE void charge_in(ThreadState *t, TallyChunk *c, uint32_t id, size_t size) {
  tally_alloc(c, id, int64_t(size));
  peak_grow(t, int64_t(size));
}

AS_ALWAYS_INLINE void uncharge_in(ThreadState *t, TallyChunk *c, uint32_t id, size_t size) {
  if (AS_UNLIKELY(__atomic_load_n(&g_peak_pending, __ATOMIC_RELAXED)))
    peak_seal(t); // before any tally changes: what they hold now is the peak's breakdown
  tally_free(c, id, int64_t(size));
  peak_shrink(t, int64_t(size));
}

AS_ALWAYS_INLINE void charge(uint32_t id, size_t size) {
  ThreadState *t = thread_state();
  if (AS_UNLIKELY(!t))
    return;
  charge_in(t, thread_chunk(t, id), id, size);
}

AS_ALWAYS_INLINE void uncharge(uint32_t id, size_t size) {
  ThreadState *t = thread_state();
  if (AS_UNLIKELY(!t))
    return;
  uncharge_in(t, thread_chunk(t, id), id, size);
}

// finish_block's rare cases: a page-aligned block, an uncharged one, or a tally that needs a
// slow path (no thread state or chunk yet).
AS_NOINLINE void *finish_block_slow(char *user, size_t size, uint32_t id);

// A charge or uncharge, with its tally mapped, that leaves the thread's peak band. A growing
// program meets both once per step up (a new peak, then the first free after it), so that they
// take the fast paths' checked state with them instead of starting over in the general slow
// paths. uncharge_past_band ends with the real free of `raw`.
AS_NOINLINE void *charge_past_band(ThreadState *t, TallyChunk *c, uint32_t id, size_t size,
                                   char *user);
AS_NOINLINE void uncharge_past_band(ThreadState *t, TallyChunk *c, uint32_t id, size_t size,
                                    void *raw);

// `user` lies `offset_field` (alloc/alloc.h, block) above `raw`, which came from the real
// allocator. The common case makes no call, so that the allocation path needs no more stack than
// the call to the real allocator does.
AS_ALWAYS_INLINE void *finish_block(char *user, size_t size, uint64_t offset_field, uint32_t id) {
  BlockHeader *h = block_header(user);
  uint64_t word = uint64_t(size) | (offset_field << kOffsetShift) | g_state.generation_bits;
  h->site = id;
  h->word = word;
  h->check = block_check(user, id, word);
  ThreadState *t = t_state;
  TallyChunk *c;
  if (AS_LIKELY((uintptr_t(user) & 4095) != 0 && id && t && (c = mapped_chunk(t, id)) != nullptr)) {
    int64_t contribution = t->contribution + int64_t(size);
    if (AS_LIKELY(contribution <= t->peak_hi)) {
      tally_alloc(c, id, int64_t(size));
      t->contribution = contribution;
      return user;
    }
    return charge_past_band(t, c, id, size, user);
  }
  return finish_block_slow(user, size, id);
}

// A pointer a header can sit below within its page: 16-byte aligned and not at a page's start
// (page-aligned blocks keep theirs on the previous page). One test: offsets 16..4080 in steps of
// 16 are exactly those for which (offset - 16) has no bit outside 0xff0.
AS_ALWAYS_INLINE bool header_in_page(const void *user) {
  return (((uintptr_t(user) & 4095) - 16) & ~uintptr_t(0xff0)) == 0;
}

// The header of `user` if it is a live block of ours, else nullptr (after the diagnostic).
AS_ALWAYS_INLINE BlockHeader *live_header(void *user, Caller origin, const char *what) {
  BlockHeader *h = block_header(user);
  if (AS_UNLIKELY(!header_in_page(user) || h->check != block_check(user, h->site, h->word)))
    live_header_slow(user, origin, what, &h);
  return h;
}

// Uncharges and marks the header freed; returns the raw pointer to give back to the allocator.
AS_ALWAYS_INLINE void *retire_block(void *user, BlockHeader *h) {
  uint64_t word = h->word;
  uint32_t id = h->site;
  h->check = 0;
  if (AS_UNLIKELY((uintptr_t(user) & 4095) == 0))
    page_aligned_remove(user);
  if (AS_LIKELY(id) && block_generation(word) == block_generation(g_state.generation_bits))
    uncharge(id, block_size(word));
  return block_raw(user, word);
}

// free_block's general case: every check, every slow path.
AS_NOINLINE void free_block_slow(void *user, Caller origin);

// The whole free: nullptr and bootstrap pointers are no-ops, anything else must be a live block.
// The common case - a live block of this generation (plain, or carved by memalign) whose tally is
// mapped - is checked before anything is written, so that it needs no call but the allocator's
// free, a tail call (no stack frame); uncharge_past_band's too, when the free leaves the band.
AS_ALWAYS_INLINE void free_block(void *user, Caller origin) {
  if (AS_LIKELY(header_in_page(user))) { // false for nullptr too
    ThreadState *t = t_state;
    BlockHeader *h = block_header(user);
    uint32_t id = h->site;
    uint64_t word = h->word;
    TallyChunk *c; // looked up only once the header checks: a foreign id indexes past chunks[]
    if (AS_LIKELY(t && h->check == block_check(user, id, word) && id &&
                  (c = mapped_chunk(t, id)) != nullptr)) {
      // The word's top 20 bits (offset field, generation) are generation_bits' for a plain block
      // of this generation: then what is left is its size, and the raw block is the header.
      uint64_t size = word ^ g_state.generation_bits;
      char *raw = static_cast<char *>(user) - kBlockHeaderSize;
      if (uint64_t field = size >> kOffsetShift) {
        // Another generation's block (field >= 4096), or one aligned by memalign: the general case.
        if (AS_UNLIKELY(field >= kPowerOffsetField))
          return free_block_slow(user, origin);
        uint64_t mask = kMaxBlockSize;
        __asm__("" : "+r"(mask)); // else the 44-bit constant is loaded, and compared, on every free
        size &= mask;
        raw -= field * 16; // carved out of a plain block (alloc/alloc.h, block)
      }
      int64_t contribution = t->contribution - int64_t(size);
      h->check = 0;
      if (AS_LIKELY(contribution >= t->peak_lo)) {
        tally_free(c, id, int64_t(size));
        t->contribution = contribution;
        return g_real.free(raw);
      }
      return uncharge_past_band(t, c, id, size, raw);
    }
  } else if (!user) {
    return;
  }
  free_block_slow(user, origin);
}

// Allocation primitives; `id` 0 means "serve but do not charge". They follow glibc: NULL and
// errno ENOMEM on failure, nothing charged.
AS_NOINLINE void *alloc_large(size_t size, uint32_t id, bool zero);
// Bytes of a start-up block at `p` that realloc may copy into a `size`-byte block: no more than
// the buffer holds from `p` on (a start-up block's own size is not recorded).
size_t bootstrap_copy_size(const void *p, size_t size);

AS_NOINLINE void *alloc_zeroed(size_t size, uint32_t id);

// malloc's block, or calloc's (`zero`): both inlined into their entry points, which call nothing
// else on the common path.
AS_ALWAYS_INLINE void *alloc_plain(size_t size, uint32_t id, bool zero = false) {
  if (AS_UNLIKELY(size >= kLargeBlockSize))
    return zero ? alloc_zeroed(size, id) : alloc_large(size, id, false);
  void *raw =
      zero ? g_real.calloc(1, size + kBlockHeaderSize) : g_real.malloc(size + kBlockHeaderSize);
  if (AS_UNLIKELY(!raw))
    return nullptr;
  return finish_block(static_cast<char *>(raw) + kBlockHeaderSize, size, kPlainOffsetField, id);
}
void *alloc_aligned(size_t alignment, size_t size, uint32_t id);
AS_NOINLINE void *realloc_block(void *user, size_t size, uint32_t id, Caller origin);

// realloc's common case, inlined into its entry points: a live plain block of ours that stays
// plain (1 byte to kLargeBlockSize). Anything else - and bootstrap blocks, whose headers do not
// check - is realloc_block's.
AS_ALWAYS_INLINE void *realloc_plain(void *user, size_t size, uint32_t id, Caller origin) {
  if (AS_LIKELY(header_in_page(user) && size - 1 < kLargeBlockSize - 1)) {
    BlockHeader *h = block_header(user);
    uint64_t word = h->word;
    if (AS_LIKELY(h->check == block_check(user, h->site, word) &&
                  block_offset_field(word) == kPlainOffsetField)) {
      auto *raw = static_cast<BlockHeader *>(g_real.realloc(h, size + kBlockHeaderSize));
      if (AS_UNLIKELY(!raw))
        return nullptr; // the old block is untouched and still charged
      // The old header is read back from the new block, where realloc copied it with the data:
      // nothing of the old block need be kept in registers across the call.
      uint32_t old_id = raw->site;
      word = raw->word;
      if (old_id && block_generation(word) == block_generation(g_state.generation_bits))
        uncharge(old_id, block_size(word));
      return finish_block(reinterpret_cast<char *>(raw + 1), size, kPlainOffsetField, id);
    }
  }
  return realloc_block(user, size, id, origin);
}

// The contracts of the library functions around an allocation, shared by the instrumented entry
// points and the interposed functions.

// posix_memalign: EINVAL for a bad alignment; ENOMEM (errno untouched) when allocate() fails.
template <typename Allocate>
int posix_memalign_with(void **out, size_t alignment, Allocate allocate) {
  if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
    return EINVAL;
  int saved = errno;
  void *p = allocate();
  if (!p) {
    errno = saved;
    return ENOMEM;
  }
  *out = p;
  return 0;
}

// pvalloc's size: rounded up to whole pages, a page for 0; false (errno ENOMEM) on overflow.
inline bool pvalloc_size(size_t size, size_t page, size_t *rounded) {
  *rounded = (size + page - 1) & ~(page - 1);
  if (*rounded < size) {
    errno = ENOMEM;
    return false;
  }
  if (!*rounded)
    *rounded = page;
  return true;
}

// strdup/strndup's copy into `copy` (n bytes of str, then a NUL); nullptr stays nullptr.
inline char *copy_string(void *copy, const char *str, size_t n) {
  char *out = static_cast<char *>(copy);
  if (out) {
    __builtin_memcpy(out, str, n);
    out[n] = 0;
  }
  return out;
}

// ---- The allocation API ----------------------------------------------------------------------

// One allocation's shape: count * size bytes (ENOMEM on overflow), aligned (0: the allocator's
// 16 bytes), zeroed or not.
struct Request {
  size_t size;
  size_t alignment = 0;
  bool zero = false;
  size_t count = 1;
};

// No sanitizer function to hand the call to: uninstrumented callers under a sanitizer reach the
// runtime only for functions the sanitizer does not intercept, which forward to libc (Passive).
using NoHook = decltype(nullptr);
#define AS_HAS_HOOK(Hook) (!__is_same(Hook, NoHook))
// The hook argument: the sanitizer's function for this call, inlined so that it is a tail call.
#define AS_HOOK(call)                                                                              \
  [&]() __attribute__((always_inline)) { return call; }

// The id an allocation is charged to: 0 when not tracing.
AS_ALWAYS_INLINE uint32_t charged_site(Caller c) {
  if (c.site)
    return static_site_id(c.site);
  return AS_LIKELY(tracing()) ? dynamic_site_id(c.pc) : 0;
}

// The fast path's one test: active and tracing, and a caller whose site is registered (an
// uninstrumented caller's is looked up, through the thread's cache).
AS_ALWAYS_INLINE bool on_fast_path(Caller c) {
  return AS_LIKELY(flag_set(g_state.fast_path)) && (!c.site || c.site->id != 0);
}
AS_ALWAYS_INLINE uint32_t fast_site(Caller c) {
  if (!c.site)
    return dynamic_site_id(c.pc);
  uint32_t id = registered_site_id(c.site);
  // A registered site's id or its composite's: never 0 (site_for_context falls back to the inner
  // id), which lets finish_block skip its test for untracked blocks.
  __builtin_assume(id != 0);
  return id;
}

// Active: a tracked block. `size` is the whole size, overflow already checked.
AS_ALWAYS_INLINE void *serve(size_t size, size_t alignment, bool zero, uint32_t id) {
  if (alignment)
    return alloc_aligned(alignment, size, id);
  return alloc_plain(size, id, zero);
}

AS_ALWAYS_INLINE bool request_size(const Request &r, size_t *size) {
  if (AS_UNLIKELY(__builtin_mul_overflow(r.count, r.size, size))) {
    errno = ENOMEM;
    return false;
  }
  return true;
}

// Everything but the fast path and the sanitizer's: start-up, forwarding, tracking by site lookup.
AS_NOINLINE void *allocate_slow(size_t size, size_t alignment, bool zero, Caller c);
AS_NOINLINE void *reallocate_inactive(Mode mode, void *ptr, size_t size);
AS_NOINLINE void deallocate_inactive(void *ptr, Caller c);
AS_NOINLINE void *new_failed(size_t size, size_t alignment, bool nothrow, Caller c);

// allocate(request, caller, hook): `hook` is the sanitizer's function for this call (a lambda
// around hooked_*), tail-called when a sanitizer owns malloc, or nullptr.
template <typename Hook = NoHook>
AS_ALWAYS_INLINE void *allocate(Request r, Caller c, Hook hook = nullptr) {
  size_t size;
  if (AS_LIKELY(on_fast_path(c))) {
    if (!request_size(r, &size))
      return nullptr;
    return serve(size, r.alignment, r.zero, fast_site(c));
  }
  if constexpr (AS_HAS_HOOK(Hook)) {
    if (AS_UNLIKELY(g_state.hooked))
      return hook();
  }
  if (!request_size(r, &size))
    return nullptr;
  return allocate_slow(size, r.alignment, r.zero, c);
}

// operator new: as allocate, then the new-handler loop and std::bad_alloc (or nullptr: nothrow).
template <typename Hook>
AS_ALWAYS_INLINE void *allocate_new(Request r, bool nothrow, Caller c, Hook hook) {
  if (AS_LIKELY(on_fast_path(c))) {
    if (void *p = serve(r.size, r.alignment, false, fast_site(c)))
      return p;
  } else if (AS_UNLIKELY(g_state.hooked)) {
    return hook(); // the sanitizer's own operator, which records new vs new[]
  }
  void *p = allocate_slow(r.size, r.alignment, false, c);
  if (AS_LIKELY(p != nullptr))
    return p;
  return new_failed(r.size, r.alignment, nothrow, c);
}

template <typename Hook = NoHook>
AS_ALWAYS_INLINE void deallocate(void *ptr, Caller c, Hook hook = nullptr) {
  if (AS_LIKELY(flag_set(g_state.active)))
    return free_block(ptr, c);
  if constexpr (AS_HAS_HOOK(Hook)) {
    if (runtime_mode() == Mode::Passive && g_state.hooked)
      return hook();
  }
  return deallocate_inactive(ptr, c); // a tail call: the active path needs no stack frame
}

template <typename Hook = NoHook>
AS_ALWAYS_INLINE void *reallocate(void *ptr, Request r, Caller c, Hook hook = nullptr) {
  size_t size;
  if (!request_size(r, &size))
    return nullptr;
  // Allocators built on realloc alone (Lua's) start every block with realloc(NULL, n): as cheap
  // as malloc.
  if (AS_LIKELY(on_fast_path(c))) {
    uint32_t id = fast_site(c);
    return ptr ? realloc_plain(ptr, size, id, c) : alloc_plain(size, id);
  }
  Mode mode = runtime_mode();
  if (AS_LIKELY(mode == Mode::Active))
    return realloc_block(ptr, size, charged_site(c), c);
  if constexpr (AS_HAS_HOOK(Hook)) {
    if (mode == Mode::Passive && g_state.hooked)
      return hook();
  }
  return reallocate_inactive(mode, ptr, size);
}

// strdup/strndup: at most max bytes of str and a NUL, charged to the caller.
AS_ALWAYS_INLINE char *duplicate(const char *str, size_t max, Caller c) {
  size_t n = strnlen(str, max);
  return copy_string(allocate(Request{n + 1}, c), str, n);
}

// posix_memalign, valloc and pvalloc over allocate.
AS_ALWAYS_INLINE int allocate_posix(void **out, size_t alignment, size_t size, Caller c) {
  return posix_memalign_with(out, alignment, [&] { return allocate(Request{size, alignment}, c); });
}
AS_ALWAYS_INLINE void *allocate_pages(size_t size, bool round_up, Caller c) {
  size_t page = size_t(getpagesize()), rounded = size;
  if (round_up && !pvalloc_size(size, page, &rounded))
    return nullptr;
  return allocate(Request{rounded, page}, c);
}

size_t usable_size(void *user);

} // namespace allocsite

#endif
