// runtime/report/exception_pool.cpp - recognises libstdc++'s emergency exception pool among the
// report's sites (issue #12).
//
// libstdc++ (eh_alloc.cc) mallocs that pool from a static constructor, before main, so that a
// throw still works when malloc fails, and never frees it: left alone, every C++ report would top
// with "libstdc++.so.6+0xa57ba: 71.0 KiB". The text report names it on a line of its own instead
// (docs/report-format.md) and the JSON marks it, so that `allocsite report` prints the same line
// on any machine, whatever libstdc++ that machine has.
//
// The test is the CLI's (scripts/allocsite, is_exception_pool), done on the loaded image rather
// than on the file: a dynamic site in libstdc++.so*, one call and one live block, whose call is
// symbolized into eh_alloc.cc or lies in a function that the library's DT_INIT_ARRAY runs. The
// function is found in the PT_GNU_EH_FRAME search table: no file is read, nothing is allocated.
#include <elf.h>
#include <link.h>
#include <string.h>

#include "alloc/alloc.h"
#include "base/base.h"
#include "report/report.h"

namespace allocsite {

namespace {

// "libstdc++.so", "libstdc++.so.6", "libstdc++.so.6.0.30"; not "libstdc++.so.6.bak".
bool is_libstdcxx(const char *path) {
  static const char kStem[] = "libstdc++.so";
  const char *name = base_name(path);
  if (!name || strncmp(name, kStem, sizeof(kStem) - 1) != 0)
    return false;
  for (const char *p = name + sizeof(kStem) - 1; *p;) {
    if (*p++ != '.' || *p < '0' || *p > '9')
      return false;
    while (*p >= '0' && *p <= '9')
      ++p;
  }
  return true;
}

bool is_eh_alloc(const char *file) {
  const char *name = base_name(file);
  return name && strcmp(name, "eh_alloc.cc") == 0;
}

// The start of the function that holds `pc`, from .eh_frame_hdr's table: the greatest
// initial_location <= pc. 0 when the table is missing or in an encoding the linkers do not write.
uintptr_t function_start(const dl_phdr_info *info, uintptr_t pc) {
  size_t memsz = 0;
  const auto *hdr =
      static_cast<const unsigned char *>(loaded_segment(info, PT_GNU_EH_FRAME, &memsz));
  if (!hdr || memsz < 12)
    return 0;
  // version 1; eh_frame_ptr any 4-byte encoding; fde_count udata4; table datarel|sdata4.
  if (hdr[0] != 1 || (hdr[1] & 0x07) != 0x03 || hdr[2] != 0x03 || hdr[3] != 0x3b)
    return 0;
  uint32_t count;
  memcpy(&count, hdr + 8, 4);
  if (count == 0 || (memsz - 12) / 8 < count)
    return 0;
  const unsigned char *table = hdr + 12;
  auto start_of = [&](uint32_t k) {
    int32_t rel;
    memcpy(&rel, table + size_t(k) * 8, 4);
    return reinterpret_cast<uintptr_t>(hdr) + static_cast<intptr_t>(rel);
  };
  if (start_of(0) > pc)
    return 0;
  uint32_t lo = 0, hi = count; // start_of(lo) <= pc < start_of(hi), hi == count meaning beyond
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    (start_of(mid) <= pc ? lo : hi) = mid;
  }
  return start_of(lo);
}

// Whether `function` is one of the addresses the module's DT_INIT_ARRAY holds. The tag's value is
// the array's link-time address (glibc does not relocate it in _DYNAMIC); its entries were
// relocated when the module was loaded, so they are run-time addresses.
bool run_by_init_array(const dl_phdr_info *info, uintptr_t function) {
  const auto *dyn = static_cast<const ElfW(Dyn) *>(loaded_segment(info, PT_DYNAMIC));
  if (!dyn)
    return false;
  uintptr_t array = 0, size = 0;
  for (; dyn->d_tag != DT_NULL; ++dyn) {
    if (dyn->d_tag == DT_INIT_ARRAY)
      array = dyn->d_un.d_ptr;
    else if (dyn->d_tag == DT_INIT_ARRAYSZ)
      size = dyn->d_un.d_val;
  }
  if (!array || !size)
    return false;
  array = dynamic_address(info, array);
  if (!in_loaded_segment(info, array) || !in_loaded_segment(info, array + size - 1))
    return false;
  const auto *entries = reinterpret_cast<const uintptr_t *>(array);
  for (size_t i = 0; i < size / sizeof(uintptr_t); ++i)
    if (entries[i] == function)
      return true;
  return false;
}

struct Search {
  uintptr_t pc;
  bool found;
};

int visit(dl_phdr_info *info, size_t, void *arg) {
  auto *s = static_cast<Search *>(arg);
  if (!in_loaded_segment(info, s->pc))
    return 0;
  // A return address: the call is the byte before it (the call may end its function).
  uintptr_t start = function_start(info, s->pc - 1);
  s->found = start && run_by_init_array(info, start);
  return 1;
}

bool called_from_static_constructor(uintptr_t pc) {
  if (pc == 0)
    return false;
  Search s = {pc, false};
  dl_iterate_phdr(visit, &s);
  return s.found;
}

bool is_exception_pool(const SiteView &v) {
  if (v.instrumented || v.kind != ALLOCSITE_KIND_DYNAMIC || !is_libstdcxx(v.module))
    return false;
  if (v.c.alloc_calls != 1 || v.c.live_blocks != 1 || v.c.live_bytes == 0)
    return false;
  if (v.symbolized) {
    if (is_eh_alloc(v.file))
      return true;
    for (uint32_t i = 0; i < v.inline_depth; ++i)
      if (is_eh_alloc(v.inlined_at[i].file))
        return true;
  }
  DynamicSiteInfo info;
  return site_dynamic_info(v.id, &info) && called_from_static_constructor(info.pc);
}

} // namespace

void mark_exception_pool(ReportModel *m) {
  for (uint32_t i = 0; i < m->count; ++i)
    m->sites[i].exception_pool = is_exception_pool(m->sites[i]);
}

} // namespace allocsite
