// runtime/base/base.h - what every runtime folder builds on: attributes and counter types, the
// spin lock, memory from mmap (the arena), the open-addressing side table, output through
// write(2), ALLOCSITE_OPTIONS, and which object's malloc the process calls. Nothing here reads or
// writes the runtime's state or allocates through malloc.
#ifndef ALLOCSITE_RUNTIME_BASE_BASE_H
#define ALLOCSITE_RUNTIME_BASE_BASE_H

#include "allocsite/abi.h"

#include <sched.h>
#include <stddef.h>
#include <stdint.h>

// ---- common ----
// what every runtime file needs: attributes, branch hints, the counters type.
//
// The runtime must never re-enter itself: no malloc, stdio, iostream or STL on any path reachable
// from an allocation or a report. Memory comes from mmap (arena.h), output goes through write(2)
// (output.h).
#define AS_LIKELY(x) __builtin_expect(!!(x), 1)
#define AS_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define AS_HIDDEN __attribute__((visibility("hidden")))
#define AS_NOINLINE __attribute__((noinline))
// For slow paths called from the fast path: the callee saves what it uses, so the fast path does
// not spill registers around a call it almost never makes. Only for functions returning void:
// clang 14 saves and restores RAX in a preserve_most function, losing its return value.
#if defined(__clang__) && defined(__x86_64__)
#define AS_SLOW_PATH __attribute__((noinline, preserve_most))
#else
#define AS_SLOW_PATH __attribute__((noinline))
#endif
#define AS_ALWAYS_INLINE inline __attribute__((always_inline))
#define AS_INTERFACE extern "C" __attribute__((visibility("default")))
#define AS_TLS __attribute__((tls_model("initial-exec"))) __thread

namespace allocsite {

// Per site, per thread. A free subtracts on the freeing thread, so one thread's entry can go
// negative; only sums over threads are meaningful (the kernel's per-CPU alloc_tag counters).
struct SiteCounters {
  int64_t live_bytes;
  int64_t live_blocks;
  int64_t alloc_bytes;
  int64_t alloc_calls;
};

// Whole-process figures, summed over threads (including exited ones).
struct Totals {
  int64_t live_bytes;
  int64_t live_blocks;
  int64_t peak_bytes;
  int64_t alloc_calls;
  int64_t free_calls;
  int64_t alloc_bytes;
};

// Bytes of runtime metadata per live block (the block header, block.h).
constexpr size_t kBlockHeaderSize = 16;

} // namespace allocsite

// ---- spinlock ----
// a lock for the runtime's rare slow paths (site registration, thread list).
// Never taken on the malloc/free fast path. pthread mutexes would do, but this one is safe to take
// before libpthread is initialised and to reset in a forked child.
namespace allocsite {

class SpinLock {
public:
  void lock() {
    while (__atomic_exchange_n(&held_, 1, __ATOMIC_ACQUIRE))
      while (__atomic_load_n(&held_, __ATOMIC_RELAXED))
        sched_yield();
  }
  void unlock() { __atomic_store_n(&held_, 0, __ATOMIC_RELEASE); }
  // In a forked child only the forking thread exists; whoever held the lock is gone.
  void reset_after_fork() { held_ = 0; }
  // The end of a fork for a lock its prepare handler took: unlocked in the parent, reset in the
  // child.
  void release_after_fork(bool child) {
    if (child)
      reset_after_fork();
    else
      unlock();
  }

private:
  int held_ = 0;
};

class SpinLockGuard {
public:
  explicit SpinLockGuard(SpinLock &l) : lock_(l) { lock_.lock(); }
  ~SpinLockGuard() { lock_.unlock(); }
  SpinLockGuard(const SpinLockGuard &) = delete;
  SpinLockGuard &operator=(const SpinLockGuard &) = delete;

private:
  SpinLock &lock_;
};

} // namespace allocsite

// ---- arena ----
// the runtime's own memory: mmap-backed, never freed, never traced.
namespace allocsite {

// Zeroed memory from a bump arena. Thread-safe, async-signal-safe apart from the mmap itself.
// Returns nullptr only when the OS refuses memory.
void *arena_alloc(size_t size, size_t alignment = 16);
// Copies a NUL-terminated string into the arena (nullptr stays nullptr).
const char *arena_strdup(const char *s);

// `n` rounded up to whole pages: what a mapping of n bytes takes.
inline size_t page_round(size_t n) { return (n + 4095) & ~size_t(4095); }
// Direct mappings for large runtime tables; counted in runtime_resident_bytes().
void *os_map(size_t size);
void *os_map_populated(size_t size);
void *os_map_flags(size_t size, int mmap_flags);
void os_unmap(void *p, size_t size);

// The part of it that is resident: what the runtime costs in RSS
// (tracemalloc.get_tracemalloc_memory()).
size_t runtime_resident_bytes();

// fork: the arena's locks are taken before and released (or reset, in the child) after, so a
// child never inherits one held by a thread that does not exist there.
void arena_lock_for_fork();
void arena_unlock_after_fork(bool child);

} // namespace allocsite

// ---- address_table ----
// an open-addressing table for the runtime's small, locked side tables
// (page-aligned live blocks, tracked blocks): linear probing, tombstones, doubling when half full,
// memory from os_map. The caller holds its own lock around every call.
//
// Entry provides: uint64_t key_hash() const; bool is_empty() const; bool is_live() const. A
// zeroed Entry is empty; the caller turns a live entry into a tombstone (neither empty nor live).
namespace allocsite {

template <typename Entry> class AddressTable {
public:
  // The live entry for which match(entry) holds, among those with this hash, or nullptr.
  template <typename Match> Entry *find(uint64_t hash, Match match) {
    if (!slots_)
      return nullptr;
    for (size_t i = slot_of(hash);; i = (i + 1) & (capacity_ - 1)) {
      Entry &e = slots_[i];
      if (e.is_empty())
        return nullptr;
      if (e.is_live() && match(e))
        return &e;
    }
  }

  // Where to write a new live entry with this hash (an empty slot or a tombstone); nullptr when
  // the table had to grow and the OS refused memory.
  Entry *slot_for(uint64_t hash) {
    if ((used_ + 1) * 2 > capacity_ && !grow())
      return nullptr;
    size_t i = slot_of(hash);
    while (slots_[i].is_live())
      i = (i + 1) & (capacity_ - 1);
    if (slots_[i].is_empty())
      used_++;
    return &slots_[i];
  }

  size_t capacity() const { return capacity_; }

private:
  size_t slot_of(uint64_t hash) const {
    return size_t(hash * 0x9E3779B97F4A7C15ull >> 20) & (capacity_ - 1);
  }

  // Rehashes without tombstones, doubling only when live entries fill more than a quarter: under
  // churn (blocks allocated and freed, few live at once) tombstones alone must not grow the
  // table, or its memory follows every block ever inserted instead of the live ones.
  bool grow() {
    size_t live = 0;
    for (size_t i = 0; i < capacity_; i++)
      live += slots_[i].is_live();
    size_t capacity = capacity_ ? capacity_ : 1024;
    if ((live + 1) * 4 > capacity)
      capacity *= 2;
    auto *fresh = static_cast<Entry *>(os_map(capacity * sizeof(Entry)));
    if (!fresh)
      return false;
    Entry *old = slots_;
    size_t old_capacity = capacity_;
    slots_ = fresh;
    capacity_ = capacity;
    used_ = 0;
    for (size_t i = 0; i < old_capacity; i++) {
      if (!old[i].is_live())
        continue;
      size_t j = slot_of(old[i].key_hash());
      while (!slots_[j].is_empty())
        j = (j + 1) & (capacity_ - 1);
      slots_[j] = old[i];
      used_++;
    }
    os_unmap(old, old_capacity * sizeof(Entry));
    return true;
  }

  Entry *slots_ = nullptr;
  size_t capacity_ = 0; // power of two
  size_t used_ = 0;     // live entries and tombstones
};

} // namespace allocsite

// ---- output ----
// formatted output with write(2) from a fixed buffer: the runtime's only way to
// print (stdio would allocate and re-enter the runtime).
namespace allocsite {

class Writer {
public:
  explicit Writer(int fd) : fd_(fd) {}
  ~Writer() { flush(); }
  Writer(const Writer &) = delete;
  Writer &operator=(const Writer &) = delete;

  Writer &str(const char *s); // nullptr prints nothing
  Writer &str(const char *s, size_t n);
  Writer &chr(char c);
  Writer &u64(uint64_t v);
  Writer &i64(int64_t v);
  Writer &hex(uint64_t v); // 0x-prefixed
  // tracemalloc's style: "512 B", "1.5 KiB", "100.0 MiB" (one decimal from KiB up).
  Writer &size(int64_t bytes);
  // Exactly one decimal, in KiB: "102400.0 KiB" (tracemalloc's display_top unit).
  Writer &kib(int64_t bytes);
  Writer &json_str(const char *s); // quoted and escaped; nullptr -> null
  void flush();
  bool failed() const { return failed_; } // a write(2) error happened

private:
  int fd_;
  size_t len_ = 0;
  bool failed_ = false;
  char buf_[4096];
};

// strerror(e) without allocating.
const char *errno_text(int e);

// s itself when it is shorter than cap; else its start, "..." and its end, cap - 1 bytes in all,
// in buf (cap >= 8).
const char *elide_middle(const char *s, char *buf, size_t cap);

// One diagnostic line on stderr, prefixed "allocsite: ". A line longer than its 1,024-byte buffer
// loses the middle of its longest part (a path, say), never its end (the reason). When the
// program has closed fd 2, the line goes to the stderr it started with, if that was kept.
void diag(const char *a, const char *b = nullptr, const char *c = nullptr, const char *d = nullptr);

// The stderr the process started with, for a report asked for on stderr: programs may close fd 2
// before the report is written (coreutils do at exit). stderr_keep() duplicates fd 2 once, at
// start-up, close-on-exec and numbered near the top of the first 1,024 fds, away from the fds
// programs pick themselves; stderr_fd() returns that duplicate while it is still the same open
// file (the program may have closed it or dup2()'d over it), else 2.
void stderr_keep();
int stderr_fd();

// Copies a path option into out with "%p" replaced by the process id and, when sequence is not 0,
// "%n" by it (a dump's number). False when the result does not fit in cap bytes.
bool expand_path(const char *pattern, uint64_t sequence, char *out, size_t cap);

} // namespace allocsite

// ---- options ----
// ALLOCSITE_OPTIONS, parsed once at start-up without allocating.
namespace allocsite {

struct Options {
#define ALLOCSITE_OPTION_TYPE_BOOL bool
#define ALLOCSITE_OPTION_TYPE_INT int64_t
#define ALLOCSITE_OPTION_TYPE_STR const char *
#define ALLOCSITE_OPTION_TYPE_CHOICE const char *
#define ALLOCSITE_OPTION(type, name, def, accepted, desc) ALLOCSITE_OPTION_TYPE_##type name;
#include "options.def"
#undef ALLOCSITE_OPTION
};

extern Options g_options;

// Reads ALLOCSITE_OPTIONS (getenv; no allocation). Unknown keys and bad values print one line
// naming the key and the accepted values, and the default stays. help=1 prints the list.
// Idempotent: later calls do nothing.
void options_init();
// Applies the options of `text` ("key=value:key=value", split in place, kept as string values) to
// g_options; a bad item prints its line and leaves its option as it was.
void options_parse(char *text);
// An environment variable's value copied into arena memory (environ, or /proc/self/environ
// before libc has set it), or nullptr.
char *value_from_environment(const char *name);
// Writes the option table (name, default, accepted, description) to fd: for help=1.
void options_print_help(int fd);

} // namespace allocsite

// ---- loaded_objects ----
// a loaded object's program headers and dynamic section, read in memory through the
// dl_phdr_info that dl_iterate_phdr gives (<link.h>).
struct dl_phdr_info;
namespace allocsite {

// The run-time address of the object's first segment of program header type `type` (PT_DYNAMIC,
// PT_GNU_EH_FRAME, ...), and its size in memory in *memsz when memsz is not nullptr; nullptr
// when the object has none.
const void *loaded_segment(const dl_phdr_info *info, uint32_t type, size_t *memsz = nullptr);
// Whether `address` lies in one of the object's PT_LOAD segments as mapped.
bool in_loaded_segment(const dl_phdr_info *info, uintptr_t address);
// An address from the object's dynamic section, as a run-time address: glibc relocates most of
// those entries in place, but not DT_INIT_ARRAY's nor the vDSO's, and some loaders none.
uintptr_t dynamic_address(const dl_phdr_info *info, uintptr_t value);

} // namespace allocsite

// ---- malloc_owner ----
// the definition of `malloc` the process's calls are bound to.
namespace allocsite {

struct MallocOwner {
  void *address;      // the definition calls reach; nullptr if none was found
  const char *object; // its object's path as the loader has it; nullptr for the executable
  bool is_executable;
};

// The first definition of malloc in load order (the executable, LD_PRELOAD, then libraries), as
// the dynamic linker binds calls. Allocates nothing.
MallocOwner find_malloc_owner();

} // namespace allocsite

#endif
