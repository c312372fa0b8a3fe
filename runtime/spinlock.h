// runtime/spinlock.h - a lock for the runtime's rare slow paths (site registration, thread list).
// Never taken on the malloc/free fast path. pthread mutexes would do, but this one is safe to take
// before libpthread is initialised and to reset in a forked child.
#ifndef ALLOCSITE_RUNTIME_SPINLOCK_H
#define ALLOCSITE_RUNTIME_SPINLOCK_H

#include <sched.h>

namespace allocsite {

class SpinLock {
public:
  void lock() {
    while (__atomic_exchange_n(&held_, 1, __ATOMIC_ACQUIRE))
      while (__atomic_load_n(&held_, __ATOMIC_RELAXED))
        sched_yield();
  }
  void unlock() { __atomic_store_n(&held_, 0, __ATOMIC_RELEASE); }
  // In a forked child only the forking thread exists; whoever held the lock is gone.
  void reset_after_fork() { held_ = 0; }
  // The end of a fork for a lock its prepare handler took: unlocked in the parent, reset in the
  // child.
  void release_after_fork(bool child) {
    if (child)
      reset_after_fork();
    else
      unlock();
  }

private:
  int held_ = 0;
};

class SpinLockGuard {
public:
  explicit SpinLockGuard(SpinLock &l) : lock_(l) { lock_.lock(); }
  ~SpinLockGuard() { lock_.unlock(); }
  SpinLockGuard(const SpinLockGuard &) = delete;
  SpinLockGuard &operator=(const SpinLockGuard &) = delete;

private:
  SpinLock &lock_;
};

} // namespace allocsite

#endif
