// runtime/sites.h - the site table: dense ids for static descriptors (from the pass) and for
// dynamic sites (uninstrumented callers, keyed by return address).
#ifndef ALLOCSITE_RUNTIME_SITES_H
#define ALLOCSITE_RUNTIME_SITES_H

#include "common.h"

namespace allocsite {

// Ids are 1 .. site_count()-1; id 0 means "not tracked" (blocks allocated while tracing was off).
constexpr uint32_t kMaxSites = 1u << 20;

// Slow path of every instrumented entry point: the descriptor's id is still 0 (its module's
// constructor has not run yet). Assigns and stores the id; returns it.
uint32_t site_register(allocsite_site *site);
// A linked object's section. Its sites get back the ids they had in an earlier load of the same
// path when their descriptors are identical (file, line, column, function, kind, flags, inline
// chain), so a dlopen/dlclose cycle adds neither sites nor runtime memory after the first.
void sites_register_range(allocsite_site *start, allocsite_site *stop);
// The object is being unloaded: keep copies of its descriptors and strings (made once per site and
// reused by later loads) so its sites stay reportable while they still hold memory.
void sites_unregister_range(allocsite_site *start, allocsite_site *stop);

// The dynamic site of an uninstrumented allocation made by code at return address `pc`.
uint32_t site_for_caller(uintptr_t pc);
// The site of blocks that code at `pc` declares with allocsite_track(domain, ...).
uint32_t site_for_tracked(uintptr_t pc, unsigned domain);
// Memory of site `inner_id` allocated while user code's call `context` (kind CALL) runs library
// code: a composite site, named by the call and keeping the inner site as "via" (SPEC §3).
// Returns inner_id itself when no composite can be made.
uint32_t site_for_context(const allocsite_site *context, uint32_t inner_id);
bool site_composite_parts(uint32_t id, uint32_t *context_id, uint32_t *inner_id);

uint32_t site_count();
const allocsite_site *site_descriptor(uint32_t id);

// Where a dynamic site's code is; symbolised at report time (symbolize.h).
struct DynamicSiteInfo {
  uintptr_t pc;              // return address as seen at run time
  const char *module_path;   // absolute path of the object file (arena copy), or nullptr
  uintptr_t module_offset;   // pc - load bias: the address to give a symbolizer for module_path
  const char *symbol;        // nearest dynamic symbol from dladdr (arena copy), or nullptr
  unsigned domain;           // allocsite_track's domain for tracked sites; 0 otherwise
};
bool site_dynamic_info(uint32_t id, DynamicSiteInfo *out);

void sites_lock_for_fork();
void sites_unlock_after_fork(bool child);

} // namespace allocsite

#endif
