// runtime/init.cpp - the three ways in (preinit_array for a statically linked runtime, a
// constructor for the shared one, and runtime_mode_slow() from any hook that runs first), the
// check that this runtime really is the process's malloc, fork handlers, and the report at exit.
#include "alloc/alloc.h"
#include "live/live.h"

#include "base/base.h"
#include "report/report.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern "C" char **environ;
// A hidden alias of this runtime's own malloc (interpose_malloc.cpp): unlike `&malloc`, it cannot
// be preempted, so comparing it with what the loader resolves tells whether we are the malloc.
extern "C" AS_HIDDEN void *allocsite_self_malloc(size_t);

namespace allocsite {

RuntimeState g_state = {/*fast_path=*/false, /*active=*/false, /*tracing=*/true,
                        /*hooked=*/false,    Mode::Bootstrap,  /*exiting=*/false,
                        /*init_step=*/0,     /*generation=*/0, /*generation_bits=*/0,
                        /*block_secret=*/0};

void state_changed() {
  __atomic_store_n(&g_state.generation_bits, uint64_t(g_state.generation & 0xff) << 56,
                   __ATOMIC_RELAXED);
  __atomic_store_n(&g_state.fast_path, g_state.active && g_state.tracing, __ATOMIC_RELEASE);
}

namespace {

// Every lock an allocation can take, in the order they nest (a tracked block charges its site,
// which may create a thread state; states and tables map memory), released in reverse. In the
// child the arena comes back first: retiring the other threads' states maps memory.
void fork_prepare() {
  sites_lock_for_fork();
  tracked_lock_for_fork();
  hooked_lock_for_fork();
  thread_states_lock_for_fork();
  page_aligned_lock_for_fork();
  arena_lock_for_fork();
}
void fork_parent() {
  arena_unlock_after_fork(false);
  page_aligned_unlock_after_fork(false);
  thread_states_unlock_after_fork(false);
  hooked_unlock_after_fork(false);
  tracked_unlock_after_fork(false);
  sites_unlock_after_fork(false);
}
void fork_child() {
  arena_unlock_after_fork(true);
  page_aligned_unlock_after_fork(true);
  thread_states_unlock_after_fork(true);
  hooked_unlock_after_fork(true);
  tracked_unlock_after_fork(true);
  sites_unlock_after_fork(true);
}

void mark_exiting() { g_state.exiting = true; }

void report_once() {
  static bool reported;
  if (__atomic_exchange_n(&reported, true, __ATOMIC_ACQ_REL))
    return;
  g_state.exiting = true;
  report_at_exit();
}

const char *own_library_path() {
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(&own_library_path), &info) || !info.dli_fname)
    return nullptr;
  return info.dli_fname;
}

// Reads /proc/self/cmdline into a NULL-terminated argv in arena memory.
char **current_argv() {
  int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return nullptr;
  size_t cap = 1 << 20, len = 0;
  char *buf = static_cast<char *>(arena_alloc(cap));
  ssize_t n;
  while (buf && len < cap - 1 && (n = read(fd, buf + len, cap - 1 - len)) > 0)
    len += size_t(n);
  close(fd);
  if (!buf || len == 0)
    return nullptr;
  size_t argc = 0;
  for (size_t i = 0; i < len; i++)
    argc += buf[i] == 0;
  char **argv = static_cast<char **>(arena_alloc(sizeof(char *) * (argc + 1)));
  size_t k = 0;
  for (size_t i = 0; i < len && k < argc; i++)
    if (i == 0 || buf[i - 1] == 0)
      argv[k++] = buf + i;
  argv[k] = nullptr;
  return argv;
}

constexpr char kSavedPreload[] = "ALLOCSITE_SAVED_PRELOAD=";

// In the re-executed process: give LD_PRELOAD back its original value (or remove it) and drop the
// re-exec marker, so that the programs this one starts run as they would without AllocSite.
// environ is edited in place: setenv would allocate.
void restore_preload() {
  const char *saved = getenv("ALLOCSITE_SAVED_PRELOAD");
  if (!saved)
    return;
  char **out = environ;
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, "LD_PRELOAD=", 11) == 0 || strncmp(*e, "ALLOCSITE_REEXEC=", 17) == 0 ||
        strncmp(*e, kSavedPreload, sizeof(kSavedPreload) - 1) == 0)
      continue;
    *out++ = *e;
  }
  if (*saved) {
    size_t n = strlen(saved);
    char *entry = static_cast<char *>(arena_alloc(n + 12, 1));
    if (entry) {
      memcpy(entry, "LD_PRELOAD=", 11);
      memcpy(entry + 11, saved, n + 1);
      *out++ = entry;
    }
  }
  *out = nullptr;
}

// The runtime was loaded as a dependency of an instrumented library, after libc: its malloc is
// not the one the process uses, so blocks it heads would be freed by libc. Start over with the
// runtime preloaded. Returns only when it did not re-execute; the caller makes sure this happens
// at most once per program (the marker survives in g_reexecuted, not in the environment).
void reexec_with_preload() {
  if (!g_options.reexec || !environ || getauxval(AT_SECURE))
    return;
  const char *self = own_library_path();
  char **argv = current_argv();
  if (!self || !argv)
    return;
  size_t envc = 0;
  while (environ[envc])
    envc++;
  char **envp = static_cast<char **>(arena_alloc(sizeof(char *) * (envc + 4)));
  const char *old_preload = getenv("LD_PRELOAD");
  size_t self_len = strlen(self), old_len = old_preload ? strlen(old_preload) : 0;
  char *preload = static_cast<char *>(arena_alloc(self_len + old_len + 16));
  char *saved = static_cast<char *>(arena_alloc(sizeof(kSavedPreload) + old_len));
  if (!envp || !preload || !saved)
    return;
  memcpy(saved, kSavedPreload, sizeof(kSavedPreload) - 1);
  if (old_len)
    memcpy(saved + sizeof(kSavedPreload) - 1, old_preload, old_len);
  memcpy(preload, "LD_PRELOAD=", 11);
  memcpy(preload + 11, self, self_len);
  size_t at = 11 + self_len;
  if (old_len) {
    preload[at++] = ':';
    memcpy(preload + at, old_preload, old_len);
    at += old_len;
  }
  preload[at] = 0;
  size_t k = 0;
  envp[k++] = preload;
  envp[k++] = const_cast<char *>("ALLOCSITE_REEXEC=1");
  envp[k++] = saved;
  for (size_t i = 0; i < envc; i++)
    if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0 &&
        strncmp(environ[i], "ALLOCSITE_REEXEC=", 17) != 0 &&
        strncmp(environ[i], kSavedPreload, sizeof(kSavedPreload) - 1) != 0)
      envp[k++] = environ[i];
  envp[k] = nullptr;
  execve("/proc/self/exe", argv, envp);
}

// Where the process's malloc is, for the one line that says why nothing is traced.
const char *malloc_owner_name(const MallocOwner &owner) {
  if (!owner.address)
    return "no object found";
  return owner.is_executable || !owner.object ? "the executable" : owner.object;
}

void init_once() {
  real_alloc_init();
  uint64_t secret = 0x5d1c2f3a9b7e4c61ull;
  if (auto *random = reinterpret_cast<const uint64_t *>(getauxval(AT_RANDOM)))
    secret ^= random[0];
  g_state.block_secret = secret;
  options_init();
  report_prepare(value_from_environment("ALLOCSITE_REPORT"));
  thread_state_init();
  pthread_atfork(fork_prepare, fork_parent, fork_child);
  atexit(mark_exiting);
  // Read before restore_preload drops the marker from the environment.
  bool reexecuted = getenv("ALLOCSITE_REEXEC") != nullptr;
  restore_preload();
  MallocOwner owner = find_malloc_owner();
  if (owner.address == reinterpret_cast<void *>(&allocsite_self_malloc))
    return;
  g_state.settled = Mode::Passive;
  // A sanitizer's runtime defines malloc in the executable: trace through its hooks. LeakSanitizer
  // ends a leaking process from an exit handler of the executable: the report is written from an
  // exit handler, not this library's destructor (see watch_for_exit).
  if (sanitizer_hooks_install()) {
    atexit(report_once);
    return;
  }
  if (owner.is_executable) {
    diag("malloc is defined by the executable itself (a statically linked allocator, or a "
         "sanitizer without allocator hooks); nothing is traced");
    return;
  }
  if (!reexecuted)
    reexec_with_preload();
  if (reexecuted)
    diag("malloc is still defined by ", malloc_owner_name(owner),
         " with liballocsite.so preloaded; nothing is traced");
  else
    diag("the runtime is not this process's malloc (", malloc_owner_name(owner),
         " defines it: liballocsite.so was loaded after it, as a dependency of an instrumented "
         "library) and was not re-run with LD_PRELOAD (reexec=0, a set-uid program, or exec "
         "failed); nothing is traced. Link the executable with allocsite-clang, or run it with "
         "LD_PRELOAD=",
         own_library_path());
}

} // namespace

void watch_for_exit(const void *module_address) {
  // Exit handlers run newest first. The one init_once registers runs after the loader's _dl_fini
  // (registered later, as main's start-up begins), so module destructors would see exiting false
  // and copy every descriptor and its strings (issue 10), and under a sanitizer the report would
  // come after LeakSanitizer's check, which runs among the executable's destructors and can end
  // the process. Handlers registered from a module constructor that runs after that (the
  // executable's, or a dlopen'd library's) run before _dl_fini. Once for the executable, and a
  // few times for libraries (an uninstrumented executable that dlopens instrumented ones);
  // atexit's first 32 entries need no allocation.
  static bool executable_done;
  static int libraries;
  Dl_info info;
  struct link_map *map = nullptr;
  if (!dladdr1(module_address, &info, reinterpret_cast<void **>(&map), RTLD_DL_LINKMAP) || !map)
    return;
  if (!map->l_name || !map->l_name[0]) {
    if (__atomic_exchange_n(&executable_done, true, __ATOMIC_ACQ_REL))
      return;
  } else if (__atomic_fetch_add(&libraries, 1, __ATOMIC_RELAXED) >= 4) {
    return;
  }
  atexit(mark_exiting);
  if (g_state.hooked)
    atexit(report_once); // newest first: the report, then mark_exiting (report_once runs once)
}

Mode runtime_mode_slow() {
  if (__atomic_load_n(&g_state.init_step, __ATOMIC_ACQUIRE) == 0) {
    int expected = 0;
    if (__atomic_compare_exchange_n(&g_state.init_step, &expected, 1, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
      init_once();
      __atomic_store_n(&g_state.init_step, 2, __ATOMIC_RELEASE);
      if (g_state.settled != Mode::Passive) {
        g_state.settled = Mode::Active;
        __atomic_store_n(&g_state.active, true, __ATOMIC_RELEASE);
        state_changed();
      }
    }
  }
  if (!__atomic_load_n(&g_real.malloc, __ATOMIC_ACQUIRE))
    return Mode::Bootstrap;
  if (g_state.settled == Mode::Passive)
    return Mode::Passive;
  // Initialisation is under way (on this thread, re-entered from dlsym/atexit/pthread, or on
  // another); the real allocator is known, so tracking is safe.
  return Mode::Active;
}

namespace {

// The live view's thread starts here, not in the first hook: a malloc from the loader or from
// libc's own start-up can come before threads may be created.
__attribute__((constructor(101))) void init_from_constructor() {
  runtime_mode_slow();
  if (!runtime_tracking() || !live_wanted())
    return;
  // The thread's start-up allocations (its TLS in the C library) are the runtime's, not the
  // program's: not traced. Constructors run before the program's threads exist.
  bool tracing = g_state.tracing;
  __atomic_store_n(&g_state.tracing, false, __ATOMIC_RELAXED);
  state_changed();
  live_start();
  __atomic_store_n(&g_state.tracing, tracing, __ATOMIC_RELAXED);
  state_changed();
}

#ifdef ALLOCSITE_STATIC_RUNTIME
// Before libc has set environ: options_init reads /proc/self/environ then.
void init_from_preinit(int, char **, char **) { runtime_mode_slow(); }
__attribute__((section(".preinit_array"), used)) void (*g_preinit)(int, char **,
                                                                   char **) = init_from_preinit;
#endif

// Lowest priority: runs after the other destructors of this object, and the shared runtime's
// destructors run after the executable's and its static objects' (they are registered with
// __cxa_atexit, which runs before the loader finalises objects).
__attribute__((destructor(101))) void report_from_destructor() {
  g_state.exiting = true;
  if ((g_state.settled == Mode::Passive && !g_state.hooked) ||
      __atomic_load_n(&g_state.init_step, __ATOMIC_ACQUIRE) != 2)
    return;
  report_once();
}

} // namespace
} // namespace allocsite
