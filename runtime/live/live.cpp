// runtime/live/live.cpp - asking a running program (SPEC §7, the live view): a JSON dump on a
// signal (dump_signal), a dump every N ms (dump_interval_ms), and a timeline of live memory
// (timeline_interval_ms), all written by one background thread the program never waits for.
// The signal handler only wakes that thread, so a dump is never written in signal context and
// arrives even if the program never allocates again.
//
// Folder rule: code here runs on its own thread or at exit, never on an allocation path; it may
// block and take the runtime's locks, and allocates only from the arena.
#include "live.h"

#include "../alloc/alloc.h"
#include "../report/report.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h> // rename(2)
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

namespace allocsite {
namespace {

struct SignalName {
  const char *name;
  int number;
};
// The signals a program can dedicate to dumps: catchable, and not raised by faults.
const SignalName kSignals[] = {
    {"HUP", SIGHUP},   {"INT", SIGINT},       {"QUIT", SIGQUIT}, {"USR1", SIGUSR1},
    {"USR2", SIGUSR2}, {"PIPE", SIGPIPE},     {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"URG", SIGURG},   {"WINCH", SIGWINCH},   {"IO", SIGIO},     {"PWR", SIGPWR},
    {"PROF", SIGPROF}, {"VTALRM", SIGVTALRM},
};

int g_signal;       // the dump signal, 0 for none
int g_wake_fd = -1; // eventfd the handler writes and the thread polls
volatile sig_atomic_t g_signal_pending;
bool g_running;       // the thread exists (not in a forked child)
SpinLock g_dump_lock; // one dump (or the exit report) at a time
uint64_t g_dump_sequence;
int64_t g_start_ms;

// The timeline: a fixed number of samples; when it is full every other one is dropped and the
// interval doubles, as massif thins its snapshots, so memory stays bounded however long the
// program runs.
struct Sample {
  int64_t t_ms;
  int64_t live_bytes;
  int64_t live_blocks;
  uint32_t site_ids[kTimelineSites];
  int64_t site_bytes[kTimelineSites];
};
Sample *g_samples;
size_t g_sample_count;
int64_t g_timeline_interval_ms;
SpinLock g_timeline_lock;

int64_t now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void on_signal(int) {
  int saved = errno;
  g_signal_pending = 1;
  uint64_t one = 1;
  if (write(g_wake_fd, &one, sizeof(one)) < 0) {
    // A full counter (2^64 - 2 wake-ups) already wakes the thread.
  }
  errno = saved;
}

// "SIGUSR2", "USR2" or "12"; 0 when it names no signal a dump can use.
int parse_signal(const char *text) {
  if (!text || !*text)
    return 0;
  if (text[0] >= '0' && text[0] <= '9') {
    int n = 0;
    for (const char *p = text; *p; p++) {
      if (*p < '0' || *p > '9' || n > 1000)
        return 0;
      n = n * 10 + (*p - '0');
    }
    for (const SignalName &s : kSignals)
      if (s.number == n)
        return n;
    return n >= SIGRTMIN && n <= SIGRTMAX ? n : 0;
  }
  if (strncmp(text, "SIG", 3) == 0)
    text += 3;
  for (const SignalName &s : kSignals)
    if (strcmp(text, s.name) == 0)
      return s.number;
  return 0;
}

const char *signal_name(int sig) {
  for (const SignalName &s : kSignals)
    if (s.number == sig)
      return s.name;
  return "RT";
}

} // namespace

int write_replacing(const char *path, bool (*write)(int fd)) {
  char temporary[4100];
  size_t n = strlen(path);
  if (n + 5 > sizeof(temporary))
    return ENAMETOOLONG;
  memcpy(temporary, path, n);
  memcpy(temporary + n, ".tmp", 5);
  int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    return errno;
  bool ok = write(fd);
  if (close(fd) != 0)
    ok = false;
  if (ok && rename(temporary, path) == 0)
    return 0;
  unlink(temporary);
  return -1;
}

namespace {

// Written to a temporary name and renamed, so a reader never sees half a dump.
void write_dump() {
  SpinLockGuard guard(g_dump_lock);
  if (!g_running)
    return;
  uint64_t sequence = ++g_dump_sequence;
  char path[4096];
  if (!expand_path(g_options.dump_path, sequence, path, sizeof(path))) {
    diag("dump_path is too long once expanded; no dump written");
    return;
  }
  int error = write_replacing(path, write_json_report);
  if (error > 0)
    diag("cannot write dump to '", path, "': ", errno_text(error));
  else if (error)
    diag("cannot write dump to '", path, "'");
}

// The kTimelineSites sites holding the most live bytes now (ids 0 where there are fewer).
void top_live_sites(uint32_t *ids, int64_t *bytes) {
  static SiteCounters *counters;
  static size_t capacity;
  uint32_t count = site_count();
  if (count > capacity) {
    size_t fresh_capacity = size_t(count) * 2;
    auto *fresh = static_cast<SiteCounters *>(os_map(fresh_capacity * sizeof(SiteCounters)));
    if (!fresh)
      return;
    if (counters)
      os_unmap(counters, capacity * sizeof(SiteCounters));
    counters = fresh;
    capacity = fresh_capacity;
  }
  collect_site_counters(counters, count);
  for (uint32_t id = 1; id < count; id++) {
    int64_t live = counters[id].live_bytes;
    if (live <= 0 || live <= bytes[kTimelineSites - 1])
      continue;
    size_t at = kTimelineSites - 1;
    while (at > 0 && bytes[at - 1] < live) {
      ids[at] = ids[at - 1];
      bytes[at] = bytes[at - 1];
      at--;
    }
    ids[at] = id;
    bytes[at] = live;
  }
}

// Called with g_dump_lock held: by the thread, and once more at exit.
void take_sample(int64_t t_ms) {
  Totals totals;
  collect_totals(&totals);
  Sample s{};
  s.t_ms = t_ms;
  s.live_bytes = totals.live_bytes;
  s.live_blocks = totals.live_blocks;
  top_live_sites(s.site_ids, s.site_bytes);
  SpinLockGuard guard(g_timeline_lock);
  if (g_sample_count == kTimelineSamples) {
    for (size_t i = 0; i < kTimelineSamples / 2; i++)
      g_samples[i] = g_samples[2 * i];
    g_sample_count = kTimelineSamples / 2;
    g_timeline_interval_ms *= 2;
  }
  g_samples[g_sample_count++] = s;
}

// The handler stays ours only until the program installs its own: then the program keeps it.
void check_handler() {
  static bool said;
  if (!g_signal || said)
    return;
  struct sigaction current;
  if (sigaction(g_signal, nullptr, &current) == 0 && current.sa_handler != on_signal) {
    said = true;
    diag("the program installed its own handler for SIG", signal_name(g_signal),
         "; it keeps it, and dumps on that signal stop");
  }
}

bool g_thread_started; // live_start waits for it: see there

void *live_thread(void *) {
  hooked_ignore_this_thread(); // a sanitizer's interceptors allocate on it: not the program's
  __atomic_store_n(&g_thread_started, true, __ATOMIC_RELEASE);
  int64_t dump_every = g_options.dump_interval_ms;
  int64_t next_dump = dump_every ? g_start_ms + dump_every : 0;
  int64_t next_sample = g_timeline_interval_ms ? g_start_ms : 0;
  int64_t metrics_every = metrics_wanted() ? g_options.metrics_interval_ms : 0;
  int64_t next_metrics = metrics_every ? g_start_ms + metrics_every : 0;
  for (;;) {
    int64_t now = now_ms();
    int64_t wait = 1000; // at least once a second: notice a replaced handler
    if (next_dump && next_dump - now < wait)
      wait = next_dump - now;
    if (next_sample && next_sample - now < wait)
      wait = next_sample - now;
    if (next_metrics && next_metrics - now < wait)
      wait = next_metrics - now;
    pollfd p{g_wake_fd, POLLIN, 0};
    if (wait > 0 && poll(&p, 1, int(wait)) > 0) {
      uint64_t count;
      if (read(g_wake_fd, &count, sizeof(count)) < 0) {
        // Nothing to read (another wake-up took it): the flag below decides.
      }
    }
    if (!__atomic_load_n(&g_running, __ATOMIC_ACQUIRE))
      return nullptr;
    now = now_ms();
    if (next_sample && now >= next_sample) {
      SpinLockGuard guard(g_dump_lock);
      if (!g_running)
        return nullptr;
      take_sample(now - g_start_ms);
      next_sample = now + g_timeline_interval_ms;
    }
    if (g_signal_pending) {
      g_signal_pending = 0;
      write_dump();
    }
    if (next_dump && now >= next_dump) {
      write_dump();
      next_dump = now + dump_every;
    }
    if (next_metrics && now >= next_metrics) {
      SpinLockGuard guard(g_dump_lock);
      if (!g_running)
        return nullptr;
      metrics_write();
      next_metrics = now_ms() + metrics_every;
    }
    check_handler();
  }
}

void after_fork_child() {
  // The thread is not copied into the child; its dumps would carry the parent's sequence.
  g_running = false;
}

} // namespace

bool live_wanted() {
  return (g_options.dump_signal && *g_options.dump_signal) || g_options.dump_interval_ms > 0 ||
         g_options.timeline_interval_ms > 0 || metrics_wanted();
}

void live_start() {
  if (!live_wanted() || g_running)
    return;
  g_start_ms = now_ms();
  metrics_start();
  if (g_options.dump_signal && *g_options.dump_signal) {
    g_signal = parse_signal(g_options.dump_signal);
    if (!g_signal)
      diag("bad value '", g_options.dump_signal,
           "' for option 'dump_signal' in ALLOCSITE_OPTIONS (accepted: a signal name such as "
           "SIGUSR2, or its number)");
  }
  if (g_options.timeline_interval_ms > 0) {
    g_samples = static_cast<Sample *>(arena_alloc(sizeof(Sample) * kTimelineSamples));
    g_timeline_interval_ms = g_options.timeline_interval_ms;
  }
  g_wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (g_wake_fd < 0) {
    diag("cannot start the live view thread: eventfd: ", errno_text(errno));
    return;
  }
  if (g_signal) {
    struct sigaction current;
    if (sigaction(g_signal, nullptr, &current) == 0 && current.sa_handler != SIG_DFL) {
      diag("SIG", signal_name(g_signal),
           " already has a handler (or is ignored); the program keeps it, and dumps on that "
           "signal are off");
      g_signal = 0;
    } else {
      struct sigaction action;
      memset(&action, 0, sizeof(action));
      action.sa_handler = on_signal;
      action.sa_flags = SA_RESTART;
      sigemptyset(&action.sa_mask);
      sigaction(g_signal, &action, nullptr);
    }
  }
  // The thread takes no signal: they stay the program's.
  sigset_t all, saved;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &saved);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t thread;
  __atomic_store_n(&g_running, true, __ATOMIC_RELEASE);
  int error = pthread_create(&thread, &attr, live_thread, nullptr);
  pthread_attr_destroy(&attr);
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  if (error) {
    g_running = false;
    diag("cannot start the live view thread: ", errno_text(error));
    return;
  }
  // The caller keeps tracing off until the thread runs its own code: a sanitizer's thread start-up
  // allocates on the new thread first, and those blocks are the runtime's, not the program's
  // (charged, their frees would make the runtime's thread count as a program thread for the peak).
  for (int i = 0; i < 100000 && !__atomic_load_n(&g_thread_started, __ATOMIC_ACQUIRE); i++)
    sched_yield();
  pthread_atfork(nullptr, nullptr, after_fork_child);
}

void live_stop_for_exit() {
  if (!g_running)
    return;
  SpinLockGuard guard(g_dump_lock); // a dump or a sample under way finishes first
  if (g_samples)
    take_sample(now_ms() - g_start_ms);
  metrics_write();
  __atomic_store_n(&g_running, false, __ATOMIC_RELEASE);
}

void live_write_timeline(Writer &w) {
  if (!g_samples)
    return;
  SpinLockGuard guard(g_timeline_lock);
  w.str(", \"timeline\": [");
  for (size_t i = 0; i < g_sample_count; i++) {
    const Sample &s = g_samples[i];
    w.str(i ? ", " : "");
    w.str("{\"t_ms\": ").i64(s.t_ms).str(", \"live_bytes\": ").i64(s.live_bytes);
    w.str(", \"live_blocks\": ").i64(s.live_blocks).str(", \"sites\": {");
    bool first = true;
    for (size_t k = 0; k < kTimelineSites; k++) {
      if (!s.site_ids[k])
        continue;
      w.str(first ? "\"" : ", \"").u64(s.site_ids[k]).str("\": ").i64(s.site_bytes[k]);
      first = false;
    }
    w.str("}}");
  }
  w.str("]");
}

} // namespace allocsite
