// runtime/base/malloc_owner.cpp - which loaded object's `malloc` the process's calls reach. The
// dynamic linker binds every call (PLT reference) to the first object in the global scope that
// *defines* the symbol; dlsym(RTLD_DEFAULT) does not answer that question, because a non-PIE
// executable that takes malloc's address has an undefined `malloc` with a non-zero value (its
// canonical PLT entry), which dlsym returns while calls still go to the real definition.
// So the objects' dynamic symbol tables are read in load order, as the linker reads them.
#include "base/base.h"

#include <elf.h>
#include <link.h>
#include <string.h>

namespace allocsite {
namespace {

template <typename T> T dynamic_ptr(const dl_phdr_info *info, ElfW(Addr) value) {
  return reinterpret_cast<T>(dynamic_address(info, value));
}

// The number of dynamic symbols: DT_HASH has it; with DT_GNU_HASH alone it is one past the last
// symbol of the last non-empty chain.
size_t symbol_count(const ElfW(Word) * sysv_hash, const uint32_t *gnu_hash) {
  if (sysv_hash)
    return sysv_hash[1];
  if (!gnu_hash)
    return 0;
  uint32_t nbuckets = gnu_hash[0], symoffset = gnu_hash[1], bloom_size = gnu_hash[2];
  const uint32_t *buckets = gnu_hash + 4 + bloom_size * (sizeof(ElfW(Addr)) / sizeof(uint32_t));
  const uint32_t *chains = buckets + nbuckets;
  uint32_t last = 0;
  for (uint32_t b = 0; b < nbuckets; b++)
    if (buckets[b] > last)
      last = buckets[b];
  if (last < symoffset)
    return symoffset;
  while (!(chains[last - symoffset] & 1))
    last++;
  return last + 1;
}

struct Search {
  const char *name;
  MallocOwner result;
  bool done;
};

int visit(dl_phdr_info *info, size_t, void *data) {
  auto *search = static_cast<Search *>(data);
  if (search->done)
    return 0;
  const auto *dynamic = static_cast<const ElfW(Dyn) *>(loaded_segment(info, PT_DYNAMIC));
  if (!dynamic)
    return 0;
  const ElfW(Sym) *symbols = nullptr;
  const char *strings = nullptr;
  const ElfW(Word) *sysv_hash = nullptr;
  const uint32_t *gnu_hash = nullptr;
  for (const ElfW(Dyn) *d = dynamic; d->d_tag != DT_NULL; d++) {
    switch (d->d_tag) {
    case DT_SYMTAB:
      symbols = dynamic_ptr<const ElfW(Sym) *>(info, d->d_un.d_ptr);
      break;
    case DT_STRTAB:
      strings = dynamic_ptr<const char *>(info, d->d_un.d_ptr);
      break;
    case DT_HASH:
      sysv_hash = dynamic_ptr<const ElfW(Word) *>(info, d->d_un.d_ptr);
      break;
    case DT_GNU_HASH:
      gnu_hash = dynamic_ptr<const uint32_t *>(info, d->d_un.d_ptr);
      break;
    default:
      break;
    }
  }
  if (!symbols || !strings)
    return 0;
  size_t count = symbol_count(sysv_hash, gnu_hash);
  for (size_t i = 1; i < count; i++) {
    const ElfW(Sym) &s = symbols[i];
    unsigned type = ELF64_ST_TYPE(s.st_info), binding = ELF64_ST_BIND(s.st_info);
    // Undefined symbols (the canonical PLT entry among them) do not bind calls.
    if (s.st_shndx == SHN_UNDEF || s.st_value == 0 || binding == STB_LOCAL ||
        (type != STT_FUNC && type != STT_GNU_IFUNC))
      continue;
    if (strcmp(strings + s.st_name, search->name) != 0)
      continue;
    search->result.address = reinterpret_cast<void *>(info->dlpi_addr + s.st_value);
    search->result.object = info->dlpi_name && *info->dlpi_name ? info->dlpi_name : nullptr;
    search->result.is_executable = !info->dlpi_name || !*info->dlpi_name;
    search->done = true;
    return 1;
  }
  return 0;
}

} // namespace

MallocOwner find_malloc_owner() {
  Search search{"malloc", MallocOwner{}, false};
  dl_iterate_phdr(visit, &search);
  return search.result;
}

} // namespace allocsite
