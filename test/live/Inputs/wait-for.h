// wait-for.h - the test programs' only synchronisation with the dumper thread: wait (without
// allocating) until a dump file exists, up to 20 s.
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int wait_for_file(const char *pattern, int n) {
  char path[4096];
  snprintf(path, sizeof path, pattern, n);
  for (int i = 0; i < 2000; i++) {
    if (access(path, R_OK) == 0)
      return 1;
    struct timespec ten_ms = {0, 10 * 1000 * 1000};
    nanosleep(&ten_ms, 0);
  }
  return 0;
}
