//===- CallContext.h - sets the attribution context around library calls -===//
//
// SPEC §3: memory that library code allocates is charged to the user-code call that led into the
// library. Around each such call the pass stores the call's descriptor (kind ALLOCSITE_KIND_CALL)
// in the runtime's thread-local __allocsite_context, and puts back the value the function found
// on entry before it returns, on every landing pad, and after setjmp:
//
//   entry:  %allocsite.saved = load ptr, ptr @__allocsite_context
//           store ptr @allocsite.site, ptr @__allocsite_context
//           call void @library()
//           ...
//           store ptr %allocsite.saved, ptr @__allocsite_context
//           ret
//
// Between two wrapped calls the context still names the earlier one, which nothing reads: only
// allocations inside a wrapped call, and the function's own library sites, charge the context.
// A function with library sites (a wrapper, code from a system header) therefore puts the value
// back right after each call instead, so that its sites charge its caller's call.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_CALLCONTEXT_H
#define ALLOCSITE_PASS_CALLCONTEXT_H

#include "llvm/IR/Module.h"

namespace llvm {
class CallBase;
class Instruction;
class LoadInst;
} // namespace llvm

namespace allocsite {

class Attribution;
class SiteDescriptors;

class CallContext {
public:
  CallContext(llvm::Module &M, Attribution &Attr, SiteDescriptors &Descriptors);

  // Instruments the calls from user code into library code in F; true if F changed.
  // HasLibrarySites: F has allocation sites charged to the context (ALLOCSITE_SITE_LIBRARY).
  bool instrument(llvm::Function &F, bool HasLibrarySites);

private:
  bool entersLibrary(const llvm::CallBase &Call);
  llvm::Constant *slot();
  void restoreBefore(llvm::Instruction *Before, llvm::LoadInst *Saved, const llvm::Instruction &At);

  llvm::Module &M;
  Attribution &Attr;
  SiteDescriptors &Descriptors;
  llvm::PointerType *PtrTy;
  llvm::Constant *Slot = nullptr; // @__allocsite_context, declared on first use
};

} // namespace allocsite

#endif // ALLOCSITE_PASS_CALLCONTEXT_H
