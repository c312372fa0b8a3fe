// bench/micro/snapshot_bench.cpp - cost of allocsite_take_snapshot() with N sites (SPEC §9: under
// 2 ms for 100,000 sites and 8 threads). Linked with a generated file of N malloc sites
// (bench/gen/gen_sites.py) and built instrumented only: snapshot_bench_1000, _10000, _100000.
//
//   build/bench/snapshot_bench_100000
//
// BM_snapshot/threads:1 - the main thread has allocated once at every site.
// BM_snapshot/threads:8 - besides, 8 threads have each allocated once at every site and stay alive
//                         (parked), so 9 thread states hold counters for all N sites.
// The blocks stay live, so every site has non-zero counters. Runs 1 before 8 (registration order).
#include <allocsite/allocsite.h>
#include <benchmark/benchmark.h>

#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

extern "C" {
extern const unsigned bench_sites_count;
void bench_sites_alloc(void **out);
}

namespace {

void **alloc_everywhere() {
  void **blocks = static_cast<void **>(malloc(sizeof(void *) * bench_sites_count));
  bench_sites_alloc(blocks);
  return blocks;
}

void free_all(void **blocks) {
  for (unsigned i = 0; i < bench_sites_count; ++i)
    free(blocks[i]);
  free(blocks);
}

// Threads that allocated at every site and then wait until the process ends.
class ParkedThreads {
public:
  void start(int n) {
    if (!threads_.empty())
      return;
    std::unique_lock<std::mutex> lock(mu_);
    for (int i = 0; i < n; ++i)
      threads_.emplace_back([this] {
        void **blocks = alloc_everywhere();
        std::unique_lock<std::mutex> lock(mu_);
        ++ready_;
        cv_.notify_all();
        cv_.wait(lock, [this] { return done_; });
        lock.unlock();
        free_all(blocks);
      });
    cv_.wait(lock, [&] { return ready_ == n; });
  }
  ~ParkedThreads() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    for (auto &t : threads_)
      t.join();
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int ready_ = 0;
  bool done_ = false;
  std::vector<std::thread> threads_;
};

ParkedThreads g_parked;
void **g_main_blocks;

void BM_snapshot(benchmark::State &state) {
  if (!g_main_blocks)
    g_main_blocks = alloc_everywhere();
  const int threads = static_cast<int>(state.range(0));
  if (threads > 1)
    g_parked.start(threads);
  // A snapshot that does not see the blocks would make the numbers meaningless.
  uint64_t blocks = 0;
  allocsite_snapshot *check = allocsite_take_snapshot();
  allocsite_snapshot_total(check, &blocks);
  allocsite_snapshot_free(check);
  const uint64_t expected = uint64_t(bench_sites_count) * (threads > 1 ? threads + 1 : 1);
  if (blocks < expected) {
    state.SkipWithError("the snapshot misses blocks: is the runtime tracing?");
    return;
  }
  for (auto _ : state) {
    auto *snap = allocsite_take_snapshot();
    benchmark::DoNotOptimize(snap);
    allocsite_snapshot_free(snap);
  }
  state.counters["sites"] = bench_sites_count;
  state.counters["blocks"] = static_cast<double>(blocks);
}
BENCHMARK(BM_snapshot)->ArgName("threads")->Arg(1)->Arg(8)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
