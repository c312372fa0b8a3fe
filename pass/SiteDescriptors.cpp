//===- SiteDescriptors.cpp - emits AllocSite's per-call site descriptors --===//
//
// Layout, section and symbol names come from include/allocsite/abi.h; see SiteDescriptors.h for
// what this file is for. Run through the pass: opt -load-pass-plugin=libAllocSite.so
// -passes=allocsite -S in.ll
//
//===----------------------------------------------------------------------===//
#include "SiteDescriptors.h"

#include "Compat.h"
#include "SiteLayout.h"
#include "allocsite/abi.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/Support/Path.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <algorithm>

using namespace llvm;

namespace allocsite {

// The runtime ABI, named once. Everything here must match abi.h; the section and version names are
// taken from it directly so the two cannot drift.
constexpr char SectionName[] = ALLOCSITE_SECTION_NAME;
constexpr char SectionStart[] = "__start_" ALLOCSITE_SECTION_NAME;
constexpr char SectionStop[] = "__stop_" ALLOCSITE_SECTION_NAME;
constexpr char VersionSymbol[] = ALLOCSITE_VERSION_SYMBOL;
constexpr char RegisterSites[] = "__allocsite_register_sites";
constexpr char UnregisterSites[] = "__allocsite_unregister_sites";
const char ModuleCtorName[] = "allocsite.module_ctor";
constexpr char ModuleDtorName[] = "allocsite.module_dtor";
const char InstrumentedMarker[] = "allocsite.instrumented";
// Before user constructors, so that sites of static constructors are registered when they run
// (the runtime copes with unregistered sites anyway, this only saves it the work).
constexpr int CtorPriority = 1;

SiteDescriptors::SiteDescriptors(Module &M)
    : M(M), Ctx(M.getContext()), PtrTy(compat::voidPtrTy(Ctx)) {
  SiteTy = siteType(Ctx, PtrTy);
  FrameTy = frameType(Ctx, PtrTy);
}

Twine SiteDescriptors::freshName(const char *Base, unsigned &Count, SmallString<32> &Buffer) {
  // A taken name is made unique by LLVM with one suffix per try, and every try parses the module's
  // target triple up to LLVM 20 (3,000 instructions, most of what a descriptor cost): numbered
  // here, the first try succeeds. Anything already taken still gets LLVM's suffix.
  if (Count++ == 0)
    return Base;
  Buffer = Base;
  Buffer += '.';
  Buffer += utostr(Count - 1);
  return Buffer;
}

Constant *SiteDescriptors::int32(uint32_t V) {
  if (V >= DenseMapInfo<uint32_t>::getTombstoneKey()) // the map's two reserved keys
    return ConstantInt::get(Type::getInt32Ty(Ctx), V);
  Constant *&C = Int32s[V];
  if (!C)
    C = ConstantInt::get(Type::getInt32Ty(Ctx), V);
  return C;
}

Constant *SiteDescriptors::string(StringRef S) {
  Constant *&Slot = Strings[S];
  if (!Slot) {
    Constant *Init = ConstantDataArray::getString(Ctx, S, /*AddNull=*/true);
    SmallString<32> Name;
    auto *GV =
        new GlobalVariable(M, Init->getType(), /*isConstant=*/true, GlobalValue::PrivateLinkage,
                           Init, freshName("allocsite.str", NumStrings, Name));
    GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    GV->setAlignment(Align(1));
    Slot = ConstantExpr::getPointerCast(GV, PtrTy);
  }
  return Slot;
}

Constant *SiteDescriptors::int8(uint8_t V) {
  Constant *&C = Int8s[V];
  if (!C)
    C = ConstantInt::get(Type::getInt8Ty(Ctx), V);
  return C;
}

// What DILocation/DIScope::getDirectory and getFilename read: the scope's file, or "" without one.
Constant *SiteDescriptors::fileName(const DIFile *File) {
  if (!File)
    return fileName(StringRef(), StringRef());
  Constant *&Slot = Files[File];
  if (!Slot)
    Slot = fileName(File->getDirectory(), File->getFilename());
  return Slot;
}

Constant *SiteDescriptors::fileName(StringRef Directory, StringRef Filename) {
  if (Filename.empty())
    return ConstantPointerNull::get(PtrTy);
  if (Directory.empty() || sys::path::is_absolute(Filename))
    return string(Filename);
  // Relative to the compilation directory: joined here so the report can open the source line
  // whatever the program's working directory is.
  SmallString<256> Path(Directory);
  sys::path::append(Path, Filename);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
  return string(Path);
}

StringRef SiteDescriptors::functionName(const DISubprogram *SP, const Function &F) {
  if (!SP)
    return F.getName();
  if (!SP->getLinkageName().empty())
    return SP->getLinkageName();
  // -gline-tables-only drops linkage names. For the function the code is in, and for an inlined
  // callee that still has an out-of-line copy here, the IR name is the linkage name, which (unlike
  // the short DWARF name) tells overloads and methods apart.
  if (SP == F.getSubprogram())
    return F.getName();
  if (DefinitionOf.empty())
    for (const Function &Def : M)
      if (const DISubprogram *DefSP = Def.getSubprogram())
        DefinitionOf.try_emplace(DefSP, &Def);
  if (const Function *Def = DefinitionOf.lookup(SP))
    return Def->getName();
  return SP->getName();
}

SiteDescriptors::NameEntry *SiteDescriptors::name(StringRef Function) {
  auto Inserted = Names.try_emplace(Function);
  NameEntry &N = *Inserted.first;
  if (Inserted.second) {
    // The demangler runs once per name, not once per site.
    N.getValue().Readable = compat::demangle(Function);
    N.getValue().Differs = N.getValue().Readable != Function;
  }
  return &N;
}

Constant *SiteDescriptors::nameString(NameEntry &N, bool WithReadable) {
  Name &Info = N.getValue();
  if (!WithReadable) {
    if (!Info.Plain)
      Info.Plain = string(N.getKey());
    return Info.Plain;
  }
  if (!Info.Both) {
    // abi.h, ALLOCSITE_SITE_READABLE_NAMES: the linkage name, NUL, the readable name.
    std::string Both = N.getKey().str();
    Both += '\0';
    Both += Info.Readable;
    Info.Both = string(Both);
  }
  return Info.Both;
}

SiteDescriptors::Where SiteDescriptors::describe(const DILocation *Loc, const Function &F) {
  const DILocalScope *Scope = Loc->getScope();
  return {fileName(Scope->getFile()), name(functionName(Scope->getSubprogram(), F)), Loc->getLine(),
          Loc->getColumn()};
}

Constant *SiteDescriptors::inlineChain(ArrayRef<Where> Chain, bool WithReadable) {
  if (Chain.empty())
    return ConstantPointerNull::get(PtrTy);
  SmallVector<Constant *, 4> Frames;
  for (const Where &W : Chain)
    Frames.push_back(ConstantStruct::get(
        FrameTy, {W.File, nameString(*W.Function, WithReadable), int32(W.Line), int32(W.Column)}));
  auto *ArrTy = ArrayType::get(FrameTy, Frames.size());
  SmallString<32> Name;
  auto *GV = new GlobalVariable(M, ArrTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
                                ConstantArray::get(ArrTy, Frames),
                                freshName("allocsite.frames", NumFrameArrays, Name));
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  return ConstantExpr::getPointerCast(GV, PtrTy);
}

Constant *SiteDescriptors::create(const CallBase &Call, SiteFields Fields) {
  const Function &F = *Call.getFunction();
  if (ExtraFlags)
    Fields.Flags |= ExtraFlags(Call, Fields);
  Where W{nullptr, nullptr};
  SmallVector<Where, 4> Chain; // the callers the call was inlined into, innermost first
  if (const DILocation *Loc = Call.getDebugLoc().get()) {
    W = describe(Loc, F);
    for (const DILocation *At = Loc->getInlinedAt(); At && Chain.size() < UINT8_MAX;
         At = At->getInlinedAt())
      Chain.push_back(describe(At, F));
  } else if (const DISubprogram *SP = F.getSubprogram()) {
    // A call the compiler synthesised inside a function with debug info: its line is unknown,
    // but function and file are not.
    W = {fileName(SP->getFile()), name(functionName(SP, F)), 0, 0};
  } else {
    MissingDebugInfo = true;
    StringRef Source = M.getSourceFileName();
    W = {Source.empty() ? ConstantPointerNull::get(PtrTy) : string(Source), name(F.getName()), 0,
         0};
  }
  // Readable names only where one differs from its linkage name (C++, not C); then every name of
  // the site and its frames carries one, as the flag promises.
  bool WithReadable = W.Function->getValue().Differs;
  for (const Where &At : Chain)
    WithReadable = WithReadable || At.Function->getValue().Differs;
  if (WithReadable)
    Fields.Flags |= ALLOCSITE_SITE_READABLE_NAMES;
  uint8_t Depth = static_cast<uint8_t>(Chain.size());
  Constant *FunctionName = nameString(*W.Function, WithReadable);
  Constant *Frames = inlineChain(Chain, WithReadable);

  Constant *Init =
      ConstantStruct::get(SiteTy, {int32(0), int8(Fields.Kind), int8(Fields.Flags), int8(Depth),
                                   int8(std::min(Fields.ChargedFrame, Depth)), int32(W.Line),
                                   int32(W.Column), W.File, FunctionName, Frames});
  // Writable: the runtime stores the site's id in it on first use.
  SmallString<32> Name;
  auto *GV = new GlobalVariable(M, SiteTy, /*isConstant=*/false, GlobalValue::PrivateLinkage, Init,
                                freshName("allocsite.site", NumSites, Name));
  GV->setSection(SectionName);
  // The section is read as an array of struct allocsite_site, so every entry must sit at the C
  // struct's stride: its ABI alignment, never more (padding would shift the entries).
  GV->setAlignment(M.getDataLayout().getABITypeAlign(SiteTy));
  // Deliberately not in the function's comdat (SanitizerCoverage does that for its tables): with
  // LTO a non-prevailing copy of an inline function can be inlined after its comdat's private
  // members were demoted to available_externally, leaving a reference no object defines. A
  // discarded copy's descriptors stay in the section instead; the runtime gives a site its id
  // on first use, so a dead duplicate costs its 40 bytes and nothing at run time.
  Sites.push_back(GV);
  return ConstantExpr::getPointerCast(GV, PtrTy);
}

Function *SiteDescriptors::createRegistrationFunction(const char *Name, const char *RuntimeFn) {
  bool IsCtor = StringRef(Name) == ModuleCtorName;
  Type *I32 = Type::getInt32Ty(Ctx);
  Constant *Version = IsCtor ? M.getOrInsertGlobal(VersionSymbol, I32) : nullptr;
  auto Bound = [&](const char *Sym) -> Value * {
    GlobalVariable *GV = M.getNamedGlobal(Sym);
    if (!GV) {
      // Defined by the linker for the section of this linked object only, hence hidden; weak so
      // that a (theoretical) object without sites still links.
      GV = new GlobalVariable(M, SiteTy, /*isConstant=*/false, GlobalValue::ExternalWeakLinkage,
                              nullptr, Sym);
      GV->setVisibility(GlobalValue::HiddenVisibility);
    }
    return ConstantExpr::getPointerCast(GV, PtrTy);
  };
  // The sanitizers' helper: a function that calls RuntimeFn(start, stop) and returns.
  Function *Fn = createSanitizerCtorAndInitFunctions(M, Name, RuntimeFn, {PtrTy, PtrTy},
                                                     {Bound(SectionStart), Bound(SectionStop)})
                     .first;
  Fn->getEntryBlock().setName("entry");
  // One copy per linked object (executable or shared library): the section bounds already span
  // every object file linked into it, so each object's copy would register them again.
  if (compat::targetTriple(M).supportsCOMDAT()) {
    Fn->setLinkage(GlobalValue::LinkOnceODRLinkage);
    Fn->setVisibility(GlobalValue::HiddenVisibility);
    Fn->setComdat(M.getOrInsertComdat(Name));
  }
  if (IsCtor) {
    // Only a runtime of the same ABI defines this symbol: an old or missing runtime fails at link
    // or load time. A volatile load is a use no optimisation (LTO included) may delete. (The
    // helper's own version check calls a function; the runtime's symbol is an int.)
    IRBuilder<> B(&*Fn->getEntryBlock().getFirstInsertionPt());
    B.CreateLoad(I32, Version, /*isVolatile=*/true);
  }
  return Fn;
}

void SiteDescriptors::finish() {
  M.getOrInsertNamedMetadata(InstrumentedMarker);
  if (Sites.empty())
    return;
  // Nothing references a descriptor but its call; the optimiser must not drop or merge them.
  appendToCompilerUsed(M, Sites);

  Function *Ctor = createRegistrationFunction(ModuleCtorName, RegisterSites);
  Function *Dtor = createRegistrationFunction(ModuleDtorName, UnregisterSites);
  // The comdat key makes the .init_array/.fini_array entry go away with the discarded copies.
  appendToGlobalCtors(M, Ctor, CtorPriority, Ctor->hasComdat() ? Ctor : nullptr);
  appendToGlobalDtors(M, Dtor, CtorPriority, Dtor->hasComdat() ? Dtor : nullptr);
}

} // namespace allocsite
