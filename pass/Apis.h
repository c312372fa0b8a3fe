//===- Apis.h - the calls AllocSite rewrites, generated from abi.h --------===//
//
// The pass's rewrite table is expanded from the X-macro lists of include/allocsite/abi.h
// (ALLOCSITE_ENTRY_POINTS, ALLOCSITE_REWRITES), so entry names, signatures and kinds are written
// once, there. This file also holds the one definition of "AllocSite's own symbols", which no
// part of the pass instruments or treats as library code.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_APIS_H
#define ALLOCSITE_PASS_APIS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace llvm {
class CallBase;
class Function;
} // namespace llvm

namespace allocsite {

// One runtime entry point (abi.h's ALLOCSITE_ENTRY_POINTS).
struct EntryPoint {
  const char *Name;      // "__allocsite_malloc"
  const char *Signature; // return type, then the parameters before the site: 'p', 'z', 'i', 'v'
};

// One function whose calls are rewritten (abi.h's ALLOCSITE_REWRITES).
struct Api {
  const char *Name;      // the function the program calls
  const char *Signature; // of that function
  const EntryPoint *Entry;
  uint8_t Kind; // enum allocsite_kind
  // Arguments passed on to the entry point: the first Kept of the call's.
  unsigned kept() const;
  bool allocates() const; // not a free or delete
};

llvm::ArrayRef<Api> apis();

// The API a function name stands for, or nullptr; also accepts the 32-bit size_t spelling (`j`)
// of the C++ operators.
const Api *lookupApi(llvm::StringRef Name);

// The API a call calls when its arguments fit the API's signature (SizeBits: the width of
// size_t), else nullptr. Local functions with a libc name are the user's own.
const Api *matchApi(const llvm::CallBase &CB, unsigned SizeBits);

// matchApi in two halves, for callers that remember the first per callee: the API a function
// stands for (nullptr for a local function or an intrinsic), and whether one call of it fits.
const Api *calleeApi(const llvm::Function &Callee);
bool callFits(const llvm::CallBase &CB, const Api &A, unsigned SizeBits);

// AllocSite's own symbols: the runtime's entry points and TLS (__allocsite_*), its public API
// (allocsite_*) and what the pass emits (allocsite.*). Never instrumented, never library code.
bool isAllocSiteSymbol(llvm::StringRef Name);

} // namespace allocsite

#endif // ALLOCSITE_PASS_APIS_H
