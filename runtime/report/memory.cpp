// runtime/report/memory.cpp - the figures that explain why traced bytes differ from RSS (SPEC §8).
//
// traced + block headers + allocator overhead = what the allocator handed out (mallinfo2);
// that + what it keeps free = its arena and mappings; that + the runtime's own memory + code,
// stacks and static data = RSS. mallinfo2 takes the allocator's locks but does not allocate, and
// /proc/self/statm is read with open/read, so this is safe inside a report.
#include "report/report.h"

#include "alloc/alloc.h"

#include <fcntl.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

namespace allocsite {

namespace {

// Resident bytes: the second field of /proc/self/statm, in pages.
int64_t read_rss() {
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  char buf[128];
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  const char *p = buf;
  while (*p && *p != ' ') // skip the first field (total program size)
    ++p;
  while (*p == ' ')
    ++p;
  int64_t pages = 0;
  for (; *p >= '0' && *p <= '9'; ++p)
    pages = pages * 10 + (*p - '0');
  return pages * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

// glibc's allocator statistics; mallinfo2 exists from glibc 2.33, mallinfo's int fields before.
void read_mallinfo(int64_t *in_use_small, int64_t *free_kept, int64_t *arena, int64_t *mmapped) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 mi = mallinfo2();
#else
  struct mallinfo mi = mallinfo();
#endif
  *in_use_small = static_cast<int64_t>(mi.uordblks);
  *free_kept = static_cast<int64_t>(mi.fordblks);
  *arena = static_cast<int64_t>(mi.arena);
  *mmapped = static_cast<int64_t>(mi.hblkhd);
}

} // namespace

void collect_memory_breakdown(MemoryBreakdown *out) {
  memset(out, 0, sizeof(*out));
  Totals t;
  collect_totals(&t);
  out->traced_bytes = t.live_bytes;
  out->live_blocks = t.live_blocks;
  // Under a sanitizer blocks have no header: the side table is part of the runtime's memory.
  out->header_bytes = g_state.hooked ? 0 : t.live_blocks * static_cast<int64_t>(kBlockHeaderSize);
  // Resident, not mapped: the reconciliation is of RSS, and the runtime reserves address space
  // (site tables for kMaxSites) that it mostly never touches.
  out->runtime_bytes = static_cast<int64_t>(runtime_resident_bytes());
  out->rss_bytes = read_rss();

  int64_t small, free_kept, arena, mmapped;
  read_mallinfo(&small, &free_kept, &arena, &mmapped);
  int64_t in_use = small + mmapped;
  // With jemalloc, tcmalloc or mimalloc as the process's malloc, glibc's figures describe an
  // almost unused heap: less in use than the blocks we know are live. Then they explain nothing.
  out->have_mallinfo = in_use >= out->traced_bytes + out->header_bytes && in_use > 0;
  if (out->have_mallinfo) {
    out->allocator_in_use = in_use;
    out->allocator_overhead = in_use - out->traced_bytes - out->header_bytes;
    out->allocator_free_kept = free_kept;
    out->allocator_arena = arena;
    out->allocator_mmapped = mmapped;
    out->other_rss = out->rss_bytes - (arena + mmapped) - out->runtime_bytes;
  } else {
    out->other_rss = out->rss_bytes - out->traced_bytes - out->header_bytes - out->runtime_bytes;
  }
}

} // namespace allocsite
