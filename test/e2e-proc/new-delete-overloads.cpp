// Every replaceable global operator new/new[] is a site of kind "new" or "new[]", and every
// replaceable operator delete/delete[] (plain, sized, aligned, sized+aligned, nothrow, aligned
// nothrow) uncharges the site that allocated the block. Each site allocates twice and one block is
// freed through a different delete overload; aligned news return memory with the right alignment
// (the exit status counts misaligned blocks).
// RUN: %clangxx_allocsite -O0 -std=c++17 -fsized-deallocation %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s < %t.json
#include <cstddef>
#include <cstdint>
#include <new>

struct Obj24 { char c[24]; };
struct Obj40 { char c[40]; };
struct alignas(64) A64 { char c[64]; };
struct alignas(128) A128 { char c[128]; };
struct alignas(256) A256 { char c[256]; };
struct alignas(4096) A4096 { char c[4096]; };

void *volatile keep[12][2];
static int misaligned;

static void *aligned(void *p, std::size_t a) {
  if (reinterpret_cast<std::uintptr_t>(p) % a != 0)
    misaligned++;
  return p;
}

// CHECK:       "totals": {"live_bytes": 6103, "live_blocks": 12, "peak_bytes": 12206, "alloc_calls": 24, "free_calls": 12, "alloc_bytes": 12206}
// CHECK-LABEL: "sites": [
int main() {
  for (int i = 0; i < 2; i++) {
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 11, "live_blocks": 1, "alloc_bytes": 22, "alloc_calls": 2, "free_calls": 1,
    keep[0][i] = new char[11];
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 12, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 2, "free_calls": 1,
    keep[1][i] = new (std::nothrow) char[12];
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 192, "live_blocks": 1, "alloc_bytes": 384, "alloc_calls": 2, "free_calls": 1,
    keep[2][i] = aligned(new A64[3], 64);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 512, "live_blocks": 1, "alloc_bytes": 1024, "alloc_calls": 2, "free_calls": 1,
    keep[3][i] = aligned(new (std::nothrow) A256[2], 256);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 48, "alloc_calls": 2, "free_calls": 1,
    keep[4][i] = new Obj24;
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 40, "live_blocks": 1, "alloc_bytes": 80, "alloc_calls": 2, "free_calls": 1,
    keep[5][i] = new (std::nothrow) Obj40;
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 4096, "live_blocks": 1, "alloc_bytes": 8192, "alloc_calls": 2, "free_calls": 1,
    keep[6][i] = aligned(new A4096, 4096);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 128, "live_blocks": 1, "alloc_bytes": 256, "alloc_calls": 2, "free_calls": 1,
    keep[7][i] = aligned(new (std::nothrow) A128, 128);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 56, "live_blocks": 1, "alloc_bytes": 112, "alloc_calls": 2, "free_calls": 1,
    keep[8][i] = ::operator new(56);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 72, "live_blocks": 1, "alloc_bytes": 144, "alloc_calls": 2, "free_calls": 1,
    keep[9][i] = ::operator new[](72);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new", "instrumented": true, "live_bytes": 320, "live_blocks": 1, "alloc_bytes": 640, "alloc_calls": 2, "free_calls": 1,
    keep[10][i] = aligned(::operator new(320, std::align_val_t(64)), 64);
    // CHECK-DAG: "file": "{{.*}}/new-delete-overloads.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 640, "live_blocks": 1, "alloc_bytes": 1280, "alloc_calls": 2, "free_calls": 1,
    keep[11][i] = aligned(::operator new[](640, std::align_val_t(128)), 128);
  }
  // CHECK: {{^}} ]}

  // One block of each site, through each of the twelve delete overloads.
  delete[] static_cast<char *>(keep[0][0]);                                  // delete[](void*)
  ::operator delete[](keep[1][0], std::nothrow);                             // delete[](void*, nothrow)
  ::operator delete[](keep[2][0], std::align_val_t(64));                     // delete[](void*, align)
  ::operator delete[](keep[3][0], std::align_val_t(256), std::nothrow);      // delete[](void*, align, nothrow)
  delete static_cast<Obj24 *>(keep[4][0]);                                   // delete(void*, size)
  ::operator delete(keep[5][0], std::nothrow);                               // delete(void*, nothrow)
  delete static_cast<A4096 *>(keep[6][0]);                                   // delete(void*, size, align)
  ::operator delete(keep[7][0], std::align_val_t(128), std::nothrow);        // delete(void*, align, nothrow)
  ::operator delete(keep[8][0]);                                             // delete(void*)
  ::operator delete[](keep[9][0], 72);                                       // delete[](void*, size)
  ::operator delete(keep[10][0], std::align_val_t(64));                      // delete(void*, align)
  ::operator delete[](keep[11][0], 640, std::align_val_t(128));              // delete[](void*, size, align)
  return misaligned;
}
