// bench/micro/alloc_bench.cpp - Google Benchmark micro-benchmarks of the allocation fast paths.
// The same source is built three ways (bench/CMakeLists.txt): plain (alloc_bench_plain), with the
// AllocSite pass and runtime (alloc_bench_instrumented), and the plain binary is also run under
// LD_PRELOAD of the runtime by scripts/bench, which reports the three side by side.
//
//   build/bench/alloc_bench_plain --benchmark_filter=malloc_free
//
// Every pointer goes through benchmark::DoNotOptimize, so clang can neither delete a malloc/free
// pair nor fold new/delete away: each iteration really calls the allocator in all three builds.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

// --- Single-threaded -----------------------------------------------------------------------------

// One malloc + free pair per iteration: the cost the SPEC §9 budget is about.
void BM_malloc_free(benchmark::State &state) {
  const size_t size = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    void *p = malloc(size);
    benchmark::DoNotOptimize(p);
    free(p);
  }
}
BENCHMARK(BM_malloc_free)->RangeMultiplier(4)->Range(16, 64 << 10);

// 64 blocks live at once, freed in allocation order: the allocator's lists, not only one hot slot.
void BM_malloc_free_batch64(benchmark::State &state) {
  const size_t size = static_cast<size_t>(state.range(0));
  void *blocks[64];
  for (auto _ : state) {
    for (void *&p : blocks) {
      p = malloc(size);
      benchmark::DoNotOptimize(p);
    }
    for (void *p : blocks)
      free(p);
  }
  state.SetItemsProcessed(state.iterations() * 64);
}
BENCHMARK(BM_malloc_free_batch64)->Arg(32)->Arg(256);

void BM_calloc_free(benchmark::State &state) {
  const size_t size = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    void *p = calloc(1, size);
    benchmark::DoNotOptimize(p);
    free(p);
  }
}
BENCHMARK(BM_calloc_free)->Arg(64)->Arg(4096);

// Grows one block from 16 B to 64 KiB by doubling (13 reallocs), as a growing buffer does.
void BM_realloc_growth(benchmark::State &state) {
  for (auto _ : state) {
    void *p = malloc(16);
    benchmark::DoNotOptimize(p);
    for (size_t size = 32; size <= (64 << 10); size *= 2) {
      p = realloc(p, size);
      benchmark::DoNotOptimize(p);
    }
    free(p);
  }
}
BENCHMARK(BM_realloc_growth);

// Shrinks one block from 64 KiB to 16 B by halving, as a trimmed buffer does.
void BM_realloc_shrink(benchmark::State &state) {
  for (auto _ : state) {
    void *p = malloc(64 << 10);
    benchmark::DoNotOptimize(p);
    for (size_t size = 32 << 10; size >= 16; size /= 2) {
      p = realloc(p, size);
      benchmark::DoNotOptimize(p);
    }
    free(p);
  }
}
BENCHMARK(BM_realloc_shrink);

// An allocator built on realloc alone, called through a function pointer (Lua's lua_Alloc): every
// block starts as realloc(NULL, n) and ends as free inside the same function.
void *realloc_only(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return nullptr;
  }
  return realloc(ptr, nsize);
}
void *(*volatile realloc_only_fn)(void *, void *, size_t, size_t) = realloc_only;

void BM_realloc_only_allocator(benchmark::State &state) {
  auto fn = realloc_only_fn;
  for (auto _ : state) {
    void *p = fn(nullptr, nullptr, 0, 48);
    benchmark::DoNotOptimize(p);
    fn(nullptr, p, 48, 0);
  }
}
BENCHMARK(BM_realloc_only_allocator);

void BM_aligned_alloc_free(benchmark::State &state) {
  const size_t align = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    void *p = aligned_alloc(align, 256);
    benchmark::DoNotOptimize(p);
    free(p);
  }
}
BENCHMARK(BM_aligned_alloc_free)->Arg(64)->Arg(4096);

void BM_posix_memalign_free(benchmark::State &state) {
  for (auto _ : state) {
    void *p = nullptr;
    int rc = posix_memalign(&p, 64, 256);
    benchmark::DoNotOptimize(rc);
    benchmark::DoNotOptimize(p);
    free(p);
  }
}
BENCHMARK(BM_posix_memalign_free);

struct Small {
  int64_t key;
  Small *next;
  double value;
};

void BM_new_delete_small(benchmark::State &state) {
  for (auto _ : state) {
    Small *s = new Small{1, nullptr, 2.0};
    benchmark::DoNotOptimize(s);
    delete s;
  }
}
BENCHMARK(BM_new_delete_small);

void BM_new_delete_array(benchmark::State &state) {
  for (auto _ : state) {
    int *a = new int[16];
    benchmark::DoNotOptimize(a);
    delete[] a;
  }
}
BENCHMARK(BM_new_delete_array);

// --- Threads ---------------------------------------------------------------------------------------
// Real (wall) time per operation over all threads: with more threads than cores this is the
// process's throughput, and contention in the allocator or the runtime shows up as a slower line.

void BM_threads_local_free(benchmark::State &state) {
  for (auto _ : state) {
    void *p = malloc(64);
    benchmark::DoNotOptimize(p);
    free(p);
  }
}
// A call-heavy loop into another translation unit: what the attribution context (issue #4) costs
// per call into library code when nothing is allocated.
extern "C" void bench_external_call(int x);
static void BM_external_call(benchmark::State &state) {
  int i = 0;
  for (auto _ : state)
    bench_external_call(i++);
}
BENCHMARK(BM_external_call);

BENCHMARK(BM_threads_local_free)->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();

// Cross-thread frees: thread t empties a slot of its own inbox row (filled by thread t-1) and frees
// what it finds, then allocates a block and puts it into the same slot of thread t+1's row; a block
// still unclaimed there goes back to t, which frees it. In the steady state almost every free is of
// a neighbour's block. With one thread the row is its own (a 256-deep FIFO), so the handoff code is
// the same at every thread count and in every build.
constexpr int kMaxThreads = 8;
constexpr int kSlots = 256;
struct alignas(64) InboxRow {
  std::atomic<void *> slot[kSlots];
};
InboxRow g_inbox[kMaxThreads];

void BM_threads_cross_free(benchmark::State &state) {
  const int n = state.threads();
  const int t = state.thread_index();
  InboxRow &mine = g_inbox[t];
  InboxRow &next = g_inbox[(t + 1) % n];
  unsigned i = 0;
  for (auto _ : state) {
    const unsigned s = i++ % kSlots;
    if (void *q = mine.slot[s].exchange(nullptr, std::memory_order_acquire))
      free(q);
    void *p = malloc(64);
    benchmark::DoNotOptimize(p);
    if (void *old = next.slot[s].exchange(p, std::memory_order_acq_rel))
      free(old);
  }
  // Every thread has left its loop (the loop ends at a barrier): thread 0 frees what is left.
  if (t == 0) {
    for (int row = 0; row < kMaxThreads; ++row)
      for (auto &slot : g_inbox[row].slot)
        free(slot.exchange(nullptr));
  }
}
BENCHMARK(BM_threads_cross_free)->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
