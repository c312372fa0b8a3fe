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

/* What the rewritten call was. Stable numbers: they appear in dumped snapshots. */
enum allocsite_kind {
  ALLOCSITE_KIND_DYNAMIC = 0, /* not instrumented: named by the calling code address */
  ALLOCSITE_KIND_MALLOC = 1,
  ALLOCSITE_KIND_CALLOC = 2,
  ALLOCSITE_KIND_REALLOC = 3,
  ALLOCSITE_KIND_REALLOCARRAY = 4,
  ALLOCSITE_KIND_POSIX_MEMALIGN = 5,
  ALLOCSITE_KIND_ALIGNED_ALLOC = 6,
  ALLOCSITE_KIND_MEMALIGN = 7,
  ALLOCSITE_KIND_VALLOC = 8,
  ALLOCSITE_KIND_PVALLOC = 9,
  ALLOCSITE_KIND_STRDUP = 10,
  ALLOCSITE_KIND_STRNDUP = 11,
  ALLOCSITE_KIND_NEW = 12,
  ALLOCSITE_KIND_NEW_ARRAY = 13,
  ALLOCSITE_KIND_FREE = 14,
  ALLOCSITE_KIND_DELETE = 15,
  ALLOCSITE_KIND_DELETE_ARRAY = 16,
  ALLOCSITE_KIND_TRACKED = 17, /* allocsite_track(): a user-declared block in a domain */
  ALLOCSITE_KIND_CALL = 18,    /* not an allocation: a call from user code into library code,
                                  whose descriptor becomes the thread's attribution context */
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
  ALLOCSITE_SITE_COMPOSITE = 1u << 1
};

/* One frame of an inline chain: a call that was inlined into its caller at this location. */
struct allocsite_frame {
  const char *file;     /* as in the debug info; NULL when unknown */
  const char *function; /* demangled-able linkage name of the enclosing function */
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
  const char *function;                   /* function the call is in (innermost, after inlining) */
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
 * function they replace (errno, NULL on failure, glibc's realloc(p, 0) and realloc(NULL, n)). */
void *__allocsite_malloc(size_t size, struct allocsite_site *site);
void *__allocsite_calloc(size_t count, size_t size, struct allocsite_site *site);
void *__allocsite_realloc(void *ptr, size_t size, struct allocsite_site *site);
void *__allocsite_reallocarray(void *ptr, size_t count, size_t size, struct allocsite_site *site);
int __allocsite_posix_memalign(void **out, size_t alignment, size_t size,
                               struct allocsite_site *site);
void *__allocsite_aligned_alloc(size_t alignment, size_t size, struct allocsite_site *site);
void *__allocsite_memalign(size_t alignment, size_t size, struct allocsite_site *site);
void *__allocsite_valloc(size_t size, struct allocsite_site *site);
void *__allocsite_pvalloc(size_t size, struct allocsite_site *site);
char *__allocsite_strdup(const char *str, struct allocsite_site *site);
char *__allocsite_strndup(const char *str, size_t size, struct allocsite_site *site);
void __allocsite_free(void *ptr, struct allocsite_site *site);

/* Every replaceable global operator new / new[] maps to one of these four (the site's kind tells
 * new from new[]); the throwing ones throw std::bad_alloc exactly as the C++ library would. */
void *__allocsite_new(size_t size, struct allocsite_site *site);
void *__allocsite_new_nothrow(size_t size, struct allocsite_site *site);
void *__allocsite_new_aligned(size_t size, size_t alignment, struct allocsite_site *site);
void *__allocsite_new_aligned_nothrow(size_t size, size_t alignment, struct allocsite_site *site);
/* Every operator delete / delete[] overload (sized, aligned, nothrow) maps to this one: the block
 * header already knows size and alignment. */
void __allocsite_delete(void *ptr, struct allocsite_site *site);

#ifdef __cplusplus
}
#endif

#endif /* ALLOCSITE_ABI_H */
