// runtime/attribution.h - which site an allocation is charged to (SPEC §3, the attribution rule).
// An instrumented call in the user's code is its own site. A call in library code (a system
// header or an allocation wrapper: the pass flags it ALLOCSITE_SITE_LIBRARY), and any
// uninstrumented allocation, is charged to the thread's context - the user-code call that led
// into the library, which the pass stores in __allocsite_context - through a composite site
// that keeps the inner site as "via".
#ifndef ALLOCSITE_RUNTIME_ATTRIBUTION_H
#define ALLOCSITE_RUNTIME_ATTRIBUTION_H

#include "init.h"
#include "sites.h"

namespace allocsite {

// The id a static descriptor charges now (0 when not tracing).
AS_ALWAYS_INLINE uint32_t static_site_id(allocsite_site *site) {
  uint32_t id = site->id;
  if (AS_UNLIKELY(!id))
    id = site_register(site);
  if (AS_UNLIKELY(site->flags & ALLOCSITE_SITE_LIBRARY)) {
    if (const allocsite_site *context = __allocsite_context)
      id = site_for_context(context, id);
  }
  return AS_LIKELY(g_state.tracing) ? id : 0;
}

// The id an uninstrumented allocation from return address `pc` charges (0 when not tracing).
AS_ALWAYS_INLINE uint32_t dynamic_site_id(uintptr_t pc) {
  uint32_t id = site_for_caller(pc);
  if (const allocsite_site *context = __allocsite_context)
    id = site_for_context(context, id);
  return id;
}

// The instrumented fast path's test: a registered site in user code, while tracing.
AS_ALWAYS_INLINE bool is_plain_user_site(const allocsite_site *site) {
  return site->id != 0 && !(site->flags & ALLOCSITE_SITE_LIBRARY);
}

} // namespace allocsite

#endif
