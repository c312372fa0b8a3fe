// runtime/output.h - formatted output with write(2) from a fixed buffer: the runtime's only way to
// print (stdio would allocate and re-enter the runtime).
#ifndef ALLOCSITE_RUNTIME_OUTPUT_H
#define ALLOCSITE_RUNTIME_OUTPUT_H

#include "common.h"

namespace allocsite {

class Writer {
public:
  explicit Writer(int fd) : fd_(fd) {}
  ~Writer() { flush(); }
  Writer(const Writer &) = delete;
  Writer &operator=(const Writer &) = delete;

  Writer &str(const char *s);              // nullptr prints nothing
  Writer &str(const char *s, size_t n);
  Writer &chr(char c);
  Writer &u64(uint64_t v);
  Writer &i64(int64_t v);
  Writer &hex(uint64_t v);                 // 0x-prefixed
  Writer &pad_left(const char *s, size_t width);
  // tracemalloc's style: "512 B", "1.5 KiB", "100.0 MiB" (one decimal from KiB up).
  Writer &size(int64_t bytes);
  // Exactly one decimal, in KiB: "102400.0 KiB" (tracemalloc's display_top unit).
  Writer &kib(int64_t bytes);
  Writer &json_str(const char *s);         // quoted and escaped; nullptr -> null
  void flush();
  bool failed() const { return failed_; }  // a write(2) error happened

private:
  int fd_;
  size_t len_ = 0;
  bool failed_ = false;
  char buf_[4096];
};

// strerror(e) without allocating.
const char *errno_text(int e);

// s itself when it is shorter than cap; else its start, "..." and its end, cap - 1 bytes in all,
// in buf (cap >= 8).
const char *elide_middle(const char *s, char *buf, size_t cap);

// One diagnostic line on stderr, prefixed "allocsite: ". A line longer than its 1,024-byte buffer
// loses the middle of its longest part (a path, say), never its end (the reason). When the
// program has closed fd 2, the line goes to the stderr it started with, if that was kept.
void diag(const char *a, const char *b = nullptr, const char *c = nullptr, const char *d = nullptr);

// The stderr the process started with, for a report asked for on stderr: programs may close fd 2
// before the report is written (coreutils do at exit). stderr_keep() duplicates fd 2 once, at
// start-up, close-on-exec and numbered near the top of the first 1,024 fds, away from the fds
// programs pick themselves; stderr_fd() returns that duplicate while it is still the same open
// file (the program may have closed it or dup2()'d over it), else 2.
void stderr_keep();
int stderr_fd();

} // namespace allocsite

#endif
