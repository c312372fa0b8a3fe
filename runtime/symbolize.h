// runtime/symbolize.h - names for dynamic sites (uninstrumented callers), found at report time by
// an llvm-symbolizer child process, the way the sanitizers do it.
#ifndef ALLOCSITE_RUNTIME_SYMBOLIZE_H
#define ALLOCSITE_RUNTIME_SYMBOLIZE_H

#include "common.h"

namespace allocsite {

// One source frame. Strings live in arena memory; nullptr / 0 when unknown.
struct SourceFrame {
  const char *file;
  const char *function; // demangled by the symbolizer, with parameter types
  uint32_t line;
  uint32_t column;
};

// What the symbolizer said about a dynamic site's call: frames[0] is the innermost location (the
// call itself), then the functions it was inlined into.
struct SymbolizedSite {
  const SourceFrame *frames;
  uint32_t count; // >= 1
};

// Symbolizes the dynamic sites among ids[0..n) that have not been tried yet, with one
// llvm-symbolizer process for the batch. Each site is tried once per process; when no symbolizer
// can be run, later calls return at once. Thread-safe; never allocates with malloc.
void symbolize_dynamic_sites(const uint32_t *ids, uint32_t n);

// The result for a dynamic site, or nullptr when it was not symbolized or the symbolizer knew
// nothing about it (callers fall back to DynamicSiteInfo: module+offset and the dladdr symbol).
const SymbolizedSite *symbolized_site(uint32_t id);

} // namespace allocsite

#endif
