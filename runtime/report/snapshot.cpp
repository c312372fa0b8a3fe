// runtime/report/snapshot.cpp - taking, filtering and freeing snapshots, and the peak snapshot: the
// per-site counters saved each time traced memory grows past its last saved high by 1/16 (at
// least 64 KiB), so the saved breakdown is the peak's to within that step, at a cost of
// O(sites x threads) per step and O(log(peak)) steps.
#include "report/report.h"

#include "alloc/alloc.h"
#include "base/base.h"

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
  s->named = true;
  if (!s->sites)
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
  v->via_module = own(s, v->via_module);
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

void site_info_from_view(const SiteView &v, allocsite_site_info *out) {
  memset(out, 0, sizeof(*out));
  out->file = v.file;
  out->line = v.line;
  out->column = v.column;
  out->function = v.function;
  out->kind = kind_name(v.kind);
  out->instrumented = v.instrumented;
  out->domain = v.domain;
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

// A taken snapshot's sums have their own mapping, and the last one given back is kept for the
// next snapshot: programs take snapshots one after another, and mapping, populating and unmapping
// 32 bytes per site each time was a third of a snapshot's cost. What is kept is O(active sites)
// (sites get ids when they first allocate).
SpinLock g_spare_lock;
SiteCounters *g_spare;
size_t g_spare_bytes;

// Room for n counters; every entry is overwritten by the caller, so reused memory is not cleared.
SiteCounters *sums_get(uint32_t n, size_t *bytes) {
  size_t need = page_round(sizeof(SiteCounters) * (n ? n : 1));
  {
    SpinLockGuard guard(g_spare_lock);
    if (g_spare && g_spare_bytes >= need) {
      SiteCounters *p = g_spare;
      *bytes = g_spare_bytes;
      g_spare = nullptr;
      return p;
    }
  }
  *bytes = need;
  return static_cast<SiteCounters *>(os_map_populated(need));
}

void sums_put(SiteCounters *p, size_t bytes) {
  if (!p)
    return;
  {
    SpinLockGuard guard(g_spare_lock);
    if (!g_spare || g_spare_bytes < bytes) { // keep the bigger one
      SiteCounters *old = g_spare;
      size_t old_bytes = g_spare_bytes;
      g_spare = p;
      g_spare_bytes = bytes;
      p = old;
      bytes = old_bytes;
    }
  }
  os_unmap(p, bytes);
}

// A snapshot of n sites' counters, filled in by collect(out, n).
template <typename Collect> allocsite_snapshot *snapshot_of(uint32_t n, Collect collect) {
  allocsite_snapshot *s = snapshot_new();
  if (!s)
    return nullptr;
  s->sums = sums_get(n, &s->sums_bytes);
  if (!s->sums) {
    snapshot_destroy(s);
    return nullptr;
  }
  s->sums_count = n;
  collect(s->sums, n);
  return s;
}

} // namespace

void snapshot_destroy(allocsite_snapshot *s) {
  if (!s)
    return;
  if (s->sums_bytes)
    sums_put(s->sums, s->sums_bytes);
  s->memory.release();
  os_unmap(s, sizeof(allocsite_snapshot));
}

allocsite_snapshot *snapshot_take() { return snapshot_of(site_count(), collect_site_counters); }

// The breakdown at the latest peak, exact with one thread (alloc/alloc.h, TallyChunk's epochs):
// each site's live figures then, no alloc_* counters.
allocsite_snapshot *snapshot_take_peak() {
  return snapshot_of(site_count(), collect_peak_site_counters);
}

} // namespace allocsite
