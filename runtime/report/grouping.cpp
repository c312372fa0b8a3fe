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

namespace {

int compare_str(const char *a, const char *b) {
  if (a == b)
    return 0;
  if (!a || !b)
    return a ? 1 : -1;
  return strcmp(a, b);
}

template <typename T> int compare_num(T a, T b) { return a < b ? -1 : a > b ? 1 : 0; }

} // namespace

int compare_group_keys(const GroupKey &a, const GroupKey &b) {
  int r = compare_str(a.file, b.file);
  if (!r)
    r = compare_num(a.line, b.line);
  if (!r)
    r = compare_num(a.column, b.column);
  if (!r)
    r = compare_str(a.function, b.function);
  if (!r)
    r = compare_num(a.kind, b.kind);
  if (!r)
    r = compare_str(a.module, b.module);
  if (!r)
    r = compare_num(a.offset, b.offset);
  return r;
}

} // namespace allocsite
