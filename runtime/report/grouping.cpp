// runtime/report/grouping.cpp - what makes two sites one group under tracemalloc's key types
// (docs/report-format.md, "Grouping"): the one definition the text report, the JSON's groups and
// the in-process API's statistics and compare_to share.
#include <string.h>

#include "report/report.h"

namespace allocsite {

GroupKey group_key(const SiteView &v, GroupBy g) {
  GroupKey k = {};
  // A dynamic site the symbolizer could not place is only known by its code address. "Placed"
  // is what every reader can tell from the JSON alone (the loader's and the CLI's rule): a file or
  // a line, not merely a function name from the symbol table.
  bool anonymous = !v.instrumented && !v.file && !v.line;
  switch (g) {
  case GroupBy::SITE:
    k = {v.file, v.function, v.module, v.module_offset, v.line, v.column, v.kind};
    break;
  case GroupBy::LINE:
    k.file = v.file;
    k.line = v.line;
    if (!v.file || !v.line)
      k.function = v.function; // no line table: the function is the best name there is
    if (anonymous) {
      k.module = v.module;
      k.offset = v.module_offset;
    }
    break;
  case GroupBy::FILE:
    k.file = v.file;
    if (!v.file)
      k.module = v.module;
    break;
  case GroupBy::FUNCTION:
    k.file = v.file;
    k.function = v.function;
    if (anonymous) {
      k.module = v.module;
      k.offset = v.module_offset;
    }
    break;
  }
  return k;
}

int compare_names(const char *a, const char *b) {
  if (a == b)
    return 0;
  if (!a || !b)
    return a ? 1 : -1;
  return strcmp(a, b);
}

int compare_group_keys(const GroupKey &a, const GroupKey &b) {
  int r = compare_names(a.file, b.file);
  if (!r)
    r = compare_numbers(a.line, b.line);
  if (!r)
    r = compare_numbers(a.column, b.column);
  if (!r)
    r = compare_names(a.function, b.function);
  if (!r)
    r = compare_numbers(a.kind, b.kind);
  if (!r)
    r = compare_names(a.module, b.module);
  if (!r)
    r = compare_numbers(a.offset, b.offset);
  return r;
}

uint32_t group_sites(const SiteView *const *sites, uint32_t n, GroupBy g, SiteGroup *out) {
  // Sorting by (key, position) and merging neighbours keeps each key's first site as its
  // representative, whatever order the caller chose.
  for (uint32_t i = 0; i < n; ++i)
    out[i] = {group_key(*sites[i], g), sites[i], sites[i]->c, 1, i};
  heap_sort(out, n, [](const SiteGroup &a, const SiteGroup &b) {
    int r = compare_group_keys(a.key, b.key);
    return r ? r < 0 : a.first < b.first;
  });
  uint32_t groups = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (groups && compare_group_keys(out[groups - 1].key, out[i].key) == 0) {
      SiteGroup &into = out[groups - 1];
      into.c.live_bytes += out[i].c.live_bytes;
      into.c.live_blocks += out[i].c.live_blocks;
      into.c.alloc_bytes += out[i].c.alloc_bytes;
      into.c.alloc_calls += out[i].c.alloc_calls;
      into.sites++;
    } else {
      out[groups++] = out[i];
    }
  }
  return groups;
}

} // namespace allocsite
