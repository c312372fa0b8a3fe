//===- VersionShim.c - libAllocSite.so: checks the host's LLVM, then loads the pass --===//
//
// A pass plugin only works in the LLVM it was built against; loaded into another one it used to die
// with "symbol lookup error" in the middle of a compile. libAllocSite.so is therefore this shim,
// which uses nothing of LLVM: its llvmGetPassPluginInfo finds the major version of the LLVM in the
// loading process (clang or opt) when it is loaded, and either says in one line that the versions
// differ and exits, or loads the real pass (ALLOCSITE_PASS_FILE, next to this file), whose plugin
// info its llvmGetPassPluginInfo returns. The info struct and API version 1 are the same in LLVM 14
// to 22.
//
//   clang -fpass-plugin=build/lib/libAllocSite.so ...      (or opt -load-pass-plugin=...)
//
//===----------------------------------------------------------------------===//
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef ALLOCSITE_LLVM_MAJOR
#error "ALLOCSITE_LLVM_MAJOR: the LLVM major version the pass is built for"
#endif
#ifndef ALLOCSITE_PASS_FILE
#error "ALLOCSITE_PASS_FILE: the real plugin's file name"
#endif

// llvm::PassPluginLibraryInfo (llvm/Passes/PassPlugin.h), LLVM_PLUGIN_API_VERSION 1.
struct pass_plugin_info {
  uint32_t api_version;
  const char *plugin_name;
  const char *plugin_version;
  void (*register_pass_builder_callbacks)(void *pass_builder);
};

// "libLLVM-14.so.1" (LLVM 14-17 on Debian) or "libLLVM.so.19.1" (18 on); 0 for anything else.
static int major_from_library(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strncmp(base, "libLLVM-", 8) == 0)
    return atoi(base + 8);
  if (strncmp(base, "libLLVM.so.", 11) == 0)
    return atoi(base + 11);
  return 0;
}

static int find_libllvm(struct dl_phdr_info *info, size_t size, void *out) {
  (void)size;
  int major = info->dlpi_name ? major_from_library(info->dlpi_name) : 0;
  if (major)
    *(int *)out = major;
  return major != 0;
}

// The host's LLVM: its shared libLLVM, else LLVMGetVersion (C API, LLVM 16 on) when the process
// exports it (a statically linked clang). 0 when neither tells.
static int host_llvm_major(void) {
  int major = 0;
  dl_iterate_phdr(find_libllvm, &major);
  if (major)
    return major;
  void (*get_version)(unsigned *, unsigned *, unsigned *);
  *(void **)&get_version = dlsym(RTLD_DEFAULT, "LLVMGetVersion");
  if (get_version) {
    unsigned m = 0, minor = 0, patch = 0;
    get_version(&m, &minor, &patch);
    major = (int)m;
  }
  return major;
}

// One line on stderr, then exit: the host cannot use this plugin, and a clang that went on would
// bury the reason under its own errors (or crash).
__attribute__((noreturn)) static void fail(const char *line) {
  (void)!write(2, line, strlen(line));
  _exit(1);
}

static struct pass_plugin_info (*g_get_info)(void);

// Checks the host and loads the pass, once. Runs when the shim is loaded, so that the pass's
// command-line options exist as soon as they would without the shim (`opt -load=` parses them
// right after loading), and again from llvmGetPassPluginInfo (a no-op by then).
static void load_pass(void) {
  if (g_get_info)
    return;
  Dl_info self;
  if (!dladdr((void *)&load_pass, &self) || !self.dli_fname)
    fail("allocsite: the AllocSite plugin cannot find its own path\n");

  char line[8192];
  int host = host_llvm_major();
  if (host && host != ALLOCSITE_LLVM_MAJOR) {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = '\0';
    snprintf(line, sizeof(line),
             "allocsite: %s is built for LLVM %d but %s is LLVM %d; use clang-%d, or build "
             "AllocSite with LLVM %d (LLVM_VERSION=%d scripts/test)\n",
             self.dli_fname, ALLOCSITE_LLVM_MAJOR, n > 0 ? exe : "this compiler", host,
             ALLOCSITE_LLVM_MAJOR, host, host);
    fail(line);
  }

  char pass[4096];
  const char *slash = strrchr(self.dli_fname, '/');
  int dir_len = slash ? (int)(slash - self.dli_fname) + 1 : 0;
  snprintf(pass, sizeof(pass), "%.*s%s", dir_len, self.dli_fname, ALLOCSITE_PASS_FILE);
  void *handle = dlopen(pass, RTLD_NOW | RTLD_LOCAL);
  if (handle)
    *(void **)&g_get_info = dlsym(handle, "llvmGetPassPluginInfo");
  if (!g_get_info) {
    const char *why = dlerror();
    snprintf(line, sizeof(line), "allocsite: cannot load the AllocSite pass: %s\n",
             why ? why : pass);
    fail(line);
  }
}

__attribute__((constructor)) static void load_pass_at_load(void) { load_pass(); }

__attribute__((visibility("default"))) struct pass_plugin_info llvmGetPassPluginInfo(void) {
  load_pass();
  return g_get_info();
}
