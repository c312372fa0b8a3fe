/* bench/macro/block_overhead.c - memory the allocator (and, instrumented, the runtime) uses per
 * live block: allocates COUNT blocks of SIZE bytes, keeps them live, and prints how much glibc's
 * in-use heap (mallinfo2: uordblks + hblkhd) and the resident set grew, per block.
 *
 *   build/bench/block_overhead_plain 1000000 16
 *
 * scripts/bench runs it plain and instrumented; the difference per block is the metadata AllocSite
 * adds, glibc's rounding of (size + header) to its 16-byte chunk granule included. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static long rss_bytes(void) {
  long pages = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f)
    return 0;
  if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
    resident = 0;
  fclose(f);
  return resident * sysconf(_SC_PAGESIZE);
}

static long heap_bytes(void) {
  struct mallinfo2 mi = mallinfo2();
  return (long)(mi.uordblks + mi.hblkhd);
}

int main(int argc, char **argv) {
  long count = argc > 1 ? atol(argv[1]) : 1000000;
  size_t size = argc > 2 ? (size_t)atol(argv[2]) : 16;
  /* The pointer array comes from mmap, so that only the blocks themselves are measured. */
  void **blocks = mmap(NULL, sizeof(void *) * (size_t)count, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (blocks == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  long heap0 = heap_bytes(), rss0 = rss_bytes();
  for (long i = 0; i < count; ++i) {
    blocks[i] = malloc(size);
    if (!blocks[i]) {
      perror("malloc");
      return 1;
    }
    ((char *)blocks[i])[0] = (char)i;
  }
  long heap1 = heap_bytes(), rss1 = rss_bytes();
  printf("block_overhead: count=%ld size=%zu heap_per_block=%.2f rss_per_block=%.2f\n", count,
         size, (double)(heap1 - heap0) / (double)count, (double)(rss1 - rss0) / (double)count);
  for (long i = 0; i < count; ++i)
    free(blocks[i]);
  munmap(blocks, sizeof(void *) * (size_t)count);
  return 0;
}
