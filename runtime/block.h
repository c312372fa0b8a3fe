// runtime/block.h - the 16-byte header in front of every block the runtime hands out: which site
// allocated it, how many bytes were requested, where the underlying allocation starts, and a check
// word so that a foreign or already-freed pointer is recognised instead of trusted.
//
// Layout (kBlockHeaderSize bytes, just below the user pointer):
//   uint32 site    dense site id (0 = allocated while not tracing)
//   uint32 check   hash of (user pointer, site, word, per-process secret); 0 once freed
//   uint64 word    requested size (44 bits) | where the raw block starts (12) | generation (8)
// The raw block starts `offset` bytes below the user pointer. Offset field f < 2048 means
// (f + 1) * 16 bytes: 16 for plain blocks, up to 32 KiB for aligned ones carved out of a plain
// malloc; f >= 2048 means 1 << (f - 2048), for larger alignments served by memalign.
#ifndef ALLOCSITE_RUNTIME_BLOCK_H
#define ALLOCSITE_RUNTIME_BLOCK_H

#include "common.h"
#include "init.h"

namespace allocsite {

struct BlockHeader {
  uint32_t site;
  uint32_t check;
  uint64_t word;
};
static_assert(sizeof(BlockHeader) == kBlockHeaderSize, "header size is part of the budget");

constexpr uint64_t kMaxBlockSize = (uint64_t(1) << 44) - 1;
constexpr unsigned kOffsetShift = 44;
constexpr uint64_t kPlainOffsetField = 0; // raw block 16 bytes below the user pointer
constexpr uint64_t kPowerOffsetField = 2048;
constexpr size_t kMaxCarvedAlignment = 32 * 1024;
// Blocks this large start a page (carved from a plain allocation one page bigger): the allocator
// may give their pages back to the OS on free (glibc mmaps them from 128 KiB, its default
// threshold; smaller freed blocks stay in its heap, whose trimming keeps 128 KiB above the top
// chunk's start), and a page-aligned block is
// known to be live before its header - on the previous page - is read (page_aligned.cpp), so a
// double free of one is reported instead of faulting.
constexpr size_t kLargeBlockSize = 128 * 1024;
constexpr size_t kPageSize = 4096;

AS_ALWAYS_INLINE BlockHeader *block_header(void *user) {
  return reinterpret_cast<BlockHeader *>(static_cast<char *>(user) - kBlockHeaderSize);
}

AS_ALWAYS_INLINE uint64_t block_word(size_t size, uint64_t offset_field, unsigned generation) {
  return uint64_t(size) | (offset_field << kOffsetShift) | (uint64_t(generation & 0xff) << 56);
}
AS_ALWAYS_INLINE size_t block_size(uint64_t word) { return size_t(word & kMaxBlockSize); }
AS_ALWAYS_INLINE uint64_t block_offset_field(uint64_t word) { return (word >> kOffsetShift) & 0xfff; }
AS_ALWAYS_INLINE unsigned block_generation(uint64_t word) { return unsigned(word >> 56); }

AS_ALWAYS_INLINE size_t block_offset(uint64_t word) {
  uint64_t f = block_offset_field(word);
  if (AS_LIKELY(f < kPowerOffsetField))
    return size_t(f + 1) * 16;
  return size_t(1) << (f - kPowerOffsetField);
}

// Cheap on purpose (it runs twice per malloc/free pair): memory that is not a header of ours -
// a foreign pointer's neighbourhood, or what the allocator wrote over a freed header - matches a
// secret-keyed value by chance once in 2^31.
AS_ALWAYS_INLINE uint32_t block_check(const void *user, uint32_t site, uint64_t word) {
  uint64_t x = (uintptr_t(user) >> 4) ^ word ^ g_state.block_secret;
  uint32_t check = uint32_t(x) ^ uint32_t(x >> 32) ^ site;
  return check + (check == 0); // never 0, which marks a freed header; every bit still counts
}

AS_ALWAYS_INLINE void *block_raw(void *user, uint64_t word) {
  return static_cast<char *>(user) - block_offset(word);
}

} // namespace allocsite

#endif
