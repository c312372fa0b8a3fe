// runtime/report/report_text.cpp - the human-readable report (SPEC §6): totals, the RSS
// reconciliation (§8), then the top sites by live bytes in the spirit of tracemalloc's display_top.
//
// Sites are grouped by ALLOCSITE_OPTIONS group_by (tracemalloc's key_type: line by default), sorted
// by live bytes, then bytes allocated, then location, so equal runs print equal reports.
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "report/report.h"

namespace allocsite {

namespace {

GroupBy group_by() {
  const char *g = g_options.group_by ? g_options.group_by : "line";
  if (strcmp(g, "site") == 0)
    return GroupBy::SITE;
  if (strcmp(g, "file") == 0)
    return GroupBy::FILE;
  if (strcmp(g, "function") == 0)
    return GroupBy::FUNCTION;
  return GroupBy::LINE;
}

using Group = SiteGroup;

// Groups of `sites` (ordered by live bytes, so that each group is named by its biggest site),
// biggest first. without_pool: as the ranked list has them, without libstdc++'s exception pool,
// which has a line of its own. Every active site joins its group, so a line's call counts include
// its sites that hold nothing now; groups holding nothing are left out when printing.
uint32_t build_groups(const SiteView *sites, uint32_t n, GroupBy g, Group *groups, Scratch *scratch,
                      bool without_pool = false) {
  auto **order = scratch->array<const SiteView *>(n ? n : 1);
  if (!order)
    return 0;
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; ++i)
    if (!without_pool || !sites[i].exception_pool)
      order[k++] = &sites[i];
  uint32_t out = group_sites(order, k, g, groups);
  heap_sort(groups, out, [](const Group &a, const Group &b) {
    if (a.c.live_bytes != b.c.live_bytes)
      return a.c.live_bytes > b.c.live_bytes;
    if (a.c.alloc_bytes != b.c.alloc_bytes)
      return a.c.alloc_bytes > b.c.alloc_bytes;
    return compare_group_keys(a.key, b.key) < 0;
  });
  return out;
}

// "1 block" / "2 blocks".
void count(Writer &w, int64_t n, const char *one, const char *many) {
  w.i64(n).chr(' ').str(n == 1 ? one : many);
}

void write_code_address(Writer &w, const SiteView &v) {
  if (v.module)
    w.str(base_name(v.module)).chr('+').hex(v.module_offset);
  else
    w.str("<unknown module>");
}

// " [uninstrumented: libx.so+0x1234]" / " [tracked, domain 3: prog+0x1234]": where a site named
// by a code address comes from. `address` false leaves the address out (it was printed already).
void write_origin(Writer &w, const SiteView &v, bool address) {
  if (v.kind == ALLOCSITE_KIND_TRACKED)
    w.str(" [tracked, domain ").u64(v.domain);
  else if (address)
    w.str(" [uninstrumented");
  else
    return;
  if (address) {
    w.str(": ");
    write_code_address(w, v);
  }
  w.chr(']');
}

// "file:line: function()" and friends, per grouping mode (the formats are in
// docs/report-format.md).
void write_location(Writer &w, const Group &grp, GroupBy g) {
  const SiteView &v = *grp.rep;
  if (!v.instrumented && !v.symbolized) {
    // file mode: the module is the "file" of code without debug info.
    if (g == GroupBy::FILE) {
      w.str(v.module ? v.module : "<unknown module>");
      return;
    }
    write_code_address(w, v);
    if (v.function)
      w.str(" (").str(v.function).chr(')');
    write_origin(w, v, false);
    return;
  }
  bool any = false;
  if (grp.key.file || (g == GroupBy::FILE && v.file)) {
    w.str(v.file);
    if (g != GroupBy::FILE && g != GroupBy::FUNCTION && v.line) {
      w.chr(':').u64(v.line);
      if (g == GroupBy::SITE && v.column)
        w.chr(':').u64(v.column);
    }
    any = true;
  }
  if (g != GroupBy::FILE) {
    if (any)
      w.str(": ");
    write_function(w, v.function);
    any = true;
  } else if (!any) {
    w.str("<unknown file>");
  }
  if (!v.instrumented && g != GroupBy::FILE) {
    write_origin(w, v, true);
  } else if (g == GroupBy::SITE) {
    w.str(" [").str(kind_name(v.kind)).chr(']');
  }
}

// Source files read once per report, into scratch memory.
struct SourceFile {
  const char *path;
  const char *data; // nullptr when unreadable
  size_t len;
  SourceFile *next;
};

const SourceFile *load_source(const char *path, SourceFile **cache, Scratch *s) {
  for (SourceFile *f = *cache; f; f = f->next)
    if (strcmp(f->path, path) == 0)
      return f;
  auto *f = s->array<SourceFile>(1);
  if (!f)
    return nullptr;
  f->path = path;
  f->next = *cache;
  *cache = f;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return f;
  struct stat st;
  constexpr off_t kMaxSource = off_t(64) << 20;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= kMaxSource) {
    char *data = static_cast<char *>(s->alloc(static_cast<size_t>(st.st_size) + 1, 1));
    size_t len = 0;
    while (data && len < static_cast<size_t>(st.st_size)) {
      ssize_t got = read(fd, data + len, static_cast<size_t>(st.st_size) - len);
      if (got <= 0)
        break;
      len += static_cast<size_t>(got);
    }
    if (data) {
      f->data = data;
      f->len = len;
    }
  }
  close(fd);
  return f;
}

// Prints "    <line without indentation>\n" when the file is readable and the line not blank.
void write_source_line(Writer &w, const SiteView &v, SourceFile **cache, Scratch *s) {
  if (!v.file || !v.line)
    return;
  const SourceFile *f = load_source(v.file, cache, s);
  if (!f || !f->data)
    return;
  const char *p = f->data, *end = f->data + f->len;
  for (uint32_t line = 1; line < v.line && p < end; ++p)
    if (*p == '\n')
      ++line;
  while (p < end && (*p == ' ' || *p == '\t'))
    ++p;
  const char *eol = p;
  while (eol < end && *eol != '\n')
    ++eol;
  while (eol > p && (eol[-1] == '\r' || eol[-1] == ' ' || eol[-1] == '\t'))
    --eol;
  if (eol > p)
    w.str("    ").str(p, static_cast<size_t>(eol - p)).chr('\n');
}

// "    inlined at file:line: caller()" per frame the call was inlined into, innermost first: the
// line above names the inlined function, these say which call of it this is.
// "via f() at file:line": where in library code the memory was allocated (SPEC §3).
void write_via(Writer &w, const SiteView &v) {
  if (!v.via_depth)
    return;
  const SourceFrame &f = v.via[0];
  w.str("    via ");
  write_function(w, f.function);
  if (f.file) {
    w.str(" at ").str(f.file);
    if (f.line)
      w.chr(':').u64(f.line);
  }
  w.chr('\n');
}

void write_inline_chain(Writer &w, const SiteView &v) {
  for (uint32_t i = 0; i < v.inline_depth; ++i) {
    const SourceFrame &f = v.inlined_at[i];
    w.str("    inlined at ");
    if (f.file) {
      w.str(f.file);
      if (f.line)
        w.chr(':').u64(f.line);
      w.str(": ");
    }
    write_function(w, f.function);
    w.chr('\n');
  }
}

void write_memory(Writer &w, const MemoryBreakdown &mb) {
  auto row = [&](const char *label, int64_t value) {
    w.str("  ").str(label);
    for (size_t n = strlen(label); n < 24; ++n)
      w.chr(' ');
    w.chr(' ').size(value);
  };
  w.str("memory (why traced != RSS):\n");
  row("traced (requested)", mb.traced_bytes), w.chr('\n');
  row("+ block headers", mb.header_bytes), w.chr('\n');
  if (mb.have_mallinfo) {
    row("+ allocator overhead", mb.allocator_overhead), w.chr('\n');
    row("= allocator in use", mb.allocator_in_use), w.chr('\n');
    row("+ allocator free, kept", mb.allocator_free_kept), w.chr('\n');
  } else {
    w.str("  (no allocator figures: malloc is not glibc's)\n");
  }
  row("+ runtime's own memory", mb.runtime_bytes), w.chr('\n');
  row(mb.have_mallinfo ? "+ code, stacks, data" : "+ allocator, code, stacks", mb.other_rss);
  w.str(mb.other_rss < 0 ? " (heap pages not resident)\n" : "\n");
  row("= RSS", mb.rss_bytes), w.chr('\n');
}

} // namespace

void report_write_memory_text(int fd) {
  MemoryBreakdown mb;
  collect_memory_breakdown(&mb);
  Writer w(fd);
  write_memory(w, mb);
}

// The groups at the peak, biggest first, printed when their order differs from the one at exit
// (most programs free almost everything before exit: what held the peak is the question then).
// The same groups as at exit, with what each held in the breakdown saved at the peak.
void write_peak_groups(Writer &w, const ReportModel &m, GroupBy g, const Group *at_exit,
                       uint32_t exit_count, uint64_t limit, Scratch &scratch) {
  allocsite_snapshot *peak = snapshot_take_peak();
  if (!peak)
    return;
  SiteView *sites = scratch.array<SiteView>(m.count ? m.count : 1);
  Group *groups = scratch.array<Group>(m.count ? m.count : 1);
  if (!sites || !groups) {
    snapshot_destroy(peak);
    return;
  }
  // The peak snapshot's counters under the names the report already made.
  for (uint32_t i = 0; i < m.count; ++i) {
    sites[i] = m.sites[i];
    uint32_t id = m.sites[i].id;
    sites[i].c = id < peak->sums_count ? peak->sums[id] : SiteCounters{};
    // Live figures only, as the JSON's "peak" has them: groups tie on their key alone, so that
    // `allocsite report` orders them the same from the JSON.
    sites[i].c.alloc_bytes = sites[i].c.alloc_calls = 0;
  }
  snapshot_destroy(peak);
  heap_sort(sites, m.count, [](const SiteView &a, const SiteView &b) {
    return a.c.live_bytes != b.c.live_bytes ? a.c.live_bytes > b.c.live_bytes : a.id < b.id;
  });
  uint32_t n = build_groups(sites, m.count, g, groups, &scratch);
  uint32_t shown = 0, exit_live = 0;
  while (shown < n && shown < limit && groups[shown].c.live_bytes > 0)
    shown++;
  while (exit_live < exit_count && exit_live < limit && at_exit[exit_live].c.live_bytes > 0)
    exit_live++;
  bool same = shown == exit_live;
  for (uint32_t i = 0; same && i < shown; ++i)
    same = compare_group_keys(groups[i].key, at_exit[i].key) == 0;
  if (same)
    return;
  w.str("\ntop sites at the peak (").size(m.totals.peak_bytes).str("):\n");
  for (uint32_t i = 0; i < shown; ++i) {
    w.chr('#').u64(i + 1).str(": ");
    write_location(w, groups[i], g);
    w.str(": ").size(groups[i].c.live_bytes).str(" in ");
    count(w, groups[i].c.live_blocks, "block", "blocks");
    w.chr('\n');
  }
}

bool write_text_report(int fd) {
  MemoryBreakdown mb;
  ReportModel m;
  if (!report_begin(&mb, &m, /*marked=*/true))
    return false;
  Scratch scratch;
  Writer w(fd);
  const Totals &t = m.totals;
  uint32_t live_sites = 0;
  for (uint32_t i = 0; i < m.count; ++i)
    live_sites += has_live(m.sites[i].c);

  w.str("allocsite report (pid ").i64(getpid()).str("): ");
  count(w, live_sites, "site", "sites");
  w.str(" with live memory\n");
  w.str("live: ").size(t.live_bytes).str(" in ");
  count(w, t.live_blocks, "block", "blocks");
  w.str("   peak: ").size(t.peak_bytes).chr('\n');
  w.str("calls: ");
  count(w, t.alloc_calls, "allocation", "allocations");
  w.str(" (").size(t.alloc_bytes).str("), ");
  count(w, t.free_calls, "free", "frees");
  w.str("\n\n");
  write_memory(w, mb);

  GroupBy g = group_by();
  Group *groups = scratch.array<Group>(m.count ? m.count : 1);
  Group *ranked = scratch.array<Group>(m.count ? m.count : 1);
  if (!groups || !ranked) {
    diag("out of memory while writing the report");
    return false;
  }
  // The peak section compares its order with every group's, the pool's included (as the CLI does
  // from the JSON); the list below leaves the pool out.
  uint32_t ngroups = build_groups(m.sites, m.count, g, groups, &scratch);
  uint32_t nranked = build_groups(m.sites, m.count, g, ranked, &scratch, true);
  w.str("\ntop sites by live memory (grouped by ").str(g_options.group_by).str("):\n");
  SourceFile *cache = nullptr;
  uint64_t limit = g_options.top > 0 ? static_cast<uint64_t>(g_options.top) : UINT64_MAX;
  uint64_t listed = 0, other_sites = 0;
  int64_t other_bytes = 0, total = 0;
  for (uint32_t i = 0; i < nranked; ++i) {
    const Group &grp = ranked[i];
    if (!has_live(grp.c))
      continue;
    total += grp.c.live_bytes;
    if (listed >= limit || grp.c.live_bytes < g_options.min_size) {
      other_sites += grp.sites;
      other_bytes += grp.c.live_bytes;
      continue;
    }
    w.chr('#').u64(++listed).str(": ");
    write_location(w, grp, g);
    w.str(": ").size(grp.c.live_bytes).str(" in ");
    count(w, grp.c.live_blocks, "block", "blocks");
    w.str(" (alloc: ");
    count(w, grp.c.alloc_calls, "call", "calls");
    w.str(", ").size(grp.c.alloc_bytes).str(")\n");
    if (g == GroupBy::LINE || g == GroupBy::SITE) {
      if (g_options.source)
        write_source_line(w, *grp.rep, &cache, &scratch);
      write_inline_chain(w, *grp.rep);
      write_via(w, *grp.rep);
    }
  }
  if (other_sites) {
    count(w, static_cast<int64_t>(other_sites), "other site", "other sites");
    w.str(": ").size(other_bytes).chr('\n');
  }
  // Neither ranked nor hidden among the other sites: still part of what is live.
  for (uint32_t i = 0; i < m.count; ++i) {
    const SiteView &v = m.sites[i];
    if (!v.exception_pool)
      continue;
    total += v.c.live_bytes;
    w.str("libstdc++ emergency exception pool (");
    write_code_address(w, v);
    w.str("): ").size(v.c.live_bytes).str(", reserved at start-up\n");
  }
  w.str("Total live: ").size(total).chr('\n');
  write_peak_groups(w, m, g, groups, ngroups, limit, scratch);
  write_wrapper_hint(w, m);
  w.flush();
  return !w.failed();
}

} // namespace allocsite
