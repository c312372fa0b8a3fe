// runtime/alloc/sites.cpp - dense ids for sites. Static descriptors get theirs at registration (or
// on first use, when an allocation runs before its module's constructor); dynamic sites get theirs
// the first time an uninstrumented caller address allocates, through a lock-free hash table keyed
// by that address (insertions take the lock; lookups never do).
#include "alloc/alloc.h"

#include "base/base.h"

#include <dlfcn.h>
#include <link.h>
#include <string.h>
#include <unistd.h>

namespace allocsite {
namespace {

struct DynamicSite {
  allocsite_site desc; // first member: site_descriptor() hands out &desc
  DynamicSiteInfo info;
};

struct DynamicSlot {
  uintptr_t pc; // 0 = empty; written last, with release
  uint32_t id;
};

constexpr uint32_t kDynamicSlots = 1u << 18; // open addressing, at most half full
constexpr uint32_t kMaxDynamicSites = kDynamicSlots / 2;

SpinLock g_lock;
const allocsite_site **g_table; // id -> descriptor
uint32_t g_next_id = 1;
DynamicSlot *g_dynamic;
uint32_t g_dynamic_count;
bool g_warned_full;
const char *g_exe_path;

bool ensure_tables() {
  if (AS_LIKELY(__atomic_load_n(&g_dynamic, __ATOMIC_ACQUIRE)))
    return true;
  SpinLockGuard guard(g_lock);
  if (!g_table)
    g_table = static_cast<const allocsite_site **>(os_map(sizeof(*g_table) * kMaxSites));
  if (g_table && !g_dynamic)
    __atomic_store_n(&g_dynamic,
                     static_cast<DynamicSlot *>(os_map(sizeof(DynamicSlot) * kDynamicSlots)),
                     __ATOMIC_RELEASE);
  return g_dynamic != nullptr;
}

// g_lock held. Returns 0 when the table is full (the block is then served but not traced).
uint32_t assign_id(const allocsite_site *site) {
  uint32_t id = g_next_id;
  if (id >= kMaxSites) {
    if (!g_warned_full) {
      g_warned_full = true;
      static const char msg[] = "allocsite: site table full; further sites are not traced\n";
      (void)!write(2, msg, sizeof(msg) - 1);
    }
    return 0;
  }
  g_table[id] = site;
  __atomic_store_n(&g_next_id, id + 1, __ATOMIC_RELEASE);
  return id;
}

uint32_t hash_pc(uintptr_t pc) {
  uint64_t x = uint64_t(pc) * 0x9E3779B97F4A7C15ull;
  return uint32_t(x >> 40) & (kDynamicSlots - 1);
}

const char *exe_path() {
  if (g_exe_path)
    return g_exe_path;
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0)
    return nullptr;
  buf[n] = 0;
  g_exe_path = arena_strdup(buf);
  return g_exe_path;
}

// Where the calling code lives. Runs without g_lock: dladdr takes the loader's lock, and the
// loader itself allocates while holding it.
void describe_caller(uintptr_t pc, DynamicSiteInfo *info) {
  info->pc = pc;
  Dl_info dl;
  struct link_map *map = nullptr;
  if (!dladdr1(reinterpret_cast<void *>(pc), &dl, reinterpret_cast<void **>(&map),
               RTLD_DL_LINKMAP) ||
      !map)
    return;
  info->module_offset = pc - map->l_addr;
  const char *path = map->l_name && map->l_name[0] ? map->l_name : exe_path();
  info->module_path = arena_strdup(path);
  info->symbol = arena_strdup(dl.dli_sname);
}

} // namespace

uint32_t site_register(allocsite_site *site) {
  if (!ensure_tables())
    return 0;
  SpinLockGuard guard(g_lock);
  uint32_t id = __atomic_load_n(&site->id, __ATOMIC_ACQUIRE);
  if (id)
    return id;
  id = assign_id(site);
  __atomic_store_n(&site->id, id, __ATOMIC_RELEASE);
  return id;
}

namespace {

// One linked object whose sites were registered as a range. A site gets its id when it first
// allocates (site_register), not at registration: the runtime's memory (the id table, every
// thread's tallies) grows with the sites a run uses, not with all the sites a program has.
// When the object is unloaded its record keeps the ids its sites had, by position in the section,
// with arena copies of their descriptors; when the same path is loaded again, each site identical
// to its copy gets the old id back. A reloaded site is thus one site (its counts add up across
// loads), and dlopen/dlclose churn costs the runtime memory once per distinct (path, site), not
// once per load.
struct ModuleSites {
  ModuleSites *next;
  const char *path;              // arena copy; "" when dladdr does not know the object
  allocsite_site *start;         // the live section while loaded; nullptr once unloaded
  uint32_t count;                // sites in the section
  uint32_t *ids;                 // [count], made at the first unload; 0: no id then
  const allocsite_site **copies; // [count], made at the first unload
};

ModuleSites *g_modules; // g_lock

bool same_string(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

// The identity of a site: everything the pass put in the descriptor, apart from the id.
bool same_site(const allocsite_site *a, const allocsite_site *b) {
  if (a->kind != b->kind || a->flags != b->flags || a->inline_depth != b->inline_depth ||
      a->charged_frame != b->charged_frame || a->line != b->line || a->column != b->column ||
      !same_string(a->file, b->file) || !same_string(a->function, b->function))
    return false;
  for (uint32_t i = 0; i < a->inline_depth; i++) {
    const allocsite_frame &x = a->inlined_at[i], &y = b->inlined_at[i];
    if (x.line != y.line || x.column != y.column || !same_string(x.file, y.file) ||
        !same_string(x.function, y.function))
      return false;
  }
  return true;
}

// An arena copy of a function name: with the readable name after its NUL when the site has one
// (abi.h, ALLOCSITE_SITE_READABLE_NAMES).
const char *copy_name(const char *name, bool has_readable) {
  if (!name || !has_readable)
    return arena_strdup(name);
  size_t linkage = strlen(name) + 1;
  size_t size = linkage + strlen(name + linkage) + 1;
  char *copy = static_cast<char *>(arena_alloc(size, 1));
  if (copy)
    memcpy(copy, name, size);
  return copy;
}

// An arena copy of a descriptor and its strings, so it outlives its object's unmapping.
const allocsite_site *copy_site(const allocsite_site *s) {
  auto *copy = static_cast<allocsite_site *>(arena_alloc(sizeof(allocsite_site)));
  auto *frames =
      s->inline_depth
          ? static_cast<allocsite_frame *>(arena_alloc(sizeof(allocsite_frame) * s->inline_depth))
          : nullptr;
  if (!copy || (s->inline_depth && !frames))
    return nullptr;
  *copy = *s;
  copy->file = arena_strdup(s->file);
  bool pair = s->flags & ALLOCSITE_SITE_READABLE_NAMES;
  copy->function = copy_name(s->function, pair);
  for (uint32_t i = 0; i < s->inline_depth; i++) {
    frames[i] = s->inlined_at[i];
    frames[i].file = arena_strdup(s->inlined_at[i].file);
    frames[i].function = copy_name(s->inlined_at[i].function, pair);
  }
  copy->inlined_at = frames;
  return copy;
}

ModuleSites *live_module(const allocsite_site *start) {
  for (ModuleSites *m = g_modules; m; m = m->next)
    if (m->start == start)
      return m;
  return nullptr;
}

// An unloaded object of this path and size whose record can take the new load.
ModuleSites *unloaded_module(const char *path, uint32_t count) {
  for (ModuleSites *m = g_modules; m; m = m->next)
    if (!m->start && m->count == count && strcmp(m->path, path) == 0)
      return m;
  return nullptr;
}

// The path of the object that holds `p` ("" when unknown). Without g_lock: dladdr takes the
// loader's lock.
const char *object_path(const void *p) {
  Dl_info dl;
  struct link_map *map = nullptr;
  if (!dladdr1(p, &dl, reinterpret_cast<void **>(&map), RTLD_DL_LINKMAP) || !map)
    return "";
  const char *path = map->l_name && map->l_name[0] ? map->l_name : exe_path();
  return path ? path : "";
}

} // namespace

void sites_register_range(allocsite_site *start, allocsite_site *stop) {
  if (!start || start >= stop || !ensure_tables())
    return;
  const char *path = object_path(start);
  uint32_t count = uint32_t(stop - start);
  SpinLockGuard guard(g_lock);
  if (live_module(start)) // another translation unit's constructor of the same object
    return;
  ModuleSites *m = unloaded_module(path, count);
  if (!m) {
    m = static_cast<ModuleSites *>(arena_alloc(sizeof(ModuleSites)));
    const char *path_copy = arena_strdup(path);
    if (!m || !path_copy) // out of memory: its sites get ids as they allocate, without reuse
      return;
    m->path = path_copy;
    m->count = count;
    m->next = g_modules;
    g_modules = m;
  }
  // A reload: the sites the last load used take their ids back. The others (and a site that
  // allocated before this constructor ran, which has an id already) keep what they have.
  for (uint32_t i = 0; m->ids && i < count; i++) {
    allocsite_site *s = start + i;
    if (s->id || !m->ids[i] || !m->copies[i] || !same_site(s, m->copies[i]))
      continue;
    __atomic_store_n(&g_table[m->ids[i]], s, __ATOMIC_RELEASE);
    __atomic_store_n(&s->id, m->ids[i], __ATOMIC_RELEASE);
  }
  m->start = start;
}

void site_module_paths(const char **out, uint32_t n) {
  if (!g_table)
    return;
  SpinLockGuard guard(g_lock);
  for (ModuleSites *m = g_modules; m; m = m->next)
    for (uint32_t i = 0; i < m->count; i++) {
      uint32_t id = m->start ? __atomic_load_n(&m->start[i].id, __ATOMIC_ACQUIRE)
                    : m->ids ? m->ids[i]
                             : 0;
      if (id && id < n)
        out[id] = m->path;
    }
}

void sites_unregister_range(allocsite_site *start, allocsite_site *stop) {
  if (!start || !g_table)
    return;
  SpinLockGuard guard(g_lock);
  ModuleSites *m = live_module(start);
  if (m) {
    m->start = nullptr; // later destructors of the same object find their sites repointed
    if (!m->ids) {
      m->ids = static_cast<uint32_t *>(arena_alloc(sizeof(uint32_t) * m->count));
      m->copies =
          static_cast<const allocsite_site **>(arena_alloc(sizeof(allocsite_site *) * m->count));
      if (!m->ids || !m->copies) // out of memory: copies without reuse
        m->ids = nullptr;
    }
  }
  for (allocsite_site *s = start; s < stop; s++) {
    uint32_t id = s->id;
    if (!id || g_table[id] != s)
      continue;
    size_t i = size_t(s - start);
    bool kept = m && m->ids && i < m->count;
    // The copy of the last unload serves again when this load's site took its id back.
    bool same = kept && m->ids[i] == id && m->copies[i];
    const allocsite_site *copy = same ? m->copies[i] : copy_site(s);
    if (!copy)
      continue;
    if (kept) {
      m->ids[i] = id;
      m->copies[i] = copy;
    }
    __atomic_store_n(&g_table[id], copy, __ATOMIC_RELEASE);
  }
}

namespace {

// Keys of the shared hash table. User-space addresses fit in 47 bits: a dynamic site's key is its
// caller's address; a tracked site's puts (domain + 1) above it; a composite site's sets the top
// bit above its two ids (both below kMaxSites = 2^20).
uintptr_t tracked_key(uintptr_t pc, unsigned domain) {
  return (pc & ((uintptr_t(1) << 47) - 1)) | (uintptr_t(domain & 0x7fff) + 1) << 47;
}
uintptr_t composite_key(uint32_t context_id, uint32_t inner_id) {
  return (uintptr_t(1) << 63) | uintptr_t(context_id) << 20 | inner_id;
}

uint32_t find_key(uintptr_t key) {
  DynamicSlot *slots = g_dynamic;
  for (uint32_t i = hash_pc(key);; i = (i + 1) & (kDynamicSlots - 1)) {
    uintptr_t k = __atomic_load_n(&slots[i].pc, __ATOMIC_ACQUIRE);
    if (k == key)
      return slots[i].id;
    if (!k)
      return 0;
  }
}

// Gives `desc` (arena memory, filled in) an id under `key`, unless another thread just did: then
// that id is returned and `desc` stays unused.
uint32_t insert_key(uintptr_t key, allocsite_site *desc) {
  DynamicSlot *slots = g_dynamic;
  SpinLockGuard guard(g_lock);
  for (uint32_t i = hash_pc(key);; i = (i + 1) & (kDynamicSlots - 1)) {
    if (slots[i].pc == key)
      return slots[i].id;
    if (slots[i].pc)
      continue;
    if (g_dynamic_count >= kMaxDynamicSites)
      return 0;
    uint32_t id = assign_id(desc);
    if (!id)
      return 0;
    desc->id = id;
    g_dynamic_count++;
    slots[i].id = id;
    __atomic_store_n(&slots[i].pc, key, __ATOMIC_RELEASE);
    return id;
  }
}

uint32_t site_by_address(uintptr_t key, uintptr_t pc, uint8_t kind, unsigned domain) {
  if (AS_UNLIKELY(!ensure_tables()))
    return 0;
  if (uint32_t id = find_key(key))
    return id;
  // First allocation from this address.
  auto *site = static_cast<DynamicSite *>(arena_alloc(sizeof(DynamicSite)));
  if (!site)
    return 0;
  site->desc.kind = kind;
  describe_caller(pc, &site->info);
  site->info.domain = domain;
  return insert_key(key, &site->desc);
}

struct CompositeSite {
  allocsite_site desc; // first member; named as the context's call, kind of the inner site
  uint32_t context_id;
  uint32_t inner_id;
};

} // namespace

uint32_t site_for_caller(uintptr_t pc) {
  return site_by_address(pc, pc, ALLOCSITE_KIND_DYNAMIC, 0);
}

uint32_t site_for_tracked(uintptr_t pc, unsigned domain) {
  return site_by_address(tracked_key(pc, domain), pc, ALLOCSITE_KIND_TRACKED, domain);
}

uint32_t site_for_context(const allocsite_site *context, uint32_t inner_id) {
  uint32_t context_id = context->id;
  if (AS_UNLIKELY(!context_id))
    context_id = site_register(const_cast<allocsite_site *>(context));
  if (!context_id || !inner_id || !ensure_tables())
    return inner_id;
  uintptr_t key = composite_key(context_id, inner_id);
  if (uint32_t id = find_key(key))
    return id;
  const allocsite_site *inner = site_descriptor(inner_id);
  auto *site = static_cast<CompositeSite *>(arena_alloc(sizeof(CompositeSite)));
  if (!site || !inner)
    return inner_id;
  site->desc = *context; // strings stay valid: sites_unregister_range repoints the table, and
                         // naming always goes through context_id's current descriptor
  site->desc.id = 0;
  site->desc.kind = inner->kind;
  // Its strings are the context's: so is the flag that says how to read them.
  site->desc.flags = ALLOCSITE_SITE_COMPOSITE | (context->flags & ALLOCSITE_SITE_READABLE_NAMES);
  site->context_id = context_id;
  site->inner_id = inner_id;
  uint32_t id = insert_key(key, &site->desc);
  return id ? id : inner_id;
}

bool site_composite_parts(uint32_t id, uint32_t *context_id, uint32_t *inner_id) {
  const allocsite_site *d = site_descriptor(id);
  if (!d || !(d->flags & ALLOCSITE_SITE_COMPOSITE))
    return false;
  auto *c = reinterpret_cast<const CompositeSite *>(d);
  *context_id = c->context_id;
  *inner_id = c->inner_id;
  return true;
}

uint32_t site_count() { return __atomic_load_n(&g_next_id, __ATOMIC_ACQUIRE); }

const allocsite_site *site_descriptor(uint32_t id) {
  if (!id || id >= site_count())
    return nullptr;
  return __atomic_load_n(&g_table[id], __ATOMIC_ACQUIRE);
}

bool site_dynamic_info(uint32_t id, DynamicSiteInfo *out) {
  const allocsite_site *d = site_descriptor(id);
  if (!d || (d->flags & ALLOCSITE_SITE_COMPOSITE) ||
      (d->kind != ALLOCSITE_KIND_DYNAMIC && d->kind != ALLOCSITE_KIND_TRACKED))
    return false;
  *out = reinterpret_cast<const DynamicSite *>(d)->info;
  return true;
}

void sites_lock_for_fork() { g_lock.lock(); }
void sites_unlock_after_fork(bool child) { g_lock.release_after_fork(child); }

} // namespace allocsite
