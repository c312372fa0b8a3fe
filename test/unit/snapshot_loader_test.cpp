// test/unit/snapshot_loader_test.cpp - allocsite_snapshot_load (runtime/report/snapshot_io.cpp)
// on what lit's fixtures do not enumerate: every truncation of a valid file, every single-byte
// corruption of its numbers, and dump -> load round trips of this process's own snapshot. The
// files under test/validity/Inputs check one rule each; these check that no cut or damaged file
// is ever accepted, read past its end or crashes the loader.
// Strong references, not the header's weak ones: they are what pulls the loader out of the static
// runtime into this binary.
#define ALLOCSITE_RUNTIME_BUILD 1
#include "allocsite/allocsite.h"

#include <gtest/gtest.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>

namespace {

const char kValid[] =
    "{\"format\": \"allocsite\", \"version\": 1, \"kind\": \"snapshot\",\n"
    " \"totals\": {\"live_bytes\": 8, \"live_blocks\": 1, \"alloc_calls\": 1, \"free_calls\": 0, "
    "\"alloc_bytes\": 8},\n"
    " \"sites\": [\n"
    "  {\"file\": \"/src/a.c\", \"line\": 3, \"column\": 5, \"function\": \"main\", \"kind\": "
    "\"malloc\", \"instrumented\": true, \"live_bytes\": 8, \"live_blocks\": 1, \"alloc_bytes\": "
    "8, "
    "\"alloc_calls\": 1, \"free_calls\": 0, \"inlined_at\": [{\"file\": \"/src/b.c\", "
    "\"function\": \"g\", \"line\": 9, \"column\": 1}]}\n"
    " ]}\n";

class SnapshotFile : public ::testing::Test {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/allocsite-loader-XXXXXX";
    int fd = mkstemp(tmpl);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = tmpl;
  }
  void TearDown() override { unlink(path_.c_str()); }

  void write(const char *data, size_t n) {
    FILE *f = fopen(path_.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(fwrite(data, 1, n, f), n);
    fclose(f);
  }

  std::string path_;
};

TEST_F(SnapshotFile, TheValidFileLoadsWithItsSite) {
  write(kValid, strlen(kValid));
  allocsite_snapshot *s = allocsite_snapshot_load(path_.c_str());
  ASSERT_NE(s, nullptr);
  uint64_t blocks = 0;
  EXPECT_EQ(allocsite_snapshot_total(s, &blocks), 8u);
  EXPECT_EQ(blocks, 1u);
  allocsite_statistic *stats = nullptr;
  ASSERT_EQ(allocsite_snapshot_statistics(s, ALLOCSITE_BY_SITE, &stats), 1u);
  EXPECT_STREQ(stats[0].key.file, "/src/a.c");
  EXPECT_EQ(stats[0].key.line, 3u);
  EXPECT_STREQ(stats[0].key.function, "main");
  EXPECT_EQ(stats[0].key.inline_depth, 1u);
  EXPECT_EQ(stats[0].size, 8u);
  allocsite_free(stats);
  allocsite_snapshot_free(s);
}

// A file cut anywhere before its closing brace is not a snapshot.
TEST_F(SnapshotFile, EveryTruncationIsRejected) {
  const size_t n = strlen(kValid);
  size_t end = n;
  while (end > 0 && (kValid[end - 1] == '\n' || kValid[end - 1] == ' '))
    end--; // cutting only trailing white space leaves a valid file
  for (size_t len = 0; len < end; len++) {
    write(kValid, len);
    allocsite_snapshot *s = allocsite_snapshot_load(path_.c_str());
    EXPECT_EQ(s, nullptr) << "accepted the first " << len << " bytes";
    allocsite_snapshot_free(s);
  }
}

// A letter, a quote or a brace in place of any digit breaks a number, a string or the structure.
TEST_F(SnapshotFile, EveryCorruptedDigitIsRejected) {
  std::string text = kValid;
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] < '0' || text[i] > '9')
      continue;
    if (i > 0 && text[i - 1] == 'c' && text[i - 2] == '.') // "/src/a.c": not a number
      continue;
    for (char bad : {'x', '"', '}'}) {
      std::string damaged = text;
      damaged[i] = bad;
      write(damaged.data(), damaged.size());
      allocsite_snapshot *s = allocsite_snapshot_load(path_.c_str());
      EXPECT_EQ(s, nullptr) << "accepted '" << bad << "' at byte " << i;
      allocsite_snapshot_free(s);
    }
  }
}

// dump -> load keeps what statistics() reports, for this process's own (uninstrumented) sites.
TEST_F(SnapshotFile, DumpThenLoadKeepsTheTotals) {
  void *volatile keep = malloc(4321);
  allocsite_snapshot *taken = allocsite_take_snapshot();
  ASSERT_NE(taken, nullptr);
  ASSERT_EQ(allocsite_snapshot_dump(taken, path_.c_str()), 0);
  allocsite_snapshot *loaded = allocsite_snapshot_load(path_.c_str());
  ASSERT_NE(loaded, nullptr);
  uint64_t blocks_taken = 0, blocks_loaded = 0;
  EXPECT_EQ(allocsite_snapshot_total(loaded, &blocks_loaded),
            allocsite_snapshot_total(taken, &blocks_taken));
  EXPECT_EQ(blocks_loaded, blocks_taken);
  allocsite_statistic_diff *diff = nullptr;
  size_t n = allocsite_snapshot_compare_to(loaded, taken, ALLOCSITE_BY_LINE, &diff);
  for (size_t i = 0; i < n; i++) {
    EXPECT_EQ(diff[i].size_diff, 0) << "line group " << i;
    EXPECT_EQ(diff[i].count_diff, 0) << "line group " << i;
  }
  allocsite_free(diff);
  allocsite_snapshot_free(loaded);
  allocsite_snapshot_free(taken);
  free(keep);
}

} // namespace
