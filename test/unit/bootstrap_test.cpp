// test/unit/bootstrap_test.cpp - blocks served from the start-up buffer before the real allocator
// is known: realloc copies what the buffer holds from the block on, never past its end.
#include "alloc/alloc.h"

#include <gtest/gtest.h>

#include <stdlib.h>
#include <string.h>

namespace {

TEST(Bootstrap, CopySizeStopsAtTheBufferEnd) {
  char *p = static_cast<char *>(allocsite::bootstrap_alloc(32));
  ASSERT_NE(p, nullptr);
  size_t left = allocsite::bootstrap_bytes_from(p);
  EXPECT_GE(left, 32u);
  EXPECT_LE(left, 64u * 1024);
  EXPECT_EQ(allocsite::bootstrap_copy_size(p, 8), 8u);
  EXPECT_EQ(allocsite::bootstrap_copy_size(p, size_t(1) << 40), left);
  int local;
  EXPECT_EQ(allocsite::bootstrap_bytes_from(&local), 0u);
}

// Before the fix, realloc copied the new size from the start-up block: 64 MiB read from a 64 KiB
// static buffer, which faults.
TEST(Bootstrap, ReallocToALargeSizeKeepsTheContents) {
  char *p = static_cast<char *>(allocsite::bootstrap_alloc(16));
  ASSERT_NE(p, nullptr);
  memcpy(p, "start-up block", 15);
  char *q = static_cast<char *>(realloc(p, size_t(64) << 20));
  ASSERT_NE(q, nullptr);
  EXPECT_STREQ(q, "start-up block");
  free(q);
}

} // namespace
