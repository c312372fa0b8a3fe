// runtime/thread_state.h - per-thread counters: the fast path touches only its own thread's memory
// (no lock, no atomic read-modify-write). States of exited threads are merged into one retired
// state, so their contribution stays and their memory is reused.
#ifndef ALLOCSITE_RUNTIME_THREAD_STATE_H
#define ALLOCSITE_RUNTIME_THREAD_STATE_H

#include "common.h"
#include "sites.h"

namespace allocsite {

// What one thread did at one site. Allocation and free each touch two words; live figures are
// derived when summing (live = allocated - freed).
struct SiteTally {
  int64_t alloc_bytes;
  int64_t alloc_calls;
  int64_t freed_bytes;
  int64_t freed_calls;
};

constexpr unsigned kChunkBits = 12;
constexpr uint32_t kChunkSites = 1u << kChunkBits;
constexpr uint32_t kMaxChunks = kMaxSites >> kChunkBits;
constexpr size_t kChunkBytes = sizeof(SiteTally) * kChunkSites;

struct ThreadState {
  SiteTally *chunks[kMaxChunks];    // lazily mapped, kChunkSites tallies each
  int64_t contribution;             // net live bytes this state added
  int64_t pending;                  // contribution not yet added to the shared current total
  ThreadState *next_all;            // every state ever made, for snapshots
  ThreadState *next_free;           // unowned states ready for a new thread
  bool owned;
};

extern AS_TLS ThreadState *t_state;

ThreadState *thread_state_slow();
SiteTally *thread_chunk_slow(ThreadState *t, uint32_t chunk);

AS_ALWAYS_INLINE ThreadState *thread_state() {
  ThreadState *t = t_state;
  if (AS_LIKELY(t))
    return t;
  return thread_state_slow();
}

AS_ALWAYS_INLINE SiteTally *thread_tally(ThreadState *t, uint32_t id) {
  SiteTally *chunk = t->chunks[id >> kChunkBits];
  if (AS_UNLIKELY(!chunk))
    chunk = thread_chunk_slow(t, id >> kChunkBits);
  return chunk + (id & (kChunkSites - 1));
}

// Peak tracking: exact while one thread allocates; with several, the shared total is updated in
// steps of kPeakSlack per thread, so the peak can be under-reported by at most that per thread.
constexpr int64_t kPeakSlack = 64 * 1024;
extern ThreadState *g_single_owner; // the only live thread, or nullptr
extern int64_t g_others_contribution; // sum over states other than g_single_owner
extern int64_t g_shared_current;    // multi-threaded: sum of flushed contributions
extern int64_t g_peak;
extern int64_t g_peak_snapshot_next; // snapshot.cpp: save the breakdown again at this high
void peak_flush(ThreadState *t);
void peak_snapshot_maybe_take(int64_t current);

AS_ALWAYS_INLINE void peak_account(ThreadState *t, int64_t delta) {
  t->contribution += delta;
  if (AS_LIKELY(t == __atomic_load_n(&g_single_owner, __ATOMIC_RELAXED))) {
    int64_t current = t->contribution + g_others_contribution;
    if (current > g_peak) {
      g_peak = current;
      if (AS_UNLIKELY(current >= g_peak_snapshot_next))
        peak_snapshot_maybe_take(current);
    }
    return;
  }
  t->pending += delta;
  if (AS_UNLIKELY(t->pending >= kPeakSlack || t->pending <= -kPeakSlack))
    peak_flush(t);
}

// Iterates every state (live, free and the retired accumulator) under the lock that keeps their
// chunks mapped.
void thread_states_lock();
void thread_states_unlock();
ThreadState *thread_states_head();
int64_t current_traced_bytes(); // exact: sums contributions
void reset_peak();

void thread_states_lock_for_fork();
void thread_states_unlock_after_fork(bool child);
void thread_state_init(); // creates the pthread key; called once from init

} // namespace allocsite

#endif
