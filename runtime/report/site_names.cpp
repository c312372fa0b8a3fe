// runtime/report/site_names.cpp - what a site is called, in reports, snapshots and
// allocsite_site_of.
//
// Instrumented sites are named by their descriptors (the readable names the pass demangled, else
// linkage names run through the minimal demangler); dynamic sites by llvm-symbolizer, else by
// module+offset and the dladdr symbol.
#include "report/report.h"

#include <string.h>

#include "alloc/alloc.h"
#include "base/base.h"

namespace allocsite {

namespace {

const char *scratch_copy(Scratch *s, const char *p, size_t n) {
  char *out = static_cast<char *>(s->alloc(n + 1, 1));
  if (!out)
    return nullptr;
  memcpy(out, p, n); // zeroed memory: already terminated
  return out;
}

// A linkage name made readable, or the name itself when the demangler does not handle it.
const char *readable(const char *name, Scratch *s) {
  char buf[1024];
  if (!name || !demangle(name, buf, sizeof(buf)))
    return name;
  const char *copy = scratch_copy(s, buf, strlen(buf));
  return copy ? copy : name;
}

// A descriptor's function name made readable: the pass's demangling when it wrote one after the
// linkage name (abi.h, ALLOCSITE_SITE_READABLE_NAMES), parameter types included so that overloads
// stay apart; else (a binary of an older pass) the minimal demangler's, which has none.
const char *descriptor_name(const char *name, bool has_readable, Scratch *s) {
  if (!name || !has_readable)
    return readable(name, s);
  return name + strlen(name) + 1;
}

bool charge_inner() { return g_options.attribute[0] == 'i'; } // attribute=inner

// An instrumented site is named by its charged frame (the first of its inline chain in the user's
// own code); the frames inside it are library code and the innermost one is kept as "via".
void name_instrumented(SiteView *v, const allocsite_site *d, Scratch *s) {
  v->instrumented = true;
  v->kind = d->kind;
  uint32_t depth = d->inlined_at ? d->inline_depth : 0;
  uint32_t charged = charge_inner() ? 0 : d->charged_frame;
  if (charged > depth)
    charged = 0;
  bool pair = d->flags & ALLOCSITE_SITE_READABLE_NAMES;
  SourceFrame *frames = s->array<SourceFrame>(depth + 1);
  if (!frames) {
    v->file = d->file;
    v->line = d->line;
    v->column = d->column;
    v->linkage_name = d->function;
    v->function = descriptor_name(d->function, pair, s);
    return;
  }
  frames[0] = {d->file, d->function, d->line, d->column};
  for (uint32_t i = 0; i < depth; ++i)
    frames[i + 1] = {d->inlined_at[i].file, d->inlined_at[i].function, d->inlined_at[i].line,
                     d->inlined_at[i].column};
  const SourceFrame &at = frames[charged];
  v->file = at.file;
  v->line = at.line;
  v->column = at.column;
  v->linkage_name = at.function;
  v->function = descriptor_name(at.function, pair, s);
  for (uint32_t i = charged + 1; i <= depth; ++i)
    frames[i].function = descriptor_name(frames[i].function, pair, s);
  v->inlined_at = depth > charged ? frames + charged + 1 : nullptr;
  v->inline_depth = depth - charged;
  if (charged) {
    for (uint32_t i = 0; i < charged; ++i)
      frames[i].function = descriptor_name(frames[i].function, pair, s);
    v->via = &frames[0];
    v->via_depth = charged;
  }
}

bool ends_with(const char *s, const char *suffix) {
  size_t n = s ? strlen(s) : 0, k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

bool is_api_header(const char *file) {
  return ends_with(file, "allocsite/allocsite.h") || ends_with(file, "allocsite/allocsite.hpp");
}

// Dynamic and tracked sites: known by the code address that allocated (or called
// allocsite_track).
void name_by_address(SiteView *v, uint16_t kind, const DynamicSiteInfo &info, Scratch *s) {
  v->instrumented = false;
  v->kind = kind;
  v->domain = info.domain;
  v->module = info.module_path;
  v->module_offset = info.module_offset;
  v->linkage_name = info.symbol;
  const SymbolizedSite *sym = symbolized_site(v->id);
  if (sym) {
    // A tracked site's address is inside allocsite.h's inline wrapper, inlined into the caller:
    // the caller's frame is the line to charge.
    uint32_t first = 0;
    if (kind == ALLOCSITE_KIND_TRACKED)
      while (first + 1 < sym->count && is_api_header(sym->frames[first].file))
        ++first;
    const SourceFrame &f = sym->frames[first];
    v->symbolized = true;
    v->file = f.file;
    v->line = f.line;
    v->column = f.column;
    v->function = f.function;
    if (sym->count > first + 1) {
      SourceFrame *frames = s->array<SourceFrame>(sym->count - first - 1);
      if (frames) {
        for (uint32_t i = first + 1; i < sym->count; ++i) {
          frames[i - first - 1] = sym->frames[i];
        }
        v->inlined_at = frames;
        v->inline_depth = sym->count - first - 1;
      }
    }
  }
  if (!v->function)
    v->function = readable(info.symbol, s);
}

} // namespace

void site_view_name(SiteView *v, Scratch *s) {
  DynamicSiteInfo info;
  const allocsite_site *d = site_descriptor(v->id);
  uint32_t context_id, inner_id;
  if (d && site_composite_parts(v->id, &context_id, &inner_id)) {
    // Named as the user's call, with the inner site (where the library allocated) as "via";
    // attribute=inner names it as the inner site, so that it groups with it.
    uint32_t id = v->id;
    SiteView inner{};
    inner.id = inner_id;
    site_view_name(&inner, s);
    const allocsite_site *context = site_descriptor(context_id);
    if (charge_inner() || !context) {
      SiteCounters c = v->c;
      *v = inner;
      v->c = c;
    } else {
      name_instrumented(v, context, s);
      // An uninstrumented function called through a pointer from this very line (libc's strdup,
      // interposed by the runtime) has no library line of its own to show.
      bool same_line =
          inner.file && v->file && inner.line == v->line && !strcmp(inner.file, v->file);
      SourceFrame *via = same_line ? nullptr : s->array<SourceFrame>(1);
      if (via) {
        *via = {inner.file, inner.function, inner.line, inner.column};
        if (!inner.file && !inner.function)
          via->function = inner.linkage_name ? inner.linkage_name : inner.module;
        v->via = via;
        v->via_depth = 1;
        if (!inner.instrumented && inner.module) {
          v->via_module = inner.module;
          v->via_module_offset = inner.module_offset;
        }
      }
    }
    v->id = id;
    v->kind = d->kind;
    return;
  }
  if (d && site_dynamic_info(v->id, &info))
    name_by_address(v, d->kind, info, s);
  else if (d)
    name_instrumented(v, d, s);
  else
    v->kind = ALLOCSITE_KIND_DYNAMIC; // a site without a descriptor: counted, but nameless
}

void symbolize_for_naming(const uint32_t *ids, uint32_t n, Scratch *s) {
  uint32_t *dynamic = s->array<uint32_t>(n ? n : 1);
  if (!dynamic)
    return;
  uint32_t k = 0;
  DynamicSiteInfo info;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t id = ids[i], context_id, inner_id;
    if (site_composite_parts(id, &context_id, &inner_id))
      id = inner_id;
    if (site_dynamic_info(id, &info))
      dynamic[k++] = id;
  }
  symbolize_dynamic_sites(dynamic, k);
}

const char *kind_name(uint16_t kind) {
  static const char *const kNames[] = {
#define KIND_NAME(name, number, text) text,
      ALLOCSITE_KINDS(KIND_NAME)
#undef KIND_NAME
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == ALLOCSITE_KIND_COUNT, "one name per kind");
  return kind < ALLOCSITE_KIND_COUNT ? kNames[kind] : "unknown";
}

const char *base_name(const char *path) {
  if (!path)
    return nullptr;
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

// "(anonymous namespace)::f" is a name without parameters (the minimal demangler writes those).
bool has_parameter_list(const char *name) {
  static const char kAnonymous[] = "(anonymous namespace)";
  for (const char *p = name ? strchr(name, '(') : nullptr; p; p = strchr(p + 1, '('))
    if (strncmp(p, kAnonymous, sizeof(kAnonymous) - 1) != 0)
      return true;
  return false;
}

// A C++ name the demanglers wrote is printed as it is, parameters and qualifiers included
// ("Pool::operator[](unsigned int) const"); a name without a parameter list (C, or a name the
// minimal demangler shortened) gets "()" so that every function reads as one.
void write_function(Writer &w, const char *name) {
  w.str(name ? name : "<unknown>");
  if (!has_parameter_list(name))
    w.str("()");
}

} // namespace allocsite
