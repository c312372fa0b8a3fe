// test/unit/address_table_test.cpp - the side tables' open-addressing table: lookups after growth,
// tombstones, and memory that follows the live entries, not every entry ever inserted.
#include "base/base.h"

#include <gtest/gtest.h>

namespace {

struct Entry {
  uintptr_t key;
  int state; // 0 empty, 1 live, 2 removed
  uint64_t key_hash() const { return key >> 4; }
  bool is_empty() const { return state == 0; }
  bool is_live() const { return state == 1; }
};

using Table = allocsite::AddressTable<Entry>;

bool insert(Table &t, uintptr_t key) {
  Entry *e = t.slot_for(key >> 4);
  if (!e)
    return false;
  *e = Entry{key, 1};
  return true;
}

Entry *lookup(Table &t, uintptr_t key) {
  return t.find(key >> 4, [key](const Entry &e) { return e.key == key; });
}

TEST(AddressTable, FindsEveryLiveEntryAcrossGrowth) {
  Table t;
  for (uintptr_t i = 1; i <= 10000; i++)
    ASSERT_TRUE(insert(t, i * 16));
  for (uintptr_t i = 1; i <= 10000; i++)
    ASSERT_NE(lookup(t, i * 16), nullptr) << i;
  EXPECT_EQ(lookup(t, 10001 * 16), nullptr);
  EXPECT_EQ(t.capacity(), 32768u);
}

TEST(AddressTable, RemovedEntriesAreNotFound) {
  Table t;
  for (uintptr_t i = 1; i <= 100; i++)
    ASSERT_TRUE(insert(t, i * 16));
  for (uintptr_t i = 1; i <= 100; i += 2)
    lookup(t, i * 16)->state = 2;
  for (uintptr_t i = 1; i <= 100; i++)
    EXPECT_EQ(lookup(t, i * 16) != nullptr, i % 2 == 0) << i;
}

// A million blocks allocated and freed with at most 8 live at once: the table stays at its first
// size (it once doubled for tombstones, to 2^20 entries here).
TEST(AddressTable, ChurnDoesNotGrowTheTable) {
  Table t;
  uintptr_t live[8] = {};
  for (uintptr_t i = 1; i <= 1000000; i++) {
    uintptr_t &slot = live[i % 8];
    if (slot)
      lookup(t, slot)->state = 2;
    slot = i * 16;
    ASSERT_TRUE(insert(t, slot));
  }
  for (uintptr_t key : live)
    EXPECT_NE(lookup(t, key), nullptr);
  EXPECT_EQ(t.capacity(), 1024u);
}

} // namespace
