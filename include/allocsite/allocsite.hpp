// allocsite/allocsite.hpp - the in-process API for C++ (SPEC §7): value types and RAII over the C
// API of allocsite/allocsite.h, shaped like Python's tracemalloc.
//
//   allocsite::Snapshot before = allocsite::Snapshot::take();
//   ... work ...
//   allocsite::Snapshot after = allocsite::Snapshot::take();
//   for (const allocsite::StatisticDiff &d : after.compare_to(before, allocsite::KeyType::lineno))
//     std::printf("%s\n", allocsite::to_string(d).c_str());
//
// Header-only, C++17, usable with -fno-exceptions and -fno-rtti. Like the C API, a program using it
// links and runs without the runtime: is_tracing() is false, snapshots are invalid and empty,
// site_of() is empty, TrackedBlock tracks nothing.
#ifndef ALLOCSITE_ALLOCSITE_HPP
#define ALLOCSITE_ALLOCSITE_HPP

#if __cplusplus < 201703L
#error "allocsite/allocsite.hpp needs C++17 (-std=c++17); C++ before that can use allocsite/allocsite.h"
#endif

#include "allocsite/allocsite.h"

#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// Functions that call the runtime on the user's behalf: inlined, and (clang, which the pass needs)
// without a line table of their own, so that the call's return address and its source line are
// the user's.
#if defined(__clang__)
#define ALLOCSITE_HPP_CALLER_LINE __attribute__((always_inline, nodebug))
#else
#define ALLOCSITE_HPP_CALLER_LINE __attribute__((always_inline))
#endif

namespace allocsite {

// tracemalloc's key_type, under its names and ours.
enum class KeyType {
  site = ALLOCSITE_BY_SITE, // file, line, column, function, kind
  line = ALLOCSITE_BY_LINE,
  file = ALLOCSITE_BY_FILE,
  function = ALLOCSITE_BY_FUNCTION, // AllocSite's own: file and function
  traceback = site,
  lineno = line,
  filename = file,
};

// One frame of an inline chain: a call inlined into its caller at file:line.
struct Frame {
  std::string file;
  std::string function;
  unsigned line = 0;
  unsigned column = 0;
};

// Where memory was allocated (a site, or a statistic's key). Strings are copies: empty when
// unknown or not part of the key.
struct SiteInfo {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
  std::string function;
  std::string kind; // "malloc", "new[]", "dynamic" (uninstrumented caller), "tracked", ...
  bool instrumented = false;
  unsigned domain = 0;
  std::string module; // dynamic sites: the object file of the calling code
  std::uintptr_t module_offset = 0;
  std::vector<Frame> inlined_at; // callers the call was inlined into, innermost first
};

// Snapshot.statistics() row.
struct Statistic : SiteInfo {
  std::uint64_t size = 0;  // live bytes
  std::uint64_t count = 0; // live blocks
  std::uint64_t alloc_bytes = 0;
  std::uint64_t alloc_calls = 0;
};

// Snapshot.compare_to() row.
struct StatisticDiff : SiteInfo {
  std::uint64_t size = 0;
  std::int64_t size_diff = 0;
  std::uint64_t count = 0;
  std::int64_t count_diff = 0;
};

// tracemalloc.Filter: keeps (inclusive) or drops (exclusive) the sites whose file matches an
// fnmatch pattern ('*' matches '/' too), optionally on one line, optionally also when a file of
// the inline chain matches. A site is kept when it matches one inclusive filter (if there are any)
// and no exclusive filter.
struct Filter {
  bool inclusive = true;
  std::string filename_pattern; // empty: any file
  unsigned lineno = 0;          // 0: any line
  bool all_frames = false;
  bool by_domain = false; // set by DomainFilter
  unsigned domain = 0;

  Filter() = default;
  Filter(bool inclusive_, std::string pattern, unsigned lineno_ = 0, bool all_frames_ = false)
      : inclusive(inclusive_), filename_pattern(std::move(pattern)), lineno(lineno_),
        all_frames(all_frames_) {}
};

// tracemalloc.DomainFilter: keeps or drops the sites of one allocsite_track domain (0 for memory
// from the allocator).
struct DomainFilter : Filter {
  DomainFilter(bool inclusive_, unsigned domain_) {
    inclusive = inclusive_;
    by_domain = true;
    domain = domain_;
  }
};

struct TracedMemory {
  std::size_t current = 0;
  std::size_t peak = 0;
};

struct Total {
  std::uint64_t bytes = 0;
  std::uint64_t blocks = 0;
};

namespace detail {

inline std::string copy(const char *s) { return s ? std::string(s) : std::string(); }

inline void fill(SiteInfo &out, const allocsite_site_info &in) {
  out.file = copy(in.file);
  out.line = in.line;
  out.column = in.column;
  out.function = copy(in.function);
  out.kind = copy(in.kind);
  out.instrumented = in.instrumented != 0;
  out.domain = in.domain;
  out.module = copy(in.module);
  out.module_offset = in.module_offset;
  out.inlined_at.clear();
  for (unsigned i = 0; in.inlined_at && i < in.inline_depth; i++)
    out.inlined_at.push_back(
        Frame{copy(in.inlined_at[i].file), copy(in.inlined_at[i].function), in.inlined_at[i].line,
              in.inlined_at[i].column});
}

// Integer-only rounding to one decimal, as the runtime's reports print sizes.
inline std::string format_magnitude(std::uint64_t b) {
  char buf[48];
  if (b < 1024) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " B", b);
    return buf;
  }
  static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
  unsigned k = 0; // unit = 1024^(k+1)
  while (k < 3 && b >= (std::uint64_t(1) << (10 * (k + 2))))
    k++;
  for (;;) {
    unsigned shift = 10 * (k + 1);
    std::uint64_t unit = std::uint64_t(1) << shift;
    std::uint64_t whole = b >> shift;
    std::uint64_t tenths = ((b & (unit - 1)) * 10 + unit / 2) >> shift;
    if (tenths == 10) {
      whole++;
      tenths = 0;
    }
    if (whole >= 1024 && k < 3) { // 1048575 B is "1.0 MiB", not "1024.0 KiB"
      k++;
      continue;
    }
    std::snprintf(buf, sizeof buf, "%" PRIu64 ".%u %s", whole, unsigned(tenths), units[k]);
    return buf;
  }
}

} // namespace detail

// "512 B", "1.5 KiB", "100.0 MiB": one decimal from KiB up, as the reports print sizes.
inline std::string format_size(std::uint64_t bytes) { return detail::format_magnitude(bytes); }

// A signed difference: "+1.5 KiB", "-100.0 MiB", "+0 B".
inline std::string format_size_diff(std::int64_t bytes) {
  std::uint64_t m = bytes < 0 ? 0 - std::uint64_t(bytes) : std::uint64_t(bytes);
  return (bytes < 0 ? "-" : "+") + detail::format_magnitude(m);
}

// The key as tracemalloc prints a traceback: "file:line", "file", "file: function()"; dynamic
// sites without a name as "module+0xOFFSET".
inline std::string where(const SiteInfo &s) {
  std::string out;
  if (!s.file.empty()) {
    out = s.file;
    if (s.line)
      out += ":" + std::to_string(s.line);
    else if (!s.function.empty())
      out += ": " + s.function + "()";
  } else if (!s.function.empty()) {
    out = s.function + "()";
  } else if (!s.module.empty()) {
    char off[32];
    std::snprintf(off, sizeof off, "+0x%" PRIxPTR, s.module_offset);
    out = s.module + off;
  } else {
    out = "<unknown>";
  }
  return out;
}

// str(Statistic): "file:line: size=1.5 KiB, count=3, average=512 B".
inline std::string to_string(const Statistic &s) {
  std::string out = where(s) + ": size=" + format_size(s.size) + ", count=" + std::to_string(s.count);
  if (s.count)
    out += ", average=" + format_size(s.size / s.count);
  return out;
}

// str(StatisticDiff): "file:line: size=1.5 KiB (+1.0 KiB), count=3 (+2), average=512 B".
inline std::string to_string(const StatisticDiff &d) {
  std::string out = where(d) + ": size=" + format_size(d.size) + " (" + format_size_diff(d.size_diff) +
                    "), count=" + std::to_string(d.count) + " (" +
                    (d.count_diff >= 0 ? "+" : "") + std::to_string(d.count_diff) + ")";
  if (d.count)
    out += ", average=" + format_size(d.size / d.count);
  return out;
}

// tracemalloc.Snapshot: a point-in-time copy of every site's counters. Move-only; an invalid
// snapshot (no runtime, or a failed load) behaves as an empty one.
class Snapshot {
public:
  Snapshot() = default;
  explicit Snapshot(allocsite_snapshot *owned) : s_(owned) {}
  Snapshot(Snapshot &&other) noexcept : s_(other.release()) {}
  Snapshot &operator=(Snapshot &&other) noexcept {
    if (this != &other)
      reset(other.release());
    return *this;
  }
  Snapshot(const Snapshot &) = delete;
  Snapshot &operator=(const Snapshot &) = delete;
  ~Snapshot() { reset(); }

  // tracemalloc.take_snapshot().
  static Snapshot take() { return Snapshot(allocsite_take_snapshot()); }
  // The breakdown at the moment traced memory reached its peak (since start or reset_peak).
  static Snapshot take_peak() { return Snapshot(allocsite_take_peak_snapshot()); }
  // Snapshot.load(): invalid on a missing or corrupt file (one diagnostic line on stderr).
  static Snapshot load(const std::string &path) {
    return Snapshot(allocsite_snapshot_load(path.c_str()));
  }

  bool valid() const { return s_ != nullptr; }
  explicit operator bool() const { return valid(); }

  // Snapshot.dump(): true when written.
  bool dump(const std::string &path) const {
    return s_ && allocsite_snapshot_dump(s_, path.c_str()) == 0;
  }

  // Snapshot.statistics(key_type): sorted by size, then count, descending.
  std::vector<Statistic> statistics(KeyType key) const {
    allocsite_statistic *rows = nullptr;
    std::size_t n = allocsite_snapshot_statistics(s_, allocsite_key_type(key), &rows);
    std::vector<Statistic> out(n);
    for (std::size_t i = 0; i < n; i++) {
      detail::fill(out[i], rows[i].key);
      out[i].size = rows[i].size;
      out[i].count = rows[i].count;
      out[i].alloc_bytes = rows[i].alloc_bytes;
      out[i].alloc_calls = rows[i].alloc_calls;
    }
    allocsite_free(rows);
    return out;
  }

  // Snapshot.compare_to(old, key_type): sorted by |size_diff|, size, |count_diff|, count.
  std::vector<StatisticDiff> compare_to(const Snapshot &old, KeyType key) const {
    allocsite_statistic_diff *rows = nullptr;
    std::size_t n = allocsite_snapshot_compare_to(s_, old.s_, allocsite_key_type(key), &rows);
    std::vector<StatisticDiff> out(n);
    for (std::size_t i = 0; i < n; i++) {
      detail::fill(out[i], rows[i].key);
      out[i].size = rows[i].size;
      out[i].size_diff = rows[i].size_diff;
      out[i].count = rows[i].count;
      out[i].count_diff = rows[i].count_diff;
    }
    allocsite_free(rows);
    return out;
  }

  // Snapshot.filter_traces(filters): a new snapshot with the sites the filters keep.
  Snapshot filter_traces(const std::vector<Filter> &filters) const {
    if (!s_)
      return Snapshot();
    std::vector<allocsite_filter> c(filters.size());
    for (std::size_t i = 0; i < filters.size(); i++) {
      const Filter &f = filters[i];
      c[i].inclusive = f.inclusive;
      c[i].by_domain = f.by_domain;
      c[i].filename_pattern = f.filename_pattern.empty() ? nullptr : f.filename_pattern.c_str();
      c[i].lineno = f.lineno;
      c[i].all_frames = f.all_frames;
      c[i].domain = f.domain;
    }
    return Snapshot(allocsite_snapshot_filter_traces(s_, c.data(), c.size()));
  }

  // Live bytes and blocks in the snapshot.
  Total total() const {
    Total t;
    t.bytes = allocsite_snapshot_total(s_, &t.blocks);
    return t;
  }

  allocsite_snapshot *get() const { return s_; }
  allocsite_snapshot *release() {
    allocsite_snapshot *s = s_;
    s_ = nullptr;
    return s;
  }
  void reset(allocsite_snapshot *s = nullptr) {
    if (s_)
      allocsite_snapshot_free(s_);
    s_ = s;
  }

private:
  allocsite_snapshot *s_ = nullptr;
};

// tracemalloc's module functions.
inline bool is_tracing() { return allocsite_is_tracing() != 0; }
inline bool start() { return allocsite_start() == 0; } // false without the runtime
inline void stop() { allocsite_stop(); }               // also forgets the traces
inline void clear_traces() { allocsite_clear_traces(); }
inline TracedMemory traced_memory() {
  TracedMemory m;
  allocsite_get_traced_memory(&m.current, &m.peak);
  return m;
}
inline void reset_peak() { allocsite_reset_peak(); }
inline std::size_t tracemalloc_memory() { return allocsite_get_tracemalloc_memory(); }
inline Snapshot take_snapshot() { return Snapshot::take(); }

// get_object_traceback: the site of the live traced block at ptr.
inline std::optional<SiteInfo> site_of(const void *ptr) {
  const allocsite_site_info *info = allocsite_site_of(ptr);
  if (!info)
    return std::nullopt;
  SiteInfo out;
  detail::fill(out, *info);
  return out;
}

// SPEC §8: why traced memory differs from RSS, as the report prints it. Empty without the runtime.
inline std::string memory_report() {
  char *text = allocsite_memory_report();
  std::string out = detail::copy(text);
  allocsite_free(text);
  return out;
}

// PyTraceMalloc_Track / Untrack as a scope: traces [ptr, ptr+size) in `domain` for the object's
// lifetime, charged to the line that constructs it. Move-only.
class TrackedBlock {
public:
  TrackedBlock() = default;
  // The runtime charges the return address of its caller: this constructor is inlined and has no
  // line table of its own, so that the charged line is the one constructing the TrackedBlock.
  ALLOCSITE_HPP_CALLER_LINE TrackedBlock(unsigned domain, const void *ptr, std::size_t size)
      : domain_(domain), ptr_(reinterpret_cast<std::uintptr_t>(ptr)) {
    status_ = allocsite_track(domain_, ptr_, size);
  }
  TrackedBlock(TrackedBlock &&other) noexcept
      : domain_(other.domain_), ptr_(other.ptr_), status_(other.status_) {
    other.status_ = -2;
  }
  TrackedBlock &operator=(TrackedBlock &&other) noexcept {
    if (this != &other) {
      reset();
      domain_ = other.domain_;
      ptr_ = other.ptr_;
      status_ = other.status_;
      other.status_ = -2;
    }
    return *this;
  }
  TrackedBlock(const TrackedBlock &) = delete;
  TrackedBlock &operator=(const TrackedBlock &) = delete;
  ~TrackedBlock() { reset(); }

  // Whether allocsite_track accepted the block (false when not tracing).
  bool tracked() const { return status_ == 0; }
  // allocsite_track's result: 0, -1 (out of memory) or -2 (not tracing).
  int status() const { return status_; }
  // Untracks now.
  void reset() {
    if (status_ == 0)
      allocsite_untrack(domain_, ptr_);
    status_ = -2;
  }

private:
  unsigned domain_ = 0;
  std::uintptr_t ptr_ = 0;
  int status_ = -2;
};

} // namespace allocsite

#undef ALLOCSITE_HPP_CALLER_LINE

#endif // ALLOCSITE_ALLOCSITE_HPP
