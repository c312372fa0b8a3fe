// runtime/report/report_json.cpp - the machine-readable report (SPEC §6), schema version 1,
// documented in docs/report-format.md.
//
// One site per line: the file stays valid JSON, and also greps and diffs well. Every site with any
// activity is listed, ungrouped, by live bytes then id; grouping is the reader's choice.
#include <elf.h>
#include <link.h>
#include <string.h>
#include <unistd.h>

#include "../live/live.h"
#include "base/base.h"
#include "report/report.h"

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

// GNU build IDs of the loaded objects, by path, for "build_id": with module and module_offset, what
// `allocsite symbolize` (and pprof) need to name the call later, and to tell that the file on disk
// is the one that ran. Read from the objects' PT_NOTE segments in memory: no file is opened and no
// helper runs. Rebuilt when objects were loaded or unloaded since; an object unloaded before the
// report has none.
struct BuildId {
  const char *path;
  char hex[41];
};
SpinLock g_build_ids_lock;
BuildId *g_build_ids;
uint32_t g_build_ids_count, g_build_ids_cap;
unsigned long long g_build_ids_adds = ~0ull, g_build_ids_subs = ~0ull;

void note_build_id(const dl_phdr_info *info, char *hex) {
  hex[0] = '\0';
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE)
      continue;
    const char *p = reinterpret_cast<const char *>(info->dlpi_addr + ph.p_vaddr);
    const char *end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto *n = reinterpret_cast<const ElfW(Nhdr) *>(p);
      const char *name = p + sizeof(ElfW(Nhdr));
      const unsigned char *desc =
          reinterpret_cast<const unsigned char *>(name + ((n->n_namesz + 3) & ~3u));
      p = reinterpret_cast<const char *>(desc) + ((n->n_descsz + 3) & ~3u);
      if (p > end)
        break;
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
          n->n_descsz > 0 && n->n_descsz <= 20) {
        for (uint32_t k = 0; k < n->n_descsz; ++k) {
          hex[2 * k] = "0123456789abcdef"[desc[k] >> 4];
          hex[2 * k + 1] = "0123456789abcdef"[desc[k] & 15];
        }
        hex[2 * n->n_descsz] = '\0';
        return;
      }
    }
  }
}

int add_build_id(dl_phdr_info *info, size_t size, void *) {
  if (size >= offsetof(dl_phdr_info, dlpi_subs) + sizeof(info->dlpi_subs)) {
    g_build_ids_adds = info->dlpi_adds;
    g_build_ids_subs = info->dlpi_subs;
  }
  if (g_build_ids_count == g_build_ids_cap) {
    uint32_t cap = g_build_ids_cap ? g_build_ids_cap * 2 : 64;
    auto *bigger = static_cast<BuildId *>(arena_alloc(sizeof(BuildId) * cap));
    if (!bigger)
      return 1;
    if (g_build_ids_count)
      memcpy(bigger, g_build_ids, sizeof(BuildId) * g_build_ids_count);
    g_build_ids = bigger; // the old array stays in the arena: this happens a few times at most
    g_build_ids_cap = cap;
  }
  BuildId &b = g_build_ids[g_build_ids_count];
  note_build_id(info, b.hex);
  if (!b.hex[0])
    return 0;
  const char *name = info->dlpi_name;
  if (!name || !*name) { // the executable: sites name it by /proc/self/exe (alloc/sites.cpp)
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0)
      return 0;
    buf[n] = '\0';
    name = buf;
  }
  b.path = arena_strdup(name);
  g_build_ids_count += b.path != nullptr;
  return 0;
}

// The build ID of the loaded object at `path` (hex), or nullptr.
const char *build_id_of(const char *path) {
  if (!path)
    return nullptr;
  SpinLockGuard guard(g_build_ids_lock);
  unsigned long long counts[2] = {~0ull, ~0ull};
  dl_iterate_phdr(
      [](dl_phdr_info *info, size_t size, void *out) {
        if (size >= offsetof(dl_phdr_info, dlpi_subs) + sizeof(info->dlpi_subs)) {
          static_cast<unsigned long long *>(out)[0] = info->dlpi_adds;
          static_cast<unsigned long long *>(out)[1] = info->dlpi_subs;
        }
        return 1; // the counters are the same in every entry
      },
      counts);
  if (counts[0] != g_build_ids_adds || counts[1] != g_build_ids_subs || counts[0] == ~0ull) {
    g_build_ids_count = 0;
    dl_iterate_phdr(add_build_id, nullptr);
  }
  for (uint32_t i = 0; i < g_build_ids_count; ++i)
    if (strcmp(g_build_ids[i].path, path) == 0)
      return g_build_ids[i].hex;
  return nullptr;
}

// "peak": the peak, and what each site held then (exact with one thread: alloc/alloc.h,
// TallyChunk's epochs). On the line of "memory", with the timeline: the lines after it stay "sites"
// (one per site, then " ]}"), as before.
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
      write_json_site(w, s->sites[i], true);
    }
  }
  w.str("]}");
  snapshot_destroy(s);
}

} // namespace

void write_json_site(Writer &w, const SiteView &v, bool at_peak) {
  // Tracked sites always say their domain; other sites only when they have one (a loaded snapshot
  // may give one to any site).
  bool with_domain = v.kind == ALLOCSITE_KIND_TRACKED || v.domain != 0;
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
      if (i == 0 && list == v.via && v.via_module) {
        // Uninstrumented library code: its address, as a dynamic site has one.
        w.str(", ");
        text(w, "module", v.via_module);
        key(w, "module_offset");
        w.chr('"').hex(v.via_module_offset).chr('"');
        if (const char *id = build_id_of(v.via_module)) {
          w.str(", ");
          text(w, "build_id", id, false);
        }
      }
      w.chr('}');
    }
    w.chr(']');
  };
  frames("inlined_at", v.inlined_at, v.inline_depth);
  if (v.via_depth) { // library code the memory was allocated in (SPEC §3), innermost first
    w.str(", ");
    frames("via", v.via, v.via_depth);
  }
  if (v.wrapper_candidate) // the hint's (report.h)
    w.str(", \"wrapper_candidate\": true");
  if (v.exception_pool) // so that a reader elsewhere, with another libstdc++, names it the same
    w.str(", \"exception_pool\": true");
  if (!v.instrumented) {
    w.str(", ");
    text(w, "module", v.module);
    key(w, "module_offset");
    w.chr('"').hex(v.module_offset).str("\", ");
    if (const char *id = build_id_of(v.module))
      text(w, "build_id", id);
    text(w, "symbol", v.linkage_name, with_domain);
  } else if (with_domain) {
    w.str(", ");
  }
  if (with_domain)
    num(w, "domain", v.domain, false);
  w.chr('}');
}

bool write_json_report(int fd) {
  MemoryBreakdown mb;
  ReportModel m;
  if (!report_begin(&mb, &m, /*marked=*/true))
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
    write_json_site(w, m.sites[i]);
  }
  w.str(m.count ? "\n ]}\n" : "]}\n");
  w.flush();
  return !w.failed();
}

} // namespace allocsite
