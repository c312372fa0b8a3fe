//===- LinkTimeContext.h - the context off calls into the program's own code ===//
//
// Compiled file by file, a call to a function of another file of the same program looks like a
// call into a library, so it sets the attribution context (CallContext.h): a thread-local load and
// two stores per call that nothing reads, since the callee's own allocations are named by their
// own sites. Under full LTO the linker's optimiser sees the whole program: this pass, run there
// first (before the link-time inliner), takes the context off every wrapped call whose callee is
// defined in the merged module, was instrumented (InstrumentedAttr), cannot be interposed, and is
// user code by Attribution's rules. Calls into libraries, wrappers, system-header code, indirect
// calls and code compiled without the pass keep it.
//
//   ld.lld --load-pass-plugin=libAllocSite.so ...   (allocsite-clang -flto adds it, LLVM >= 15)
//   opt -load-pass-plugin=libAllocSite.so -passes=allocsite-link -S merged.ll
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_LINKTIMECONTEXT_H
#define ALLOCSITE_PASS_LINKTIMECONTEXT_H

#include "llvm/IR/PassManager.h"

namespace allocsite {

struct LinkTimeContextPass : llvm::PassInfoMixin<LinkTimeContextPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace allocsite

#endif // ALLOCSITE_PASS_LINKTIMECONTEXT_H
