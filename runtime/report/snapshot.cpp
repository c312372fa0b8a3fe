// runtime/report/snapshot.cpp - taking, filtering and freeing snapshots, and the peak snapshot: the
// per-site counters saved each time traced memory grows past its last saved high by 1/16 (at
// least 64 KiB), so the saved breakdown is the peak's to within that step, at a cost of
// O(sites x threads) per step and O(log(peak)) steps.
#include "report/report.h"

#include "base/base.h"
#include "alloc/alloc.h"

#include <string.h>
#include <sys/mman.h>

namespace allocsite {

allocsite_snapshot *snapshot_new() {
  // Mapped memory is zeroed, which is an empty snapshot with an empty Scratch.
  return static_cast<allocsite_snapshot *>(os_map(sizeof(allocsite_snapshot)));
}

void snapshot_ensure_names(const allocsite_snapshot *snapshot) {
  if (!snapshot || snapshot->named)
    return;
  auto *s = const_cast<allocsite_snapshot *>(snapshot);
  uint32_t active = 0;
  for (uint32_t id = 1; id < s->sums_count; id++)
    active += s->sums[id].alloc_calls != 0 || has_live(s->sums[id]);
  s->sites = s->memory.array<SiteView>(active ? active : 1);
  s->domains = s->memory.array<unsigned>(active ? active : 1);
  s->named = true;
  if (!s->sites || !s->domains)
    return; // out of memory: an empty snapshot rather than a crash
  for (uint32_t id = 1; id < s->sums_count && s->count < active; id++) {
    const SiteCounters &c = s->sums[id];
    if (c.alloc_calls == 0 && !has_live(c))
      continue;
    s->sites[s->count].id = id;
    s->sites[s->count].c = c;
    s->count++;
  }
  // Dynamic sites (also those inside composites) are symbolized in one batch (one llvm-symbolizer
  // process), before naming.
  if (s->count) {
    Scratch scratch;
    if (auto *ids = scratch.array<uint32_t>(s->count)) {
      for (uint32_t i = 0; i < s->count; i++)
        ids[i] = s->sites[i].id;
      symbolize_for_naming(ids, s->count, &scratch);
    }
  }
  for (uint32_t i = 0; i < s->count; i++) {
    SiteView &v = s->sites[i];
    SiteCounters c = v.c;
    site_view_name(&v, &s->memory);
    v.c = c;
    DynamicSiteInfo info;
    s->domains[i] = site_dynamic_info(v.id, &info) ? info.domain : 0;
  }
}

namespace {

const char *own(allocsite_snapshot *s, const char *str) {
  if (!str)
    return nullptr;
  size_t n = strlen(str);
  char *copy = static_cast<char *>(s->memory.alloc(n + 1, 1));
  if (!copy)
    return str;
  memcpy(copy, str, n + 1);
  return copy;
}

} // namespace

void snapshot_own_names(allocsite_snapshot *s, SiteView *v) {
  v->file = own(s, v->file);
  v->function = own(s, v->function);
  v->linkage_name = own(s, v->linkage_name);
  v->module = own(s, v->module);
  if (v->via_depth) {
    SourceFrame *via = s->memory.array<SourceFrame>(v->via_depth);
    if (!via) {
      v->via_depth = 0;
    } else {
      for (uint32_t i = 0; i < v->via_depth; i++)
        via[i] = {own(s, v->via[i].file), own(s, v->via[i].function), v->via[i].line,
                  v->via[i].column};
      v->via = via;
    }
  }
  if (v->inline_depth) {
    SourceFrame *frames = s->memory.array<SourceFrame>(v->inline_depth);
    if (!frames) {
      v->inline_depth = 0;
      v->inlined_at = nullptr;
      return;
    }
    for (uint32_t i = 0; i < v->inline_depth; i++)
      frames[i] = {own(s, v->inlined_at[i].file), own(s, v->inlined_at[i].function),
                   v->inlined_at[i].line, v->inlined_at[i].column};
    v->inlined_at = frames;
  }
}

void site_info_from_view(const SiteView &v, unsigned domain, allocsite_site_info *out) {
  memset(out, 0, sizeof(*out));
  out->file = v.file;
  out->line = v.line;
  out->column = v.column;
  out->function = v.function;
  out->kind = kind_name(v.kind);
  out->instrumented = v.instrumented;
  out->domain = domain;
  out->module = v.instrumented ? nullptr : v.module;
  out->module_offset = v.instrumented ? 0 : v.module_offset;
  out->inline_depth = v.inline_depth;
  static_assert(sizeof(SourceFrame) == sizeof(allocsite_frame), "same layout");
  out->inlined_at = reinterpret_cast<const allocsite_frame *>(v.inlined_at);
  if (v.via_depth) {
    out->via_file = v.via[0].file;
    out->via_line = v.via[0].line;
    out->via_function = v.via[0].function;
  }
}

namespace {

// Counters for every site: an os_map'd array, freed by the caller with os_unmap.
// A snapshot of counters[0..n) (index = site id), or of the live counters when counters is null.
allocsite_snapshot *snapshot_from(const SiteCounters *counters, uint32_t n) {
  allocsite_snapshot *s = snapshot_new();
  if (!s)
    return nullptr;
  s->sums = s->memory.array<SiteCounters>(n ? n : 1);
  if (!s->sums) {
    snapshot_destroy(s);
    return nullptr;
  }
  s->sums_count = n;
  if (counters)
    memcpy(s->sums, counters, sizeof(SiteCounters) * n);
  else
    collect_site_counters(s->sums, n);
  return s;
}

// The peak snapshot's saved counters.
SpinLock g_peak_lock;
SiteCounters *g_peak_counters;
size_t g_peak_bytes_mapped;
uint32_t g_peak_count;

} // namespace

int64_t g_peak_snapshot_next;

void snapshot_destroy(allocsite_snapshot *s) {
  if (!s)
    return;
  s->memory.release();
  os_unmap(s, sizeof(allocsite_snapshot));
}

void peak_snapshot_maybe_take(int64_t current) {
  if (current < __atomic_load_n(&g_peak_snapshot_next, __ATOMIC_RELAXED))
    return;
  SpinLockGuard guard(g_peak_lock);
  uint32_t n = site_count();
  size_t bytes = (sizeof(SiteCounters) * n + 4095) & ~size_t(4095);
  if (bytes > g_peak_bytes_mapped) {
    os_unmap(g_peak_counters, g_peak_bytes_mapped);
    g_peak_bytes_mapped = bytes * 2;
    g_peak_counters = static_cast<SiteCounters *>(os_map(g_peak_bytes_mapped));
    if (!g_peak_counters) {
      g_peak_bytes_mapped = 0;
      return;
    }
  }
  collect_site_counters(g_peak_counters, n);
  g_peak_count = n;
  // The next breakdown when live memory has grown by a sixteenth more, and by at least 64 bytes per
  // site (a copy costs O(sites x threads)): the saved breakdown lacks at most that step of the
  // peak, for O(log(peak)) copies of the counters.
  int64_t step = current / 16;
  if (step < int64_t(n) * 64)
    step = int64_t(n) * 64;
  __atomic_store_n(&g_peak_snapshot_next, current + step, __ATOMIC_RELAXED);
}

void peak_snapshot_reset() {
  SpinLockGuard guard(g_peak_lock);
  g_peak_count = 0;
  __atomic_store_n(&g_peak_snapshot_next, int64_t(0), __ATOMIC_RELAXED);
}

allocsite_snapshot *snapshot_take() {
  return snapshot_from(nullptr, site_count());
}

allocsite_snapshot *snapshot_take_peak() {
  // At the peak now (a program that ends holding its peak): the current counters are the exact
  // breakdown, where the saved one may be a step behind.
  if (traced_bytes_now() >= traced_peak_now())
    return snapshot_take();
  uint32_t n;
  SiteCounters *copy;
  size_t bytes;
  {
    SpinLockGuard guard(g_peak_lock);
    n = g_peak_count;
    bytes = (sizeof(SiteCounters) * (n ? n : 1) + 4095) & ~size_t(4095);
    copy = static_cast<SiteCounters *>(os_map(bytes));
    if (!copy)
      return nullptr;
    if (n)
      memcpy(copy, g_peak_counters, sizeof(SiteCounters) * n);
  }
  allocsite_snapshot *s = snapshot_from(copy, n);
  os_unmap(copy, bytes);
  return s;
}

} // namespace allocsite
