// runtime/report/report.cpp - where the report at exit goes (ALLOCSITE_REPORT, SPEC §6), and the
// public entry points of the two formats.
//
// ALLOCSITE_REPORT: unset, empty or "0": nothing. "1" or "stderr": text on the stderr the process
// started with (a duplicate kept from start-up: programs may close fd 2 before exit). Anything else
// is a path, "%p" replaced by the pid; JSON when it ends in ".json", text otherwise. An unwritable
// path is one line on stderr, with the errno text from a table of our own (strerror may allocate
// for unknown numbers and in some locales). Nothing here may hang the exit: a FIFO is opened
// without blocking and given kFifoWaitMs to get a reader, a reader that stops reading gets
// output.cpp's stall limit, and one that goes away raises no SIGPIPE.
#include "report/report.h"
#include "../live/live.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

namespace allocsite {

namespace {

bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

bool is_stderr(const char *dest) { return strcmp(dest, "1") == 0 || strcmp(dest, "stderr") == 0; }

// How long a FIFO may go without a reader before the report gives up on it.
constexpr int kFifoWaitMs = 2000;
constexpr int kFifoRetryMs = 10;

// open(2) for the report. O_NONBLOCK: opening a FIFO that nobody reads would block forever; it
// fails with ENXIO instead, and is retried until kFifoWaitMs in case the reader is starting up.
// *no_reader says that this is why it failed.
int open_report(const char *path, bool *no_reader) {
  *no_reader = false;
  for (int waited = 0;; waited += kFifoRetryMs) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK, 0644);
    if (fd >= 0 || errno != ENXIO)
      return fd;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISFIFO(st.st_mode)) {
      errno = ENXIO;
      return -1;
    }
    if (waited >= kFifoWaitMs) {
      *no_reader = true;
      return -1;
    }
    struct timespec pause = {0, kFifoRetryMs * 1000000L};
    nanosleep(&pause, nullptr);
  }
}

// While the report is written, a reader that went away makes write(2) fail with EPIPE instead of
// killing the exiting program: SIGPIPE is blocked on this thread, and discarded afterwards unless
// it was already pending before.
class SigpipeBlocked {
public:
  SigpipeBlocked() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlocked() {
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE)) {
      struct timespec zero = {0, 0};
      sigtimedwait(&pipe_, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

private:
  sigset_t pipe_, old_;
  bool was_pending_;
};

} // namespace

ReportModel::~ReportModel() { snapshot_destroy(snapshot); }

// Take a snapshot, name it, order it: what the text and JSON formats and a metrics scrape render.
bool report_begin(MemoryBreakdown *mb, ReportModel *m, bool marked) {
  collect_memory_breakdown(mb);
  collect_totals(&m->totals);
  m->snapshot = snapshot_take();
  if (m->snapshot)
    snapshot_ensure_names(m->snapshot);
  if (!m->snapshot || !m->snapshot->sites) {
    diag("out of memory while writing the report");
    return false;
  }
  m->sites = m->snapshot->sites;
  m->count = m->snapshot->count;
  heap_sort(m->sites, m->count, [](const SiteView &a, const SiteView &b) {
    return a.c.live_bytes != b.c.live_bytes ? a.c.live_bytes > b.c.live_bytes : a.id < b.id;
  });
  if (marked) {
    mark_wrapper_candidates(m);
    mark_exception_pool(m);
  }
  return true;
}

void report_prepare(const char *dest) {
  // Also for a file: its error line goes to stderr, which may be closed by then.
  if (dest && *dest && strcmp(dest, "0") != 0)
    stderr_keep();
}

void report_at_exit() {
  live_stop_for_exit();
  const char *dest = getenv("ALLOCSITE_REPORT");
  if (!dest || !*dest || strcmp(dest, "0") == 0)
    return;
  SigpipeBlocked sigpipe_blocked;
  if (is_stderr(dest)) {
    write_text_report(stderr_fd());
    return;
  }
  char path[4096];
  if (!expand_path(dest, 0, path, sizeof(path))) {
    diag("cannot write report to '", dest, "': ", errno_text(ENAMETOOLONG));
    return;
  }
  int saved_errno = errno; // the program's errno is its own, even in atexit handlers
  bool no_reader;
  int fd = open_report(path, &no_reader);
  if (fd < 0) {
    diag("cannot write report to '", path, "': ",
         no_reader ? "a FIFO that no process opened for reading within 2 s" : errno_text(errno));
    errno = saved_errno;
    return;
  }
  bool ok = ends_with(path, ".json") ? write_json_report(fd) : write_text_report(fd);
  int write_errno = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    write_errno = errno;
  }
  if (!ok)
    diag("cannot write report to '", path, "': ",
         write_errno == ETIMEDOUT ? "its reader read nothing for 10 s" : errno_text(write_errno));
  errno = saved_errno;
}

} // namespace allocsite
