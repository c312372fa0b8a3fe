/* allocsite/abi.h - the contract between the AllocSite pass and its runtime.
 *
 * The pass emits one `struct allocsite_site` per allocation or free call it rewrites, into the
 * section ALLOCSITE_SECTION_NAME, and rewrites the call to the matching `__allocsite_*` entry point
 * below with the descriptor's address as the last argument. A module constructor (kept once per
 * linked object through a comdat) hands the section's bounds to __allocsite_register_sites, and a
 * module destructor hands them to __allocsite_unregister_sites so that a dlclose'd module's sites
 * stay reportable. Everything both sides must agree on lives here, and only here.
 *
 * Compiles as C and as C++.
 */
#ifndef ALLOCSITE_ABI_H
#define ALLOCSITE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any change to the layout or the entry points below. The module constructor references
 * ALLOCSITE_VERSION_SYMBOL, which only a runtime of the same ABI defines, so a mismatch fails at link
 * (or load) time instead of corrupting counters. */
#define ALLOCSITE_ABI_VERSION 1
#define ALLOCSITE_VERSION_SYMBOL "__allocsite_abi_version_1"

/* A C identifier, so the linker defines __start_/__stop_ bounds for it in every linked object. */
#define ALLOCSITE_SECTION_NAME "allocsite_sites"

/* What the rewritten call was: X(ENUM suffix, number, name in reports). Stable numbers: they
 * appear in dumped snapshots. */
#define ALLOCSITE_KINDS(X)                                                                        \
  X(DYNAMIC, 0, "dynamic") /* not instrumented: named by the calling code address */              \
  X(MALLOC, 1, "malloc")                                                                          \
  X(CALLOC, 2, "calloc")                                                                          \
  X(REALLOC, 3, "realloc")                                                                        \
  X(REALLOCARRAY, 4, "reallocarray")                                                              \
  X(POSIX_MEMALIGN, 5, "posix_memalign")                                                          \
  X(ALIGNED_ALLOC, 6, "aligned_alloc")                                                            \
  X(MEMALIGN, 7, "memalign")                                                                      \
  X(VALLOC, 8, "valloc")                                                                          \
  X(PVALLOC, 9, "pvalloc")                                                                        \
  X(STRDUP, 10, "strdup")                                                                         \
  X(STRNDUP, 11, "strndup")                                                                       \
  X(NEW, 12, "new")                                                                               \
  X(NEW_ARRAY, 13, "new[]")                                                                       \
  X(FREE, 14, "free")                                                                             \
  X(DELETE, 15, "delete")                                                                         \
  X(DELETE_ARRAY, 16, "delete[]")                                                                 \
  X(TRACKED, 17, "tracked") /* allocsite_track(): a user-declared block in a domain */           \
  X(CALL, 18, "call") /* not an allocation: a call from user code into library code, whose        \
                         descriptor becomes the thread's attribution context */

enum allocsite_kind {
#define ALLOCSITE_KIND_ENUMERATOR(name, number, text) ALLOCSITE_KIND_##name = number,
  ALLOCSITE_KINDS(ALLOCSITE_KIND_ENUMERATOR)
#undef ALLOCSITE_KIND_ENUMERATOR
  ALLOCSITE_KIND_COUNT
};

/* allocsite_site.flags */
enum allocsite_site_flags {
  /* The call is in library code (a system header, or an allocation wrapper) in every frame of its
   * inline chain: the runtime charges it to the thread's context, the user-code call that led
   * here, when there is one (SPEC §3, the attribution rule). */
  ALLOCSITE_SITE_LIBRARY = 1u << 0,
  /* Made by the runtime: memory of an inner site charged to a context (see the runtime's
   * composite sites); never emitted by the pass. */
  ALLOCSITE_SITE_COMPOSITE = 1u << 1,
  /* Every function name of the site, its own and its frames', is two strings in one: the linkage
   * name, NUL, then the readable name the pass's demangler made of it ("_ZN4PoolixEj\0
   * Pool::operator[](unsigned int)", parameters included). Set where some name of the site reads
   * differently demangled, i.e. for C++; without it each name is the linkage name alone. A reader
   * that knows nothing of the flag reads the linkage name, so no ABI version change. Composite
   * sites keep it from their context. */
  ALLOCSITE_SITE_READABLE_NAMES = 1u << 2,
  /* The function the site is charged to (its charged frame) returns memory it allocates, yet is
   * not taken for an allocation wrapper: it does not check the result, keeps the block somewhere
   * too, is listed as not a wrapper, or is an allocator callback (issue #13). Declaring it a
   * wrapper would charge its memory to its callers, so when such a function holds most of the
   * memory the report says so. Set on allocation sites and on calls into library code (kind CALL:
   * the memory of a composite site is charged to its context). Only the report reads it, so old
   * runtimes ignore it: no ABI version change. */
  ALLOCSITE_SITE_WRAPPER_CANDIDATE = 1u << 3
};

/* One frame of an inline chain: a call that was inlined into its caller at this location. */
struct allocsite_frame {
  const char *file;     /* as in the debug info; NULL when unknown */
  const char *function; /* linkage name of the enclosing function (see READABLE_NAMES) */
  uint32_t line;        /* 0 when the module has no debug info */
  uint32_t column;
};

/* The static descriptor of one call site. Lives in writable memory because the runtime stores the
 * site's dense id in it on first use; everything else is read-only after emission. */
struct allocsite_site {
  uint32_t id;           /* 0 until the runtime registers the site */
  uint8_t kind;          /* enum allocsite_kind */
  uint8_t flags;         /* enum allocsite_site_flags */
  uint8_t inline_depth;  /* entries in inlined_at */
  /* Which frame is the user's own code, the line the memory is charged to: 0 is the call's own
   * location, k is inlined_at[k-1]. Frames inside it (library code inlined into the user's) are
   * kept as the "via" site. 0 when flags has ALLOCSITE_SITE_LIBRARY. */
  uint8_t charged_frame;
  uint32_t line;         /* innermost location of the call */
  uint32_t column;
  const char *file;
  const char *function; /* function the call is in (innermost, after inlining): its linkage name,
                         * then its readable one when flags has ALLOCSITE_SITE_READABLE_NAMES */
  const struct allocsite_frame *inlined_at; /* callers it was inlined into, innermost first */
};

/* The attribution context: while user code calls into library code, the call's descriptor (kind
 * ALLOCSITE_KIND_CALL); NULL otherwise. The pass saves it at function entry, stores the call's
 * descriptor before each such call and the saved value after it (and on every landing pad and
 * after setjmp), so exceptions and longjmp never leave a stale one. Initial-exec TLS in the
 * runtime. */
#define ALLOCSITE_CONTEXT_SYMBOL "__allocsite_context"
#if defined(__GNUC__)
/* __thread rather than C++ thread_local: no TLS wrapper function, the same symbol in C and C++. */
extern __thread const struct allocsite_site *__allocsite_context;
#endif

/* Registration: [start, stop) is one linked object's ALLOCSITE_SECTION_NAME. */
void __allocsite_register_sites(struct allocsite_site *start, struct allocsite_site *stop);
void __allocsite_unregister_sites(struct allocsite_site *start, struct allocsite_site *stop);

/* Rewritten calls: the original arguments, then the site. Semantics are exactly those of the
 * function they replace (errno, NULL on failure, glibc's realloc(p, 0) and realloc(NULL, n)).
 *
 * X(name, return type, signature, parameters...) declares void *__allocsite_<name>(parameters...,
 * struct allocsite_site *site). The signature spells the C types for the pass, return type first:
 * 'p' a pointer, 'z' size_t, 'i' int, 'v' void. Every operator new / new[] maps to one of the four
 * new entries (the site's kind tells new from new[]); the throwing ones throw std::bad_alloc exactly
 * as the C++ library would. Every operator delete / delete[] overload (sized, aligned, nothrow)
 * maps to delete: the block header already knows size and alignment. */
#define ALLOCSITE_ENTRY_POINTS(X)                                                                 \
  X(malloc, void *, "pz", size_t size)                                                            \
  X(calloc, void *, "pzz", size_t count, size_t size)                                             \
  X(realloc, void *, "ppz", void *ptr, size_t size)                                               \
  X(reallocarray, void *, "ppzz", void *ptr, size_t count, size_t size)                           \
  X(posix_memalign, int, "ipzz", void **out, size_t alignment, size_t size)                       \
  X(aligned_alloc, void *, "pzz", size_t alignment, size_t size)                                  \
  X(memalign, void *, "pzz", size_t alignment, size_t size)                                       \
  X(valloc, void *, "pz", size_t size)                                                            \
  X(pvalloc, void *, "pz", size_t size)                                                           \
  X(strdup, char *, "pp", const char *str)                                                        \
  X(strndup, char *, "ppz", const char *str, size_t size)                                         \
  X(free, void, "vp", void *ptr)                                                                  \
  X(new, void *, "pz", size_t size)                                                               \
  X(new_nothrow, void *, "pz", size_t size)                                                       \
  X(new_aligned, void *, "pzz", size_t size, size_t alignment)                                    \
  X(new_aligned_nothrow, void *, "pzz", size_t size, size_t alignment)                            \
  X(delete, void, "vp", void *ptr)

#define ALLOCSITE_DECLARE_ENTRY_POINT(name, ret, signature, ...)                                 \
  ret __allocsite_##name(__VA_ARGS__, struct allocsite_site *site);
ALLOCSITE_ENTRY_POINTS(ALLOCSITE_DECLARE_ENTRY_POINT)
#undef ALLOCSITE_DECLARE_ENTRY_POINT

/* The calls the pass rewrites: X(function called, its signature, entry point, kind). The entry
 * point receives the called function's first arguments (as many as it takes), then the site; the
 * rest (nothrow tags, sizes and alignments of a delete) is dropped. C++ names are spelled with a
 * 64-bit size_t (`m`); the pass also accepts the 32-bit spelling (`j`) where size_t is 32 bits. A
 * call is rewritten only when its arguments fit the signature. */
#define ALLOCSITE_REWRITES(X)                                                                     \
  X("malloc", "pz", malloc, MALLOC)                                                               \
  X("calloc", "pzz", calloc, CALLOC)                                                              \
  X("realloc", "ppz", realloc, REALLOC)                                                           \
  X("reallocarray", "ppzz", reallocarray, REALLOCARRAY)                                           \
  X("posix_memalign", "ipzz", posix_memalign, POSIX_MEMALIGN)                                     \
  X("aligned_alloc", "pzz", aligned_alloc, ALIGNED_ALLOC)                                         \
  X("memalign", "pzz", memalign, MEMALIGN)                                                        \
  X("valloc", "pz", valloc, VALLOC)                                                               \
  X("pvalloc", "pz", pvalloc, PVALLOC)                                                            \
  X("strdup", "pp", strdup, STRDUP)                                                               \
  X("strndup", "ppz", strndup, STRNDUP)                                                           \
  X("free", "vp", free, FREE)                                                                     \
  X("_Znwm", "pz", new, NEW)                                                                      \
  X("_Znam", "pz", new, NEW_ARRAY)                                                                \
  X("_ZnwmRKSt9nothrow_t", "pzp", new_nothrow, NEW)                                               \
  X("_ZnamRKSt9nothrow_t", "pzp", new_nothrow, NEW_ARRAY)                                         \
  X("_ZnwmSt11align_val_t", "pzz", new_aligned, NEW)                                              \
  X("_ZnamSt11align_val_t", "pzz", new_aligned, NEW_ARRAY)                                        \
  X("_ZnwmSt11align_val_tRKSt9nothrow_t", "pzzp", new_aligned_nothrow, NEW)                       \
  X("_ZnamSt11align_val_tRKSt9nothrow_t", "pzzp", new_aligned_nothrow, NEW_ARRAY)                 \
  X("_ZdlPv", "vp", delete, DELETE)                                                               \
  X("_ZdaPv", "vp", delete, DELETE_ARRAY)                                                         \
  X("_ZdlPvm", "vpz", delete, DELETE)                                                             \
  X("_ZdaPvm", "vpz", delete, DELETE_ARRAY)                                                       \
  X("_ZdlPvSt11align_val_t", "vpz", delete, DELETE)                                               \
  X("_ZdaPvSt11align_val_t", "vpz", delete, DELETE_ARRAY)                                         \
  X("_ZdlPvmSt11align_val_t", "vpzz", delete, DELETE)                                             \
  X("_ZdaPvmSt11align_val_t", "vpzz", delete, DELETE_ARRAY)                                       \
  X("_ZdlPvRKSt9nothrow_t", "vpp", delete, DELETE)                                                \
  X("_ZdaPvRKSt9nothrow_t", "vpp", delete, DELETE_ARRAY)                                          \
  X("_ZdlPvSt11align_val_tRKSt9nothrow_t", "vpzp", delete, DELETE)                                \
  X("_ZdaPvSt11align_val_tRKSt9nothrow_t", "vpzp", delete, DELETE_ARRAY)

#ifdef __cplusplus
}
#endif

#endif /* ALLOCSITE_ABI_H */
