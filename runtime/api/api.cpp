// runtime/api/api.cpp - the exported tracemalloc-style API (include/allocsite/allocsite.h) that is
// not about snapshots: tracing on/off, traced memory and its peak, the runtime's own memory, the
// site of a block, the memory reconciliation, and allocsite_free for what the API hands out.
#define ALLOCSITE_RUNTIME_BUILD 1
#include "allocsite/allocsite.h"

#include "alloc/alloc.h"
#include "base/base.h"
#include "report/report.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace allocsite;

namespace {

// Everything allocsite_free can release starts with this header, in its own mapping.
struct ApiBlock {
  uint64_t magic;
  size_t mapped;
};
constexpr uint64_t kApiMagic = 0x616c6c6f63736974ull; // "allocsit"

// allocsite_site_of's answers: one per site id, made on first request, kept for the process.
SpinLock g_info_lock;
allocsite_site_info **g_infos;
// Their names, kept for the process: a Scratch in mapped memory (zeroed is empty), never
// destroyed - a global one would register a destructor that unmaps them at exit.
Scratch *g_info_names;

} // namespace

namespace allocsite {

void *api_alloc(size_t size) {
  size_t mapped = page_round(sizeof(ApiBlock) + size);
  auto *b = static_cast<ApiBlock *>(os_map(mapped));
  if (!b)
    return nullptr;
  b->magic = kApiMagic;
  b->mapped = mapped;
  return b + 1;
}

} // namespace allocsite

AS_INTERFACE void allocsite_free(void *memory) {
  if (!memory)
    return;
  ApiBlock *b = static_cast<ApiBlock *>(memory) - 1;
  if (b->magic != kApiMagic) {
    diag("allocsite_free: not memory from the allocsite API; ignored");
    return;
  }
  b->magic = 0;
  os_unmap(b, b->mapped);
}

AS_INTERFACE int allocsite_is_tracing(void) { return runtime_tracking() && tracing(); }

AS_INTERFACE int allocsite_start(void) {
  if (!runtime_tracking())
    return -1;
  __atomic_store_n(&g_state.tracing, true, __ATOMIC_RELAXED);
  state_changed();
  return 0;
}

// As tracemalloc.stop(): stop tracing and forget the traces.
AS_INTERFACE void allocsite_stop(void) {
  if (!runtime_tracking())
    return;
  __atomic_store_n(&g_state.tracing, false, __ATOMIC_RELAXED);
  state_changed();
  stats_clear();
}

AS_INTERFACE void allocsite_clear_traces(void) {
  if (!runtime_tracking())
    return;
  stats_clear();
}

AS_INTERFACE void allocsite_get_traced_memory(size_t *current, size_t *peak) {
  int64_t now = 0, high = 0;
  if (runtime_tracking()) {
    now = traced_bytes_now();
    high = traced_peak_now();
  }
  if (current)
    *current = size_t(now > 0 ? now : 0);
  if (peak)
    *peak = size_t(high > 0 ? high : 0);
}

AS_INTERFACE void allocsite_reset_peak(void) {
  if (!runtime_tracking())
    return;
  reset_peak();
}

AS_INTERFACE size_t allocsite_get_tracemalloc_memory(void) { return runtime_resident_bytes(); }

namespace {

// The site of a live block of the current generation, or 0.
uint32_t live_block_site(const void *ptr) {
  if (g_state.hooked)
    return hooked_site_of(ptr);
  void *user = const_cast<void *>(ptr);
  if ((uintptr_t(user) & 15) != 0 ||
      ((uintptr_t(user) & 4095) == 0 && !page_aligned_header_readable(user)))
    return 0;
  BlockHeader *h = block_header(user);
  uint32_t id = h->site;
  if (h->check != block_check(user, id, h->word) ||
      block_generation(h->word) != block_generation(g_state.generation_bits))
    return 0;
  return id;
}

} // namespace

AS_INTERFACE const allocsite_site_info *allocsite_site_of(const void *ptr) {
  if (!runtime_tracking() || !ptr || bootstrap_owns(ptr))
    return nullptr;
  uint32_t id = live_block_site(ptr);
  if (!id || id >= site_count())
    return nullptr;
  SpinLockGuard guard(g_info_lock);
  if (!g_infos)
    g_infos = static_cast<allocsite_site_info **>(os_map(sizeof(*g_infos) * kMaxSites));
  if (!g_info_names)
    g_info_names = static_cast<Scratch *>(os_map(sizeof(Scratch)));
  if (!g_infos || !g_info_names)
    return nullptr;
  if (!g_infos[id]) {
    symbolize_for_naming(&id, 1, g_info_names);
    SiteView v{};
    v.id = id;
    site_view_name(&v, g_info_names);
    auto *info = g_info_names->array<allocsite_site_info>(1);
    if (!info)
      return nullptr;
    site_info_from_view(v, info);
    g_infos[id] = info;
  }
  return g_infos[id];
}

AS_INTERFACE char *allocsite_memory_report(void) {
  // The report writes to a file descriptor; a memfd turns that into memory without malloc.
  int fd = int(syscall(SYS_memfd_create, "allocsite-memory", 1u /* MFD_CLOEXEC */));
  if (fd < 0)
    return nullptr;
  report_write_memory_text(fd);
  off_t size = lseek(fd, 0, SEEK_END);
  char *text = size >= 0 ? static_cast<char *>(api_alloc(size_t(size) + 1)) : nullptr;
  if (text && pread(fd, text, size_t(size), 0) != size) {
    allocsite_free(text);
    text = nullptr;
  }
  close(fd);
  return text;
}
