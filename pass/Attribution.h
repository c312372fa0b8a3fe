//===- Attribution.h - user code, library code and allocation wrappers ----===//
//
// SPEC §3, the attribution rule: memory is charged to the innermost line of the user's own code.
// This file decides, for a call, which frame of its inline chain is that line, and whether a
// callee is library code (so that a call into it must set the thread's attribution context).
// It also holds the early pass that records allocation wrappers before the inliner makes them
// disappear.
//
//   opt -load-pass-plugin=libAllocSite.so -passes=allocsite-wrappers -S in.ll   (the early pass)
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_ATTRIBUTION_H
#define ALLOCSITE_PASS_ATTRIBUTION_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>

namespace llvm {
class CallBase;
class DISubprogram;
} // namespace llvm

namespace allocsite {

// Named metadata with one !{!"IR name", !"linkage name", !"DWARF name"} per allocation wrapper
// defined in the module, written by WrapperCollectorPass at the start of the pipeline.
extern const char WrappersMetadata[];
// The same for the wrapper candidates (findWrapperCandidates), written with it.
extern const char CandidatesMetadata[];

// Where the memory of a call is charged.
struct Charge {
  bool Library = false; // every frame of the call is library code
  uint8_t Frame = 0;    // the first user-code frame: 0 the call itself, k its inlined_at[k-1]
};

class Attribution {
public:
  explicit Attribution(llvm::Module &M);

  // The call's frames are its own location, then the locations it was inlined at, innermost
  // first; the charged frame is the first of them in user code. Without a location the function
  // the call is in is the only frame.
  Charge charge(const llvm::CallBase &Call);

  // Does the call enter library code: an external function, a definition from a system header,
  // an allocation wrapper, or an unknown (indirect) target?
  bool callsLibrary(const llvm::CallBase &Call);

  // Is the function of the call's frame `Frame` (0 the call's own, as in Charge) a wrapper
  // candidate, one that returns memory it allocates (ALLOCSITE_SITE_WRAPPER_CANDIDATE)?
  bool chargesCandidate(const llvm::CallBase &Call, uint8_t Frame) const;

private:
  bool isWrapper(const llvm::Function &F) const;
  bool isWrapper(const llvm::DISubprogram *SP) const;
  bool isLibrary(const llvm::DISubprogram *SP);

  bool Loaded; // the ignore list, before anything below reads it
  // What the early pass recorded, and the wrappers still defined here.
  llvm::StringSet<> LinkageNames;
  llvm::StringSet<> ShortNames;
  llvm::SmallPtrSet<const llvm::Function *, 8> Annotated;
  llvm::SmallPtrSet<const llvm::Function *, 8> Inferred; // only without the early pass
  llvm::SmallPtrSet<const llvm::DISubprogram *, 8> WrapperSubprograms;
  // Wrapper candidates, recorded and still defined, as the wrappers above.
  llvm::StringSet<> CandidateLinkageNames;
  llvm::StringSet<> CandidateShortNames;
  llvm::SmallPtrSet<const llvm::Function *, 8> Candidates; // only without the early pass
  llvm::SmallPtrSet<const llvm::DISubprogram *, 8> CandidateSubprograms;
  // A `noalias` return is only taken as __attribute__((malloc)) before optimisation, which infers
  // it for any function returning fresh memory: when the early pass ran, its record is used.
  bool TrustNoAlias;
  bool HasDebugInfo; // the module has a compile unit
  llvm::DenseMap<const llvm::DISubprogram *, bool> LibraryCache;
};

// The early pass (PipelineStart, before inlining): records the module's allocation wrappers in
// WrappersMetadata. Runs at every -O level; a second run is a no-op.
struct WrapperCollectorPass : llvm::PassInfoMixin<WrapperCollectorPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace allocsite

#endif // ALLOCSITE_PASS_ATTRIBUTION_H
