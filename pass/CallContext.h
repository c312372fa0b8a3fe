//===- CallContext.h - sets the attribution context around library calls -===//
//
// SPEC §3: memory that library code allocates is charged to the user-code call that led into the
// library. Around each such call the pass stores the call's descriptor (kind ALLOCSITE_KIND_CALL)
// in the runtime's thread-local __allocsite_context and puts back the value it replaced:
//
//           %allocsite.saved = load ptr, ptr @__allocsite_context
//           store ptr @allocsite.site, ptr @__allocsite_context
//           call void @library()
//           store ptr %allocsite.saved, ptr @__allocsite_context
//
// so that paths without such a call (a fast path, an early return) pay nothing. A function with a
// landing pad or a setjmp instead reads the value once on entry: it also puts it back on every
// landing pad (an inner frame may have thrown past its own stores) and after setjmp. So does a
// function with such a call on a cycle of the CFG (an interpreter's dispatch loop), and since
// nothing reads the context between two wrapped calls (only allocations inside a wrapped call,
// and what the function itself charges to it), that call is not followed by a store: the
// value is put back before every return instead, once per call of the function rather than once
// per iteration. A function that reads the context itself - library sites (a wrapper, a system
// header's code) or a call charged to it (a system header's code calling into libstdc++) - always
// puts it back right after each call: what it allocates after the call must charge its caller's
// call, not the call that just returned.
//
// A function that only the module's own instrumented code can call (internal, every use a direct
// call from an instrumented function) and that reads no context itself (no library sites, no call
// charged to the context) need not put the value back: nothing reads it before a caller that
// needs it back does so. Such a function "leaves the context" - it stores before its wrapped calls
// and puts nothing back - when that costs no more than it saves: every path through it makes a
// wrapped call or a call to a function that leaves the context, or such a call is on a cycle, or
// all its callers leave the context too. A caller that keeps the invariant puts the value back
// around its calls to those as around its wrapped calls. (Not under full LTO, where
// LinkTimeContext.cpp takes off stores by the invariant.)

// Compiled for full LTO, the pass cannot see yet which external callees are the program's own. It
// tags what it emits (ContextMetadata, WrappedMetadata) and marks each function it instrumented
// (InstrumentedAttr), so that LinkTimeContext.cpp, run by the linker on the whole program, can take
// the context off calls into the program's own instrumented code.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_CALLCONTEXT_H
#define ALLOCSITE_PASS_CALLCONTEXT_H

#include "Attribution.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Module.h"

namespace llvm {
class CallBase;
class InlineAsm;
class Instruction;
class LoadInst;
class Metadata;
class StoreInst;
} // namespace llvm

namespace allocsite {

class SiteDescriptors;

// In a module compiled for full LTO (clang's "ThinLTO" module flag, 0), what the pass leaves for
// LinkTimeContextPass. On each function it instrumented:
extern const char InstrumentedAttr[];
// On a wrapped call: !{i32 index, i1 restored-at-returns}, the index unique within the function.
extern const char WrappedMetadata[];
// On what the pass emitted for the wrapped call with that index: !{i32 index}; on the stores
// before returns that put back the value read on entry: !{!ReturnTag}; on that read:
// !{!EntryTag}. The stores on landing pads and after setjmp carry none: they are never taken off.
extern const char ContextMetadata[];
extern const char EntryTag[];
extern const char ReturnTag[];

class CallContext {
public:
  CallContext(llvm::Module &M, Attribution &Attr, SiteDescriptors &Descriptors);

  // First, over the functions the pass instruments: which calls each wraps, and which functions
  // leave the context. WithLibrarySites: the functions with allocation sites charged to the
  // context (ALLOCSITE_SITE_LIBRARY).
  void plan(llvm::ArrayRef<llvm::Function *> Instrumented,
            const llvm::SmallPtrSetImpl<const llvm::Function *> &WithLibrarySites);
  // Then, for each of them: instruments the calls from user code into library code in F, and
  // marks F for the linker's pass (InstrumentedAttr); true if F changed.
  bool instrument(llvm::Function &F);

private:
  struct FunctionPlan {
    llvm::SmallVector<std::pair<llvm::CallBase *, Charge>, 8> Wrapped;
    llvm::SmallVector<llvm::CallBase *, 2> ReturnsTwice;
    bool ReadsContext = false; // library sites, or a call charged to the context
    bool LeavesContext = false;
  };
  bool mayLeaveContext(const llvm::Function &F, const FunctionPlan &P) const;
  bool leavesContext(const llvm::Value *Callee) const; // a function that leaves the context

  bool entersLibrary(const llvm::CallBase &Call);
  llvm::Constant *slot();
  llvm::InlineAsm *loopStore();
  llvm::StoreInst *restoreBefore(llvm::Instruction *Before, llvm::LoadInst *Saved,
                                 const llvm::Instruction &At);
  void tag(llvm::Instruction *I, const char *Kind, llvm::ArrayRef<llvm::Metadata *> Operands);
  llvm::Metadata *index(unsigned K);

  llvm::Module &M;
  Attribution &Attr;
  SiteDescriptors &Descriptors;
  llvm::PointerType *PtrTy;
  llvm::Constant *Slot = nullptr; // @__allocsite_context, declared on first use
  bool AsmStoresSupported;        // x86-64 (not x32): loopStore's asm is for that target
  bool TagForLinker;              // M is compiled for full LTO
  llvm::DenseMap<const llvm::Function *, FunctionPlan> Plans;
};

} // namespace allocsite

#endif // ALLOCSITE_PASS_CALLCONTEXT_H
