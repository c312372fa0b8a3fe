// runtime/report/report.h - everything that runs outside allocations, on an API call or at exit:
// counters summed over threads, snapshots, symbolization, the report model and its text and JSON
// renderings, the memory reconciliation, the snapshot loader. May take any runtime lock; memory
// comes from the arena, output goes through write(2).
#ifndef ALLOCSITE_RUNTIME_REPORT_REPORT_H
#define ALLOCSITE_RUNTIME_REPORT_REPORT_H

#include "allocsite/allocsite.h"
#include "base/base.h"

// ---- report ----
// the report at exit (ALLOCSITE_REPORT) in text and JSON (SPEC §6), and the
// memory reconciliation both print (SPEC §8).
namespace allocsite {

// At start-up, with ALLOCSITE_REPORT's value then (may be null): keeps what the report at exit
// will need from the start: a duplicate of the initial stderr, for a report asked for there and
// for the line saying that a report file could not be written.
void report_prepare(const char *dest);

// Called once, after main returned and static destructors ran (or on exit()). Reads
// ALLOCSITE_REPORT itself; does nothing when it is unset, empty or "0".
void report_at_exit();

// Only the "memory (why traced != RSS)" block of the text report (SPEC §8).
void report_write_memory_text(int fd);

} // namespace allocsite

// ---- stats ----
// sums of the per-thread counters: O(sites x threads), never O(live blocks).
namespace allocsite {

// out[id] for id < n receives the counters of site `id` summed over all threads, living or exited.
// Safe while other threads allocate (each entry is read atomically; the sum is a consistent-enough
// instant, as with tracemalloc's take_snapshot under the GIL... minus the GIL).
void collect_site_counters(SiteCounters *out, uint32_t n);
// What each site held and had allocated at the latest peak, since the last clear.
void collect_peak_site_counters(SiteCounters *out, uint32_t n);
void collect_totals(Totals *out);

// Traced bytes now and their peak (allocsite_get_traced_memory), since the last clear.
int64_t traced_bytes_now();
int64_t traced_peak_now();
// allocsite_clear_traces: later sums start from zero; blocks allocated before are forgotten.
void stats_clear();

} // namespace allocsite

// ---- memory ----
// why traced bytes differ from RSS (SPEC §8): the figures and their sum.
namespace allocsite {

struct MemoryBreakdown {
  int64_t traced_bytes; // requested bytes of live blocks
  int64_t live_blocks;
  int64_t header_bytes;        // runtime block headers: kBlockHeaderSize per live block
  int64_t allocator_in_use;    // glibc mallinfo2: uordblks + hblkhd (chunks handed out, incl. ours)
  int64_t allocator_overhead;  // in_use - traced - headers: rounding and per-chunk bookkeeping
  int64_t allocator_free_kept; // mallinfo2 fordblks: freed but kept by the allocator
  int64_t allocator_arena;     // mallinfo2 arena (sbrk + arenas)
  int64_t allocator_mmapped;   // mallinfo2 hblkhd
  int64_t runtime_bytes;       // the runtime's own resident memory (runtime_resident_bytes)
  int64_t rss_bytes;           // /proc/self/statm resident pages
  int64_t other_rss;           // rss - what the heap and the runtime explain: code, stacks, data
  bool have_mallinfo;          // false when mallinfo2 is not glibc's (another allocator)
};

void collect_memory_breakdown(MemoryBreakdown *out);

} // namespace allocsite

// ---- symbolize ----
// names for dynamic sites (uninstrumented callers), found at report time by
// an llvm-symbolizer child process, the way the sanitizers do it.
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

// ---- demangle ----
// a minimal, allocation-free Itanium demangler for report names.
//
// __cxa_demangle mallocs, so the report cannot use it. Site descriptors carry linkage names; this
// turns the common ones into something readable and leaves everything else mangled.
namespace allocsite {

// Writes the qualified name of the function `mangled` names, without parameters, into
// out[0..cap): _Z4funcv -> "func", _ZN3foo3barEv -> "foo::bar", _ZN3FooC2Ev -> "Foo::Foo",
// _ZN3FooIiE3getEv -> "Foo<...>::get" (template arguments are elided). Returns false, leaving out
// unspecified, when `mangled` is not an Itanium name or uses what this demangler does not handle
// (operators, local entities, substitutions in the name); callers then print `mangled` as it is.
bool demangle(const char *mangled, char *out, size_t cap);

} // namespace allocsite

// ---- site_names ----
// what a site is called: descriptor, demangler, symbolizer; and the
// scratch memory reports and snapshots keep those names in.
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
  template <typename T> T *array(size_t n) {
    return static_cast<T *>(alloc(n * sizeof(T), alignof(T)));
  }
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
  uint16_t kind;         // enum allocsite_kind
  bool instrumented;     // false for dynamic and tracked sites (named by a code address)
  const char *file;      // descriptor or symbolizer; nullptr when unknown
  uint32_t line, column; // 0 when unknown
  const char
      *function; // readable qualified name, C++ with parameter types ("ns::f(int)"); or nullptr
  const char *linkage_name;      // instrumented: the descriptor's name; dynamic: the dladdr symbol
  const SourceFrame *inlined_at; // the callers the call was inlined into, innermost first
  uint32_t inline_depth;
  bool symbolized;    // dynamic sites: file/function came from llvm-symbolizer
  const char *module; // dynamic sites: the object file, or nullptr
  uintptr_t module_offset;
  unsigned domain; // tracked sites: allocsite_track's domain; 0 otherwise
  // The function it is charged to returns memory it allocates but is no allocation wrapper
  // (abi.h, ALLOCSITE_SITE_WRAPPER_CANDIDATE): set by mark_wrapper_candidates, for the hint.
  bool wrapper_candidate;
  // libstdc++'s emergency exception pool (exception_pool.cpp): set by mark_exception_pool; the
  // text report prints it on a line of its own, after the ranked sites.
  bool exception_pool;
  // The library code the memory was allocated in, when the site is charged to the user's line
  // that led there (SPEC §3): a library frame inlined into the user's code, or the inner site of
  // a composite; innermost first. via_depth 0 when the site is the user's own call.
  const SourceFrame *via;
  uint32_t via_depth;
  // via[0]'s code address when the library is uninstrumented code (a composite whose inner site is
  // dynamic): what makes the frame re-symbolizable (pprof). nullptr / 0 otherwise.
  const char *via_module;
  uintptr_t via_module_offset;
  SiteCounters c;
};

// ---- the report model (report.cpp) ----
// What a report renders (the one at exit, a metrics scrape): a snapshot taken for it, named, its
// sites ordered by live_bytes desc, then id; and the totals read just before it.
struct ReportModel {
  Totals totals = {};
  allocsite_snapshot *snapshot = nullptr; // owned: destroyed with the model
  SiteView *sites = nullptr;              // snapshot->sites, reordered
  uint32_t count = 0;

  ReportModel() = default;
  ~ReportModel();
  ReportModel(const ReportModel &) = delete;
  ReportModel &operator=(const ReportModel &) = delete;
};

// What every report starts with: the memory figures first (the snapshot's own memory would
// otherwise show up as runtime memory), then take a snapshot, name it and order it. `marked`
// (the text and JSON formats, not a metrics scrape): also the hint's wrapper candidates and
// libstdc++'s exception pool. False, after a diagnostic, when memory for the snapshot could not
// be mapped.
bool report_begin(MemoryBreakdown *mb, ReportModel *m, bool marked = false);

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
// A function as the text report prints it: a name with its parameter list as it is
// ("ns::f(int) const"), any other with "()" added ("main()"; "<unknown>()" for nullptr).
void write_function(Writer &w, const char *name);

// One element of the JSON "sites" array (docs/report-format.md), indented, without a separator:
// shared by the report and allocsite_snapshot_dump so a dumped snapshot reads like a report.
// "domain" is written for tracked sites and whenever the site has one.
// at_peak: the site as the report's "peak" section lists it, live figures only.
void write_json_site(Writer &w, const SiteView &v, bool at_peak = false);

// The two formats; false when a write failed. report.cpp's public entry points call these.
bool write_text_report(int fd);
bool write_json_report(int fd);

// ---- hint ----
// issue #13: when a function that returns the memory it allocates, yet is not taken for an
// allocation wrapper, holds at least half of the peak or of the live memory, one line says which
// option would charge that memory to its callers.
// Sets wrapper_candidate on the model's instrumented sites (a composite: from its context).
void mark_wrapper_candidates(ReportModel *m);
// "\nhint: ...\n", or nothing (docs/report-format.md).
void write_wrapper_hint(Writer &w, const ReportModel &m);

// ---- exception_pool ----
// issue #12: libstdc++'s emergency exception pool, malloc'd before main and never freed, would top
// every C++ report; it is recognised in the loaded image and named instead (exception_pool.cpp).
// Sets exception_pool on the model's sites that are that pool.
void mark_exception_pool(ReportModel *m);

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

// ---- snapshot ----
// allocsite_snapshot: a copy of every active site's counters and names,
// owning its memory (one Scratch), so it outlives the state it was taken from and can be loaded
// from a file.
struct allocsite_snapshot {
  allocsite::Scratch memory;
  allocsite::SiteCounters *sums; // taken snapshots: every site's counters, indexed by id
  uint32_t sums_count;
  size_t sums_bytes;          // sums' own mapping (snapshot.cpp); 0 for a loaded snapshot
  allocsite::SiteView *sites; // named (see below): every site with activity (loaded: file order)
  uint32_t count;
  // Taking a snapshot only sums the counters (O(sites x threads)) into `sums`; `sites` and `count`
  // are made the first time something reads them (statistics, filters, dump, a report).
  // Loaded snapshots come named.
  bool named;
};

namespace allocsite {

// ---- grouping ----
// tracemalloc's key types (ALLOCSITE_OPTIONS group_by, allocsite_key_type): what makes two sites
// one group, defined once for the text report and the in-process API (docs/report-format.md,
// "Grouping"). A line is its file and line; a function its file and function; fields a key type
// does not use stay zero, and code nothing could name is told apart by its address.
enum class GroupBy { SITE, LINE, FILE, FUNCTION };
struct GroupKey {
  const char *file;
  const char *function;
  const char *module;
  uintptr_t offset;
  uint32_t line, column;
  uint16_t kind;
};
GroupKey group_key(const SiteView &v, GroupBy g);
int compare_group_keys(const GroupKey &a, const GroupKey &b);
// strcmp, with nullptr (no name) before every name.
int compare_names(const char *a, const char *b);
template <typename T> int compare_numbers(T a, T b) { return a < b ? -1 : a > b ? 1 : 0; }

// Sites with one key: their counters summed, named by `rep`, the first of them in the order the
// caller gave (each caller orders its sites so that the one whose names a row shows comes first).
struct SiteGroup {
  GroupKey key;
  const SiteView *rep;
  SiteCounters c;
  uint32_t sites;
  uint32_t first; // rep's position in the caller's order
};
// Groups sites[0..n) (each a pointer to a named site) by g into out[0..n), in key order; returns
// the number of groups.
uint32_t group_sites(const SiteView *const *sites, uint32_t n, GroupBy g, SiteGroup *out);

// A new, empty snapshot (in its own mapping); nullptr when the OS refuses memory.
allocsite_snapshot *snapshot_new();
// Names every site of `s` (symbolizing dynamic ones), once; const because naming does not change
// what the snapshot holds.
void snapshot_ensure_names(const allocsite_snapshot *s);
// Copies the strings `v` points to into `s`'s memory, so that `v` stays valid as long as `s`.
void snapshot_own_names(allocsite_snapshot *s, SiteView *v);
// The info a statistic row or allocsite_site_of returns for one site.
void site_info_from_view(const SiteView &v, allocsite_site_info *out);

void snapshot_destroy(allocsite_snapshot *s);
// Memory the API hands to callers (statistics arrays, texts), released by allocsite_free.
void *api_alloc(size_t size);
allocsite_snapshot *snapshot_take();
allocsite_snapshot *snapshot_take_peak();
// allocsite_filter's filename_pattern: fnmatch(3) without FNM_PATHNAME ('*' and '?' match '/').
bool glob_match(const char *pattern, const char *text);

} // namespace allocsite

#endif
