// runtime/report/hint.cpp - the report's one-line hint (issue #13): wrapper inference leaves a
// function's memory on its own line when the function does not check what it allocates, keeps it
// somewhere too, is listed as no wrapper, or is an allocator callback called through a pointer
// (Lua's l_alloc, which then holds every byte). When such a function holds at least half of the
// peak or of the live memory, the report names the option that charges it to its callers.
//
// `allocsite report` prints the same line from the JSON ("wrapper_candidate"), so what is counted
// here is what the JSON says: totals.peak_bytes and totals.live_bytes, and each site's figure at
// the peak and at exit (docs/report-format.md).
#include <string.h>

#include "alloc/alloc.h"
#include "base/base.h"
#include "report/report.h"

namespace allocsite {

namespace {

bool is_candidate(uint32_t id) {
  const allocsite_site *d = site_descriptor(id);
  uint32_t context_id, inner_id;
  // A composite is named by its context, the call in the function the memory is charged to.
  if (d && site_composite_parts(id, &context_id, &inner_id))
    d = site_descriptor(context_id);
  return d && (d->flags & ALLOCSITE_SITE_WRAPPER_CANDIDATE);
}

// One function's candidate sites: what they hold together, and the biggest of them, whose line
// the hint shows.
struct Holder {
  const SiteView *rep;
  int64_t rep_bytes;
  int64_t bytes;
};

bool same_function(const SiteView &a, const SiteView &b) {
  return strcmp(a.linkage_name, b.linkage_name) == 0 &&
         (a.file == b.file || (a.file && b.file && strcmp(a.file, b.file) == 0));
}

// Before in the hint's choice: more bytes, then the earlier line (equal runs, equal hints).
bool bigger(int64_t a_bytes, const SiteView &a, int64_t b_bytes, const SiteView &b) {
  if (a_bytes != b_bytes)
    return a_bytes > b_bytes;
  if (a.line != b.line)
    return a.line < b.line;
  return a.column < b.column;
}

// The function holding the most of `total` (bytes[i] for m.sites[i]), if it holds half of it.
const Holder *top_holder(const ReportModel &m, const int64_t *bytes, int64_t total,
                         Holder *holders) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < m.count; ++i) {
    const SiteView &v = m.sites[i];
    if (!v.wrapper_candidate || bytes[i] <= 0)
      continue;
    uint32_t k = 0;
    while (k < n && !same_function(*holders[k].rep, v))
      ++k;
    if (k == n)
      holders[n++] = {&v, bytes[i], 0};
    else if (bigger(bytes[i], v, holders[k].rep_bytes, *holders[k].rep))
      holders[k].rep = &v, holders[k].rep_bytes = bytes[i];
    holders[k].bytes += bytes[i];
  }
  const Holder *top = nullptr;
  for (uint32_t k = 0; k < n; ++k)
    if (!top || bigger(holders[k].bytes, *holders[k].rep, top->bytes, *top->rep))
      top = &holders[k];
  return top && total > 0 && 2 * top->bytes >= total ? top : nullptr;
}

} // namespace

void mark_wrapper_candidates(ReportModel *m) {
  // attribute=inner names sites by the frame the memory was allocated in, not the one the flag
  // describes.
  if (g_options.attribute[0] == 'i')
    return;
  for (uint32_t i = 0; i < m->count; ++i) {
    SiteView &v = m->sites[i];
    v.wrapper_candidate = v.instrumented && v.linkage_name && is_candidate(v.id);
  }
}

void write_wrapper_hint(Writer &w, const ReportModel &m) {
  bool any = false;
  for (uint32_t i = 0; i < m.count && !any; ++i)
    any = m.sites[i].wrapper_candidate;
  if (!any)
    return;
  Scratch scratch;
  int64_t *bytes = scratch.array<int64_t>(m.count);
  Holder *holders = scratch.array<Holder>(m.count);
  if (!bytes || !holders)
    return;
  // The peak first: most programs free nearly everything before they exit.
  const char *what = "the peak";
  int64_t total = m.totals.peak_bytes;
  const Holder *top = nullptr;
  if (allocsite_snapshot *peak = snapshot_take_peak()) {
    for (uint32_t i = 0; i < m.count; ++i) {
      uint32_t id = m.sites[i].id;
      bytes[i] = id < peak->sums_count ? peak->sums[id].live_bytes : 0;
    }
    snapshot_destroy(peak);
    top = top_holder(m, bytes, total, holders);
  }
  if (!top) {
    what = "live memory";
    total = m.totals.live_bytes;
    for (uint32_t i = 0; i < m.count; ++i)
      bytes[i] = m.sites[i].c.live_bytes;
    top = top_holder(m, bytes, total, holders);
  }
  if (!top)
    return;
  const SiteView &v = *top->rep;
  // Bytes are far below 2^64 / 100 (184 PB).
  uint64_t percent = 100 * static_cast<uint64_t>(top->bytes) / static_cast<uint64_t>(total);
  w.str("\nhint: ");
  write_function(w, v.function ? v.function : v.linkage_name);
  if (v.file) {
    w.str(" at ").str(v.file);
    if (v.line)
      w.chr(':').u64(v.line);
  }
  // "Add": cl::list options accumulate, so the wrappers declared already stay declared.
  w.str(" holds ").u64(percent).str("% of ").str(what).str(" (").size(top->bytes);
  w.str(") and returns the memory it allocates; to charge that memory to the lines that call it, "
        "add -allocsite-wrappers=");
  w.str(v.linkage_name).str(" to ALLOCSITE_PASS_OPTIONS and rebuild\n");
}

} // namespace allocsite
