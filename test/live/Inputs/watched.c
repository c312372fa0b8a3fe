// watched.c GO STOP: the program watch-tmux.test watches. Phase 1 holds ten 1,000-byte blocks
// until the file GO exists, phase 2 adds twenty 4,000-byte blocks and holds everything until STOP
// exists. No stdio: no stdout buffer among the blocks. Lines are fixed: the test names them.
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void *volatile keep[32];

static void wait_for(const char *path) {
  struct timespec ten_ms = {0, 10 * 1000 * 1000};
  for (int i = 0; i < 6000 && access(path, F_OK) != 0; i++)
    nanosleep(&ten_ms, 0);
}

int main(int argc, char **argv) {
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(1000);
  wait_for(argv[1]);
  for (int i = 10; i < 30; i++)
    keep[i] = malloc(4000);
  wait_for(argv[2]);
  return write(1, "watched program done\n", 21) == 21 ? 0 : 1;
}
