// runtime/block.h - the 16-byte header in front of every block the runtime hands out: which site
// allocated it, how many bytes were requested, where the underlying allocation starts, and a check
// word so that a foreign or already-freed pointer is recognised instead of trusted.
//
// Layout (kBlockHeaderSize bytes, just below the user pointer):
//   uint32 site    dense site id (0 = allocated while not tracing)
//   uint32 check   hash of (user pointer, site, word, per-process secret); 0 once freed
//   uint64 word    requested size (48 bits) | log2(offset to the raw block) (8) | generation (8)
// The raw block starts `1 << shift` bytes below the user pointer: 16 for plain blocks, the
// alignment for aligned ones, so the user pointer keeps its alignment.
#ifndef ALLOCSITE_RUNTIME_BLOCK_H
#define ALLOCSITE_RUNTIME_BLOCK_H

#include "common.h"

namespace allocsite {

struct BlockHeader {
  uint32_t site;
  uint32_t check;
  uint64_t word;
};
static_assert(sizeof(BlockHeader) == kBlockHeaderSize, "header size is part of the budget");

constexpr uint64_t kMaxBlockSize = (uint64_t(1) << 48) - 1;
constexpr unsigned kPlainShift = 4;

extern uint64_t g_block_secret;

AS_ALWAYS_INLINE BlockHeader *block_header(void *user) {
  return reinterpret_cast<BlockHeader *>(static_cast<char *>(user) - kBlockHeaderSize);
}

AS_ALWAYS_INLINE uint64_t block_word(size_t size, unsigned shift, unsigned generation) {
  return uint64_t(size) | (uint64_t(shift) << 48) | (uint64_t(generation & 0xff) << 56);
}
AS_ALWAYS_INLINE size_t block_size(uint64_t word) { return size_t(word & kMaxBlockSize); }
AS_ALWAYS_INLINE unsigned block_shift(uint64_t word) { return unsigned(word >> 48) & 0xff; }
AS_ALWAYS_INLINE unsigned block_generation(uint64_t word) { return unsigned(word >> 56); }

AS_ALWAYS_INLINE uint32_t block_check(const void *user, uint32_t site, uint64_t word) {
  uint64_t x = (uintptr_t(user) ^ word ^ (uint64_t(site) << 21) ^ g_block_secret) *
               0x9E3779B97F4A7C15ull;
  return uint32_t(x >> 32) | 1; // never 0: 0 marks a freed header
}

AS_ALWAYS_INLINE void *block_raw(void *user, uint64_t word) {
  return static_cast<char *>(user) - (size_t(1) << block_shift(word));
}

} // namespace allocsite

#endif
