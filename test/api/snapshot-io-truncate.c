// Loading never crashes and never accepts a damaged dump: every prefix of a dump that stops before
// its last '}' fails (one JSON object is never complete before it), the whole file loads with or
// without its final newline, and a dump with any one byte overwritten either loads or fails.
// Every failure prints exactly one "allocsite: cannot load snapshot" line.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %run %t %t.dir | FileCheck %s
#include <allocsite/allocsite.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *volatile keep[8];
static char pool[64];
static char *dir;
static long failed;

static void write_file(const char *path, const char *data, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
    abort();
}

// Loads data[0..n) from a file; 1 when it loaded.
static int try_load(const char *data, size_t n) {
  char path[4096];
  snprintf(path, sizeof(path), "%s/try.json", dir);
  write_file(path, data, n);
  allocsite_snapshot *s = allocsite_snapshot_load(path);
  if (!s) {
    failed++;
    return 0;
  }
  allocsite_statistic *st;
  allocsite_snapshot_statistics(s, ALLOCSITE_BY_LINE, &st); // walk what was loaded
  allocsite_free(st);
  allocsite_snapshot_free(s);
  return 1;
}

int main(int argc, char **argv) {
  dir = argv[1];
  keep[0] = malloc(10);
  keep[1] = strdup("x");
  keep[2] = fopen("/dev/null", "r"); // a dynamic site in the C library
  allocsite_track(9, (uintptr_t)pool, 64);

  char path[4096], err_path[4096];
  snprintf(path, sizeof(path), "%s/full.json", dir);
  allocsite_snapshot *s = allocsite_take_snapshot();
  if (allocsite_snapshot_dump(s, path) != 0)
    return 1;
  allocsite_snapshot_free(s);
  FILE *f = fopen(path, "rb");
  static char data[1 << 20];
  size_t n = fread(data, 1, sizeof(data), f);
  fclose(f);

  // The runtime's diagnostics go to fd 2: collect them in a file to count them.
  snprintf(err_path, sizeof(err_path), "%s/err.txt", dir);
  int err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int saved_stderr = dup(2);
  dup2(err_fd, 2);

  // The document ends at its last '}'; only the newline after it may go.
  size_t end = n;
  while (end > 0 && data[end - 1] != '}')
    end--;
  long prefixes_loaded = 0, complete_loaded = 0;
  for (size_t k = 0; k < end; k++)
    prefixes_loaded += try_load(data, k);
  for (size_t k = end; k <= n; k++)
    complete_loaded += try_load(data, k);
  int full = complete_loaded == (long)(n - end + 1) && n - end == 1;

  static const char kBytes[] = {'"', '\\', '}', ']', ',', '0', 'n', '\0', '\xff'};
  long mutations = 0;
  for (size_t k = 0; k < n; k++) {
    char was = data[k];
    for (size_t b = 0; b < sizeof(kBytes); b++) {
      if (kBytes[b] == was)
        continue;
      data[k] = kBytes[b];
      try_load(data, n);
      mutations++;
    }
    data[k] = was;
  }

  dup2(saved_stderr, 2);
  close(err_fd);
  // Every failure is one line, and every line is a load diagnostic.
  f = fopen(err_path, "rb");
  long lines = 0, bad_lines = 0;
  char line[8192];
  while (fgets(line, sizeof(line), f)) {
    lines++;
    bad_lines += strncmp(line, "allocsite: cannot load snapshot '", 33) != 0;
  }
  fclose(f);

  // CHECK: prefixes-loaded=0 full=1
  printf("prefixes-loaded=%ld full=%d\n", prefixes_loaded, full);
  // CHECK-NEXT: one-line-per-failure=1 bad-lines=0
  printf("one-line-per-failure=%d bad-lines=%ld\n", lines == failed, bad_lines);
  // CHECK-NEXT: mutations-tried=1
  printf("mutations-tried=%d\n", mutations > 1000);
  return 0;
}
