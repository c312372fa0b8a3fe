// examples/tracemalloc_demo.cpp - Python's classic tracemalloc walk-through, in C++ with
// allocsite.hpp: one line allocates 100 MiB twice, and a snapshot after each step shows that line's
// exact size, the rest of the program's traced memory, current and peak traced memory, and the
// process RSS (which follows, because the blocks are touched).
//
// Built by `ninja` as build/examples/tracemalloc_demo; by hand:
//   build/bin/allocsite-clang++ -std=c++17 -O2 -Iinclude examples/tracemalloc_demo.cpp -o demo && ./demo
// test/api/tracemalloc-demo.test checks its output.
#include "allocsite/allocsite.hpp"

#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace {

constexpr std::size_t kBlock = std::size_t(100) << 20; // 100 MiB

// The line every block of the demo comes from. Not inlined, so that the optimizer cannot see the
// block freed without being read and drop the allocation.
__attribute__((noinline)) std::unique_ptr<char[]> grab() {
  std::unique_ptr<char[]> block(new char[kBlock]);
  std::memset(block.get(), 0x5a, kBlock); // touch every page: RSS grows by the block
  return block;
}

// Resident set size from /proc/self/statm, read without allocating.
std::size_t rss_bytes() {
  char buf[128] = {};
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return 0;
  unsigned long size = 0, resident = 0;
  if (std::sscanf(buf, "%lu %lu", &size, &resident) != 2)
    return 0;
  return std::size_t(resident) * std::size_t(sysconf(_SC_PAGESIZE));
}

// "file:line" with the file's directories left out, as the demo prints it.
std::string short_where(allocsite::Statistic s) {
  std::size_t slash = s.file.rfind('/');
  if (slash != std::string::npos)
    s.file.erase(0, slash + 1);
  return allocsite::where(s);
}

std::size_t g_rss_before;

// tracemalloc's display_top, in one line: the biggest line of the snapshot, then the others.
void display(const char *step, const allocsite::Snapshot &snapshot) {
  allocsite::TracedMemory traced = allocsite::traced_memory(); // before the statistics allocate
  std::size_t rss = rss_bytes();
  std::vector<allocsite::Statistic> stats = snapshot.statistics(allocsite::KeyType::lineno);
  std::printf("[%s] top: ", step);
  std::size_t first = 0;
  if (!stats.empty() && stats[0].size) {
    const allocsite::Statistic &top = stats[0];
    std::printf("%s: %.1f KiB (%llu block%s)", short_where(top).c_str(), double(top.size) / 1024,
                (unsigned long long)top.count, top.count == 1 ? "" : "s");
    first = 1;
  } else {
    std::printf("nothing");
  }
  std::uint64_t others = 0, other_sites = 0;
  for (std::size_t i = first; i < stats.size(); i++)
    if (stats[i].size) {
      others += stats[i].size;
      other_sites++;
    }
  std::printf("; %llu other site%s: %s", (unsigned long long)other_sites, other_sites == 1 ? "" : "s",
              allocsite::format_size(others).c_str());
  std::printf("; traced current=%zu B (%s) peak=%zu B (%s)", traced.current,
              allocsite::format_size(traced.current).c_str(), traced.peak,
              allocsite::format_size(traced.peak).c_str());
  long long rss_delta = (long long)rss - (long long)g_rss_before;
  std::printf("; RSS=%s (%s since start)\n", allocsite::format_size(rss).c_str(),
              allocsite::format_size_diff(rss_delta).c_str());
  // The blocks are touched: RSS follows the traced memory, give or take a few pages.
  std::printf("    rss_grew_by_100MiB=%d\n", rss_delta >= (long long)kBlock - (1 << 20));
}

void wait_a_little() {
  struct timespec pause = {0, 100 * 1000 * 1000};
  nanosleep(&pause, nullptr);
}

} // namespace

int main() {
  if (!allocsite::is_tracing()) {
    std::printf("not tracing: build with allocsite-clang++\n");
    return 0;
  }
  std::printf("tracemalloc demo: two blocks of %s from one line\n", allocsite::format_size(kBlock).c_str());
  g_rss_before = rss_bytes();
  display("start", allocsite::Snapshot::take());

  std::unique_ptr<char[]> first = grab();
  display("first block", allocsite::Snapshot::take());

  wait_a_little();
  std::unique_ptr<char[]> second = grab();
  display("second block", allocsite::Snapshot::take());

  first.reset();
  display("first freed", allocsite::Snapshot::take());

  second.reset();
  display("second freed", allocsite::Snapshot::take());

  // What `ps` would show against what was traced (SPEC §8).
  std::printf("%s", allocsite::memory_report().c_str());
  return 0;
}
