//===- WrapperInference.cpp - allocation wrappers found from their code ---===//
//
// See WrapperInference.h for the rule. One walk over each function's uses per round, a handful of
// rounds at most (a wrapper of a wrapper defined later in the file needs a second one): linear in
// the module's size. Run through the pass:
//   opt -load-pass-plugin=libAllocSite.so -passes=allocsite-wrappers -S in.ll
//
//===----------------------------------------------------------------------===//
#include "WrapperInference.h"

#include "Apis.h"
#include "Compat.h"
#include "allocsite/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

using namespace llvm;

#define DEBUG_TYPE "allocsite"

STATISTIC(NumInferredWrappers, "Allocation wrappers found from their code");
STATISTIC(NumWrapperCandidates, "Functions returning memory they allocate, not wrappers");

namespace allocsite {

namespace {

// What a value returned by the function can be.
enum class Origin { None, Null, Fresh };

Origin join(Origin A, Origin B) {
  if (A == Origin::None || B == Origin::None)
    return Origin::None;
  return A == Origin::Fresh || B == Origin::Fresh ? Origin::Fresh : Origin::Null;
}

const Function *calleeOf(const CallBase &Call) {
  return dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
}

class FunctionScan {
public:
  // Candidates: the looser question of findWrapperCandidates, where what an indirect call
  // returns is fresh too (an allocator callback's result) and Wrappers also holds the candidates
  // found so far.
  FunctionScan(const Function &F, const SmallPtrSetImpl<const Function *> &Wrappers,
               unsigned SizeBits, const TargetLibraryInfo &TLI, bool Candidates = false)
      : F(F), Wrappers(Wrappers), SizeBits(SizeBits), TLI(TLI), Candidates(Candidates) {}

  bool isAllocationWrapper();
  bool returnsFresh();

private:
  Origin origin(const Value *V);
  bool isLocalSlot(const AllocaInst *A);
  bool staysLocal(const Value *Fresh, bool &Compared, bool &Written);
  bool isFreshCall(const CallBase &Call);
  bool isReallocatedParameter(const llvm::StoreInst &SI, const llvm::AllocaInst &Slot);

  const Function &F;
  const SmallPtrSetImpl<const Function *> &Wrappers;
  unsigned SizeBits;
  const TargetLibraryInfo &TLI;
  bool Candidates;
  DenseMap<const Value *, Origin> Origins;
  DenseMap<const AllocaInst *, bool> Slots;
  SmallVector<const CallBase *, 4> FreshCalls;
  SmallPtrSet<const CallBase *, 4> RawCalls; // of malloc & co. themselves
};

// An alloca only ever loaded from and stored to (as the address): a local variable holding the
// pointer, as every function has at -O0 and before SROA.
bool FunctionScan::isLocalSlot(const AllocaInst *A) {
  auto It = Slots.find(A);
  if (It != Slots.end())
    return It->second;
  bool Local = A->getAllocatedType()->isPointerTy();
  for (const Use &U : A->uses()) {
    if (!Local)
      break;
    const auto *I = cast<Instruction>(U.getUser());
    if (isa<LoadInst>(I))
      continue;
    if (const auto *SI = dyn_cast<StoreInst>(I))
      Local = SI->getPointerOperand() == A;
    else if (const auto *II = dyn_cast<IntrinsicInst>(I))
      Local = II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II);
    else if (const auto *BC = dyn_cast<BitCastInst>(I)) // lifetime markers take an i8* (LLVM 14)
      Local = llvm::all_of(BC->users(), [](const User *BU) {
        const auto *II = dyn_cast<IntrinsicInst>(BU);
        return II && II->isLifetimeStartOrEnd();
      });
    else
      Local = false;
  }
  Slots[A] = Local;
  return Local;
}

// `p = realloc(p, n); ... return p;` at -O0: the parameter's own slot first holds the parameter
// (stored on entry), then realloc's result. The parameter only flows into realloc, so the entry
// store is not what is returned.
bool FunctionScan::isReallocatedParameter(const StoreInst &SI, const AllocaInst &Slot) {
  if (!isa<Argument>(SI.getValueOperand()) || SI.getParent() != &F.getEntryBlock())
    return false;
  for (const User *U : Slot.users()) {
    const auto *Load = dyn_cast<LoadInst>(U);
    if (!Load)
      continue;
    for (const User *LU : Load->users()) {
      const auto *Call = dyn_cast<CallBase>(LU);
      if (const auto *Cast = dyn_cast<CastInst>(LU))
        if (Cast->hasOneUse())
          Call = dyn_cast<CallBase>(*Cast->user_begin());
      const Api *A = Call ? matchApi(*Call, SizeBits) : nullptr;
      if (A && (A->Kind == ALLOCSITE_KIND_REALLOC || A->Kind == ALLOCSITE_KIND_REALLOCARRAY))
        return true;
    }
  }
  return false;
}

bool FunctionScan::isFreshCall(const CallBase &Call) {
  if (const Api *A = matchApi(Call, SizeBits)) {
    if (A->allocates())
      RawCalls.insert(&Call);
    return A->allocates();
  }
  const Function *Callee = calleeOf(Call);
  if (!Callee && Candidates)
    return !Call.isInlineAsm() && Call.getType()->isPointerTy();
  if (!Callee || Callee->isIntrinsic() || isAllocSiteSymbol(Callee->getName()) ||
      !Call.getType()->isPointerTy())
    return false;
  if (Wrappers.count(Callee) || Callee->hasFnAttribute(Attribute::AllocSize) ||
      Callee->returnDoesNotAlias())
    return true;
  if (!Callee->isDeclaration() || Callee->hasFnAttribute(Attribute::ReadNone) ||
      Callee->hasFnAttribute(Attribute::ReadOnly))
    return false;
  // A C library function returns fresh memory only when it opens something new (libc allocates
  // it, uninstrumented: a dynamic site charged to the context); strchr, getenv and the like
  // return pointers into what exists.
  LibFunc Known;
  if (TLI.getLibFunc(*Callee, Known))
    return Known == LibFunc_fopen || Known == LibFunc_fdopen || Known == LibFunc_popen ||
           Known == LibFunc_tmpfile || Known == LibFunc_opendir || Known == LibFunc_realpath;
  // Defined in another translation unit: a wrapper there or not, what it returns is charged by
  // its own sites; treating it as fresh makes a wrapper of a wrapper across files a wrapper.
  return true;
}

Origin FunctionScan::origin(const Value *V) {
  V = V->stripPointerCasts();
  if (isa<ConstantPointerNull>(V) || isa<UndefValue>(V))
    return Origin::Null;
  auto It = Origins.find(V);
  if (It != Origins.end())
    return It->second;
  Origins[V] = Origin::Null; // a cycle through phis or a slot adds nothing
  Origin O = Origin::None;
  if (const auto *Call = dyn_cast<CallBase>(V)) {
    if (isFreshCall(*Call)) {
      O = Origin::Fresh;
      FreshCalls.push_back(Call);
    }
  } else if (const auto *GEP = dyn_cast<GetElementPtrInst>(V)) {
    O = origin(GEP->getPointerOperand()); // a header in front of the block
  } else if (const auto *Phi = dyn_cast<PHINode>(V)) {
    O = Origin::Null;
    for (const Value *In : Phi->incoming_values())
      O = join(O, origin(In));
  } else if (const auto *Sel = dyn_cast<SelectInst>(V)) {
    O = join(origin(Sel->getTrueValue()), origin(Sel->getFalseValue()));
  } else if (const auto *Load = dyn_cast<LoadInst>(V)) {
    const auto *Slot = dyn_cast<AllocaInst>(Load->getPointerOperand()->stripPointerCasts());
    if (Slot && isLocalSlot(Slot)) {
      O = Origin::Null;
      for (const User *U : Slot->users())
        if (const auto *SI = dyn_cast<StoreInst>(U))
          if (!isReallocatedParameter(*SI, *Slot))
            O = join(O, origin(SI->getValueOperand()));
    }
  }
  Origins[V] = O;
  return O;
}

// Does the fresh pointer go only where a wrapper may put it?
bool FunctionScan::staysLocal(const Value *Fresh, bool &Compared, bool &Written) {
  SmallVector<const Value *, 16> Work{Fresh};
  SmallPtrSet<const Value *, 16> Seen{Fresh};
  auto Follow = [&](const Value *V) {
    if (Seen.insert(V).second)
      Work.push_back(V);
  };
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const User *Usr = U.getUser();
      if (isa<CmpInst>(Usr))
        Compared = true;
      if (isa<ReturnInst>(Usr) || isa<LoadInst>(Usr) || isa<CmpInst>(Usr))
        continue;
      if (const auto *SI = dyn_cast<StoreInst>(Usr)) {
        if (U.getOperandNo() == SI->getPointerOperandIndex()) {
          Written = true; // writing into the block
          continue;
        }
        const auto *Slot = dyn_cast<AllocaInst>(SI->getPointerOperand()->stripPointerCasts());
        if (!Slot || !isLocalSlot(Slot))
          return false; // stored elsewhere: a pool, a cache, a list
        for (const User *SU : Slot->users())
          if (isa<LoadInst>(SU))
            Follow(SU);
        continue;
      }
      if (isa<GetElementPtrInst>(Usr) || isa<BitCastInst>(Usr) || isa<PHINode>(Usr) ||
          isa<SelectInst>(Usr) || isa<AddrSpaceCastInst>(Usr)) {
        Follow(Usr);
        continue;
      }
      if (const auto *CE = dyn_cast<ConstantExpr>(Usr)) {
        if (CE->isCast()) {
          Follow(CE);
          continue;
        }
        return false;
      }
      if (const auto *Call = dyn_cast<CallBase>(Usr)) {
        if (!Call->isArgOperand(&U))
          return false;
        if (isa<MemIntrinsic>(Call) && Call->getArgOperandNo(&U) == 0)
          Written = true;
        if (isa<DbgInfoIntrinsic>(Call) || isa<MemIntrinsic>(Call) ||
            (isa<IntrinsicInst>(Call) && cast<IntrinsicInst>(Call)->isLifetimeStartOrEnd()))
          continue;
        if (Call->doesNotCapture(Call->getArgOperandNo(&U)))
          continue;
        const Api *A = matchApi(*Call, SizeBits);
        if (A && !A->allocates())
          continue; // freed on an error path
        if (A && U.getOperandNo() == 0 &&
            (A->Kind == ALLOCSITE_KIND_REALLOC || A->Kind == ALLOCSITE_KIND_REALLOCARRAY))
          continue; // grown: the result is fresh memory itself
        return false;
      }
      return false;
    }
  }
  return true;
}

// Is every pointer the function returns fresh memory or null, and some of it fresh?
bool FunctionScan::returnsFresh() {
  if (!F.getReturnType()->isPointerTy())
    return false;
  Origin O = Origin::Null;
  for (const BasicBlock &BB : F)
    if (const auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator()))
      O = join(O, Ret->getReturnValue() ? origin(Ret->getReturnValue()) : Origin::None);
  return O == Origin::Fresh;
}

bool FunctionScan::isAllocationWrapper() {
  if (!returnsFresh())
    return false;
  for (const CallBase *Call : FreshCalls) {
    bool Compared = false, Written = false;
    if (!staysLocal(Call, Compared, Written))
      return false;
    // `return malloc(n)` alone is a helper whose line is the one to show: a wrapper of malloc
    // handles the failure (xmalloc's exit, jq's memory_exhausted); a wrapper of a wrapper handles
    // it or fills the block (xstrdup).
    if (!Compared && (RawCalls.count(Call) || !Written))
      return false;
  }
  return true;
}

} // namespace

unsigned inferWrappers(const Module &M, SmallPtrSetImpl<const Function *> &Wrappers,
                       function_ref<bool(const Function &)> Excluded) {
  unsigned SizeBits = M.getDataLayout().getPointerSizeInBits(0);
  TargetLibraryInfoImpl TLII(compat::targetTriple(M));
  TargetLibraryInfo TLI(TLII);
  unsigned Added = 0;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Function &F : M) {
      if (F.isDeclaration() || Wrappers.count(&F) || F.getName() == "main" ||
          isAllocSiteSymbol(F.getName()) || Excluded(F))
        continue;
      FunctionScan Scan(F, Wrappers, SizeBits, TLI);
      if (Scan.isAllocationWrapper()) {
        LLVM_DEBUG(dbgs() << "allocsite: " << F.getName() << " is an allocation wrapper\n");
        ++NumInferredWrappers;
        Wrappers.insert(&F);
        Changed = true;
        ++Added;
      }
    }
  }
  return Added;
}

unsigned findWrapperCandidates(const Module &M, const SmallPtrSetImpl<const Function *> &Wrappers,
                               SmallPtrSetImpl<const Function *> &Candidates) {
  unsigned SizeBits = M.getDataLayout().getPointerSizeInBits(0);
  TargetLibraryInfoImpl TLII(compat::targetTriple(M));
  TargetLibraryInfo TLI(TLII);
  // What a candidate returns is fresh to its callers, as a wrapper's is: Lua's luaM_malloc_
  // returns what tryagain returns, which is what the allocator callback returned.
  SmallPtrSet<const Function *, 16> Fresh(Wrappers.begin(), Wrappers.end());
  Fresh.insert(Candidates.begin(), Candidates.end());
  unsigned Added = 0;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Function &F : M) {
      if (F.isDeclaration() || Fresh.count(&F) || F.getName() == "main" ||
          isAllocSiteSymbol(F.getName()))
        continue;
      FunctionScan Scan(F, Fresh, SizeBits, TLI, /*Candidates=*/true);
      if (Scan.returnsFresh()) {
        LLVM_DEBUG(dbgs() << "allocsite: " << F.getName() << " is a wrapper candidate\n");
        ++NumWrapperCandidates;
        Fresh.insert(&F);
        Candidates.insert(&F);
        Changed = true;
        ++Added;
      }
    }
  }
  return Added;
}

} // namespace allocsite
