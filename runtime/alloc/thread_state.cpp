// runtime/alloc/thread_state.cpp - creation, reuse and retirement of per-thread counter states.
//
// A thread's first allocation takes a state (a free one, or a new mapping). When the thread exits,
// a pthread-key destructor that re-arms itself until the last destructor round (so that other
// keys' destructors may still allocate and free) merges the state's counters into the retired
// accumulator and puts the state on the free list. Snapshots sum every state under g_lock, which
// is also what keeps chunks mapped while they are read.
#include "alloc/alloc.h"

#include "base/base.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>

namespace allocsite {

AS_TLS ThreadState *t_state;
ThreadState *g_single_owner;
int64_t g_others_contribution;
int64_t g_shared_current;
int64_t g_peak;
uint64_t g_peak_epoch = 1; // tallies start at epoch 0: "unchanged since the peak"
bool g_peak_pending;

namespace {

SpinLock g_lock;
ThreadState *g_all;     // every state, newest first
ThreadState *g_free;    // unowned, zeroed, ready for reuse
ThreadState *g_retired; // exited threads' counters, summed
int g_live;             // owned states of running threads
pthread_key_t g_exit_key;
bool g_key_ready;
AS_TLS bool t_destructors_done;

ThreadState *new_state() {
  auto *t = static_cast<ThreadState *>(os_map(sizeof(ThreadState)));
  if (!t)
    return nullptr;
  t->next_all = g_all;
  __atomic_store_n(&g_all, t, __ATOMIC_RELEASE);
  return t;
}

// Sends every live thread through peak_slow() on its next allocation and free, where it picks up
// the new mode's limits. Writes other threads' limits without their knowledge: a lost write only
// costs one more slow call later.
void force_peak_slow_path() {
  for (ThreadState *s = g_all; s; s = s->next_all) {
    __atomic_store_n(&s->peak_hi, INT64_MIN, __ATOMIC_RELAXED);
    __atomic_store_n(&s->peak_lo, INT64_MAX, __ATOMIC_RELAXED);
  }
}

// Ends a pending peak (alloc/alloc.h), if there is one: it is the owner's total as it is now, and
// its epoch begins, so that tallies keep what they hold now. False when none was pending.
bool seal_pending(ThreadState *owner) {
  if (!__atomic_exchange_n(&g_peak_pending, false, __ATOMIC_RELAXED))
    return false;
  int64_t current = __atomic_load_n(&owner->contribution, __ATOMIC_RELAXED) + g_others_contribution;
  if (current > __atomic_load_n(&g_peak, __ATOMIC_RELAXED))
    __atomic_store_n(&g_peak, current, __ATOMIC_RELAXED);
  __atomic_add_fetch(&g_peak_epoch, 1, __ATOMIC_RELAXED);
  return true;
}

// g_lock held, before the states change hands: the pending peak is sealed with the owner's
// tallies as they are (exact unless the owner is allocating at this moment).
void seal_pending_locked() {
  if (ThreadState *owner = __atomic_load_n(&g_single_owner, __ATOMIC_RELAXED))
    seal_pending(owner);
}

// Called with g_lock held whenever the number of live threads changes.
void update_peak_mode() {
  if (g_live == 1) {
    ThreadState *owner = nullptr;
    int64_t others = 0;
    for (ThreadState *s = g_all; s; s = s->next_all) {
      if (s->owned && !owner)
        owner = s;
      else
        others += s->contribution;
    }
    g_others_contribution = others;
    __atomic_store_n(&g_single_owner, owner, __ATOMIC_RELEASE);
  } else if (__atomic_load_n(&g_single_owner, __ATOMIC_RELAXED)) {
    // Leaving single-threaded mode: a pending peak ends here, and the shared total starts from
    // every state's contribution.
    seal_pending_locked();
    int64_t total = 0;
    for (ThreadState *s = g_all; s; s = s->next_all) {
      int64_t c = __atomic_load_n(&s->contribution, __ATOMIC_RELAXED);
      __atomic_store_n(&s->flushed, c, __ATOMIC_RELAXED);
      total += c;
    }
    __atomic_store_n(&g_shared_current, total, __ATOMIC_RELAXED);
    __atomic_store_n(&g_single_owner, (ThreadState *)nullptr, __ATOMIC_RELEASE);
  }
  // Pairs with the fence in peak_slow: either the owner sees the new mode, or these stores of
  // the limits come after its own.
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  force_peak_slow_path();
}

// Folds `t` into the retired accumulator and unmaps its chunks. g_lock held.
void merge_into_retired(ThreadState *t) {
  seal_pending_locked(); // what t held at the peak must be known before it is merged
  if (!g_retired)
    g_retired = new_state();
  for (uint32_t c = 0; c < kMaxChunks; c++) {
    TallyChunk *src = t->chunks[c];
    if (!src || src == &g_scratch_chunk)
      continue;
    TallyChunk *dst = g_retired->chunks[c];
    if (!dst) {
      dst = static_cast<TallyChunk *>(os_map(kChunkBytes));
      __atomic_store_n(&g_retired->chunks[c], dst, __ATOMIC_RELEASE);
    }
    uint64_t epoch = __atomic_load_n(&g_peak_epoch, __ATOMIC_RELAXED);
    for (uint32_t i = 0; i < kChunkSites; i++) {
      // The retired tally keeps the sum of what both held at the latest peak.
      TallyCounts at_peak = tally_at_peak(*src, i, epoch);
      tally_keep_peak(dst, i);
      TallyCounts &kept = dst->at_peak[i];
      kept.alloc_bytes += at_peak.alloc_bytes;
      kept.alloc_calls += at_peak.alloc_calls;
      kept.freed_bytes += at_peak.freed_bytes;
      kept.freed_calls += at_peak.freed_calls;
      TallyCounts &sum = dst->counts[i];
      const TallyCounts &add = src->counts[i];
      sum.alloc_bytes += add.alloc_bytes;
      sum.alloc_calls += add.alloc_calls;
      sum.freed_bytes += add.freed_bytes;
      sum.freed_calls += add.freed_calls;
    }
    t->chunks[c] = nullptr;
    os_unmap(src, kChunkBytes);
  }
  g_retired->contribution += t->contribution;
  g_retired->flushed += t->flushed;
  t->contribution = t->flushed = 0;
}

void retire(ThreadState *t) {
  SpinLockGuard guard(g_lock);
  merge_into_retired(t);
  t->owned = false;
  t->next_free = g_free;
  g_free = t;
  g_live--;
  update_peak_mode();
}

void on_thread_exit(void *value) {
  uintptr_t round = reinterpret_cast<uintptr_t>(value);
  if (round < PTHREAD_DESTRUCTOR_ITERATIONS) {
    pthread_setspecific(g_exit_key, reinterpret_cast<void *>(round + 1));
    return;
  }
  ThreadState *t = t_state;
  t_destructors_done = true;
  t_state = nullptr;
  if (t)
    retire(t);
}

} // namespace

AS_SLOW_PATH void thread_state_slow() {
  ThreadState *t;
  {
    SpinLockGuard guard(g_lock);
    t = g_free;
    if (t)
      g_free = t->next_free;
    else
      t = new_state();
    if (!t)
      return;
    t->owned = true;
    // A thread that allocates after its key destructors ran (glibc's own teardown) gets a state
    // that is never retired; it does not count as a live thread.
    if (!t_destructors_done) {
      g_live++;
      update_peak_mode();
    }
  }
  t_state = t; // before pthread_setspecific, which may itself allocate
  if (g_key_ready && !t_destructors_done)
    pthread_setspecific(g_exit_key, reinterpret_cast<void *>(uintptr_t(1)));
}

TallyChunk g_scratch_chunk;

uint32_t caller_site_miss(SiteCacheEntry *e, uintptr_t pc) {
  uint32_t id = site_for_caller(pc);
  if (e && id) {
    e->key = pc;
    e->id = id;
  }
  return id;
}

uint32_t context_site_miss(SiteCacheEntry *e, const allocsite_site *context, uint32_t inner_id) {
  uint32_t id = site_for_context(context, inner_id);
  // site_for_context gave the context its id if it had none. When it returns inner_id itself no
  // composite could be made (yet): ask again next time.
  uint32_t context_id = __atomic_load_n(&context->id, __ATOMIC_ACQUIRE);
  if (e && id != inner_id && context_id && inner_id) {
    e->key = uint64_t(context_id) << 32 | inner_id;
    e->id = id;
  }
  return id;
}

AS_SLOW_PATH void thread_chunk_slow(ThreadState *t, uint32_t chunk) {
  auto *c = static_cast<TallyChunk *>(os_map(kChunkBytes));
  // Out of memory for counters: the block is still served, and charged to a scratch chunk that
  // no sum reads.
  __atomic_store_n(&t->chunks[chunk], c ? c : &g_scratch_chunk, __ATOMIC_RELEASE);
}

AS_SLOW_PATH void peak_slow(ThreadState *t) {
  int64_t current;
  if (t == __atomic_load_n(&g_single_owner, __ATOMIC_ACQUIRE)) {
    current = t->contribution + g_others_contribution;
    int64_t peak = __atomic_load_n(&g_peak, __ATOMIC_RELAXED);
    if (current > peak) {
      __atomic_store_n(&g_peak, peak = current, __ATOMIC_RELAXED);
      __atomic_store_n(&g_peak_pending, true, __ATOMIC_RELAXED);
    }
    if (__atomic_load_n(&g_peak_pending, __ATOMIC_RELAXED)) {
      // Growth stays on the fast path (g_peak is then below the current total, which readers
      // take as the peak); the first decrease comes here through uncharge's peak_seal.
      t->peak_hi = INT64_MAX;
      t->peak_lo = INT64_MAX;
      __atomic_thread_fence(__ATOMIC_SEQ_CST);
      if (t != __atomic_load_n(&g_single_owner, __ATOMIC_RELAXED))
        t->peak_hi = INT64_MIN; // update_peak_mode raced with us: its limits must stand
    } else {
      t->peak_hi = peak - g_others_contribution;
      t->peak_lo = INT64_MIN;
    }
  } else {
    int64_t delta = t->contribution - t->flushed;
    t->flushed = t->contribution;
    current = __atomic_add_fetch(&g_shared_current, delta, __ATOMIC_RELAXED);
    int64_t peak = __atomic_load_n(&g_peak, __ATOMIC_RELAXED);
    while (current > peak) {
      if (__atomic_compare_exchange_n(&g_peak, &peak, current, true, __ATOMIC_RELAXED,
                                      __ATOMIC_RELAXED)) {
        __atomic_add_fetch(&g_peak_epoch, 1, __ATOMIC_RELAXED);
        break;
      }
    }
    t->peak_hi = t->contribution + kPeakSlack;
    t->peak_lo = t->contribution - kPeakSlack;
  }
}

AS_SLOW_PATH void peak_seal(ThreadState *t) {
  // Not the owner's to seal: update_peak_mode seals when the mode changes.
  if (t != __atomic_load_n(&g_single_owner, __ATOMIC_ACQUIRE) || !seal_pending(t))
    return;
  t->peak_hi = __atomic_load_n(&g_peak, __ATOMIC_RELAXED) - g_others_contribution;
  t->peak_lo = INT64_MIN;
}

void thread_states_lock() { g_lock.lock(); }
void thread_states_unlock() { g_lock.unlock(); }
ThreadState *thread_states_head() { return __atomic_load_n(&g_all, __ATOMIC_ACQUIRE); }

int64_t current_traced_bytes() {
  int64_t total = 0;
  for (ThreadState *s = thread_states_head(); s; s = s->next_all)
    total += __atomic_load_n(&s->contribution, __ATOMIC_RELAXED);
  return total;
}

void peak_reset_to(int64_t value) {
  SpinLockGuard guard(g_lock);
  __atomic_store_n(&g_peak_pending, false, __ATOMIC_RELAXED);
  __atomic_store_n(&g_peak, value, __ATOMIC_RELAXED);
  __atomic_add_fetch(&g_peak_epoch, 1, __ATOMIC_RELAXED); // the breakdown at the peak: now's
  force_peak_slow_path();
}

void reset_peak() { peak_reset_to(current_traced_bytes()); }

void thread_states_lock_for_fork() { g_lock.lock(); }

void thread_states_unlock_after_fork(bool child) {
  if (child) {
    g_lock.reset_after_fork();
    // Only the forking thread survives: every other live state is retired, so that the child's
    // counts keep what was inherited and its peak tracking is single-threaded again.
    SpinLockGuard guard(g_lock);
    ThreadState *self = t_state;
    for (ThreadState *s = g_all; s; s = s->next_all) {
      if (s->owned && s != self && s != g_retired) {
        merge_into_retired(s);
        s->owned = false;
        s->next_free = g_free;
        g_free = s;
      }
    }
    g_live = self ? 1 : 0;
    update_peak_mode();
    return;
  }
  g_lock.unlock();
}

void thread_state_init() {
  if (pthread_key_create(&g_exit_key, on_thread_exit) == 0)
    g_key_ready = true;
}

} // namespace allocsite
