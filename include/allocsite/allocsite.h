/* allocsite/allocsite.h - the in-process API: Python's tracemalloc for C and C++ (SPEC §7, §8).
 *
 *   allocsite_snapshot *before = allocsite_take_snapshot();
 *   ... work ...
 *   allocsite_snapshot *after = allocsite_take_snapshot();
 *   allocsite_statistic_diff *top;
 *   size_t n = allocsite_snapshot_compare_to(after, before, ALLOCSITE_BY_LINE, &top);
 *   for (size_t i = 0; i < n && i < 10; i++)
 *     printf("%s:%u: %+lld B\n", top[i].key.file, top[i].key.line, (long long)top[i].size_diff);
 *   allocsite_free(top);
 *
 * A program that uses this API links and runs without the runtime: every call then reports "not
 * tracing" (allocsite_is_tracing() == 0, empty snapshots, NULL site). This works because the
 * functions below are static inline wrappers around weak references to the runtime's exported
 * functions of the same names. Compiles as C and as C++.
 */
#ifndef ALLOCSITE_ALLOCSITE_H
#define ALLOCSITE_ALLOCSITE_H

#include <stddef.h>
#include <stdint.h>

#include "allocsite/abi.h"

/* Marks a function as an allocation wrapper (SPEC §3): memory it allocates is charged to its caller. */
#if defined(__GNUC__)
#define ALLOCSITE_WRAPPER __attribute__((annotate("allocsite_wrapper")))
#else
#define ALLOCSITE_WRAPPER
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A point-in-time copy of every site's counters (tracemalloc.Snapshot). Opaque. */
typedef struct allocsite_snapshot allocsite_snapshot;

/* tracemalloc's key_type: what statistics group by. */
typedef enum allocsite_key_type {
  ALLOCSITE_BY_SITE = 0,     /* one call site: file, line, column, function, kind ("traceback") */
  ALLOCSITE_BY_LINE = 1,     /* file and line ("lineno") */
  ALLOCSITE_BY_FILE = 2,     /* file ("filename") */
  ALLOCSITE_BY_FUNCTION = 3  /* function */
} allocsite_key_type;

/* Where a block was allocated (tracemalloc.get_object_traceback). Strings live as long as the
 * process (or, for a loaded snapshot's sites, as long as the snapshot). */
typedef struct allocsite_site_info {
  const char *file;     /* NULL when unknown (uninstrumented code without debug info) */
  unsigned line;        /* 0 when unknown */
  unsigned column;
  const char *function; /* NULL when unknown */
  const char *kind;     /* "malloc", "new[]", "dynamic" (uninstrumented caller), "tracked", ... */
  int instrumented;     /* 0 for dynamic sites */
  unsigned domain;      /* 0, or the domain given to allocsite_track */
  const char *module;   /* dynamic sites: the object file of the calling code; else NULL */
  uintptr_t module_offset;
  unsigned inline_depth;                      /* frames in inlined_at */
  const struct allocsite_frame *inlined_at;   /* callers the call was inlined into, innermost first */
  /* Where in library code the memory was allocated, when it is charged to this user line that
   * called into the library (SPEC §3); NULL / 0 otherwise. */
  const char *via_file;
  unsigned via_line;
  const char *via_function;
} allocsite_site_info;

/* One row of Snapshot.statistics(): the key (fields not part of the key are NULL / 0) and sizes. */
typedef struct allocsite_statistic {
  allocsite_site_info key;
  uint64_t size;        /* live bytes */
  uint64_t count;       /* live blocks */
  uint64_t alloc_bytes; /* bytes allocated since tracing started (or since clear_traces) */
  uint64_t alloc_calls;
} allocsite_statistic;

/* One row of Snapshot.compare_to(). */
typedef struct allocsite_statistic_diff {
  allocsite_site_info key;
  uint64_t size;
  int64_t size_diff;
  uint64_t count;
  int64_t count_diff;
} allocsite_statistic_diff;

/* tracemalloc.Filter / DomainFilter. A site is kept when it matches at least one inclusive filter
 * (if there are any) and no exclusive filter. */
typedef struct allocsite_filter {
  int inclusive;                /* 1: keep only matches; 0: drop matches */
  int by_domain;                /* 1: a DomainFilter: only `domain` is compared */
  const char *filename_pattern; /* fnmatch(3) pattern on the file ("*" matches '/' too); NULL = any */
  unsigned lineno;              /* 0 = any line */
  int all_frames;               /* also match the files of the inline chain */
  unsigned domain;
} allocsite_filter;

/* Memory the runtime hands out is its own, never from malloc: allocsite_statistic arrays and
 * allocsite_memory_report texts are released with allocsite_free. */

#if defined(ALLOCSITE_RUNTIME_BUILD)
#define ALLOCSITE_API(ret, name, params, args, fallback) ret name params;
#elif defined(__GNUC__)
/* The weak reference takes the real name; the inline wrapper gets another symbol name so the two
 * never clash in one object, and is always inlined so that the runtime sees the caller's return
 * address (allocsite_track charges the caller's line). */
#define ALLOCSITE_API(ret, name, params, args, fallback)                                         \
  ret allocsite_weak_##name params __asm__(#name) __attribute__((weak));                        \
  static inline ret name params __asm__(#name "_inline") __attribute__((always_inline));        \
  static inline ret name params {                                                               \
    return allocsite_weak_##name ? allocsite_weak_##name args : fallback;                        \
  }
#else
#define ALLOCSITE_API(ret, name, params, args, fallback) ret name params;
#endif

/* Tracing: on from start-up. stop() is tracemalloc.stop(): it stops tracing and forgets the traces
 * (counters restart from zero); start() traces again. */
ALLOCSITE_API(int, allocsite_is_tracing, (void), (), 0)
ALLOCSITE_API(int, allocsite_start, (void), (), -1)          /* 0, or -1 without the runtime */
ALLOCSITE_API(void, allocsite_stop, (void), (), (void)0)
/* Forgets every traced block: counters restart from zero; blocks allocated before are no longer
 * counted when freed. */
ALLOCSITE_API(void, allocsite_clear_traces, (void), (), (void)0)

/* Current and peak traced (requested) bytes. The peak is exact while one thread allocates; with
 * several, it may be lower by at most 64 KiB per thread. */
ALLOCSITE_API(void, allocsite_get_traced_memory, (size_t *current, size_t *peak), (current, peak),
              (current ? (void)(*current = 0) : (void)0, peak ? (void)(*peak = 0) : (void)0))
ALLOCSITE_API(void, allocsite_reset_peak, (void), (), (void)0)
/* The runtime's own resident memory (tracemalloc.get_tracemalloc_memory). */
ALLOCSITE_API(size_t, allocsite_get_tracemalloc_memory, (void), (), 0)

/* Snapshots: O(sites x threads); never stops other threads for more than summing counters.
 * Without the runtime, take_snapshot returns NULL, and every function accepting a snapshot treats
 * NULL as empty. */
ALLOCSITE_API(allocsite_snapshot *, allocsite_take_snapshot, (void), (), NULL)
/* The per-site breakdown at the moment traced memory reached its peak (SPEC §7; README, "The in-process API"). */
ALLOCSITE_API(allocsite_snapshot *, allocsite_take_peak_snapshot, (void), (), NULL)
ALLOCSITE_API(void, allocsite_snapshot_free, (allocsite_snapshot * snapshot), (snapshot), (void)0)
/* Total live bytes and blocks in a snapshot. */
ALLOCSITE_API(uint64_t, allocsite_snapshot_total, (const allocsite_snapshot *snapshot, uint64_t *blocks),
              (snapshot, blocks), (blocks ? (*blocks = 0) : 0))
/* Snapshot.dump / Snapshot.load, in the JSON of the report (docs/report-format.md). dump returns 0
 * or -1 (errno set, one diagnostic line on stderr); load returns NULL on a missing, truncated or
 * corrupt file, after one diagnostic line naming the file and what is wrong. */
ALLOCSITE_API(int, allocsite_snapshot_dump, (const allocsite_snapshot *snapshot, const char *path),
              (snapshot, path), -1)
ALLOCSITE_API(allocsite_snapshot *, allocsite_snapshot_load, (const char *path), (path), NULL)
/* Snapshot.filter_traces: a new snapshot with the sites the filters keep. */
ALLOCSITE_API(allocsite_snapshot *, allocsite_snapshot_filter_traces,
              (const allocsite_snapshot *snapshot, const allocsite_filter *filters, size_t count),
              (snapshot, filters, count), NULL)
/* Snapshot.statistics(key_type): sorted by size, then count, descending. *out is an array of the
 * returned length (allocsite_free it); 0 and *out = NULL when there is nothing. */
ALLOCSITE_API(size_t, allocsite_snapshot_statistics,
              (const allocsite_snapshot *snapshot, allocsite_key_type key, allocsite_statistic **out),
              (snapshot, key, out), (out ? (*out = NULL, (size_t)0) : (size_t)0))
/* Snapshot.compare_to(old, key_type): sorted by absolute size_diff, then size, then absolute
 * count_diff, descending (tracemalloc's order). */
ALLOCSITE_API(size_t, allocsite_snapshot_compare_to,
              (const allocsite_snapshot *snapshot, const allocsite_snapshot *old,
               allocsite_key_type key, allocsite_statistic_diff **out),
              (snapshot, old, key, out), (out ? (*out = NULL, (size_t)0) : (size_t)0))
ALLOCSITE_API(void, allocsite_free, (void *memory), (memory), (void)0)

/* get_object_traceback: the site that allocated the live block at ptr, or NULL (ptr not a live
 * traced block, or no runtime). */
ALLOCSITE_API(const allocsite_site_info *, allocsite_site_of, (const void *ptr), (ptr), NULL)

/* PyTraceMalloc_Track / Untrack: account memory the allocator does not see (a pool's chunks, an
 * mmap'd region) in a domain, charged to the caller's line. Tracking an address twice in one
 * domain replaces the first. Return 0, or -2 when not tracing (as tracemalloc). */
#if defined(__GNUC__) && !defined(ALLOCSITE_RUNTIME_BUILD)
/* Written out: the runtime charges the return address's line, so the call must not become a tail
 * call (which would hand it the caller's caller's address). */
int allocsite_weak_allocsite_track(unsigned domain, uintptr_t ptr, size_t size)
    __asm__("allocsite_track") __attribute__((weak));
static inline int allocsite_track(unsigned domain, uintptr_t ptr, size_t size)
    __asm__("allocsite_track_inline") __attribute__((always_inline));
static inline int allocsite_track(unsigned domain, uintptr_t ptr, size_t size) {
  int r = allocsite_weak_allocsite_track ? allocsite_weak_allocsite_track(domain, ptr, size) : -2;
  __asm__ __volatile__("" : "+r"(r));
  return r;
}
#else
ALLOCSITE_API(int, allocsite_track, (unsigned domain, uintptr_t ptr, size_t size),
              (domain, ptr, size), -2)
#endif
ALLOCSITE_API(int, allocsite_untrack, (unsigned domain, uintptr_t ptr), (domain, ptr), -2)

/* SPEC §8: why traced memory differs from RSS, as the text the report prints. allocsite_free it. */
ALLOCSITE_API(char *, allocsite_memory_report, (void), (), NULL)

#undef ALLOCSITE_API

#ifdef __cplusplus
}
#endif

#endif /* ALLOCSITE_ALLOCSITE_H */
