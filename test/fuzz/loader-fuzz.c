// libFuzzer on allocsite_snapshot_load, seeded with the shared validity files and the snapshot
// tests' inputs, for a fixed 4 seconds: no crash, a rejected input gives exactly one line on
// stderr, an accepted one none, and what it accepts dumps and loads again with the same sites.
// REQUIRES: libfuzzer
// RUN: %clang_allocsite -O1 -g -fsanitize=fuzzer -I%allocsite_include %s -o %t
// RUN: rm -rf %t.corpus && mkdir -p %t.corpus && cp %S/../api/Inputs/snapshot-io-good-extra.json %t.corpus/
// RUN: timeout 60 %run %t -seed=1 -max_total_time=4 -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
// RUN:   -dict=%S/Inputs/json.dict %t.corpus %S/../validity/Inputs 2>&1 | FileCheck %s
// CHECK: Done {{[0-9][0-9][0-9][0-9]+}} runs in {{[0-9]+}} second(s)
#define _GNU_SOURCE
#include <allocsite/allocsite.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int g_input = -1, g_dump = -1, g_err = -1, g_stderr = -1;
static char g_input_path[64], g_dump_path[64];

static void fail(const char *what) {
  dup2(g_stderr, 2);
  fprintf(stderr, "loader-fuzz: %s\n", what);
  abort();
}

// The diagnostic lines the call wrote (stderr is a memfd during the call).
static size_t lines_written(void) {
  char buf[4096];
  ssize_t n = pread(g_err, buf, sizeof(buf), 0);
  if (n < 0 || (size_t)n == sizeof(buf))
    fail("diagnostic unreadable or longer than 4 KiB");
  size_t lines = 0;
  for (ssize_t i = 0; i < n; i++)
    lines += buf[i] == '\n';
  if (n && buf[n - 1] != '\n')
    fail("diagnostic does not end with a newline");
  if (n && strncmp(buf, "allocsite: cannot load snapshot '", 33) != 0)
    fail("diagnostic is not 'allocsite: cannot load snapshot ...'");
  return lines;
}

static allocsite_snapshot *load(const char *path, size_t *lines) {
  if (ftruncate(g_err, 0) != 0 || lseek(g_err, 0, SEEK_SET) != 0 || dup2(g_err, 2) < 0)
    fail("cannot redirect stderr");
  allocsite_snapshot *s = allocsite_snapshot_load(path);
  dup2(g_stderr, 2);
  *lines = lines_written();
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (g_input < 0) {
    g_input = memfd_create("input", 0);
    g_dump = memfd_create("dump", 0);
    g_err = memfd_create("stderr", 0);
    g_stderr = dup(2);
    if (g_input < 0 || g_dump < 0 || g_err < 0 || g_stderr < 0)
      fail("memfd_create");
    snprintf(g_input_path, sizeof(g_input_path), "/proc/self/fd/%d", g_input);
    snprintf(g_dump_path, sizeof(g_dump_path), "/proc/self/fd/%d", g_dump);
  }
  if (ftruncate(g_input, 0) != 0 || pwrite(g_input, data, size, 0) != (ssize_t)size)
    fail("cannot write the input");
  size_t lines;
  allocsite_snapshot *s = load(g_input_path, &lines);
  if (!s) {
    if (lines != 1)
      fail("a rejection is not exactly one line");
    return 0;
  }
  if (lines != 0)
    fail("an accepted input printed something");
  allocsite_statistic *st;
  size_t n = allocsite_snapshot_statistics(s, ALLOCSITE_BY_SITE, &st);
  for (size_t i = 0; i < n; i++)
    if ((int64_t)st[i].size < 0 || (int64_t)st[i].alloc_bytes < 0)
      fail("a loaded site has a negative counter");
  allocsite_free(st);
  if (ftruncate(g_dump, 0) != 0 || allocsite_snapshot_dump(s, g_dump_path) != 0)
    fail("an accepted input does not dump");
  allocsite_snapshot *again = load(g_dump_path, &lines);
  if (!again)
    fail("the dump of an accepted input does not load");
  size_t m = allocsite_snapshot_statistics(again, ALLOCSITE_BY_SITE, &st);
  allocsite_free(st);
  if (m != n)
    fail("the dump of an accepted input loads with other sites");
  allocsite_snapshot_free(again);
  allocsite_snapshot_free(s);
  return 0;
}
