// test/unit/options_test.cpp - ALLOCSITE_OPTIONS parsing (base/options.cpp) and the filename glob
// of allocsite_filter (report/snapshot_stats.cpp): what a user's option string and pattern mean.
#include "base/base.h"
#include "report/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace {

using allocsite::g_options;

// Parses `text` from a fresh copy of the defaults; returns what was printed on fd 2.
std::string parse(const char *text) {
  static const allocsite::Options defaults = g_options;
  g_options = defaults;
  static char buffer[4096];
  snprintf(buffer, sizeof buffer, "%s", text);
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  int saved = dup(2);
  dup2(fds[1], 2);
  allocsite::options_parse(buffer);
  dup2(saved, 2);
  close(saved);
  close(fds[1]);
  std::string out;
  char chunk[256];
  ssize_t n;
  while ((n = read(fds[0], chunk, sizeof chunk)) > 0)
    out.append(chunk, size_t(n));
  close(fds[0]);
  return out;
}

TEST(Options, KeysAndValues) {
  EXPECT_EQ(parse("top=20:group_by=file:min_size=1K:source=no"), "");
  EXPECT_EQ(g_options.top, 20);
  EXPECT_STREQ(g_options.group_by, "file");
  EXPECT_EQ(g_options.min_size, 1024);
  EXPECT_FALSE(g_options.source);
}

TEST(Options, SuffixesBareBooleansAndEmptyItems) {
  EXPECT_EQ(parse("::min_size=2M::help:"), "");
  EXPECT_EQ(g_options.min_size, 2 << 20);
  EXPECT_TRUE(g_options.help);
  EXPECT_EQ(parse("min_size=1G"), "");
  EXPECT_EQ(g_options.min_size, int64_t(1) << 30);
}

TEST(Options, BadValuesKeepTheDefaultAndSayOneLine) {
  std::string out = parse("top=-1:group_by=lines:source=maybe:nosuch=1:top=10x");
  EXPECT_EQ(g_options.top, 10);
  EXPECT_STREQ(g_options.group_by, "line");
  EXPECT_TRUE(g_options.source);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 5) << out;
  EXPECT_NE(out.find("bad value '-1' for option 'top'"), std::string::npos) << out;
  EXPECT_NE(out.find("unknown option 'nosuch'"), std::string::npos) << out;
}

TEST(Options, IntegersAtTheLimit) {
  EXPECT_EQ(parse("min_size=9223372036854775807"), "");
  EXPECT_EQ(g_options.min_size, INT64_MAX);
  std::string out =
      parse("min_size=9223372036854775808:top=18446744073709551617:min_size=8589934592G");
  EXPECT_EQ(g_options.min_size, 0);
  EXPECT_EQ(g_options.top, 10);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 3) << out;
  EXPECT_NE(out.find("at most 9223372036854775807"), std::string::npos) << out;
}

TEST(Options, StringsNeedAValue) {
  EXPECT_EQ(parse("dump_path=/tmp/d.%n.json"), "");
  EXPECT_STREQ(g_options.dump_path, "/tmp/d.%n.json");
  EXPECT_NE(parse("dump_path").find("dump_path"), std::string::npos);
}

TEST(Glob, TracemallocFilterPatterns) {
  using allocsite::glob_match;
  EXPECT_TRUE(glob_match("*.c", "src/a.c")); // '*' crosses '/', as fnmatch without FNM_PATHNAME
  EXPECT_TRUE(glob_match("src/*", "src/x/y.cpp"));
  EXPECT_TRUE(glob_match("?.h", "a.h"));
  EXPECT_FALSE(glob_match("?.h", "ab.h"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_TRUE(glob_match("a*b*c", "abbbc")); // backtracks past the first 'b'
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("**", "anything"));
  EXPECT_FALSE(glob_match("", "x"));
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("src/*.c", "lib/a.c"));
}

} // namespace
