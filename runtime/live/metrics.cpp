// runtime/live/metrics.cpp - Prometheus text exposition (format 0.0.4) for fleets (SPEC §11):
// metrics_path is rewritten every metrics_interval_ms by the live thread, and once more at exit,
// through a temporary file and rename(2), so node_exporter's textfile collector (which reads
// DIR/*.prom) never sees half a file.
//
// What a scrape gets: process totals, and per site (file, line, function, module) the live bytes
// and blocks and the allocated bytes and calls of the metrics_top sites holding the most live
// bytes; every other site adds up in one series labelled site="other". Cardinality is thus at
// most metrics_top + 1 series per metric. Sites with the same labels (two columns of one line, a
// library call charged to a user line) are one series: label sets never repeat. No pid label
// and no timestamps: a restart keeps the series, and the textfile collector refuses timestamps.
//
// Names come from the report's model (report_begin): dynamic sites are symbolized once per site
// for the life of the process, so a rewrite every few ms does not respawn llvm-symbolizer.
//
// Folder rule (live/): runs on the live thread or at exit, never on an allocation path.
#include "live.h"

#include "../alloc/alloc.h"
#include "../report/report.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

namespace allocsite {
namespace {

// One series' labels and counters: the sites that share these labels, summed.
struct Group {
  const char *file;     // "" when unknown
  const char *function; // ""
  const char *module;   // base name of the object; ""
  uint32_t line;        // 0 when unknown
  bool has_offset;      // a dynamic site without file:line keeps its module offset apart
  uintptr_t offset;
  uint32_t first_id; // the smallest site id in the group: a stable tie-break
  SiteCounters c;
};

const char *or_empty(const char *s) { return s ? s : ""; }

uint64_t hash_str(uint64_t h, const char *s) {
  for (; *s; s++)
    h = (h ^ uint8_t(*s)) * 0x100000001b3ull;
  return (h ^ 0xff) * 0x100000001b3ull;
}

uint64_t hash_group(const Group &g) {
  uint64_t h = 0xcbf29ce484222325ull;
  h = hash_str(h, g.file);
  h = hash_str(h, g.function);
  h = hash_str(h, g.module);
  h = (h ^ g.line) * 0x100000001b3ull;
  return (h ^ (g.has_offset ? g.offset + 1 : 0)) * 0x100000001b3ull;
}

bool same_labels(const Group &a, const Group &b) {
  return a.line == b.line && a.has_offset == b.has_offset && a.offset == b.offset &&
         strcmp(a.file, b.file) == 0 && strcmp(a.function, b.function) == 0 &&
         strcmp(a.module, b.module) == 0;
}

void add(SiteCounters *to, const SiteCounters &c) {
  to->live_bytes += c.live_bytes;
  to->live_blocks += c.live_blocks;
  to->alloc_bytes += c.alloc_bytes;
  to->alloc_calls += c.alloc_calls;
}

bool ranks_before(const Group &a, const Group &b) {
  if (a.c.live_bytes != b.c.live_bytes)
    return a.c.live_bytes > b.c.live_bytes;
  if (a.c.alloc_bytes != b.c.alloc_bytes)
    return a.c.alloc_bytes > b.c.alloc_bytes;
  return a.first_id < b.first_id;
}

// The labels of the site `v`; modules[id] is the object of each instrumented site.
Group labels_of(const SiteView &v, const char *const *modules, uint32_t n) {
  Group g{};
  g.file = or_empty(v.file);
  g.function = or_empty(v.function);
  g.line = v.line;
  g.first_id = v.id;
  g.c = v.c;
  if (v.instrumented) {
    uint32_t id = v.id, context_id, inner_id;
    if (site_composite_parts(id, &context_id, &inner_id))
      id = context_id;
    g.module = id < n ? or_empty(base_name(modules[id])) : "";
  } else {
    g.module = or_empty(base_name(v.module));
    if (!v.file) {
      g.has_offset = true;
      g.offset = v.module_offset;
    }
  }
  return g;
}

// A label value (exposition format): backslash, double quote and line feed escaped; bytes that
// are not UTF-8 become '?', since a scrape with invalid UTF-8 is rejected whole.
void label_value(Writer &w, const char *s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s);
  while (*p) {
    unsigned char c = *p;
    if (c == '\\' || c == '"') {
      w.chr('\\').chr(char(c));
      p++;
    } else if (c == '\n') {
      w.str("\\n");
      p++;
    } else if (c < 0x80) {
      w.chr(char(c));
      p++;
    } else {
      size_t n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
      size_t ok = n ? 1 : 0;
      while (ok && ok < n && (p[ok] & 0xc0) == 0x80)
        ok++;
      if (n && ok == n) {
        w.str(reinterpret_cast<const char *>(p), n);
        p += n;
      } else {
        w.chr('?');
        p++;
      }
    }
  }
}

void family(Writer &w, const char *name, const char *type, const char *help) {
  w.str("# HELP ").str(name).chr(' ').str(help).chr('\n');
  w.str("# TYPE ").str(name).chr(' ').str(type).chr('\n');
}

// metrics_labels, checked once: "name=value,..." with %p in values the process id; nullptr when
// unset or refused (after one line saying why).
struct ExtraLabel {
  const char *name, *value; // arena copies
  size_t name_len, value_len;
};
constexpr size_t kMaxExtraLabels = 16;
ExtraLabel g_extra[kMaxExtraLabels];
size_t g_extra_count;

bool label_name_ok(const char *s, size_t n) {
  static const char *const kOurs[] = {"file", "line", "function", "module", "offset", "site"};
  if (n == 0 || (s[0] >= '0' && s[0] <= '9') || (n >= 2 && s[0] == '_' && s[1] == '_'))
    return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  for (const char *ours : kOurs)
    if (strlen(ours) == n && memcmp(ours, s, n) == 0)
      return false;
  for (size_t i = 0; i < g_extra_count; i++)
    if (g_extra[i].name_len == n && memcmp(g_extra[i].name, s, n) == 0)
      return false; // twice
  return true;
}

void parse_extra_labels() {
  const char *text = g_options.metrics_labels;
  if (!text || !*text)
    return;
  for (const char *p = text; *p;) {
    const char *end = strchr(p, ',');
    if (!end)
      end = p + strlen(p);
    const char *eq = static_cast<const char *>(memchr(p, '=', size_t(end - p)));
    if (!eq || g_extra_count == kMaxExtraLabels || !label_name_ok(p, size_t(eq - p))) {
      g_extra_count = 0;
      diag("bad value '", text,
           "' for option 'metrics_labels' in ALLOCSITE_OPTIONS (accepted: name=value pairs "
           "separated by ',', at most 16, names [a-zA-Z_][a-zA-Z0-9_]* other than file, line, "
           "function, module, offset and site); no labels added");
      return;
    }
    ExtraLabel &l = g_extra[g_extra_count++];
    l.name = p;
    l.name_len = size_t(eq - p);
    l.value = eq + 1;
    l.value_len = size_t(end - eq - 1);
    p = *end ? end + 1 : end;
  }
}

// A label value from metrics_labels: %p is the process id (read now: a forked child has its
// own), the rest as label_value escapes it.
void extra_value(Writer &w, const ExtraLabel &l) {
  char buf[512];
  size_t n = l.value_len < sizeof(buf) - 1 ? l.value_len : sizeof(buf) - 1;
  memcpy(buf, l.value, n);
  buf[n] = 0;
  for (char *p = buf; *p;) {
    char *pct = strstr(p, "%p");
    if (!pct) {
      label_value(w, p);
      break;
    }
    *pct = 0;
    label_value(w, p);
    w.i64(getpid());
    p = pct + 2;
  }
}

// The metrics_labels part of a label set, which they start.
void extra_labels(Writer &w) {
  for (size_t i = 0; i < g_extra_count; i++) {
    w.str(i ? "," : "").str(g_extra[i].name, g_extra[i].name_len).str("=\"");
    extra_value(w, g_extra[i]);
    w.chr('"');
  }
}

void sample(Writer &w, const char *name, int64_t value) {
  w.str(name);
  if (g_extra_count) {
    w.chr('{');
    extra_labels(w);
    w.chr('}');
  }
  w.chr(' ').i64(value).chr('\n');
}

// A process-wide figure: its HELP and TYPE lines, then its one sample.
void process_metric(Writer &w, const char *name, const char *type, const char *help,
                    int64_t value) {
  family(w, name, type, help);
  sample(w, name, value);
}

void site_sample(Writer &w, const char *name, const Group &g, int64_t value) {
  w.str(name).chr('{');
  extra_labels(w);
  w.str(g_extra_count ? ",file=\"" : "file=\"");
  label_value(w, g.file);
  w.str("\",line=\"");
  if (g.line)
    w.u64(g.line);
  w.str("\",function=\"");
  label_value(w, g.function);
  w.str("\",module=\"");
  label_value(w, g.module);
  w.chr('"');
  if (g.has_offset)
    w.str(",offset=\"").hex(g.offset).chr('"');
  w.str("} ").i64(value).chr('\n');
}

// The sites of `m` grouped by labels, ranked; *count receives the number of groups.
Group *group_by_labels(const ReportModel &m, Scratch *s, uint32_t *count) {
  *count = 0;
  uint32_t n = site_count();
  const char **modules = s->array<const char *>(n ? n : 1);
  Group *groups = s->array<Group>(m.count ? m.count : 1);
  size_t slots = 16;
  while (slots < size_t(m.count) * 2)
    slots *= 2;
  uint32_t *table = s->array<uint32_t>(slots); // group index + 1; 0 = empty
  if (!modules || !groups || !table)
    return nullptr;
  site_module_paths(modules, n);
  for (uint32_t i = 0; i < m.count; i++) {
    Group g = labels_of(m.sites[i], modules, n);
    size_t at = hash_group(g) & (slots - 1);
    while (table[at] && !same_labels(groups[table[at] - 1], g))
      at = (at + 1) & (slots - 1);
    if (table[at]) {
      Group &into = groups[table[at] - 1];
      add(&into.c, g.c);
      if (g.first_id < into.first_id)
        into.first_id = g.first_id;
    } else {
      groups[*count] = g;
      table[at] = ++*count;
    }
  }
  heap_sort(groups, *count, [](const Group &a, const Group &b) { return ranks_before(a, b); });
  return groups;
}

struct SiteFamily {
  const char *name;
  const char *type;
  const char *help;
  int64_t SiteCounters::*field;
};

const SiteFamily kSiteFamilies[] = {
    {"allocsite_site_live_bytes", "gauge",
     "Bytes requested by live blocks of the allocation site (the metrics_top sites by live bytes; "
     "site=\"other\" sums the rest).",
     &SiteCounters::live_bytes},
    {"allocsite_site_live_blocks", "gauge", "Live blocks of the allocation site.",
     &SiteCounters::live_blocks},
    {"allocsite_site_allocated_bytes_total", "counter",
     "Bytes requested at the allocation site since the start (site=\"other\" may go down when "
     "a site enters the top).",
     &SiteCounters::alloc_bytes},
    {"allocsite_site_allocations_total", "counter",
     "Allocation calls at the allocation site since the start.", &SiteCounters::alloc_calls},
};

bool write_exposition(int fd) {
  MemoryBreakdown mb;
  ReportModel m;
  if (!report_begin(&mb, &m))
    return false;
  Scratch scratch;
  uint32_t count = 0;
  Group *groups = group_by_labels(m, &scratch, &count);
  if (!groups)
    return false;
  uint32_t top = count;
  if (g_options.metrics_top >= 0 && uint64_t(g_options.metrics_top) < top)
    top = uint32_t(g_options.metrics_top);
  SiteCounters other{};
  for (uint32_t i = top; i < count; i++)
    add(&other, groups[i].c);

  Writer w(fd);
  for (const SiteFamily &f : kSiteFamilies) {
    family(w, f.name, f.type, f.help);
    for (uint32_t i = 0; i < top; i++)
      site_sample(w, f.name, groups[i], groups[i].c.*f.field);
    w.str(f.name).chr('{');
    extra_labels(w);
    w.str(g_extra_count ? ",site=\"other\"} " : "site=\"other\"} ").i64(other.*f.field).chr('\n');
  }
  const Totals &t = m.totals;
  process_metric(w, "allocsite_sites", "gauge",
                 "Allocation sites with any activity (series with the same labels count once).",
                 count);
  process_metric(w, "allocsite_live_bytes", "gauge", "Bytes requested by live blocks, all sites.",
                 t.live_bytes);
  process_metric(w, "allocsite_live_blocks", "gauge", "Live blocks, all sites.", t.live_blocks);
  process_metric(w, "allocsite_peak_bytes", "gauge", "Highest allocsite_live_bytes so far.",
                 t.peak_bytes);
  process_metric(w, "allocsite_allocations_total", "counter", "Allocation calls since the start.",
                 t.alloc_calls);
  process_metric(w, "allocsite_frees_total", "counter", "Free calls since the start.",
                 t.free_calls);
  process_metric(w, "allocsite_allocated_bytes_total", "counter",
                 "Bytes requested since the start.", t.alloc_bytes);
  process_metric(w, "allocsite_rss_bytes", "gauge", "Resident set size of the process.",
                 mb.rss_bytes);
  process_metric(w, "allocsite_runtime_bytes", "gauge",
                 "Resident memory of the AllocSite runtime itself (not traced).", mb.runtime_bytes);
  w.flush();
  return !w.failed();
}

} // namespace

bool metrics_wanted() { return g_options.metrics_path && *g_options.metrics_path; }

void metrics_start() {
  if (metrics_wanted())
    parse_extra_labels();
}

void metrics_write() {
  if (!metrics_wanted())
    return;
  static bool said; // one line for a path that stays unwritable, not one per interval
  char path[4096];
  if (!expand_path(g_options.metrics_path, 0, path, sizeof(path))) {
    if (!said)
      diag("metrics_path is too long once expanded; no metrics written");
    said = true;
    return;
  }
  int error = write_replacing(path, write_exposition);
  if (error && !said) {
    if (error > 0)
      diag("cannot write metrics to '", path, "': ", errno_text(error));
    else
      diag("cannot write metrics to '", path, "'");
  }
  said = said || error;
}

} // namespace allocsite
