// test/validity/Inputs/load.c - the runtime's verdict on files, in the format of `allocsite check`:
// "PATH: valid, N sites" on stdout for a file allocsite_snapshot_load accepts; for one it rejects,
// its one diagnostic line on stderr. Exit status 2 when a file was rejected.
#include <allocsite/allocsite.h>
#include <stdio.h>

int main(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) {
    allocsite_snapshot *s = allocsite_snapshot_load(argv[i]);
    if (!s) {
      status = 2;
      continue;
    }
    allocsite_statistic *st;
    size_t n = allocsite_snapshot_statistics(s, ALLOCSITE_BY_SITE, &st);
    printf("%s: valid, %zu site%s\n", argv[i], n, n == 1 ? "" : "s");
    fflush(stdout);
    allocsite_free(st);
    allocsite_snapshot_free(s);
  }
  return status;
}
