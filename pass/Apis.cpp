//===- Apis.cpp - the calls AllocSite rewrites, generated from abi.h ------===//
//
// See Apis.h. The tables below are expansions of abi.h's X-macros; nothing here names an entry
// point or a kind by hand.
//
//===----------------------------------------------------------------------===//
#include "Apis.h"

#include "Compat.h"
#include "allocsite/abi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"

#include <cstring>
#include <string>

using namespace llvm;

namespace allocsite {

namespace {

enum EntryIndex {
#define ENTRY_INDEX(name, ret, signature, ...) Entry_##name,
  ALLOCSITE_ENTRY_POINTS(ENTRY_INDEX)
#undef ENTRY_INDEX
};

constexpr EntryPoint EntryPoints[] = {
#define ENTRY_POINT(name, ret, signature, ...) {"__allocsite_" #name, signature},
    ALLOCSITE_ENTRY_POINTS(ENTRY_POINT)
#undef ENTRY_POINT
};

constexpr Api Apis[] = {
#define REWRITE(function, signature, entry, kind)                                                  \
  {function, signature, &EntryPoints[Entry_##entry], ALLOCSITE_KIND_##kind},
    ALLOCSITE_REWRITES(REWRITE)
#undef REWRITE
};

} // namespace

unsigned Api::kept() const { return static_cast<unsigned>(std::strlen(Entry->Signature)) - 1; }

bool Api::allocates() const {
  return Kind != ALLOCSITE_KIND_FREE && Kind != ALLOCSITE_KIND_DELETE &&
         Kind != ALLOCSITE_KIND_DELETE_ARRAY;
}

ArrayRef<Api> apis() { return Apis; }

const Api *lookupApi(StringRef Name) {
  // Fold the 32-bit size_t spelling (`j`) onto the table's `m`; the signature check against the
  // target's pointer width then rejects a `j` name on a 64-bit target and vice versa.
  std::string Key = Name.str();
  bool IsNew = compat::startsWith(Name, "_Znw") || compat::startsWith(Name, "_Zna");
  bool IsDelete = compat::startsWith(Name, "_ZdlPv") || compat::startsWith(Name, "_ZdaPv");
  if (IsNew && Key.size() > 4 && Key[4] == 'j')
    Key[4] = 'm';
  else if (IsDelete && Key.size() > 6 && Key[6] == 'j')
    Key[6] = 'm';
  for (const Api &A : Apis)
    if (Key == A.Name)
      return &A;
  return nullptr;
}

namespace {

// Does the call pass what the API takes? Guards against a user function that merely shares a libc
// name (a static `free` with two parameters). The arguments are checked rather than the callee's
// prototype so that old C calling an unprototyped `char *malloc();` (a variadic call type) is
// still recognised when it passes a size_t.
bool fitsSignature(const CallBase &CB, StringRef Sig, unsigned SizeBits) {
  if (CB.arg_size() + 1 != Sig.size())
    return false;
  for (size_t I = 0; I < Sig.size(); ++I) {
    Type *T = I == 0 ? CB.getType() : CB.getArgOperand(I - 1)->getType();
    bool Ok = (Sig[I] == 'p' && T->isPointerTy()) || (Sig[I] == 'z' && T->isIntegerTy(SizeBits)) ||
              (Sig[I] == 'i' && T->isIntegerTy(32)) || (Sig[I] == 'v' && T->isVoidTy());
    if (!Ok)
      return false;
  }
  return true;
}

} // namespace

const Api *matchApi(const CallBase &CB, unsigned SizeBits) {
  if (!isa<CallInst>(CB) && !isa<InvokeInst>(CB))
    return nullptr; // callbr never calls an allocator
  // Typed-pointer IR (LLVM 14) often calls through `bitcast (i8* (i64)* @malloc to ...)`.
  const auto *Callee = dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!Callee || Callee->hasLocalLinkage() || Callee->isIntrinsic())
    return nullptr; // indirect: the runtime sees it as a dynamic site
  const Api *A = lookupApi(Callee->getName());
  return A && fitsSignature(CB, A->Signature, SizeBits) ? A : nullptr;
}

bool isAllocSiteSymbol(StringRef Name) {
  return compat::startsWith(Name, "__allocsite_") || compat::startsWith(Name, "allocsite_") ||
         compat::startsWith(Name, "allocsite.");
}

} // namespace allocsite
