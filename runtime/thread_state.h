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
  // The fast path leaves peak tracking to peak_slow() only when contribution leaves [lo, hi]:
  // single-threaded, hi is where a new process-wide peak starts; multi-threaded, the band is
  // kPeakSlack around the last flush to the shared total.
  int64_t peak_hi;
  int64_t peak_lo;
  int64_t flushed;                  // multi-threaded: contribution already in g_shared_current
  ThreadState *next_all;            // every state ever made, for snapshots
  ThreadState *next_free;           // unowned states ready for a new thread
  bool owned;
};

extern AS_TLS ThreadState *t_state;

// Gives this thread a state in t_state (left nullptr only when the OS refuses memory).
AS_SLOW_PATH void thread_state_slow();
// Maps t->chunks[chunk] (or points it at a scratch chunk that sums ignore, when the OS refuses).
AS_SLOW_PATH void thread_chunk_slow(ThreadState *t, uint32_t chunk);
extern SiteTally g_scratch_chunk[];

AS_ALWAYS_INLINE ThreadState *thread_state() {
  ThreadState *t = t_state;
  if (AS_LIKELY(t))
    return t;
  thread_state_slow();
  return t_state;
}

AS_ALWAYS_INLINE SiteTally *thread_tally(ThreadState *t, uint32_t id) {
  SiteTally *chunk = t->chunks[id >> kChunkBits];
  if (AS_UNLIKELY(!chunk)) {
    thread_chunk_slow(t, id >> kChunkBits);
    chunk = t->chunks[id >> kChunkBits];
  }
  return chunk + (id & (kChunkSites - 1));
}

// Peak tracking: exact while one thread allocates; with several, the shared total is updated in
// steps of kPeakSlack per thread, so the peak can be under-reported by at most that per thread.
constexpr int64_t kPeakSlack = 64 * 1024;
extern ThreadState *g_single_owner;   // the only live thread, or nullptr
extern int64_t g_others_contribution; // single-threaded: sum over the other (dead) states
extern int64_t g_shared_current;      // multi-threaded: sum of flushed contributions
extern int64_t g_peak;
extern int64_t g_peak_snapshot_next;  // snapshot.cpp: save the breakdown again at this high
AS_SLOW_PATH void peak_slow(ThreadState *t);
void peak_snapshot_maybe_take(int64_t current);

AS_ALWAYS_INLINE void peak_grow(ThreadState *t, int64_t bytes) {
  int64_t c = t->contribution + bytes;
  t->contribution = c;
  if (AS_UNLIKELY(c > t->peak_hi))
    peak_slow(t);
}

AS_ALWAYS_INLINE void peak_shrink(ThreadState *t, int64_t bytes) {
  int64_t c = t->contribution - bytes;
  t->contribution = c;
  if (AS_UNLIKELY(c < t->peak_lo))
    peak_slow(t);
}

// Iterates every state (live, free and the retired accumulator) under the lock that keeps their
// chunks mapped.
void thread_states_lock();
void thread_states_unlock();
ThreadState *thread_states_head();
int64_t current_traced_bytes(); // exact: sums contributions
void reset_peak();
void peak_reset_to(int64_t value); // the peak becomes `value` (absolute traced bytes)

void thread_states_lock_for_fork();
void thread_states_unlock_after_fork(bool child);
void thread_state_init(); // creates the pthread key; called once from init

} // namespace allocsite

#endif
