//===- CallContext.cpp - sets the attribution context around library calls ===//
//
// A call is wrapped when it enters library code (Attribution::callsLibrary) and some frame of its
// inline chain is user code: its descriptor's charged_frame names that frame. That includes a
// call made by library code inlined into the user's (an inlined push_back calling the out-of-line
// _M_realloc_insert). Cost: a load and two stores per call, or in functions with loops, landing
// pads or setjmp one load on entry, a store per call and one more per call or per return (see
// CallContext.h).
// Run through the pass: opt -load-pass-plugin=libAllocSite.so -passes=allocsite -S in.ll
//
//===----------------------------------------------------------------------===//
#include "CallContext.h"

#include "Apis.h"
#include "Attribution.h"
#include "Compat.h"
#include "SiteDescriptors.h"
#include "allocsite/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/CommandLine.h"

#include <optional>

using namespace llvm;

#define DEBUG_TYPE "allocsite"

STATISTIC(NumContextCalls, "Calls into library code that set the attribution context");
STATISTIC(NumAsmStores, "Context stores emitted as inline asm (CallContext::loopStore)");

static cl::opt<unsigned> AsmStoreThreshold(
    "allocsite-asm-store-threshold", cl::init(allocsite::compat::DefaultAsmStoreThreshold),
    cl::desc("On x86-64, emit a function's context stores on CFG cycles as inline asm when it has "
             "at least this many (compile time of interpreters' dispatch loops)"));

static cl::opt<bool> LeaveContext(
    "allocsite-leave-context", cl::init(true),
    cl::desc("Let functions only the module's own code calls leave the attribution context "
             "changed, their callers that can be entered from elsewhere putting it back "
             "(CallContext.h); off: every function puts it back"));

namespace allocsite {

namespace {

namespace compat = allocsite::compat;

constexpr char ContextSymbol[] = ALLOCSITE_CONTEXT_SYMBOL;

} // namespace

const char InstrumentedAttr[] = "allocsite-instrumented";
const char WrappedMetadata[] = "allocsite.wrapped";
const char ContextMetadata[] = "allocsite.context";
const char EntryTag[] = "entry";
const char ReturnTag[] = "return";

namespace {

// Compiled for full LTO's link step: clang's "ThinLTO" module flag, 0.
bool preparesForFullLTO(const Module &M) {
  auto *Flag = mdconst::extract_or_null<ConstantInt>(M.getModuleFlag("ThinLTO"));
  return Flag && Flag->isZero();
}

} // namespace

CallContext::CallContext(Module &M, Attribution &Attr, SiteDescriptors &Descriptors)
    : M(M), Attr(Attr), Descriptors(Descriptors), PtrTy(compat::voidPtrTy(M.getContext())) {
  Triple T = compat::targetTriple(M);
  AsmStoresSupported = T.getArch() == Triple::x86_64 && T.getEnvironment() != Triple::GNUX32;
  TagForLinker = preparesForFullLTO(M);
}

void CallContext::tag(Instruction *I, const char *Kind, ArrayRef<Metadata *> Operands) {
  if (TagForLinker)
    I->setMetadata(Kind, MDNode::get(M.getContext(), Operands));
}

Metadata *CallContext::index(unsigned K) {
  return ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(M.getContext()), K));
}

Constant *CallContext::slot() {
  if (!Slot) {
    GlobalVariable *GV = M.getNamedGlobal(ContextSymbol);
    if (!GV)
      GV = new GlobalVariable(M, PtrTy, /*isConstant=*/false, GlobalValue::ExternalLinkage,
                              /*Initializer=*/nullptr, ContextSymbol, /*InsertBefore=*/nullptr,
                              GlobalValue::InitialExecTLSModel);
    // Typed pointers: a C declaration from abi.h has type %struct.allocsite_site**.
    Slot = ConstantExpr::getPointerCast(GV, compat::pointerTo(PtrTy));
  }
  return Slot;
}

bool CallContext::entersLibrary(const CallBase &Call) {
  if (!isa<CallInst>(Call) && !isa<InvokeInst>(Call))
    return false; // callbr: asm goto
  if (Call.isInlineAsm() || Call.isMustTailCall() || Call.hasFnAttr(Attribute::ReturnsTwice))
    return false; // musttail: nothing may follow it; setjmp: restored after instead
  // A call that only reads memory allocates nothing (malloc writes the heap).
  if (Call.onlyReadsMemory())
    return false;
  if (const auto *Callee =
          dyn_cast<Function>(Call.getCalledOperand()->stripPointerCastsAndAliases()))
    if (Callee->isIntrinsic() || isAllocSiteSymbol(Callee->getName()))
      return false;
  return Attr.callsLibrary(Call);
}

// The store of a descriptor into the context inside a loop, on x86-64: the same instructions the
// register allocator ends up with for a plain store (the TLS offset from the GOT, the descriptor's
// address, the store), as one piece it cannot take apart. From a plain store, MachineLICM hoists
// the TLS offset and the descriptor addresses out of the loop, and the register allocator then
// splits those live ranges around every call in it: Lua's lvm.c compiled 21 % slower, all of it
// in machine LICM and global live-range splitting.
InlineAsm *CallContext::loopStore() {
  FunctionType *FT = FunctionType::get(Type::getVoidTy(M.getContext()), {PtrTy}, false);
  return InlineAsm::get(FT,
                        "leaq ${0:c}(%rip), %r10\n\t"
                        "movq " ALLOCSITE_CONTEXT_SYMBOL "@GOTTPOFF(%rip), %r11\n\t"
                        "movq %r10, %fs:(%r11)",
                        "i,~{r10},~{r11}", /*hasSideEffects=*/true);
}

StoreInst *CallContext::restoreBefore(Instruction *Before, LoadInst *Saved, const Instruction &At) {
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(At.getDebugLoc());
  return B.CreateStore(Saved, slot());
}

bool CallContext::leavesContext(const Value *Callee) const {
  auto It = Plans.find(dyn_cast<Function>(Callee));
  return It != Plans.end() && It->second.LeavesContext;
}

// Only the module's own instrumented code calls F, and F reads no context (CallContext.h).
bool CallContext::mayLeaveContext(const Function &F, const FunctionPlan &P) const {
  if (!LeaveContext || TagForLinker || !F.hasLocalLinkage() || P.ReadsContext)
    return false;
  for (const Use &U : F.uses()) {
    const auto *Call = dyn_cast<CallBase>(U.getUser());
    // Taken as a value (a callback, a table), or called from code left uninstrumented; musttail:
    // nothing may follow the call to put the value back.
    if (!Call || !Call->isCallee(&U) || Call->isMustTailCall() || !Plans.count(Call->getFunction()))
      return false;
  }
  return true;
}

void CallContext::plan(ArrayRef<Function *> Instrumented,
                       const SmallPtrSetImpl<const Function *> &WithLibrarySites) {
  for (Function *F : Instrumented) {
    FunctionPlan &P = Plans[F];
    P.ReadsContext = WithLibrarySites.count(F) != 0;
    for (Instruction &I : instructions(*F)) {
      auto *Call = dyn_cast<CallBase>(&I);
      if (!Call)
        continue;
      if (Call->hasFnAttr(Attribute::ReturnsTwice) && !Call->isInlineAsm()) {
        P.ReturnsTwice.push_back(Call);
      } else if (entersLibrary(*Call)) {
        Charge C = Attr.charge(*Call);
        if (!C.Library) // some frame is user code
          P.Wrapped.push_back({Call, C});
        else // library code's own call: what it allocates is charged to the context
          P.ReadsContext = true;
      }
    }
  }
  // Whether F's leaving the context costs no more than it saves. A caller that keeps the
  // invariant puts the value back around each call to F (a load and a store); F itself no longer
  // does, around each wrapped call it makes - which is at least as much when every path through F
  // makes one, or when such a call is on a cycle (F then reads the value on entry and puts it
  // back at its returns, whatever path it takes) - and nothing is put back for F when all its
  // callers leave the context too. (SQLite's vdbeSorterCompareInt, entered through a pointer,
  // paid a load and a store around every call of a comparison whose one wrapped call is on a path
  // it seldom takes.)
  auto Pays = [&](Function &F, const FunctionPlan &P) {
    SmallPtrSet<const BasicBlock *, 16> Calling;
    for (auto &[Call, C] : P.Wrapped)
      Calling.insert(Call->getParent());
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (leavesContext(Call->getCalledOperand()))
          Calling.insert(Call->getParent());
    if (Calling.empty())
      return false;
    if (!F.use_empty() && llvm::all_of(F.users(), [&](const User *U) {
          return leavesContext(cast<CallBase>(U)->getFunction());
        }))
      return true;
    for (scc_iterator<Function *> SCC = scc_begin(&F); !SCC.isAtEnd(); ++SCC)
      if (SCC.hasCycle() && llvm::any_of(*SCC, [&](BasicBlock *BB) { return Calling.count(BB); }))
        return true;
    // Every path from the entry to a return goes through a block with such a call.
    SmallVector<const BasicBlock *, 16> Stack{&F.getEntryBlock()};
    SmallPtrSet<const BasicBlock *, 32> Seen{&F.getEntryBlock()};
    while (!Stack.empty()) {
      const BasicBlock *BB = Stack.pop_back_val();
      if (Calling.count(BB))
        continue;
      if (isa<ReturnInst>(BB->getTerminator()))
        return false;
      for (const BasicBlock *Succ : successors(BB))
        if (Seen.insert(Succ).second)
          Stack.push_back(Succ);
    }
    return true;
  };
  // To a fixpoint: a function that starts leaving the context may make its callers (a call of it
  // on every path) and its callees (all callers leaving) leave it too.
  SetVector<Function *> Worklist(Instrumented.begin(), Instrumented.end());
  while (!Worklist.empty()) {
    Function *F = Worklist.pop_back_val();
    FunctionPlan &P = Plans.find(F)->second;
    if (P.LeavesContext || !mayLeaveContext(*F, P) || !Pays(*F, P))
      continue;
    P.LeavesContext = true;
    for (User *U : F->users())
      Worklist.insert(cast<CallBase>(U)->getFunction());
    for (Instruction &I : instructions(*F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (auto *Callee = dyn_cast<Function>(Call->getCalledOperand()))
          if (Plans.count(Callee))
            Worklist.insert(Callee);
  }
}

bool CallContext::instrument(Function &F) {
  // For the linker's pass: calls into F need no context.
  if (TagForLinker)
    F.addFnAttr(InstrumentedAttr);
  FunctionPlan &P = Plans.find(&F)->second;
  auto &Wrapped = P.Wrapped;
  auto &ReturnsTwice = P.ReturnsTwice;
  // Calls that may return with the context changed without setting it: F puts it back after them
  // as after its wrapped calls, unless F may leave it changed too.
  SmallVector<CallBase *, 4> Leaving;
  if (!P.LeavesContext)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (leavesContext(Call->getCalledOperand()))
          Leaving.push_back(Call);
  // setjmp alone is enough: a longjmp back here may come from deep inside a wrapped call.
  if (Wrapped.empty() && ReturnsTwice.empty() && Leaving.empty())
    return TagForLinker;

  // Blocks on a cycle: a call there may run many times per call of F (see CallContext.h).
  SmallPtrSet<const BasicBlock *, 16> InCycle;
  for (scc_iterator<Function *> SCC = scc_begin(&F); !SCC.isAtEnd(); ++SCC)
    if (SCC.hasCycle())
      InCycle.insert(SCC->begin(), SCC->end());
  bool CallOnCycle = false, HasEHPads = false;
  unsigned CallsOnCycles = 0;
  for (auto &[Call, C] : Wrapped)
    CallsOnCycles += InCycle.count(Call->getParent()) != 0;
  CallOnCycle = CallsOnCycles != 0;
  for (CallBase *Call : Leaving)
    CallOnCycle |= InCycle.count(Call->getParent()) != 0;
  for (BasicBlock &BB : F)
    HasEHPads |= BB.isEHPad();

  NumContextCalls += Wrapped.size();
  // Only where hoisting would be expensive: a dispatch loop with many wrapped calls (Lua's
  // luaV_execute 139, jq's jq_next 249). With fewer, the hoisted form can be the cheaper code at
  // run time, depending on the LLVM (compat::DefaultAsmStoreThreshold).
  bool AsmStores = AsmStoresSupported && CallsOnCycles >= AsmStoreThreshold;
  // K: the call's index among F's wrapped calls, for the linker's pass (ContextMetadata).
  auto StoreSite = [&](CallBase &Call, Charge C, unsigned K) {
    SiteFields Fields{ALLOCSITE_KIND_CALL};
    Fields.ChargedFrame = C.Frame;
    Constant *Site = Descriptors.create(Call, Fields);
    IRBuilder<> Before(&Call);
    Before.SetCurrentDebugLocation(Call.getDebugLoc());
    Instruction *Store;
    if (AsmStores && InCycle.count(Call.getParent())) {
      Store = Before.CreateCall(loopStore(), {Site});
      ++NumAsmStores;
    } else
      Store = Before.CreateStore(Site, slot());
    tag(Store, ContextMetadata, {index(K)});
  };
  auto TagWrapped = [&](CallBase &Call, unsigned K, bool RestoredAtReturns) {
    tag(&Call, WrappedMetadata,
        {index(K),
         ConstantAsMetadata::get(ConstantInt::getBool(M.getContext(), RestoredAtReturns))});
  };

  // F may leave the context changed: a store before each wrapped call, and nothing after.
  if (P.LeavesContext && !HasEHPads && ReturnsTwice.empty()) {
    for (unsigned K = 0; K < Wrapped.size(); ++K)
      StoreSite(*Wrapped[K].first, Wrapped[K].second, K);
    return true;
  }

  // No loop, no landing pad, no setjmp: each call saves the value just before it and puts it back
  // right after, so that paths without a wrapped call (an early return, a fast path) touch nothing.
  if (!CallOnCycle && !HasEHPads && ReturnsTwice.empty()) {
    // The value read just before Call, and its store right after.
    auto SaveAround = [&](CallBase &Call) {
      IRBuilder<> Before(&Call);
      Before.SetCurrentDebugLocation(Call.getDebugLoc());
      LoadInst *Saved = Before.CreateLoad(PtrTy, slot(), "allocsite.saved");
      return std::make_pair(Saved, restoreBefore(Call.getNextNode(), Saved, Call));
    };
    for (unsigned K = 0; K < Wrapped.size(); ++K) {
      auto &[Call, C] = Wrapped[K];
      auto [Saved, Restore] = SaveAround(*Call);
      StoreSite(*Call, C, K); // between the read and the call
      tag(Saved, ContextMetadata, {index(K)});
      tag(Restore, ContextMetadata, {index(K)});
      TagWrapped(*Call, K, false);
    }
    for (CallBase *Call : Leaving)
      SaveAround(*Call);
    return true;
  }

  // Otherwise the value on entry, read once, after the static allocas.
  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator At = Entry.getFirstInsertionPt();
  while (isa<AllocaInst>(*At))
    ++At;
  IRBuilder<> B(&Entry, At);
  LoadInst *Saved = B.CreateLoad(PtrTy, slot(), "allocsite.saved");
  tag(Saved, ContextMetadata, {MDString::get(M.getContext(), EntryTag)});

  // One store per invoke's normal destination (a landing pad never is one).
  DenseMap<BasicBlock *, StoreInst *> NormalDestRestores;
  // K: the wrapped call's index, or none (setjmp): its store stays whatever the linker does.
  auto RestoreAfter = [&](CallBase &Call, std::optional<unsigned> K) {
    if (auto *Invoke = dyn_cast<InvokeInst>(&Call)) {
      // Restoring is idempotent, so a normal destination shared with other paths is fine; the
      // linker's pass may take off a store that serves one call only.
      auto [It, First] = NormalDestRestores.try_emplace(Invoke->getNormalDest(), nullptr);
      if (!First) {
        It->second->setMetadata(ContextMetadata, nullptr);
        return;
      }
      It->second = restoreBefore(&*It->first->getFirstInsertionPt(), Saved, Call);
      if (K)
        tag(It->second, ContextMetadata, {index(*K)});
    } else {
      StoreInst *Restore = restoreBefore(Call.getNextNode(), Saved, Call);
      if (K)
        tag(Restore, ContextMetadata, {index(*K)});
    }
  };

  // A call on a cycle puts the value back at F's returns, once per call of F rather than once per
  // iteration - unless F reads the context itself, and must see the value right after every call.
  bool RestoreAtReturns = false;
  for (unsigned K = 0; K < Wrapped.size(); ++K) {
    auto &[Call, C] = Wrapped[K];
    StoreSite(*Call, C, K);
    if (P.LeavesContext)
      continue; // only the landing pads and setjmp restore (never under LTO: no tags)
    bool AtReturns = !P.ReadsContext && InCycle.count(Call->getParent());
    if (AtReturns)
      RestoreAtReturns = true;
    else
      RestoreAfter(*Call, K);
    TagWrapped(*Call, K, AtReturns);
  }
  for (CallBase *Call : Leaving) {
    if (!P.ReadsContext && InCycle.count(Call->getParent()))
      RestoreAtReturns = true;
    else
      RestoreAfter(*Call, std::nullopt);
  }
  if (RestoreAtReturns)
    for (BasicBlock &BB : F)
      if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator()))
        tag(restoreBefore(Ret, Saved, *Ret), ContextMetadata,
            {MDString::get(M.getContext(), ReturnTag)});
  for (CallBase *Call : ReturnsTwice)
    RestoreAfter(*Call, std::nullopt);
  // An exception thrown through any call may have left an inner context behind.
  for (BasicBlock &BB : F)
    if (BB.isLandingPad())
      restoreBefore(&*BB.getFirstInsertionPt(), Saved, *BB.getLandingPadInst());
  return true;
}

} // namespace allocsite
