// runtime/init.h - start-up. Every hook asks runtime_mode() first: the answer is Active (one load)
// except while the runtime is still finding the real allocator (Bootstrap), or when it found that
// it is not the process's malloc and must only forward (Passive).
#ifndef ALLOCSITE_RUNTIME_INIT_H
#define ALLOCSITE_RUNTIME_INIT_H

#include "common.h"
#include "sanitizer_hooks.h"

namespace allocsite {

enum class Mode { Bootstrap, Passive, Active };

extern bool g_active;
extern bool g_process_exiting; // exit() has begun: module destructors need not copy descriptors
Mode runtime_mode_slow();
// Under a sanitizer: have the report written before LeakSanitizer's check can end the process
// (called as each instrumented module registers its sites).
void report_before_leak_check();

AS_ALWAYS_INLINE Mode runtime_mode() {
  if (AS_LIKELY(__atomic_load_n(&g_active, __ATOMIC_RELAXED)))
    return Mode::Active;
  return runtime_mode_slow();
}

// Whether counts are kept: the runtime is the process's malloc, or a sanitizer's allocator hooks
// feed it (allocations then take the Passive paths, which forward to the sanitizer).
AS_ALWAYS_INLINE bool runtime_tracking() { return runtime_mode() == Mode::Active || g_hooked; }

} // namespace allocsite

#endif
