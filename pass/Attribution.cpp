//===- Attribution.cpp - user code, library code and allocation wrappers --===//
//
// A frame (the DISubprogram of a location's scope) is library code when its file starts with a
// system prefix (-allocsite-system-prefixes, default below), or starts with none of
// -allocsite-user-prefixes when that is given, or when its function is an allocation wrapper.
// An allocation wrapper is a function with `allocsize`, a `noalias` return
// (__attribute__((malloc))), __attribute__((annotate("allocsite_wrapper"))) (ALLOCSITE_WRAPPER in
// allocsite.h), or a name in -allocsite-wrappers. Everything else is the user's own code.
// A function that returns what it allocates but is no wrapper is a wrapper candidate (the report's
// hint, ALLOCSITE_SITE_WRAPPER_CANDIDATE), recorded by the early pass next to the wrappers.
//
//===----------------------------------------------------------------------===//
#include "Attribution.h"

#include "Compat.h"
#include "IgnoreList.h"
#include "WrapperInference.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Metadata.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;

namespace allocsite {

const char WrappersMetadata[] = "allocsite.wrappers";
const char CandidatesMetadata[] = "allocsite.wrapper_candidates";

namespace {

namespace compat = allocsite::compat;

constexpr char WrapperAnnotation[] = "allocsite_wrapper";

// Headers and libraries of the system: the C and C++ standard libraries and compiler headers.
constexpr const char *DefaultSystemPrefixes[] = {"/usr/include/", "/usr/lib/gcc/", "/usr/lib/llvm-",
                                                 "/usr/local/include/", "/usr/lib/clang/"};

// /usr/lib/<multiarch>/ (x86_64-linux-gnu, aarch64-linux-gnu, arm-linux-gnueabihf, ...): libraries
// of any target, not only the one this was written on.
bool isMultiarchLibPath(StringRef Path) {
  if (!compat::startsWith(Path, "/usr/lib/"))
    return false;
  StringRef Dir = Path.drop_front(strlen("/usr/lib/")).split('/').first;
  return Dir.contains("-linux-");
}

cl::list<std::string> SystemPrefixes(
    "allocsite-system-prefixes", cl::CommaSeparated,
    cl::desc("Path prefixes of library code, replacing the default list (/usr/include/, ...)"),
    cl::value_desc("prefix,prefix,..."));
cl::list<std::string> UserPrefixes(
    "allocsite-user-prefixes", cl::CommaSeparated,
    cl::desc("Path prefixes of the user's own code; any other file is then library code"),
    cl::value_desc("prefix,prefix,..."));
cl::list<std::string> WrapperNames(
    "allocsite-wrappers", cl::CommaSeparated,
    cl::desc("Allocation wrappers (IR, linkage or source names): their allocations are charged "
             "to their callers"),
    cl::value_desc("name,name,..."));

cl::list<std::string>
    NotWrapperNames("allocsite-not-wrappers", cl::CommaSeparated,
                    cl::desc("Functions never taken for allocation wrappers found from their code"),
                    cl::value_desc("name,name,..."));
cl::opt<bool> InferWrappers("allocsite-infer-wrappers", cl::init(true),
                            cl::desc("Find allocation wrappers from their code (issue #13)"));

bool startsWithAny(StringRef Path, ArrayRef<std::string> Prefixes) {
  for (const std::string &P : Prefixes)
    if (!P.empty() && compat::startsWith(Path, P))
      return true;
  return false;
}

bool isSystemPath(StringRef Path) {
  if (ignoreListHasSource(IgnoreSection::System, Path))
    return true;
  if (SystemPrefixes.getNumOccurrences())
    return startsWithAny(Path, SystemPrefixes);
  for (const char *P : DefaultSystemPrefixes)
    if (compat::startsWith(Path, P))
      return true;
  return isMultiarchLibPath(Path);
}

// -allocsite-user-prefixes or [user] given: is the file outside the user's own code?
bool isOutsideUserCode(StringRef Path) {
  bool Listed = !UserPrefixes.empty() || ignoreListHasUserSources();
  return Listed && !startsWithAny(Path, UserPrefixes) &&
         !ignoreListHasSource(IgnoreSection::User, Path);
}

bool isListedWrapper(StringRef Name) {
  return !Name.empty() &&
         (std::find(WrapperNames.begin(), WrapperNames.end(), Name) != WrapperNames.end() ||
          ignoreListHasFunction(IgnoreSection::Wrappers, Name));
}

bool isListedNotWrapper(const Function &F) {
  auto Listed = [](StringRef Name) {
    return !Name.empty() && (std::find(NotWrapperNames.begin(), NotWrapperNames.end(), Name) !=
                                 NotWrapperNames.end() ||
                             ignoreListHasFunction(IgnoreSection::NotWrappers, Name));
  };
  const DISubprogram *SP = F.getSubprogram();
  return Listed(F.getName()) || (SP && (Listed(SP->getName()) || Listed(SP->getLinkageName())));
}

// Functions carrying __attribute__((annotate("allocsite_wrapper"))), from llvm.global.annotations:
// { ptr function, ptr string, ptr file, i32 line[, ptr args] } per annotation.
SmallPtrSet<const Function *, 8> annotatedWrappers(const Module &M) {
  SmallPtrSet<const Function *, 8> Result;
  const GlobalVariable *GV = M.getNamedGlobal("llvm.global.annotations");
  if (!GV || !GV->hasInitializer())
    return Result;
  const auto *Array = dyn_cast<ConstantArray>(GV->getInitializer());
  if (!Array)
    return Result;
  for (const Use &U : Array->operands()) {
    const auto *Entry = dyn_cast<ConstantStruct>(U.get());
    if (!Entry || Entry->getNumOperands() < 2)
      continue;
    const auto *F = dyn_cast<Function>(Entry->getOperand(0)->stripPointerCasts());
    const auto *Str = dyn_cast<GlobalVariable>(Entry->getOperand(1)->stripPointerCasts());
    if (!F || !Str || !Str->hasInitializer())
      continue;
    const auto *Text = dyn_cast<ConstantDataSequential>(Str->getInitializer());
    if (Text && Text->isCString() && Text->getAsCString() == WrapperAnnotation)
      Result.insert(F);
  }
  return Result;
}

// The IR-level test, shared by both passes.
bool isWrapperFunction(const Function &F, bool TrustNoAlias,
                       const SmallPtrSetImpl<const Function *> &Annotated) {
  if (F.hasFnAttribute(Attribute::AllocSize) || (TrustNoAlias && F.returnDoesNotAlias()) ||
      Annotated.count(&F) || isListedWrapper(F.getName()))
    return true;
  const DISubprogram *SP = F.getSubprogram();
  return SP && (isListedWrapper(SP->getName()) || isListedWrapper(SP->getLinkageName()));
}

// A subprogram's file, absolute and without `.`/`..`, as the prefixes are written.
SmallString<256> pathOf(const DISubprogram *SP) {
  SmallString<256> Path;
  StringRef Filename = SP->getFilename();
  if (Filename.empty())
    return Path;
  if (!sys::path::is_absolute(Filename))
    Path = SP->getDirectory();
  sys::path::append(Path, Filename);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return Path;
}

// The module's allocation wrappers: declared ones (TrustNoAlias: a `noalias` return counts as
// __attribute__((malloc))), then those found from their code.
SmallPtrSet<const Function *, 8>
moduleWrappers(const Module &M, bool TrustNoAlias,
               const SmallPtrSetImpl<const Function *> &Annotated) {
  SmallPtrSet<const Function *, 8> Wrappers;
  for (const Function &F : M)
    if (!F.isDeclaration() && isWrapperFunction(F, TrustNoAlias, Annotated))
      Wrappers.insert(&F);
  if (InferWrappers)
    inferWrappers(M, Wrappers, isListedNotWrapper);
  return Wrappers;
}

SmallPtrSet<const Function *, 8>
moduleCandidates(const Module &M, const SmallPtrSetImpl<const Function *> &Wrappers) {
  SmallPtrSet<const Function *, 8> Candidates;
  findWrapperCandidates(M, Wrappers, Candidates);
  return Candidates;
}

// Reads one !{!"IR name", !"linkage name", !"DWARF name"} list of the early pass.
void readRecorded(const NamedMDNode *Recorded, StringSet<> &LinkageNames, StringSet<> &ShortNames) {
  if (!Recorded)
    return;
  for (const MDNode *Entry : Recorded->operands())
    for (unsigned I = 0; I < Entry->getNumOperands(); ++I)
      if (const auto *S = dyn_cast_or_null<MDString>(Entry->getOperand(I)))
        if (!S->getString().empty())
          (I == 2 ? ShortNames : LinkageNames).insert(S->getString());
}

// Writes one such list. The wrappers' is created even when empty: it tells the main pass that
// attributes were read before optimisation (see Attribution::TrustNoAlias).
void record(Module &M, const char *Name, const SmallPtrSetImpl<const Function *> &Functions,
            bool EvenEmpty) {
  if (Functions.empty() && !EvenEmpty)
    return;
  NamedMDNode *Record = M.getOrInsertNamedMetadata(Name);
  LLVMContext &Ctx = M.getContext();
  for (const Function &F : M) {
    if (!Functions.count(&F))
      continue;
    const DISubprogram *SP = F.getSubprogram();
    Metadata *Names[] = {MDString::get(Ctx, F.getName()),
                         MDString::get(Ctx, SP ? SP->getLinkageName() : ""),
                         MDString::get(Ctx, SP ? SP->getName() : "")};
    Record->addOperand(MDNode::get(Ctx, Names));
  }
}

} // namespace

Attribution::Attribution(Module &M)
    : Loaded((loadIgnoreList(M.getContext()), true)), Annotated(annotatedWrappers(M)),
      TrustNoAlias(!M.getNamedMetadata(WrappersMetadata)),
      HasDebugInfo(!M.debug_compile_units().empty()) {
  readRecorded(M.getNamedMetadata(WrappersMetadata), LinkageNames, ShortNames);
  readRecorded(M.getNamedMetadata(CandidatesMetadata), CandidateLinkageNames, CandidateShortNames);
  // Without the early pass (opt -passes=allocsite), wrappers are found from the code here.
  if (TrustNoAlias) {
    Inferred = moduleWrappers(M, /*TrustNoAlias=*/true, Annotated);
    Candidates = moduleCandidates(M, Inferred);
  }
  for (const Function &F : M) {
    const DISubprogram *SP = F.getSubprogram();
    if (!SP)
      continue;
    if (isWrapper(F))
      WrapperSubprograms.insert(SP);
    else if (Candidates.count(&F) || CandidateLinkageNames.count(F.getName()))
      CandidateSubprograms.insert(SP);
  }
}

bool Attribution::isWrapper(const Function &F) const {
  return isWrapperFunction(F, TrustNoAlias, Annotated) || LinkageNames.count(F.getName()) ||
         Inferred.count(&F);
}

bool Attribution::isWrapper(const DISubprogram *SP) const {
  if (WrapperSubprograms.count(SP) || isListedWrapper(SP->getName()) ||
      isListedWrapper(SP->getLinkageName()))
    return true;
  // A DWARF name alone (-gline-tables-only drops linkage names) is only compared with DWARF
  // names, so that a C++ method does not match every method of the same short name.
  if (!SP->getLinkageName().empty())
    return LinkageNames.count(SP->getLinkageName());
  return ShortNames.count(SP->getName());
}

bool Attribution::isLibrary(const DISubprogram *SP) {
  auto It = LibraryCache.find(SP);
  if (It != LibraryCache.end())
    return It->second;
  SmallString<256> Path = pathOf(SP);
  bool Library = isSystemPath(Path) || isOutsideUserCode(Path) || isWrapper(SP);
  LibraryCache[SP] = Library;
  return Library;
}

Charge Attribution::charge(const CallBase &Call) {
  const Function &F = *Call.getFunction();
  SmallVector<const DISubprogram *, 8> Frames;
  if (const DILocation *Loc = Call.getDebugLoc().get()) {
    // Frame 0 and at most UINT8_MAX inlined frames: what the descriptor can hold.
    for (; Loc && Frames.size() <= UINT8_MAX; Loc = Loc->getInlinedAt())
      Frames.push_back(Loc->getScope()->getSubprogram());
  } else if (const DISubprogram *SP = F.getSubprogram()) {
    Frames.push_back(SP);
  } else {
    // No debug info: no file is known, so only a wrapper is library code; but in a module with
    // debug info, a function without any is a compiler-made helper (__clang_call_terminate).
    Charge C;
    C.Library = isWrapper(F) || HasDebugInfo;
    return C;
  }
  for (size_t I = 0; I < Frames.size(); ++I)
    if (Frames[I] && !isLibrary(Frames[I])) {
      Charge C;
      C.Frame = static_cast<uint8_t>(I);
      return C;
    }
  Charge C;
  C.Library = true;
  return C;
}

bool Attribution::callsLibrary(const CallBase &Call) {
  const auto *Callee = dyn_cast<Function>(Call.getCalledOperand()->stripPointerCastsAndAliases());
  if (!Callee || Callee->isDeclaration())
    return true; // unknown target, or code compiled elsewhere
  if (isWrapper(*Callee))
    return true;
  if (const DISubprogram *SP = Callee->getSubprogram())
    return isLibrary(SP);
  // No debug info: a local definition is the user's; an available_externally one stands for a
  // copy compiled elsewhere.
  return Callee->hasAvailableExternallyLinkage();
}

bool Attribution::chargesCandidate(const CallBase &Call, uint8_t Frame) const {
  const Function &F = *Call.getFunction();
  const DILocation *Loc = Call.getDebugLoc().get();
  for (; Loc && Frame; --Frame)
    Loc = Loc->getInlinedAt();
  const DISubprogram *SP = Loc ? Loc->getScope()->getSubprogram() : F.getSubprogram();
  if (!SP)
    return Candidates.count(&F) || CandidateLinkageNames.count(F.getName());
  if (CandidateSubprograms.count(SP))
    return true;
  // Inlined and gone: by name, as Attribution::isWrapper(SP) does.
  if (!SP->getLinkageName().empty())
    return CandidateLinkageNames.count(SP->getLinkageName());
  return CandidateShortNames.count(SP->getName());
}

PreservedAnalyses WrapperCollectorPass::run(Module &M, ModuleAnalysisManager &) {
  loadIgnoreList(M.getContext());
  if (M.getNamedMetadata(WrappersMetadata))
    return PreservedAnalyses::all();
  SmallPtrSet<const Function *, 8> Annotated = annotatedWrappers(M);
  SmallPtrSet<const Function *, 8> Wrappers = moduleWrappers(M, /*TrustNoAlias=*/true, Annotated);
  record(M, WrappersMetadata, Wrappers, /*EvenEmpty=*/true);
  record(M, CandidatesMetadata, moduleCandidates(M, Wrappers), /*EvenEmpty=*/false);
  return PreservedAnalyses::all();
}

} // namespace allocsite
