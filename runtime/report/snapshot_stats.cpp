// runtime/report/snapshot_stats.cpp - Snapshot.statistics, compare_to and filter_traces over a
// snapshot's sites. Grouping sorts the sites by the key and merges equal neighbours, so that a
// loaded snapshot (whose sites have no runtime ids) groups and compares exactly as a live one.
#define ALLOCSITE_RUNTIME_BUILD 1
#include "allocsite/allocsite.h"

#include "alloc/alloc.h"
#include "report/report.h"

#include <string.h>

using namespace allocsite;

namespace allocsite {

// fnmatch(3) without FNM_PATHNAME: '*' and '?' also match '/', as in tracemalloc's Filter.
bool glob_match(const char *pattern, const char *text) {
  const char *star = nullptr, *resume = nullptr;
  while (*text) {
    if (*pattern == '?' || (*pattern && *pattern != '*' && *pattern == *text)) {
      pattern++;
      text++;
    } else if (*pattern == '*') {
      star = pattern++;
      resume = text;
    } else if (star) {
      pattern = star + 1;
      text = ++resume;
    } else {
      return false;
    }
  }
  while (*pattern == '*')
    pattern++;
  return !*pattern;
}

} // namespace allocsite

namespace {

GroupBy group_by_of(allocsite_key_type key) {
  switch (key) {
  case ALLOCSITE_BY_SITE:
    return GroupBy::SITE;
  case ALLOCSITE_BY_FILE:
    return GroupBy::FILE;
  case ALLOCSITE_BY_FUNCTION:
    return GroupBy::FUNCTION;
  case ALLOCSITE_BY_LINE:
    break;
  }
  return GroupBy::LINE;
}

// What a row shows of its representative (the group's biggest site): the fields of its key, and
// its function, domain and whether it is instrumented as names (not part of a line's key).
void project(allocsite_site_info *info, const GroupKey &k, GroupBy g) {
  if (g == GroupBy::SITE)
    return;
  allocsite_site_info full = *info;
  memset(info, 0, sizeof(*info));
  info->file = k.file;
  info->line = k.line;
  info->function = g == GroupBy::FILE ? k.function : full.function;
  info->module = k.module;
  info->module_offset = k.offset;
  if (k.module)
    info->kind = full.kind; // code known only by its address: say what kind of site it is
  info->instrumented = full.instrumented;
  info->domain = full.domain;
}

// The order of rows that are otherwise equal: by what they show.
int compare_infos(const allocsite_site_info &a, const allocsite_site_info &b) {
  int c;
  if ((c = compare_names(a.file, b.file)) || (c = compare_numbers(a.line, b.line)) ||
      (c = compare_numbers(a.column, b.column)) || (c = compare_names(a.function, b.function)) ||
      (c = compare_names(a.kind, b.kind)) || (c = compare_numbers(a.domain, b.domain)) ||
      (c = compare_names(a.module, b.module)) ||
      (c = compare_numbers(a.module_offset, b.module_offset)) ||
      (c = compare_numbers(a.instrumented, b.instrumented)))
    return c;
  return 0;
}

struct Row {
  GroupKey key;
  allocsite_statistic stat;
};

// Grouped statistics of `s` by `key` (grouping.cpp), sorted by key, in scratch memory; count in
// *n.
Row *group(const allocsite_snapshot *s, allocsite_key_type key, Scratch *scratch, size_t *n) {
  *n = 0;
  snapshot_ensure_names(s);
  if (!s || !s->count)
    return nullptr;
  auto *infos = scratch->array<allocsite_site_info>(s->count);
  auto **order = scratch->array<const SiteView *>(s->count);
  auto *groups = scratch->array<SiteGroup>(s->count);
  auto *rows = scratch->array<Row>(s->count);
  if (!infos || !order || !groups || !rows)
    return nullptr;
  // A row shows its biggest site's names; among equal sizes, the first by what they show, so that
  // a live snapshot and its dump->load (whose sites have no runtime ids) agree.
  for (uint32_t i = 0; i < s->count; i++) {
    site_info_from_view(s->sites[i], &infos[i]);
    order[i] = &s->sites[i];
  }
  const SiteView *base = s->sites;
  heap_sort(order, s->count, [&](const SiteView *a, const SiteView *b) {
    if (a->c.live_bytes != b->c.live_bytes) // as the rows' size: unsigned
      return uint64_t(a->c.live_bytes) > uint64_t(b->c.live_bytes);
    return compare_infos(infos[a - base], infos[b - base]) < 0;
  });
  GroupBy g = group_by_of(key);
  uint32_t count = group_sites(order, s->count, g, groups);
  for (uint32_t i = 0; i < count; i++) {
    const SiteGroup &grp = groups[i];
    rows[i].key = grp.key;
    rows[i].stat.key = infos[grp.rep - base];
    project(&rows[i].stat.key, grp.key, g);
    rows[i].stat.size = uint64_t(grp.c.live_bytes);
    rows[i].stat.count = uint64_t(grp.c.live_blocks);
    rows[i].stat.alloc_bytes = uint64_t(grp.c.alloc_bytes);
    rows[i].stat.alloc_calls = uint64_t(grp.c.alloc_calls);
  }
  *n = count;
  return rows;
}

template <typename T> T abs_value(T v) { return v < 0 ? -v : v; }

bool frame_matches(const allocsite_filter &f, const char *file, unsigned line) {
  if (f.filename_pattern && !glob_match(f.filename_pattern, file ? file : ""))
    return false;
  return !f.lineno || f.lineno == line;
}

bool filter_matches(const allocsite_filter &f, const SiteView &v) {
  if (f.by_domain)
    return v.domain == f.domain;
  if (frame_matches(f, v.file, v.line))
    return true;
  if (f.all_frames)
    for (uint32_t i = 0; i < v.inline_depth; i++)
      if (frame_matches(f, v.inlined_at[i].file, v.inlined_at[i].line))
        return true;
  return false;
}

bool kept(const allocsite_filter *filters, size_t n, const SiteView &v) {
  bool any_inclusive = false, included = false;
  for (size_t i = 0; i < n; i++) {
    bool match = filter_matches(filters[i], v);
    if (filters[i].inclusive) {
      any_inclusive = true;
      included |= match;
    } else if (match) {
      return false;
    }
  }
  return !any_inclusive || included;
}

template <typename T> T *copy_out(const T *rows, size_t n) {
  auto *out = static_cast<T *>(api_alloc(sizeof(T) * (n ? n : 1)));
  if (out && n)
    memcpy(out, rows, sizeof(T) * n);
  return out;
}

} // namespace

AS_INTERFACE size_t allocsite_snapshot_statistics(const allocsite_snapshot *s,
                                                  allocsite_key_type key,
                                                  allocsite_statistic **out) {
  if (out)
    *out = nullptr;
  Scratch scratch;
  size_t n;
  Row *rows = group(s, key, &scratch, &n);
  if (!rows || !out)
    return 0;
  auto *stats = scratch.array<allocsite_statistic>(n);
  if (!stats)
    return 0;
  for (size_t i = 0; i < n; i++)
    stats[i] = rows[i].stat;
  heap_sort(stats, n, [](const allocsite_statistic &a, const allocsite_statistic &b) {
    if (a.size != b.size)
      return a.size > b.size;
    if (a.count != b.count)
      return a.count > b.count;
    return compare_infos(a.key, b.key) < 0;
  });
  *out = copy_out(stats, n);
  return *out ? n : 0;
}

AS_INTERFACE size_t allocsite_snapshot_compare_to(const allocsite_snapshot *s,
                                                  const allocsite_snapshot *old,
                                                  allocsite_key_type key,
                                                  allocsite_statistic_diff **out) {
  if (out)
    *out = nullptr;
  Scratch scratch;
  size_t n_new, n_old;
  Row *now = group(s, key, &scratch, &n_new);
  Row *before = group(old, key, &scratch, &n_old);
  auto *diffs = scratch.array<allocsite_statistic_diff>(n_new + n_old ? n_new + n_old : 1);
  if (!diffs || !out)
    return 0;
  size_t i = 0, j = 0, n = 0;
  while (i < n_new || j < n_old) {
    int c = i == n_new ? 1 : j == n_old ? -1 : compare_group_keys(now[i].key, before[j].key);
    allocsite_statistic_diff &d = diffs[n++];
    const allocsite_statistic *a = c <= 0 ? &now[i].stat : nullptr;
    const allocsite_statistic *b = c >= 0 ? &before[j].stat : nullptr;
    d.key = a ? a->key : b->key;
    d.size = a ? a->size : 0;
    d.count = a ? a->count : 0;
    d.size_diff = int64_t(d.size) - int64_t(b ? b->size : 0);
    d.count_diff = int64_t(d.count) - int64_t(b ? b->count : 0);
    i += c <= 0;
    j += c >= 0;
  }
  // tracemalloc: sort(reverse=True, key=(abs(size_diff), size, abs(count_diff), count, traceback))
  heap_sort(diffs, n, [](const allocsite_statistic_diff &a, const allocsite_statistic_diff &b) {
    if (abs_value(a.size_diff) != abs_value(b.size_diff))
      return abs_value(a.size_diff) > abs_value(b.size_diff);
    if (a.size != b.size)
      return a.size > b.size;
    if (abs_value(a.count_diff) != abs_value(b.count_diff))
      return abs_value(a.count_diff) > abs_value(b.count_diff);
    if (a.count != b.count)
      return a.count > b.count;
    return compare_infos(a.key, b.key) < 0;
  });
  *out = copy_out(diffs, n);
  return *out ? n : 0;
}

AS_INTERFACE allocsite_snapshot *allocsite_snapshot_filter_traces(const allocsite_snapshot *s,
                                                                  const allocsite_filter *filters,
                                                                  size_t count) {
  allocsite_snapshot *out = snapshot_new();
  snapshot_ensure_names(s);
  if (out)
    out->named = true;
  if (!out || !s || !s->count)
    return out;
  out->sites = out->memory.array<SiteView>(s->count);
  if (!out->sites) {
    snapshot_destroy(out);
    return nullptr;
  }
  // Names stay valid: they point into the source snapshot's memory or the runtime's, so the
  // filtered snapshot copies the strings it keeps.
  for (uint32_t i = 0; i < s->count; i++) {
    if (!kept(filters, filters ? count : 0, s->sites[i]))
      continue;
    out->sites[out->count] = s->sites[i];
    snapshot_own_names(out, &out->sites[out->count]);
    out->count++;
  }
  return out;
}

AS_INTERFACE uint64_t allocsite_snapshot_total(const allocsite_snapshot *s, uint64_t *blocks) {
  uint64_t bytes = 0, count = 0;
  if (s && !s->named) {
    for (uint32_t id = 1; id < s->sums_count; id++) {
      bytes += uint64_t(s->sums[id].live_bytes);
      count += uint64_t(s->sums[id].live_blocks);
    }
  }
  for (uint32_t i = 0; s && s->named && i < s->count; i++) {
    bytes += uint64_t(s->sites[i].c.live_bytes);
    count += uint64_t(s->sites[i].c.live_blocks);
  }
  if (blocks)
    *blocks = count;
  return bytes;
}

AS_INTERFACE allocsite_snapshot *allocsite_take_snapshot(void) {
  if (!runtime_tracking())
    return nullptr;
  return snapshot_take();
}

AS_INTERFACE allocsite_snapshot *allocsite_take_peak_snapshot(void) {
  if (!runtime_tracking())
    return nullptr;
  return snapshot_take_peak();
}

AS_INTERFACE void allocsite_snapshot_free(allocsite_snapshot *s) { snapshot_destroy(s); }
