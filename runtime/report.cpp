// runtime/report.cpp - where the report at exit goes (ALLOCSITE_REPORT, SPEC §6), and the public
// entry points of the two formats.
//
// ALLOCSITE_REPORT: unset, empty or "0": nothing. "1" or "stderr": text on fd 2. Anything else is a
// path, "%p" replaced by the pid; JSON when it ends in ".json", text otherwise. An unwritable path
// is one line on stderr, with the errno text from a table of our own (strerror may allocate for
// unknown numbers and in some locales).
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "report_model.h"

namespace allocsite {

namespace {

// Copies `pattern` into out with every "%p" replaced by the pid. False when it does not fit.
bool expand_path(const char *pattern, char *out, size_t cap) {
  char pid[24];
  char *end = pid + sizeof(pid);
  char *digits = end;
  *--digits = '\0';
  for (unsigned long v = static_cast<unsigned long>(getpid()); v || digits == end - 1; v /= 10)
    *--digits = static_cast<char>('0' + v % 10);
  size_t n = 0;
  for (const char *p = pattern; *p; ++p) {
    const char *add = p;
    size_t len = 1;
    if (p[0] == '%' && p[1] == 'p') {
      add = digits;
      len = strlen(digits);
      ++p;
    }
    if (n + len >= cap)
      return false;
    memcpy(out + n, add, len);
    n += len;
  }
  out[n] = '\0';
  return true;
}

bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

} // namespace

void report_write_text(int fd) { write_text_report(fd); }
void report_write_json(int fd) { write_json_report(fd); }

void report_at_exit() {
  const char *dest = getenv("ALLOCSITE_REPORT");
  if (!dest || !*dest || strcmp(dest, "0") == 0)
    return;
  if (strcmp(dest, "1") == 0 || strcmp(dest, "stderr") == 0) {
    write_text_report(2);
    return;
  }
  char path[4096];
  if (!expand_path(dest, path, sizeof(path))) {
    diag("cannot write report to '", dest, "': ", errno_text(ENAMETOOLONG));
    return;
  }
  int saved_errno = errno; // the program's errno is its own, even in atexit handlers
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    diag("cannot write report to '", path, "': ", errno_text(errno));
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
    diag("cannot write report to '", path, "': ", errno_text(write_errno));
  errno = saved_errno;
}

} // namespace allocsite
