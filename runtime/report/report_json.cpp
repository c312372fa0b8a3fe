// runtime/report/report_json.cpp - the machine-readable report (SPEC §6), schema version 1, documented in
// docs/report-format.md.
//
// One site per line: the file stays valid JSON, and also greps and diffs well. Every site with any
// activity is listed, ungrouped, by live bytes then id; grouping is the reader's choice.
#include <unistd.h>

#include "../live/live.h"
#include "report/report.h"
#include "base/base.h"

namespace allocsite {

namespace {

void key(Writer &w, const char *name) { w.chr('"').str(name).str("\": "); }

void num(Writer &w, const char *name, int64_t v, bool comma = true) {
  key(w, name);
  w.i64(v);
  if (comma)
    w.str(", ");
}

void text(Writer &w, const char *name, const char *v, bool comma = true) {
  key(w, name);
  w.json_str(v);
  if (comma)
    w.str(", ");
}

// "peak": the peak, and what each site held then (the breakdown saved as live memory grew toward
// it: see peak_snapshot_maybe_take for how close to the peak that is). On the line of "memory",
// with the timeline: the lines after it stay "sites" (one per site, then " ]}"), as before.
void write_peak(Writer &w, int64_t peak_bytes) {
  w.str(", \"peak\": {");
  num(w, "bytes", peak_bytes);
  w.str("\"sites\":[");
  allocsite_snapshot *s = snapshot_take_peak();
  uint32_t written = 0;
  if (s) {
    snapshot_ensure_names(s);
    for (uint32_t i = 0; i < s->count; ++i) {
      if (s->sites[i].c.live_bytes <= 0 && s->sites[i].c.live_blocks <= 0)
        continue;
      w.str(written++ ? ", " : "");
      write_json_site(w, s->sites[i], s->domains[i], true);
    }
  }
  w.str("]}");
  snapshot_destroy(s);
}

} // namespace

void write_json_site(Writer &w, const SiteView &v, unsigned domain, bool at_peak) {
  // Tracked sites always say their domain; other sites only when they have one (a snapshot's
  // domains travel separately from the view).
  bool with_domain = v.kind == ALLOCSITE_KIND_TRACKED || domain != 0;
  w.str(at_peak ? "{" : "  {");
  num(w, "id", v.id);
  text(w, "file", v.file);
  num(w, "line", v.line);
  num(w, "column", v.column);
  text(w, "function", v.function);
  text(w, "linkage_name", v.instrumented ? v.linkage_name : nullptr);
  text(w, "kind", kind_name(v.kind));
  key(w, "instrumented");
  w.str(v.instrumented ? "true, " : "false, ");
  num(w, "live_bytes", v.c.live_bytes);
  num(w, "live_blocks", v.c.live_blocks);
  if (!at_peak) {
    num(w, "alloc_bytes", v.c.alloc_bytes);
    num(w, "alloc_calls", v.c.alloc_calls);
    num(w, "free_calls", v.c.alloc_calls - v.c.live_blocks);
  }
  auto frames = [&](const char *name, const SourceFrame *list, uint32_t n) {
    key(w, name);
    w.chr('[');
    for (uint32_t i = 0; i < n; ++i) {
      const SourceFrame &f = list[i];
      w.str(i ? ", {" : "{");
      text(w, "file", f.file);
      text(w, "function", f.function);
      num(w, "line", f.line);
      num(w, "column", f.column, false);
      w.chr('}');
    }
    w.chr(']');
  };
  frames("inlined_at", v.inlined_at, v.inline_depth);
  if (v.via_depth) { // library code the memory was allocated in (SPEC §3), innermost first
    w.str(", ");
    frames("via", v.via, v.via_depth);
  }
  if (!v.instrumented) {
    w.str(", ");
    text(w, "module", v.module);
    key(w, "module_offset");
    w.chr('"').hex(v.module_offset).str("\", ");
    text(w, "symbol", v.linkage_name, with_domain);
  } else if (with_domain) {
    w.str(", ");
  }
  if (with_domain)
    num(w, "domain", domain, false);
  w.chr('}');
}

bool write_json_report(int fd) {
  MemoryBreakdown mb;
  Scratch scratch;
  ReportModel m;
  if (!report_begin(&mb, &m, &scratch))
    return false;
  Writer w(fd);
  const Totals &t = m.totals;
  w.str("{\"format\": \"allocsite\", \"version\": 1, ");
  num(w, "pid", getpid(), false);
  w.str(",\n \"totals\": {");
  num(w, "live_bytes", t.live_bytes);
  num(w, "live_blocks", t.live_blocks);
  num(w, "peak_bytes", t.peak_bytes);
  num(w, "alloc_calls", t.alloc_calls);
  num(w, "free_calls", t.free_calls);
  num(w, "alloc_bytes", t.alloc_bytes, false);
  w.str("},\n \"memory\": {");
  num(w, "traced_bytes", mb.traced_bytes);
  num(w, "live_blocks", mb.live_blocks);
  num(w, "header_bytes", mb.header_bytes);
  key(w, "have_mallinfo");
  w.str(mb.have_mallinfo ? "true, " : "false, ");
  num(w, "allocator_in_use", mb.allocator_in_use);
  num(w, "allocator_overhead", mb.allocator_overhead);
  num(w, "allocator_free_kept", mb.allocator_free_kept);
  num(w, "allocator_arena", mb.allocator_arena);
  num(w, "allocator_mmapped", mb.allocator_mmapped);
  num(w, "runtime_bytes", mb.runtime_bytes);
  num(w, "other_rss", mb.other_rss);
  num(w, "rss_bytes", mb.rss_bytes, false);
  w.chr('}');
  // Before "sites", which ends the report as it always has.
  write_peak(w, t.peak_bytes);
  live_write_timeline(w);
  w.str(",\n \"sites\": [");
  for (uint32_t i = 0; i < m.count; ++i) {
    w.str(i ? ",\n" : "\n");
    write_json_site(w, m.sites[i], m.sites[i].domain);
  }
  w.str(m.count ? "\n ]}\n" : "]}\n");
  w.flush();
  return !w.failed();
}

} // namespace allocsite
