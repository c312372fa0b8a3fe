// runtime/memory.h - why traced bytes differ from RSS (SPEC §8): the figures and their sum.
#ifndef ALLOCSITE_RUNTIME_MEMORY_H
#define ALLOCSITE_RUNTIME_MEMORY_H

#include "common.h"

namespace allocsite {

struct MemoryBreakdown {
  int64_t traced_bytes;        // requested bytes of live blocks
  int64_t live_blocks;
  int64_t header_bytes;        // runtime block headers: kBlockHeaderSize per live block
  int64_t allocator_in_use;    // glibc mallinfo2: uordblks + hblkhd (chunks handed out, incl. ours)
  int64_t allocator_overhead;  // in_use - traced - headers: rounding and per-chunk bookkeeping
  int64_t allocator_free_kept; // mallinfo2 fordblks: freed but kept by the allocator
  int64_t allocator_arena;     // mallinfo2 arena (sbrk + arenas)
  int64_t allocator_mmapped;   // mallinfo2 hblkhd
  int64_t runtime_bytes;       // the runtime's own resident memory (runtime_resident_bytes)
  int64_t rss_bytes;           // /proc/self/statm resident pages
  int64_t other_rss;           // rss - what the heap and the runtime explain: code, stacks, data
  bool have_mallinfo;          // false when mallinfo2 is not glibc's (another allocator)
};

void collect_memory_breakdown(MemoryBreakdown *out);

} // namespace allocsite

#endif
