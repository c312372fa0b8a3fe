// runtime/base/loaded_objects.cpp - reading a loaded object's program headers and dynamic section
// in memory (dl_iterate_phdr's view): no file is opened and nothing is allocated.
#include "base/base.h"

#include <elf.h>
#include <link.h>

namespace allocsite {

const void *loaded_segment(const dl_phdr_info *info, uint32_t type, size_t *memsz) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != type)
      continue;
    if (memsz)
      *memsz = ph.p_memsz;
    return reinterpret_cast<const void *>(info->dlpi_addr + ph.p_vaddr);
  }
  return nullptr;
}

bool in_loaded_segment(const dl_phdr_info *info, uintptr_t address) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + ph.p_vaddr;
    if (ph.p_type == PT_LOAD && address >= start && address - start < ph.p_memsz)
      return true;
  }
  return false;
}

uintptr_t dynamic_address(const dl_phdr_info *info, uintptr_t value) {
  return in_loaded_segment(info, value) ? value : value + info->dlpi_addr;
}

} // namespace allocsite
