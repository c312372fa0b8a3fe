// runtime/base/output.cpp - Writer: formatted output into a fixed buffer, flushed with write(2).
//
// Everything the runtime prints goes through here, so nothing here may allocate: numbers are
// formatted by hand (snprintf may call malloc for some conversions and locales), and the buffer is
// a member, so a Writer on the stack is the whole cost.
#include "base/base.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace allocsite {

namespace {

// How long a non-blocking fd (a FIFO report, a non-blocking stderr) may refuse every byte before
// the write fails with ETIMEDOUT: a reader that stopped reading must not hang the exit.
constexpr int kStallMs = 10000;

// Writes all of [p, p+n) to fd, retrying on EINTR and partial writes, and waiting up to kStallMs
// whenever a non-blocking fd is full. False on any other error.
bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        struct pollfd pfd = {fd, POLLOUT, 0};
        int r;
        while ((r = poll(&pfd, 1, kStallMs)) < 0 && errno == EINTR) {
        }
        if (r > 0)
          continue;
        if (r == 0)
          errno = ETIMEDOUT;
        return false;
      }
      return false;
    }
    if (w == 0)
      return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// Decimal digits of v into the end of a 20-byte buffer; returns the first digit.
char *format_u64(uint64_t v, char *end) {
  char *p = end;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return p;
}

// |v| without overflow for INT64_MIN.
uint64_t magnitude(int64_t v) {
  return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

} // namespace

Writer &Writer::str(const char *s) {
  if (s)
    str(s, strlen(s));
  return *this;
}

Writer &Writer::str(const char *s, size_t n) {
  while (n > 0) {
    if (len_ == sizeof(buf_))
      flush();
    size_t room = sizeof(buf_) - len_;
    size_t take = n < room ? n : room;
    memcpy(buf_ + len_, s, take);
    len_ += take;
    s += take;
    n -= take;
  }
  return *this;
}

Writer &Writer::chr(char c) {
  if (len_ == sizeof(buf_))
    flush();
  buf_[len_++] = c;
  return *this;
}

Writer &Writer::u64(uint64_t v) {
  char tmp[24];
  char *end = tmp + sizeof(tmp);
  char *p = format_u64(v, end);
  return str(p, static_cast<size_t>(end - p));
}

Writer &Writer::i64(int64_t v) {
  if (v < 0)
    chr('-');
  return u64(magnitude(v));
}

Writer &Writer::hex(uint64_t v) {
  char tmp[24];
  char *end = tmp + sizeof(tmp);
  char *p = end;
  do {
    *--p = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v != 0);
  *--p = 'x';
  *--p = '0';
  return str(p, static_cast<size_t>(end - p));
}

Writer &Writer::size(int64_t bytes) {
  if (bytes < 0)
    chr('-');
  uint64_t b = magnitude(bytes);
  if (b < 1024)
    return u64(b).str(" B");
  static const char *const kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  unsigned k = 0; // unit index: 1024^(k+1)
  while (k < 3 && b >= (uint64_t(1) << (10 * (k + 2))))
    ++k;
  for (;;) {
    unsigned shift = 10 * (k + 1);
    uint64_t unit = uint64_t(1) << shift;
    uint64_t whole = b >> shift;
    uint64_t rem = b & (unit - 1);
    // Tenths, rounded half away from zero (rem * 10 < 2^44: no overflow).
    uint64_t tenths = (rem * 10 + unit / 2) >> shift;
    if (tenths == 10) {
      ++whole;
      tenths = 0;
    }
    // 1048575 B rounds to "1024.0 KiB"; say "1.0 MiB" instead.
    if (whole >= 1024 && k < 3) {
      ++k;
      continue;
    }
    return u64(whole).chr('.').chr(static_cast<char>('0' + tenths)).chr(' ').str(kUnits[k]);
  }
}

Writer &Writer::kib(int64_t bytes) {
  if (bytes < 0)
    chr('-');
  uint64_t b = magnitude(bytes);
  uint64_t whole = b >> 10;
  uint64_t tenths = ((b & 1023) * 10 + 512) >> 10;
  if (tenths == 10) {
    ++whole;
    tenths = 0;
  }
  return u64(whole).chr('.').chr(static_cast<char>('0' + tenths)).str(" KiB");
}

Writer &Writer::json_str(const char *s) {
  if (!s)
    return str("null");
  chr('"');
  for (const unsigned char *p = reinterpret_cast<const unsigned char *>(s); *p; ++p) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      chr('\\').chr(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7f) {
      // Bytes >= 0x80 pass through: paths and names are taken to be UTF-8.
      str("\\u00").chr("0123456789abcdef"[c >> 4]).chr("0123456789abcdef"[c & 15]);
    } else {
      chr(static_cast<char>(c));
    }
  }
  return chr('"');
}

void Writer::flush() {
  if (len_ == 0)
    return;
  // After a failure the rest is dropped: one error, not one per buffer.
  if (!failed_ && !write_all(fd_, buf_, len_))
    failed_ = true;
  len_ = 0;
}

const char *elide_middle(const char *s, char *buf, size_t cap) {
  size_t n = strlen(s);
  if (n < cap)
    return s;
  size_t keep = cap - 1 - 3, head = keep / 2, tail = keep - head;
  memcpy(buf, s, head);
  memcpy(buf + head, "...", 3);
  memcpy(buf + head + 3, s + n - tail, tail);
  buf[cap - 1] = '\0';
  return buf;
}

void diag(const char *a, const char *b, const char *c, const char *d) {
  // One write(2) so lines from several threads or processes never interleave mid-line.
  char line[1024];
  const char *parts[] = {"allocsite: ", a, b, c, d};
  constexpr size_t kParts = sizeof(parts) / sizeof(parts[0]);
  size_t total = 0, longest = 0, lens[kParts];
  for (size_t i = 0; i < kParts; ++i) {
    lens[i] = parts[i] ? strlen(parts[i]) : 0;
    total += lens[i];
    longest = lens[i] > lens[longest] ? i : longest;
  }
  // Too long: the longest part gives up its middle so that the others, its start and its end fit.
  char shortened[sizeof(line)];
  size_t others = total - lens[longest], room = sizeof(line) - 1; // 1: the newline
  if (total > room && others + 8 < room)
    parts[longest] = elide_middle(parts[longest], shortened, room - others + 1);
  size_t n = 0;
  for (const char *part : parts) {
    for (; part && *part && n < room; ++part)
      line[n++] = *part;
  }
  line[n++] = '\n';
  int saved = errno;
  if (!write_all(2, line, n) && errno == EBADF && stderr_fd() != 2)
    write_all(stderr_fd(), line, n);
  errno = saved;
}

namespace {

// The duplicate of the initial stderr, and what it was, to recognise it later.
int g_kept_fd = -1;
dev_t g_kept_dev;
ino_t g_kept_ino;

} // namespace

void stderr_keep() {
  struct stat st;
  if (__atomic_load_n(&g_kept_fd, __ATOMIC_ACQUIRE) >= 0 || fstat(2, &st) != 0)
    return;
  // Just under min(soft RLIMIT_NOFILE, 1024): above the small numbers programs choose for their
  // own fds, and no larger a descriptor table than a program that opens 1,024 files.
  rlim_t limit = 1024;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < limit)
    limit = rl.rlim_cur;
  rlim_t lowest = limit > 64 ? limit - 32 : limit / 2;
  if (lowest < 3)
    return;
  int fd = fcntl(2, F_DUPFD_CLOEXEC, static_cast<int>(lowest));
  if (fd < 0)
    return;
  g_kept_dev = st.st_dev;
  g_kept_ino = st.st_ino;
  int expected = -1;
  if (!__atomic_compare_exchange_n(&g_kept_fd, &expected, fd, false, __ATOMIC_ACQ_REL,
                                   __ATOMIC_ACQUIRE))
    close(fd);
}

int stderr_fd() {
  int fd = __atomic_load_n(&g_kept_fd, __ATOMIC_ACQUIRE);
  if (fd < 0)
    return 2;
  // Closed, or replaced by dup2() (which clears close-on-exec) or by another open file: not ours.
  int flags = fcntl(fd, F_GETFD);
  struct stat st;
  if (flags < 0 || !(flags & FD_CLOEXEC) || fstat(fd, &st) != 0 || st.st_dev != g_kept_dev ||
      st.st_ino != g_kept_ino)
    return 2;
  return fd;
}

// strerror may allocate (unknown numbers, some locales): the messages the runtime can meet.
const char *errno_text(int e) {
  switch (e) {
  case EACCES:
    return "Permission denied";
  case ENOENT:
    return "No such file or directory";
  case ENOTDIR:
    return "Not a directory";
  case EISDIR:
    return "Is a directory";
  case EROFS:
    return "Read-only file system";
  case ENOSPC:
    return "No space left on device";
  case EDQUOT:
    return "Disk quota exceeded";
  case EPERM:
    return "Operation not permitted";
  case ENAMETOOLONG:
    return "File name too long";
  case ELOOP:
    return "Too many levels of symbolic links";
  case EMFILE:
    return "Too many open files";
  case ENFILE:
    return "Too many open files in system";
  case EIO:
    return "Input/output error";
  case EFBIG:
    return "File too large";
  case ETXTBSY:
    return "Text file busy";
  case ENXIO:
    return "No such device or address";
  case EEXIST:
    return "File exists";
  case EINVAL:
    return "Invalid argument";
  case EPIPE:
    return "Broken pipe";
  case ENOMEM:
    return "Cannot allocate memory";
  case EBADF:
    return "Bad file descriptor";
  case ETIMEDOUT:
    return "Timed out";
  default:
    return "I/O error";
  }
}

bool expand_path(const char *pattern, uint64_t sequence, char *out, size_t cap) {
  size_t at = 0;
  for (const char *p = pattern; *p; p++) {
    if (p[0] == '%' && (p[1] == 'p' || (p[1] == 'n' && sequence))) {
      char digits[24];
      size_t n = 0;
      for (uint64_t v = p[1] == 'p' ? uint64_t(getpid()) : sequence; n == 0 || v; v /= 10)
        digits[n++] = char('0' + v % 10);
      if (at + n >= cap)
        return false;
      while (n)
        out[at++] = digits[--n];
      p++;
    } else {
      if (at + 1 >= cap)
        return false;
      out[at++] = *p;
    }
  }
  out[at] = 0;
  return true;
}

} // namespace allocsite
