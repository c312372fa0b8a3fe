// runtime/report/scratch.cpp - memory that lives as long as one report, snapshot or API call:
// os_map'd chunks unmapped together, so nothing is left behind (arena memory is never given back).
#include "report/report.h"

#include "base/base.h"

namespace allocsite {

namespace {

constexpr size_t kChunkSize = size_t(1) << 20;

} // namespace

void *Scratch::alloc(size_t size, size_t align) {
  if (align < alignof(Chunk))
    align = alignof(Chunk);
  if (head_) {
    size_t at = (head_->used + align - 1) & ~(align - 1);
    if (at + size <= head_->size) {
      head_->used = at + size;
      return reinterpret_cast<char *>(head_) + at;
    }
  }
  size_t header = (sizeof(Chunk) + align - 1) & ~(align - 1);
  size_t need = header + size;
  size_t chunk_size = need > kChunkSize ? page_round(need) : kChunkSize;
  // A block bigger than a chunk is about to be written in full: populate it in one call. Chunks
  // fill up bit by bit, and most reports and snapshots use a fraction of one.
  auto *c = static_cast<Chunk *>(chunk_size > kChunkSize ? os_map_populated(chunk_size)
                                                         : os_map(chunk_size));
  if (!c)
    return nullptr;
  c->size = chunk_size;
  c->used = need;
  // A big one-off block goes behind the current chunk so the current one keeps filling up.
  if (head_ && chunk_size > kChunkSize) {
    c->next = head_->next;
    head_->next = c;
  } else {
    c->next = head_;
    head_ = c;
  }
  return reinterpret_cast<char *>(c) + header;
}

void Scratch::release() {
  while (head_) {
    Chunk *next = head_->next;
    os_unmap(head_, head_->size);
    head_ = next;
  }
}

} // namespace allocsite
