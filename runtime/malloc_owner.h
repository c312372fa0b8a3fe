// runtime/malloc_owner.h - the definition of `malloc` the process's calls are bound to.
#ifndef ALLOCSITE_RUNTIME_MALLOC_OWNER_H
#define ALLOCSITE_RUNTIME_MALLOC_OWNER_H

#include "common.h"

namespace allocsite {

struct MallocOwner {
  void *address;      // the definition calls reach; nullptr if none was found
  const char *object; // its object's path as the loader has it; nullptr for the executable
  bool is_executable;
};

// The first definition of malloc in load order (the executable, LD_PRELOAD, then libraries), as
// the dynamic linker binds calls. Allocates nothing.
MallocOwner find_malloc_owner();

} // namespace allocsite

#endif
