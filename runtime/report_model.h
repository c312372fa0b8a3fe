// runtime/report_model.h - the step both report formats share: read the counters once, keep the
// sites with any activity, give each one its names (descriptor, demangler, symbolizer) and sort.
#ifndef ALLOCSITE_RUNTIME_REPORT_MODEL_H
#define ALLOCSITE_RUNTIME_REPORT_MODEL_H

#include "common.h"
#include "memory.h"
#include "output.h"
#include "symbolize.h"

namespace allocsite {

// Memory that lives as long as one report: os_map'd chunks unmapped together, so a report leaves
// nothing behind (arena memory is never given back).
class Scratch {
public:
  Scratch() = default;
  ~Scratch() { release(); }
  Scratch(const Scratch &) = delete;
  Scratch &operator=(const Scratch &) = delete;

  void *alloc(size_t size, size_t align = 16); // zeroed; nullptr when the OS refuses
  template <typename T> T *array(size_t n) { return static_cast<T *>(alloc(n * sizeof(T), alignof(T))); }
  void release();

private:
  struct Chunk {
    Chunk *next;
    size_t size;
    size_t used;
  };
  Chunk *head_ = nullptr;
};

// One site as the reports print it.
struct SiteView {
  uint32_t id;
  uint16_t kind;            // enum allocsite_kind
  bool instrumented;        // false for dynamic and tracked sites (named by a code address)
  const char *file;         // descriptor or symbolizer; nullptr when unknown
  uint32_t line, column;    // 0 when unknown
  const char *function;     // readable qualified name without parameters ("ns::f"); or nullptr
  const char *linkage_name; // instrumented: the descriptor's name; dynamic: the dladdr symbol
  const SourceFrame *inlined_at; // the callers the call was inlined into, innermost first
  uint32_t inline_depth;
  bool symbolized;          // dynamic sites: file/function came from llvm-symbolizer
  const char *module;       // dynamic sites: the object file, or nullptr
  uintptr_t module_offset;
  unsigned domain;          // tracked sites: allocsite_track's domain; 0 otherwise
  // The library code the memory was allocated in, when the site is charged to the user's line
  // that led there (SPEC §3): a library frame inlined into the user's code, or the inner site of
  // a composite; innermost first. via_depth 0 when the site is the user's own call.
  const SourceFrame *via;
  uint32_t via_depth;
  SiteCounters c;
};

struct ReportModel {
  Totals totals;
  SiteView *sites; // every site with activity, by live_bytes desc, then id
  uint32_t count;
};

// False when memory for the model could not be mapped.
bool report_model_build(ReportModel *m, Scratch *scratch);
// What both formats start with: the memory figures first (the model's own scratch memory would
// otherwise show up as runtime memory), then the model. False, after a diagnostic, when memory
// for the model could not be mapped.
bool report_begin(MemoryBreakdown *mb, ReportModel *m, Scratch *scratch);
// Fills the names of site v->id into *v (everything but id and c): descriptor and demangler for
// instrumented sites; symbolize_dynamic_sites' results, else module+offset and the dladdr symbol,
// for dynamic and tracked ones. Strings it makes live in *scratch.
void site_view_name(SiteView *v, Scratch *scratch);
// Runs the symbolizer once for every dynamic site among ids[0..n) and every dynamic site that a
// composite among them charges to its context, before they are named.
void symbolize_for_naming(const uint32_t *ids, uint32_t n, Scratch *scratch);

inline bool has_live(const SiteCounters &c) { return c.live_bytes != 0 || c.live_blocks != 0; }
const char *kind_name(uint16_t kind);
// The last path component ("/usr/lib/libfoo.so" -> "libfoo.so").
const char *base_name(const char *path);
// "name()" ("<unknown>()" for nullptr).
void write_function(Writer &w, const char *name);

// One element of the JSON "sites" array (docs/report-format.md), indented, without a separator:
// shared by the report and allocsite_snapshot_dump so a dumped snapshot reads like a report.
// "domain" is written for tracked sites and whenever `domain` is not 0.
void write_json_site(Writer &w, const SiteView &v, unsigned domain);

// The two formats; false when a write failed. report.cpp's public entry points call these.
bool write_text_report(int fd);
bool write_json_report(int fd);

// In-place heap sort (no std::sort: keeps libstdc++ out of the runtime). less(a, b): a before b.
template <typename T, typename Less> void heap_sort(T *a, size_t n, Less less) {
  auto sift = [&](size_t root, size_t end) {
    for (;;) {
      size_t child = 2 * root + 1;
      if (child >= end)
        return;
      if (child + 1 < end && less(a[child], a[child + 1]))
        ++child;
      if (!less(a[root], a[child]))
        return;
      T tmp = a[root];
      a[root] = a[child];
      a[child] = tmp;
      root = child;
    }
  };
  for (size_t i = n / 2; i-- > 0;)
    sift(i, n);
  for (size_t end = n; end-- > 1;) {
    T tmp = a[0];
    a[0] = a[end];
    a[end] = tmp;
    sift(0, end);
  }
}

} // namespace allocsite

#endif
