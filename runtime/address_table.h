// runtime/address_table.h - an open-addressing table for the runtime's small, locked side tables
// (page-aligned live blocks, tracked blocks): linear probing, tombstones, doubling when half full,
// memory from os_map. The caller holds its own lock around every call.
//
// Entry provides: uint64_t key_hash() const; bool is_empty() const; bool is_live() const. A
// zeroed Entry is empty; the caller turns a live entry into a tombstone (neither empty nor live).
#ifndef ALLOCSITE_RUNTIME_ADDRESS_TABLE_H
#define ALLOCSITE_RUNTIME_ADDRESS_TABLE_H

#include "arena.h"

namespace allocsite {

template <typename Entry> class AddressTable {
public:
  // The live entry for which match(entry) holds, among those with this hash, or nullptr.
  template <typename Match> Entry *find(uint64_t hash, Match match) {
    if (!slots_)
      return nullptr;
    for (size_t i = slot_of(hash);; i = (i + 1) & (capacity_ - 1)) {
      Entry &e = slots_[i];
      if (e.is_empty())
        return nullptr;
      if (e.is_live() && match(e))
        return &e;
    }
  }

  // Where to write a new live entry with this hash (an empty slot or a tombstone); nullptr when
  // the table had to grow and the OS refused memory.
  Entry *slot_for(uint64_t hash) {
    if ((used_ + 1) * 2 > capacity_ && !grow())
      return nullptr;
    size_t i = slot_of(hash);
    while (slots_[i].is_live())
      i = (i + 1) & (capacity_ - 1);
    if (slots_[i].is_empty())
      used_++;
    return &slots_[i];
  }

  size_t capacity() const { return capacity_; }

private:
  size_t slot_of(uint64_t hash) const {
    return size_t(hash * 0x9E3779B97F4A7C15ull >> 20) & (capacity_ - 1);
  }

  // Rehashes without tombstones, doubling only when live entries fill more than a quarter: under
  // churn (blocks allocated and freed, few live at once) tombstones alone must not grow the
  // table, or its memory follows every block ever inserted instead of the live ones.
  bool grow() {
    size_t live = 0;
    for (size_t i = 0; i < capacity_; i++)
      live += slots_[i].is_live();
    size_t capacity = capacity_ ? capacity_ : 1024;
    if ((live + 1) * 4 > capacity)
      capacity *= 2;
    auto *fresh = static_cast<Entry *>(os_map(capacity * sizeof(Entry)));
    if (!fresh)
      return false;
    Entry *old = slots_;
    size_t old_capacity = capacity_;
    slots_ = fresh;
    capacity_ = capacity;
    used_ = 0;
    for (size_t i = 0; i < old_capacity; i++) {
      if (!old[i].is_live())
        continue;
      size_t j = slot_of(old[i].key_hash());
      while (!slots_[j].is_empty())
        j = (j + 1) & (capacity_ - 1);
      slots_[j] = old[i];
      used_++;
    }
    os_unmap(old, old_capacity * sizeof(Entry));
    return true;
  }

  Entry *slots_ = nullptr;
  size_t capacity_ = 0; // power of two
  size_t used_ = 0;     // live entries and tombstones
};

} // namespace allocsite

#endif
