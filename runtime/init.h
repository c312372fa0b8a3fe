// runtime/init.h - the runtime's state: one object, written at start-up (init.cpp, in one place)
// and by allocsite_start/stop/clear_traces, read by every allocation. The instrumented fast path
// tests one byte of it (fast_path); everything else is read only off that path.
#ifndef ALLOCSITE_RUNTIME_INIT_H
#define ALLOCSITE_RUNTIME_INIT_H

#include "common.h"

namespace allocsite {

// What an allocation does: serve it from the start-up buffer (the real allocator is not known
// yet), forward it untracked (the runtime is not the process's malloc; under a sanitizer, forward
// it to the sanitizer and account for it through its hooks), or track it.
enum class Mode : uint8_t { Bootstrap, Passive, Active };

struct RuntimeState {
  // The hot bytes, in the first cache line.
  bool fast_path;           // active && tracing: the instrumented fast path's one test
  bool active;              // start-up done and the runtime is the process's malloc
  bool tracing;             // allocsite_start/stop (true from start-up)
  bool hooked;              // Passive because a sanitizer owns malloc: its hooks feed the counts
  Mode settled;             // Passive once start-up found another malloc; else Active/Bootstrap
  bool exiting;             // exit() has begun: module destructors need not copy descriptors
  int init_step;            // 0 not started, 1 running, 2 done
  unsigned generation;      // bumped by allocsite_clear_traces: older blocks are forgotten
  uint64_t generation_bits; // generation as the header word's top byte (block.h)
  uint64_t block_secret;    // keys block headers' check words (block.h)
};

extern RuntimeState g_state;

// Start-up, when it has not run: fills g_state; then the mode of an allocation made now.
Mode runtime_mode_slow();
// Under a sanitizer: have the report written before LeakSanitizer's check can end the process
// (called as each instrumented module registers its sites).
void report_before_leak_check();
// fast_path and generation_bits, after tracing or generation changed.
void state_changed();

AS_ALWAYS_INLINE Mode runtime_mode() {
  if (AS_LIKELY(__atomic_load_n(&g_state.active, __ATOMIC_RELAXED)))
    return Mode::Active;
  return runtime_mode_slow();
}

AS_ALWAYS_INLINE bool tracing() { return __atomic_load_n(&g_state.tracing, __ATOMIC_RELAXED); }

// Whether counts are kept: the runtime is the process's malloc, or a sanitizer's allocator hooks
// feed it (allocations then take the Passive paths, which forward to the sanitizer).
AS_ALWAYS_INLINE bool runtime_tracking() { return runtime_mode() == Mode::Active || g_state.hooked; }

} // namespace allocsite

#endif
