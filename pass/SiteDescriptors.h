//===- SiteDescriptors.h - emits AllocSite's per-call site descriptors ----===//
//
// The data half of the pass: one `struct allocsite_site` (include/allocsite/abi.h) per rewritten
// call, its inline chain and strings, and the module constructor/destructor that hand the section
// to the runtime. AllocSitePass.cpp decides which calls to rewrite; this file decides what the
// runtime will read about them.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_SITEDESCRIPTORS_H
#define ALLOCSITE_PASS_SITEDESCRIPTORS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Module.h"

#include <cstdint>
#include <functional>
#include <string>

namespace llvm {
class CallBase;
class DIFile;
class DILocation;
class DISubprogram;
class StructType;
} // namespace llvm

namespace allocsite {

// Name of the module constructor; its presence also marks a module as already instrumented.
extern const char ModuleCtorName[];
// Named metadata set on every instrumented module, so a second run is a no-op.
extern const char InstrumentedMarker[];

// The fields of a descriptor that say what the call is and whom its memory is charged to.
struct SiteFields {
  uint8_t Kind;             // enum allocsite_kind
  uint8_t Flags = 0;        // enum allocsite_site_flags
  uint8_t ChargedFrame = 0; // first user-code frame (abi.h)
};

class SiteDescriptors {
public:
  explicit SiteDescriptors(llvm::Module &M);

  // Emits the descriptor of one call and returns its address: the `struct allocsite_site *`
  // argument of an __allocsite_* entry point, or the value of the attribution context.
  llvm::Constant *create(const llvm::CallBase &Call, SiteFields Fields);

  // Flags to add to every descriptor create() makes, whoever asks for it (the rewrite of an
  // allocation, or CallContext for a call into library code), from the call and its fields:
  // ALLOCSITE_SITE_WRAPPER_CANDIDATE is a property of the frame a site is charged to, the same for
  // both.
  void setExtraFlags(std::function<uint8_t(const llvm::CallBase &, const SiteFields &)> Fn) {
    ExtraFlags = std::move(Fn);
  }

  // Keeps the descriptors alive, registers them at load time and marks the module instrumented.
  // Emits only the marker if create() was never called.
  void finish();

  // True when some call had no location at all, i.e. the module was compiled without -g.
  bool missingDebugInfo() const { return MissingDebugInfo; }

private:
  // What is known about one function name, looked up once per frame.
  struct Name {
    std::string Readable;            // LLVM's demangling, or the name itself
    bool Differs = false;            // Readable != the name
    llvm::Constant *Plain = nullptr; // string(), made on first need
    llvm::Constant *Both = nullptr;  // the name, NUL, Readable: made on first need
  };
  using NameEntry = llvm::StringMapEntry<Name>; // its key is the name

  struct Where {
    llvm::Constant *File;
    NameEntry *Function; // linkage name (or the best name there is)
    uint32_t Line = 0;
    uint32_t Column = 0;
  };

  Where describe(const llvm::DILocation *Loc, const llvm::Function &F);
  llvm::StringRef functionName(const llvm::DISubprogram *SP, const llvm::Function &F);
  NameEntry *name(llvm::StringRef Function);
  llvm::Constant *nameString(NameEntry &N, bool WithReadable);
  llvm::Constant *fileName(const llvm::DIFile *File);
  llvm::Constant *fileName(llvm::StringRef Directory, llvm::StringRef Filename);
  llvm::Constant *string(llvm::StringRef S);
  llvm::Constant *int8(uint8_t V);
  llvm::Constant *int32(uint32_t V);
  static llvm::Twine freshName(const char *Base, unsigned &Count, llvm::SmallString<32> &Buffer);
  llvm::Constant *inlineChain(llvm::ArrayRef<Where> Chain, bool WithReadable);
  llvm::Function *createRegistrationFunction(const char *Name, const char *RuntimeFn);

  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  llvm::PointerType *PtrTy;
  llvm::StructType *SiteTy;
  llvm::StructType *FrameTy;
  bool MissingDebugInfo = false;
  std::function<uint8_t(const llvm::CallBase &, const SiteFields &)> ExtraFlags;
  llvm::StringMap<llvm::Constant *> Strings;
  llvm::StringMap<Name> Names; // by linkage name
  // Per file rather than per path: joining directory and name for every site was most of the cost
  // of describing one.
  llvm::DenseMap<const llvm::DIFile *, llvm::Constant *> Files;
  // The integer fields of descriptors and frames, by value: lines and columns repeat.
  llvm::Constant *Int8s[256] = {};
  llvm::DenseMap<uint32_t, llvm::Constant *> Int32s;
  unsigned NumStrings = 0, NumFrameArrays = 0, NumSites = 0; // for freshName
  llvm::SmallVector<llvm::GlobalValue *, 16> Sites;
  // Subprogram -> the function it describes; built on first need (only without linkage names).
  llvm::DenseMap<const llvm::DISubprogram *, const llvm::Function *> DefinitionOf;
};

} // namespace allocsite

#endif // ALLOCSITE_PASS_SITEDESCRIPTORS_H
