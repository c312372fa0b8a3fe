// A snapshot sums every thread's tallies exactly when there are more threads than a sum reads side
// by side (report/stats.cpp, kSumFanIn = 16) and more sites than one chunk of tallies holds
// (alloc/alloc.h, kChunkSites = 4096): 20 threads each allocate 16 bytes at each of 9,000 sites
// and wait. After allocsite_clear_traces() only the blocks allocated since count, chunk by chunk;
// after the threads exit (their tallies merged into the retired ones) and main frees the blocks,
// nothing is left.
// RUN: %python %allocsite_src_root/bench/gen/gen_sites.py 9000 %t.sites.c
// RUN: %clang_allocsite -O1 -pthread -I%allocsite_include %s %t.sites.c -o %t
// RUN: %run %t | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/allocsite.h"

extern const unsigned bench_sites_count;
void bench_sites_alloc(void **out);

enum { kThreads = 20, kSites = 9000 };
static void *blocks[2][kThreads][kSites];
static pthread_barrier_t barrier;

static void *worker(void *arg) {
  long t = (long)arg;
  bench_sites_alloc(blocks[0][t]);
  pthread_barrier_wait(&barrier); // allocated
  pthread_barrier_wait(&barrier); // main took a snapshot and cleared the traces
  bench_sites_alloc(blocks[1][t]);
  pthread_barrier_wait(&barrier); // allocated again
  pthread_barrier_wait(&barrier); // main took a snapshot
  return NULL;
}

// The generated file's sites: how many, and how many of them hold other than `count` blocks of 16
// bytes with `calls` allocations.
static void check(const char *label, int count, int calls) {
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_filter mine = {.inclusive = 1, .filename_pattern = "*.sites.c"};
  allocsite_snapshot *sites = allocsite_snapshot_filter_traces(s, &mine, 1);
  allocsite_statistic *rows;
  size_t n = allocsite_snapshot_statistics(sites, ALLOCSITE_BY_LINE, &rows);
  size_t bad = 0;
  for (size_t i = 0; i < n; i++)
    bad += rows[i].count != (uint64_t)count || rows[i].size != 16u * count ||
           rows[i].alloc_calls != (uint64_t)calls || rows[i].alloc_bytes != 16u * calls;
  uint64_t live_blocks, live = allocsite_snapshot_total(sites, &live_blocks);
  printf("%s: sites=%zu other=%zu live=%llu in %llu blocks\n", label, n, bad,
         (unsigned long long)live, (unsigned long long)live_blocks);
  allocsite_free(rows);
  allocsite_snapshot_free(sites);
  allocsite_snapshot_free(s);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (bench_sites_count != kSites)
    return 1;
  pthread_t threads[kThreads];
  pthread_barrier_init(&barrier, NULL, kThreads + 1);
  for (long t = 0; t < kThreads; t++)
    pthread_create(&threads[t], NULL, worker, (void *)t);
  pthread_barrier_wait(&barrier);
  // CHECK: parked: sites=9000 other=0 live=2880000 in 180000 blocks
  check("parked", kThreads, kThreads);
  allocsite_clear_traces();
  pthread_barrier_wait(&barrier);
  pthread_barrier_wait(&barrier);
  // CHECK: since clear: sites=9000 other=0 live=2880000 in 180000 blocks
  check("since clear", kThreads, kThreads);
  pthread_barrier_wait(&barrier);
  for (int t = 0; t < kThreads; t++)
    pthread_join(threads[t], NULL);
  // CHECK: joined: sites=9000 other=0 live=2880000 in 180000 blocks
  check("joined", kThreads, kThreads);
  for (int round = 0; round < 2; round++)
    for (int t = 0; t < kThreads; t++)
      for (int i = 0; i < kSites; i++)
        free(blocks[round][t][i]);
  // CHECK: freed: sites=9000 other=0 live=0 in 0 blocks
  check("freed", 0, kThreads);
  return 0;
}
