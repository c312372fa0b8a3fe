//===- LinkTimeContext.cpp - the context off calls into the program's own code ===//
//
// Reads the tags CallContext.cpp leaves in a module compiled for full LTO (ContextMetadata,
// WrappedMetadata) and erases what a call into the program's own code no longer needs: its
// store of the descriptor, and the read and the store that put the old value back after it. The
// stores before returns go when no call left in the function relies on them; the stores on
// landing pads and after setjmp always stay (an inner frame may have unwound past its own).
//
//===----------------------------------------------------------------------===//
#include "LinkTimeContext.h"

#include "Attribution.h"
#include "CallContext.h"
#include "SiteDescriptors.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "allocsite"

STATISTIC(NumUnwrapped, "Calls into the program's own code that no longer set the context (LTO)");

namespace allocsite {

namespace {

// A tag's integer operand (the wrapped call's index, or its restored-at-returns bit).
bool operandInt(const MDNode *Tag, unsigned I, uint64_t &Value) {
  if (!Tag || Tag->getNumOperands() <= I)
    return false;
  auto *C = mdconst::dyn_extract_or_null<ConstantInt>(Tag->getOperand(I));
  if (!C)
    return false;
  Value = C->getZExtValue();
  return true;
}

bool isStringTag(const MDNode *Tag, StringRef What) {
  if (!Tag || Tag->getNumOperands() != 1)
    return false;
  auto *S = dyn_cast<MDString>(Tag->getOperand(0));
  return S && S->getString() == What;
}

class Unwrapper {
public:
  explicit Unwrapper(Module &M) : Attr(M) {}
  bool run(Function &F);

private:
  bool isOwnCode(const CallBase &Call);

  Attribution Attr;
};

// The program's own code: defined here (the linker merged it in), instrumented by the pass (so its
// allocations name their own sites and its library calls set the context themselves), not
// replaceable at run time by another definition, and user code rather than library code.
bool Unwrapper::isOwnCode(const CallBase &Call) {
  const auto *Callee = dyn_cast<Function>(Call.getCalledOperand()->stripPointerCastsAndAliases());
  return Callee && !Callee->isDeclaration() && Callee->hasFnAttribute(InstrumentedAttr) &&
         !Callee->isInterposable() && !Attr.callsLibrary(Call);
}

bool Unwrapper::run(Function &F) {
  SmallDenseSet<uint64_t, 16> Unwrapped;
  bool ReturnsNeeded = false; // a call left that relies on the stores before returns
  for (Instruction &I : instructions(F)) {
    auto *Call = dyn_cast<CallBase>(&I);
    const MDNode *Tag = Call ? Call->getMetadata(WrappedMetadata) : nullptr;
    uint64_t Index = 0, AtReturns = 0;
    if (!operandInt(Tag, 0, Index) || !operandInt(Tag, 1, AtReturns))
      continue;
    if (isOwnCode(*Call)) {
      Unwrapped.insert(Index);
      Call->setMetadata(WrappedMetadata, nullptr);
    } else {
      ReturnsNeeded |= AtReturns != 0;
    }
  }
  if (Unwrapped.empty())
    return false;
  NumUnwrapped += Unwrapped.size();

  // Stores (and the asm stores) first, then the reads whose only users they were.
  SmallVector<Instruction *, 32> Erase;
  LoadInst *Entry = nullptr;
  for (Instruction &I : instructions(F)) {
    const MDNode *Tag = I.getMetadata(ContextMetadata);
    uint64_t Index;
    if (operandInt(Tag, 0, Index)) {
      if (Unwrapped.count(Index))
        Erase.push_back(&I);
    } else if (isStringTag(Tag, ReturnTag)) {
      if (!ReturnsNeeded)
        Erase.push_back(&I);
    } else if (isStringTag(Tag, EntryTag)) {
      Entry = dyn_cast<LoadInst>(&I);
    }
  }
  for (Instruction *I : Erase)
    if (!isa<LoadInst>(I))
      I->eraseFromParent();
  for (Instruction *I : Erase)
    if (isa<LoadInst>(I))
      I->eraseFromParent();
  if (Entry && Entry->use_empty())
    Entry->eraseFromParent();
  return true;
}

} // namespace

PreservedAnalyses LinkTimeContextPass::run(Module &M, ModuleAnalysisManager &) {
  if (!M.getNamedMetadata(InstrumentedMarker))
    return PreservedAnalyses::all();
  Unwrapper U(M);
  bool Changed = false;
  for (Function &F : M)
    if (!F.isDeclaration())
      Changed |= U.run(F);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace allocsite
