// test/unit/format_test.cpp - the runtime's own formatting and encoding, which every report and
// every block depend on: sizes in tracemalloc's units, the allocation-free demangler, and the
// block header word (size, offset to the raw block, generation).
#include "alloc/alloc.h"
#include "base/base.h"
#include "report/report.h"

#include <gtest/gtest.h>

#include <string>
#include <unistd.h>

namespace {

// Runs `write` on a Writer whose fd is a pipe and returns what it wrote.
template <typename F> std::string written(F write) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  {
    allocsite::Writer w(fds[1]);
    write(w);
  }
  close(fds[1]);
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    out.append(buf, size_t(n));
  close(fds[0]);
  return out;
}

std::string size_text(int64_t bytes) {
  return written([bytes](allocsite::Writer &w) { w.size(bytes); });
}

TEST(WriterSize, BytesBelowOneKiB) {
  EXPECT_EQ(size_text(0), "0 B");
  EXPECT_EQ(size_text(512), "512 B");
  EXPECT_EQ(size_text(1023), "1023 B");
}

TEST(WriterSize, OneDecimalFromKiBUp) {
  EXPECT_EQ(size_text(1024), "1.0 KiB");
  EXPECT_EQ(size_text(1536), "1.5 KiB");
  EXPECT_EQ(size_text(104857600), "100.0 MiB");
  EXPECT_EQ(size_text(int64_t(3) << 30), "3.0 GiB");
}

TEST(WriterSize, RoundsToTheNextUnitInsteadOf1024) { EXPECT_EQ(size_text(1048575), "1.0 MiB"); }

TEST(WriterSize, Negative) { EXPECT_EQ(size_text(-1536), "-1.5 KiB"); }

TEST(WriterKib, TracemallocDemoUnit) {
  EXPECT_EQ(written([](allocsite::Writer &w) { w.kib(104857600); }), "102400.0 KiB");
}

TEST(WriterJson, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(written([](allocsite::Writer &w) { w.json_str("a\"b\\c\n\x01"); }),
            "\"a\\\"b\\\\c\\u000a\\u0001\"");
  EXPECT_EQ(written([](allocsite::Writer &w) { w.json_str(nullptr); }), "null");
}

std::string demangled(const char *mangled) {
  char out[256];
  return allocsite::demangle(mangled, out, sizeof(out)) ? std::string(out) : std::string("<none>");
}

TEST(Demangle, PlainAndNestedNames) {
  EXPECT_EQ(demangled("_Z4funcv"), "func");
  EXPECT_EQ(demangled("_ZN3foo3barEv"), "foo::bar");
  EXPECT_EQ(demangled("_ZN3FooC2Ev"), "Foo::Foo");
}

TEST(Demangle, NotItaniumStaysUnhandled) { EXPECT_EQ(demangled("main"), "<none>"); }

TEST(BlockWord, PlainBlockRoundTrips) {
  uint64_t word = allocsite::block_word(1000, allocsite::kPlainOffsetField, 7);
  EXPECT_EQ(allocsite::block_size(word), 1000u);
  EXPECT_EQ(allocsite::block_offset(word), 16u);
  EXPECT_EQ(allocsite::block_generation(word), 7u);
}

TEST(BlockWord, CarvedAndPowerOfTwoOffsets) {
  // Offset field f < 2048: (f + 1) * 16 bytes; f >= 2048: 1 << (f - 2048).
  EXPECT_EQ(allocsite::block_offset(allocsite::block_word(1, 255, 0)), 4096u);
  EXPECT_EQ(allocsite::block_offset(allocsite::block_word(1, 2047, 0)), 32768u);
  EXPECT_EQ(allocsite::block_offset(allocsite::block_word(1, 2048 + 21, 0)), size_t(1) << 21);
  EXPECT_EQ(allocsite::block_size(allocsite::block_word(allocsite::kMaxBlockSize, 2048 + 21, 255)),
            allocsite::kMaxBlockSize);
}

TEST(BlockCheck, NeverZeroAndDependsOnEveryField) {
  char buffer[64];
  void *user = buffer + 32;
  uint64_t word = allocsite::block_word(10, 0, 1);
  uint32_t check = allocsite::block_check(user, 5, word);
  EXPECT_NE(check, 0u);
  EXPECT_NE(check, allocsite::block_check(user, 6, word));
  EXPECT_NE(check, allocsite::block_check(user, 5, allocsite::block_word(11, 0, 1)));
  EXPECT_NE(check, allocsite::block_check(buffer + 16, 5, word));
}

} // namespace
