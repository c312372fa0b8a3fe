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
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"

#include <cstring>

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
  // Every call of every function asks (the wrapper inference matches each call it follows), so
  // the table is looked up by hash, and the name copied only to fold a `j`.
  static const StringMap<const Api *> ByName = [] {
    StringMap<const Api *> Map;
    for (const Api &A : Apis)
      Map.try_emplace(A.Name, &A);
    return Map;
  }();
  // Fold the 32-bit size_t spelling (`j`) onto the table's `m`; the signature check against the
  // target's pointer width then rejects a `j` name on a 64-bit target and vice versa.
  size_t SizeAt = 0;
  if (compat::startsWith(Name, "_Znw") || compat::startsWith(Name, "_Zna"))
    SizeAt = 4;
  else if (compat::startsWith(Name, "_ZdlPv") || compat::startsWith(Name, "_ZdaPv"))
    SizeAt = 6;
  SmallString<32> Folded;
  if (SizeAt && Name.size() > SizeAt && Name[SizeAt] == 'j') {
    Folded = Name;
    Folded[SizeAt] = 'm';
    Name = Folded;
  }
  auto It = ByName.find(Name);
  return It == ByName.end() ? nullptr : It->second;
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

const Api *calleeApi(const Function &Callee) {
  if (Callee.hasLocalLinkage() || Callee.isIntrinsic())
    return nullptr;
  return lookupApi(Callee.getName());
}

bool callFits(const CallBase &CB, const Api &A, unsigned SizeBits) {
  // callbr never calls an allocator.
  return (isa<CallInst>(CB) || isa<InvokeInst>(CB)) && fitsSignature(CB, A.Signature, SizeBits);
}

const Api *matchApi(const CallBase &CB, unsigned SizeBits) {
  // Typed-pointer IR (LLVM 14) often calls through `bitcast (i8* (i64)* @malloc to ...)`.
  const auto *Callee = dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!Callee)
    return nullptr; // indirect: the runtime sees it as a dynamic site
  const Api *A = calleeApi(*Callee);
  return A && callFits(CB, *A, SizeBits) ? A : nullptr;
}

bool isAllocSiteSymbol(StringRef Name) {
  return compat::startsWith(Name, "__allocsite_") || compat::startsWith(Name, "allocsite_") ||
         compat::startsWith(Name, "allocsite.");
}

} // namespace allocsite
