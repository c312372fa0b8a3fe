// runtime/report/symbolize.cpp - runs llvm-symbolizer over pipes to name dynamic sites at report
// time.
//
// Sanitizer-style: one child process per batch, one query per line ("MODULE" 0xOFFSET), answers
// read up to the blank line that ends each one. Everything is allocation-free: vfork + execve
// (posix_spawn and popen may malloc), an environment built in arena memory, results in arena
// memory. The child gets no LD_PRELOAD and no ALLOCSITE_* variables, so it neither loads this
// runtime nor writes a report of its own.
#include "report/report.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc/alloc.h"
#include "base/base.h"

#ifndef ALLOCSITE_DEFAULT_SYMBOLIZER
#define ALLOCSITE_DEFAULT_SYMBOLIZER ""
#endif

extern char **environ;

namespace allocsite {

namespace {

constexpr uint32_t kMaxFrames = 16;
constexpr int kAnswerTimeoutMs = 30000; // a symbolizer loading big debug info is slow, not hung
constexpr size_t kAnswerMax = 16384;    // longer answers (deep inlining) keep their first frames

SpinLock g_lock;
const SymbolizedSite **g_table = nullptr; // by site id; kTried when tried without result
uint32_t g_table_cap = 0;
bool g_unavailable = false; // no symbolizer could be started: do not try again
const SymbolizedSite kTried = {nullptr, 0};

bool executable(const char *path) { return access(path, X_OK) == 0; }

// Copies a + "/" + b into out; false when it does not fit.
bool join(char *out, size_t cap, const char *a, size_t alen, const char *b) {
  size_t blen = strlen(b);
  if (alen + 1 + blen + 1 > cap)
    return false;
  memcpy(out, a, alen);
  out[alen] = '/';
  memcpy(out + alen + 1, b, blen + 1);
  return true;
}

bool search_path(const char *name, char *out, size_t cap) {
  const char *path = getenv("PATH");
  if (!path)
    return false;
  for (const char *p = path;;) {
    const char *colon = strchr(p, ':');
    size_t len = colon ? static_cast<size_t>(colon - p) : strlen(p);
    if (len > 0 && join(out, cap, p, len, name) && executable(out))
      return true;
    if (!colon)
      return false;
    p = colon + 1;
  }
}

bool copy_path(const char *src, char *out, size_t cap) {
  size_t n = strlen(src);
  if (n + 1 > cap)
    return false;
  memcpy(out, src, n + 1);
  return true;
}

// The symbolizer to run: the symbolizer= option, the one CMake found at build time, then PATH.
bool find_symbolizer(char *out, size_t cap, bool *explicit_choice) {
  const char *opt = g_options.symbolizer;
  *explicit_choice = opt && *opt;
  if (*explicit_choice) {
    if (strchr(opt, '/'))
      return copy_path(opt, out, cap) && executable(out);
    return search_path(opt, out, cap);
  }
  const char *builtin = ALLOCSITE_DEFAULT_SYMBOLIZER;
  if (*builtin && copy_path(builtin, out, cap) && executable(out))
    return true;
  return search_path("llvm-symbolizer", out, cap);
}

// environ without LD_PRELOAD and ALLOCSITE_*, in arena memory (the strings stay shared).
char **child_environment() {
  size_t n = 0;
  for (char **e = environ; e && *e; ++e)
    ++n;
  char **envp = static_cast<char **>(arena_alloc((n + 1) * sizeof(char *), alignof(char *)));
  if (!envp)
    return nullptr;
  size_t k = 0;
  for (char **e = environ; e && *e; ++e) {
    if (strncmp(*e, "LD_PRELOAD=", 11) == 0 || strncmp(*e, "ALLOCSITE_", 10) == 0)
      continue;
    envp[k++] = *e;
  }
  envp[k] = nullptr;
  return envp;
}

// Keeps pipe ends off fds 0-2 (a program may have closed stdin), so the child's dup2 onto 0 and 1
// always really duplicates and clears FD_CLOEXEC.
int above_stdio(int fd) {
  if (fd > 2)
    return fd;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  close(fd);
  return moved;
}

struct Child {
  pid_t pid = -1;
  int to = -1;   // its stdin
  int from = -1; // its stdout
};

bool start_child(const char *path, const sigset_t *child_mask, Child *c) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0)
    return false;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return false;
  }
  in[0] = above_stdio(in[0]);
  in[1] = above_stdio(in[1]);
  out[0] = above_stdio(out[0]);
  out[1] = above_stdio(out[1]);
  int devnull = above_stdio(open("/dev/null", O_WRONLY | O_CLOEXEC));
  char **envp = child_environment();
  // LLVM style: "function\nfile:line:column\n" per frame, a blank line after each answer.
  const char *argv[] = {path, "--output-style=LLVM", "--demangle", "--inlines", nullptr};
  pid_t pid = -1;
  if (envp && in[0] >= 0 && in[1] >= 0 && out[0] >= 0 && out[1] >= 0) {
    pid = vfork();
    if (pid == 0) {
      // The child shares our memory until execve: only async-signal-safe system calls here.
      dup2(in[0], 0);
      dup2(out[1], 1);
      if (devnull >= 0)
        dup2(devnull, 2); // "error reading file" lines are not the user's concern
      sigprocmask(SIG_SETMASK, child_mask, nullptr);
      execve(path, const_cast<char *const *>(argv), envp);
      _exit(127);
    }
  }
  close(in[0]);
  close(out[1]);
  if (devnull >= 0)
    close(devnull);
  if (pid < 0) {
    close(in[1]);
    close(out[0]);
    return false;
  }
  c->pid = pid;
  c->to = in[1];
  c->from = out[0];
  return true;
}

void stop_child(Child *c, bool kill_it) {
  if (c->to >= 0)
    close(c->to); // EOF on its stdin: llvm-symbolizer exits
  if (c->from >= 0)
    close(c->from);
  if (c->pid > 0) {
    if (kill_it)
      kill(c->pid, SIGKILL);
    int status;
    while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  c->pid = -1;
  c->to = c->from = -1;
}

bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// Sends one query and reads its answer (up to and excluding the blank line) into buf.
// Returns the answer's length, or -1 when the child died, hung or wrote nonsense.
ssize_t ask(Child *c, const char *module, uintptr_t offset, char *buf, size_t cap) {
  char q[4096 + 32];
  size_t n = strlen(module);
  if (n + 32 > sizeof(q) || strchr(module, '"') || strchr(module, '\n'))
    return 0; // cannot be quoted: no answer, but the child is fine
  q[0] = '"';
  memcpy(q + 1, module, n);
  size_t k = n + 1;
  q[k++] = '"';
  q[k++] = ' ';
  q[k++] = '0';
  q[k++] = 'x';
  char hex[20];
  size_t h = 0;
  do {
    hex[h++] = "0123456789abcdef"[offset & 15];
    offset >>= 4;
  } while (offset);
  while (h)
    q[k++] = hex[--h];
  q[k++] = '\n';
  if (!write_all(c->to, q, k))
    return -1;

  size_t len = 0;
  char prev = '\0';
  char discard[512];
  for (;;) {
    struct pollfd p = {c->from, POLLIN, 0};
    int r = poll(&p, 1, kAnswerTimeoutMs);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    char *dst = len + 1 < cap ? buf + len : discard;
    size_t room = len + 1 < cap ? cap - 1 - len : sizeof(discard);
    ssize_t got = read(c->from, dst, room);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return -1;
    for (ssize_t i = 0; i < got; ++i) {
      if (dst[i] == '\n' && prev == '\n') {
        if (dst == buf + len)
          len += static_cast<size_t>(i);
        buf[len] = '\0';
        return static_cast<ssize_t>(len);
      }
      prev = dst[i];
    }
    if (dst == buf + len)
      len += static_cast<size_t>(got);
  }
}

const char *arena_copy(const char *s, size_t n) {
  char *p = static_cast<char *>(arena_alloc(n + 1, 1));
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

// A line or column; 0 (unknown) when it does not fit, checked at every digit so that none wraps.
uint32_t parse_u32(const char *s, const char *end) {
  uint64_t v = 0;
  for (; s < end && *s >= '0' && *s <= '9'; ++s) {
    v = v * 10 + static_cast<uint64_t>(*s - '0');
    if (v > 0xffffffffu)
      return 0;
  }
  return static_cast<uint32_t>(v);
}

// "file:line:column" -> frame fields; the file may itself contain ':', so parse from the right.
void parse_location(const char *s, const char *end, SourceFrame *f) {
  const char *c2 = end;
  while (c2 > s && c2[-1] != ':')
    --c2;
  if (c2 == s)
    return;
  const char *c1 = c2 - 1;
  while (c1 > s && c1[-1] != ':')
    --c1;
  if (c1 == s)
    return;
  f->line = parse_u32(c1, c2 - 1);
  f->column = parse_u32(c2, end);
  size_t flen = static_cast<size_t>(c1 - 1 - s);
  if (flen > 0 && !(flen == 2 && s[0] == '?' && s[1] == '?'))
    f->file = arena_copy(s, flen);
}

// An answer: pairs of lines (function, location), innermost frame first.
const SymbolizedSite *parse_answer(const char *a) {
  SourceFrame frames[kMaxFrames] = {};
  uint32_t count = 0;
  const char *p = a;
  while (*p && count < kMaxFrames) {
    const char *fn_end = strchr(p, '\n');
    if (!fn_end)
      break;
    const char *loc = fn_end + 1;
    const char *loc_end = strchr(loc, '\n');
    if (!loc_end)
      loc_end = loc + strlen(loc);
    SourceFrame &f = frames[count];
    size_t fn_len = static_cast<size_t>(fn_end - p);
    if (fn_len > 0 && !(fn_len == 2 && p[0] == '?' && p[1] == '?'))
      f.function = arena_copy(p, fn_len);
    parse_location(loc, loc_end, &f);
    ++count;
    p = *loc_end ? loc_end + 1 : loc_end;
  }
  if (count == 0 || (!frames[0].function && !frames[0].file))
    return &kTried;
  auto *site = static_cast<SymbolizedSite *>(arena_alloc(sizeof(SymbolizedSite)));
  auto *copy = static_cast<SourceFrame *>(arena_alloc(count * sizeof(SourceFrame)));
  if (!site || !copy)
    return &kTried;
  memcpy(copy, frames, count * sizeof(SourceFrame));
  site->frames = copy;
  site->count = count;
  return site;
}

// Makes g_table hold ids < n. Called with g_lock held.
bool reserve_table(uint32_t n) {
  if (n <= g_table_cap)
    return true;
  uint32_t cap = g_table_cap ? g_table_cap : 1024;
  while (cap < n)
    cap *= 2;
  auto *table = static_cast<const SymbolizedSite **>(os_map(cap * sizeof(*g_table)));
  if (!table)
    return false;
  if (g_table) {
    memcpy(table, g_table, g_table_cap * sizeof(*g_table));
    os_unmap(g_table, g_table_cap * sizeof(*g_table));
  }
  g_table = table;
  g_table_cap = cap;
  return true;
}

void run_batch(const uint32_t *ids, uint32_t n) {
  char path[4096];
  bool explicit_choice = false;
  if (!find_symbolizer(path, sizeof(path), &explicit_choice)) {
    g_unavailable = true;
    if (explicit_choice)
      diag("symbolizer '", g_options.symbolizer,
           "' not found; dynamic sites are named by module+offset");
    return;
  }
  // A symbolizer that dies makes our writes raise SIGPIPE: keep it pending (blocked, this thread
  // only) and discard it afterwards instead of changing the process-wide disposition.
  sigset_t pipe_set, old_mask, pending;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  sigpending(&pending);
  bool was_pending = sigismember(&pending, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask);

  Child child;
  bool failed = false;
  if (!start_child(path, &old_mask, &child)) {
    g_unavailable = true;
    failed = true;
  }
  char *answer = static_cast<char *>(os_map(kAnswerMax));
  uint32_t answered = 0;
  for (uint32_t i = 0; !failed && answer && i < n; ++i) {
    DynamicSiteInfo info;
    uint32_t id = ids[i];
    if (id >= g_table_cap || g_table[id])
      continue;
    if (!site_dynamic_info(id, &info) || !info.module_path) {
      g_table[id] = &kTried; // nothing to ask about
      continue;
    }
    // pc - 1: the return address can be the first instruction of the next line (or function).
    uintptr_t addr = info.module_offset ? info.module_offset - 1 : 0;
    ssize_t len = ask(&child, info.module_path, addr, answer, kAnswerMax);
    if (len < 0) {
      failed = true; // died or hung: the rest keep their dladdr names
      if (answered == 0)
        g_unavailable = true; // not a working symbolizer (or exec failed): do not retry
      break;
    }
    ++answered;
    g_table[id] = len > 0 ? parse_answer(answer) : &kTried;
  }
  if (answer)
    os_unmap(answer, kAnswerMax);
  if (child.pid > 0)
    stop_child(&child, failed);
  if (failed && explicit_choice)
    diag("symbolizer '", path, "' failed; dynamic sites are named by module+offset");

  if (!was_pending) {
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE)) {
      struct timespec zero = {0, 0};
      sigtimedwait(&pipe_set, nullptr, &zero);
    }
  }
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
}

} // namespace

void symbolize_dynamic_sites(const uint32_t *ids, uint32_t n) {
  // symbolize=running (the default): no helper process at exit (issue 10). The report at exit
  // keeps module, offset and build ID for `allocsite symbolize`, and the dladdr symbol.
  const char *mode = g_options.symbolize ? g_options.symbolize : "running";
  if (n == 0 || mode[0] == '0' || (mode[0] == 'r' && g_state.exiting))
    return;
  SpinLockGuard guard(g_lock);
  if (g_unavailable)
    return;
  uint32_t max_id = 0;
  bool work = false;
  for (uint32_t i = 0; i < n; ++i)
    max_id = ids[i] > max_id ? ids[i] : max_id;
  if (!reserve_table(max_id + 1))
    return;
  for (uint32_t i = 0; i < n && !work; ++i)
    work = g_table[ids[i]] == nullptr;
  if (work)
    run_batch(ids, n);
}

const SymbolizedSite *symbolized_site(uint32_t id) {
  SpinLockGuard guard(g_lock);
  if (id >= g_table_cap || !g_table[id] || g_table[id] == &kTried)
    return nullptr;
  return g_table[id];
}

} // namespace allocsite
