// runtime/common.h - what every runtime file needs: attributes, branch hints, the counters type.
//
// The runtime must never re-enter itself: no malloc, stdio, iostream or STL on any path reachable
// from an allocation or a report. Memory comes from mmap (arena.h), output goes through write(2)
// (output.h).
#ifndef ALLOCSITE_RUNTIME_COMMON_H
#define ALLOCSITE_RUNTIME_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "allocsite/abi.h"

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

#endif
