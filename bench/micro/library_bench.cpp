// bench/micro/library_bench.cpp - library-charged memory: the STL's out-of-line growth
// (_M_realloc_insert, _M_create) is system-header code, charged to the user's line through the
// attribution context (SPEC §3). Built at -O2 (library_bench) and at -O0 (library_bench_O0,
// bench/CMakeLists.txt): at -O0 nothing of the STL is inlined, so every push_back and append is
// a call the pass wraps in the context, which is the cost a debug build pays.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

void BM_vector_growth(benchmark::State &state) {
  for (auto _ : state) {
    std::vector<int> v;
    for (int i = 0; i < 64; i++)
      v.push_back(i);
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(BM_vector_growth);

void BM_string_append(benchmark::State &state) {
  for (auto _ : state) {
    std::string s;
    for (int i = 0; i < 8; i++)
      s.append("sixteen bytes!!!");
    benchmark::DoNotOptimize(s.data());
  }
}
BENCHMARK(BM_string_append);

} // namespace

BENCHMARK_MAIN();
