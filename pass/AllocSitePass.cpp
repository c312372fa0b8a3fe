//===- AllocSitePass.cpp - names every allocation call site ---------------===//
//
// AllocSite's module pass: rewrites each direct call or invoke of malloc & co., strdup, and every
// replaceable operator new/delete into the matching __allocsite_* entry point of
// include/allocsite/abi.h, passing a static descriptor of the call site (file, line, column,
// function, inline chain, the user-code frame it is charged to) as the last argument. The runtime
// charges memory to that descriptor, so it never has to unwind. Calls from user code into library
// code set the thread's attribution context (CallContext.cpp), so that what the library allocates
// is charged to the user's line (SPEC §3; Attribution.cpp says what is library code).
//
// Run it by hand:
//   opt -load-pass-plugin=build/lib/libAllocSite.so -passes=allocsite -S in.ll -o out.ll
// or from clang, which runs it last in the optimisation pipeline at every -O level (and in the
// pre-link step of -flto / -flto=thin):
//   clang -fpass-plugin=build/pass/libAllocSite.so -gline-tables-only -c foo.c
// Functions named in -allocsite-skip=a,b (with clang: -Xclang -load -Xclang libAllocSite.so
// -mllvm -allocsite-skip=a,b) are left alone. From clang, a second, early pass (allocsite-wrappers,
// Attribution.h) records allocation wrappers before the inliner makes them disappear. Under full
// LTO a third pass (allocsite-link, LinkTimeContext.h) runs in the linker, LLVM 15 and later.
//
//===----------------------------------------------------------------------===//
#include "Apis.h"
#include "Attribution.h"
#include "CallContext.h"
#include "Compat.h"
#include "IgnoreList.h"
#include "LinkTimeContext.h"
#include "PassOptions.h"
#include "SiteDescriptors.h"

#include "allocsite/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <string>

using namespace llvm;

#define DEBUG_TYPE "allocsite"

STATISTIC(NumRewritten, "Allocation and free calls rewritten to __allocsite_* entry points");
STATISTIC(NumLibrarySites, "Rewritten calls charged to the attribution context (LIBRARY)");

namespace {

namespace compat = allocsite::compat;
using allocsite::Api;
using allocsite::Charge;
using allocsite::ignoreListHasFunction;
using allocsite::ignoreListHasSource;
using allocsite::SiteFields;

// Off: no attribution context around calls into library code (memory allocated there is charged
// to the library's own lines); for measuring what attribution costs, and as an escape hatch.
cl::opt<bool> Attribution("allocsite-attribution", cl::init(true),
                          cl::desc("Charge memory allocated in library code to the user's call"));

cl::list<std::string> SkipFunctions("allocsite-skip", cl::CommaSeparated,
                                    cl::desc("Functions (IR names) AllocSite leaves alone"),
                                    cl::value_desc("name,name,..."));

// Function attributes of the original call that still hold for the entry point. Everything else
// (memory effects, builtin, allocsize, ...) describes libc's function, not ours: the entry point
// also writes the descriptor, and must not be treated as a known library call.
bool keepFnAttr(const Attribute &A) {
  if (!A.isEnumAttribute())
    return false;
  switch (A.getKindAsEnum()) {
  case Attribute::NoUnwind:
  case Attribute::Cold:
  case Attribute::NoInline:
  case Attribute::NoMerge:
    return true;
  default:
    return false;
  }
}

class NoDebugInfoWarning : public DiagnosticInfo {
public:
  explicit NoDebugInfoWarning(std::string Msg)
      : DiagnosticInfo(kind(), DS_Warning), Msg(std::move(Msg)) {}
  void print(DiagnosticPrinter &DP) const override { DP << Msg; }

private:
  static int kind() {
    static const int Kind = getNextAvailablePluginDiagnosticKind();
    return Kind;
  }
  std::string Msg;
};

class Rewriter {
public:
  explicit Rewriter(Module &M)
      : M(M), Ctx(M.getContext()), PtrTy(compat::voidPtrTy(Ctx)),
        SizeBits(M.getDataLayout().getPointerSizeInBits(0)), Descriptors(M) {}

  bool run();

private:
  const Api *match(const CallBase &CB);
  bool skipFunction(const Function &F) const;
  FunctionCallee entryPoint(const Api &A);
  AttributeList entryAttributes(const CallBase &CB, unsigned Kept);
  void rewrite(CallBase &CB, const Api &A, Charge C);

  Module &M;
  LLVMContext &Ctx;
  PointerType *PtrTy;
  unsigned SizeBits;
  allocsite::SiteDescriptors Descriptors;
  DenseMap<const Function *, const Api *> ApiOf; // callee -> API, nullptr if none
  // Most calls of a module share their API, types and attributes with an earlier one: what
  // rewrite() derives from those is made once.
  DenseMap<std::pair<const Api *, FunctionType *>, Value *> CalleeOf;
  DenseMap<std::pair<AttributeList, unsigned>, AttributeList> EntryAttrsOf;
};

bool Rewriter::skipFunction(const Function &F) const {
  if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
    return true; // no code of ours is emitted for it
  StringRef Name = F.getName();
  if (allocsite::isAllocSiteSymbol(Name))
    return true; // the runtime, and the code the pass itself emits
  if (F.hasFnAttribute(Attribute::Naked) ||
      F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
    return true; // naked: no calls may be added; the attribute: the user opted this function out
  if (std::find(SkipFunctions.begin(), SkipFunctions.end(), Name) != SkipFunctions.end() ||
      ignoreListHasFunction(allocsite::IgnoreSection::Skip, Name))
    return true;
  const DISubprogram *SP = F.getSubprogram();
  if (!SP)
    return false;
  SmallString<256> Path(SP->getFilename());
  if (!sys::path::is_absolute(Path)) {
    Path = SP->getDirectory();
    sys::path::append(Path, SP->getFilename());
  }
  return ignoreListHasFunction(allocsite::IgnoreSection::Skip, SP->getName()) ||
         ignoreListHasSource(allocsite::IgnoreSection::Skip, Path);
}

const Api *Rewriter::match(const CallBase &CB) {
  const auto *Callee = dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!Callee)
    return nullptr; // indirect: the runtime sees it as a dynamic site
  auto It = ApiOf.find(Callee);
  if (It == ApiOf.end())
    It = ApiOf.insert({Callee, allocsite::calleeApi(*Callee)}).first;
  const Api *A = It->second;
  return A && allocsite::callFits(CB, *A, SizeBits) ? A : nullptr;
}

FunctionCallee Rewriter::entryPoint(const Api &A) {
  // The prototype from abi.h, whatever pointer types the original call used.
  auto TypeOf = [&](char C) -> Type * {
    switch (C) {
    case 'p':
      return PtrTy;
    case 'z':
      return Type::getIntNTy(Ctx, SizeBits);
    case 'i':
      return Type::getInt32Ty(Ctx);
    default:
      return Type::getVoidTy(Ctx);
    }
  };
  SmallVector<Type *, 4> Params;
  const char *Sig = A.Entry->Signature;
  for (unsigned I = 1; I <= A.kept(); ++I)
    Params.push_back(TypeOf(Sig[I]));
  Params.push_back(PtrTy); // struct allocsite_site *
  return M.getOrInsertFunction(A.Entry->Name, FunctionType::get(TypeOf(Sig[0]), Params, false));
}

AttributeList Rewriter::entryAttributes(const CallBase &CB, unsigned Kept) {
  AttributeList Old = CB.getAttributes();
  auto Cached = EntryAttrsOf.find({Old, Kept});
  if (Cached != EntryAttrsOf.end())
    return Cached->second;
  SmallVector<Attribute, 4> FnAttrs;
  for (const Attribute &A : Old.getFnAttrs())
    if (keepFnAttr(A))
      FnAttrs.push_back(A);
  // Return attributes (noalias, nonnull, dereferenceable, align) describe the block, which the
  // entry point returns unchanged; parameter attributes (noundef, nocapture) still hold too.
  SmallVector<AttributeSet, 4> Params;
  for (unsigned I = 0; I < Kept; ++I)
    Params.push_back(compat::dropAllocFamilyAttrs(Ctx, Old.getParamAttrs(I)));
  Params.push_back(AttributeSet()); // the site
  AttributeList New =
      AttributeList::get(Ctx, AttributeSet::get(Ctx, FnAttrs), Old.getRetAttrs(), Params);
  EntryAttrsOf.try_emplace({Old, Kept}, New);
  return New;
}

void Rewriter::rewrite(CallBase &CB, const Api &A, Charge C) {
  SiteFields Fields{A.Kind};
  if (C.Library)
    Fields.Flags = ALLOCSITE_SITE_LIBRARY;
  else
    Fields.ChargedFrame = C.Frame;
  Constant *Site = Descriptors.create(CB, Fields);

  // Call with the original call's own types: with typed pointers it may pass a %struct.T* where
  // the entry point takes an i8*, exactly as it did for the libc function, so cast the callee, not
  // the operands (an invoke's result could not be cast back in place). Opaque pointers: no cast.
  SmallVector<Value *, 4> Args(CB.arg_begin(), CB.arg_begin() + A.kept());
  SmallVector<Type *, 4> ParamTys;
  for (Value *Arg : Args)
    ParamTys.push_back(Arg->getType());
  ParamTys.push_back(PtrTy);
  FunctionType *NewTy = FunctionType::get(CB.getType(), ParamTys, /*isVarArg=*/false);
  Value *&Callee = CalleeOf[{&A, NewTy}];
  if (!Callee) {
    FunctionCallee Entry = entryPoint(A);
    Callee = Entry.getCallee();
    if (Entry.getFunctionType() != NewTy)
      Callee = ConstantExpr::getPointerCast(cast<Constant>(Callee), compat::pointerTo(NewTy));
  }

  Args.push_back(Site);
  SmallVector<OperandBundleDef, 1> Bundles;
  CB.getOperandBundlesAsDefs(Bundles);

  IRBuilder<> B(&CB);
  CallBase *New;
  if (auto *II = dyn_cast<InvokeInst>(&CB)) {
    // Stays an invoke: operator new throws, and the landing pad must still catch it.
    New = B.CreateInvoke(NewTy, Callee, II->getNormalDest(), II->getUnwindDest(), Args, Bundles);
  } else {
    auto *CI = B.CreateCall(NewTy, Callee, Args, Bundles);
    // musttail needs identical prototypes, which the extra site argument breaks; a plain tail
    // call is still valid because the site is a global, not one of the caller's allocas.
    CallInst::TailCallKind TCK = cast<CallInst>(CB).getTailCallKind();
    CI->setTailCallKind(TCK == CallInst::TCK_MustTail ? CallInst::TCK_Tail : TCK);
    New = CI;
  }
  New->setCallingConv(CB.getCallingConv());
  New->setAttributes(entryAttributes(CB, A.kept()));
  New->copyMetadata(CB); // !dbg included: the site stays on the user's line in the debugger
  New->takeName(&CB);
  CB.replaceAllUsesWith(New);
  CB.eraseFromParent();
}

bool Rewriter::run() {
  allocsite::loadIgnoreList(Ctx);
  // Idempotent: clang may run the pass both before and after LTO, and users may run it twice.
  if (M.getNamedMetadata(allocsite::InstrumentedMarker) || M.getFunction(allocsite::ModuleCtorName))
    return false;

  allocsite::Attribution Attr(M);
  // For the report's hint (abi.h): a site charged to a function that returns what it allocates.
  Descriptors.setExtraFlags([&Attr](const CallBase &CB, const SiteFields &F) -> uint8_t {
    bool Candidate =
        !(F.Flags & ALLOCSITE_SITE_LIBRARY) && Attr.chargesCandidate(CB, F.ChargedFrame);
    return Candidate ? ALLOCSITE_SITE_WRAPPER_CANDIDATE : 0;
  });
  SmallVector<std::pair<CallBase *, const Api *>, 32> Calls;
  SmallPtrSet<const Function *, 8> WithLibrarySites;
  SmallVector<Function *, 32> Instrumented; // skipFunction builds a path: asked once per function
  for (Function &F : M) {
    if (skipFunction(F))
      continue;
    Instrumented.push_back(&F);
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (const Api *A = match(*CB))
          Calls.push_back({CB, A});
  }
  for (auto &[CB, A] : Calls) {
    Charge C = Attr.charge(*CB);
    NumLibrarySites += C.Library;
    if (C.Library)
      WithLibrarySites.insert(CB->getFunction());
    rewrite(*CB, *A, C);
  }
  NumRewritten += Calls.size();

  // Then the calls into library code, the rewritten ones (now __allocsite_*) excluded.
  allocsite::CallContext Context(M, Attr, Descriptors);
  bool Changed = !Calls.empty();
  if (Attribution) {
    Context.plan(Instrumented, WithLibrarySites);
    for (Function *F : Instrumented)
      Changed |= Context.instrument(*F);
  }
  if (!Changed)
    return false;
  Descriptors.finish();

  if (Descriptors.missingDebugInfo()) {
    StringRef Source = M.getSourceFileName();
    Ctx.diagnose(NoDebugInfoWarning(
        "allocsite: " + (Source.empty() ? M.getModuleIdentifier() : Source.str()) +
        ": no debug info; sites are named by function only (compile with -g or "
        "-gline-tables-only for line numbers)"));
  }
  return true;
}

struct AllocSitePass : PassInfoMixin<AllocSitePass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    return Rewriter(M).run() ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
  // Also run on optnone functions and at -O0.
  static bool isRequired() { return true; }
};

} // namespace

// The one exported symbol (the target builds with hidden visibility).
extern "C" LLVM_ATTRIBUTE_WEAK __attribute__((visibility("default"))) PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "AllocSite", LLVM_VERSION_STRING, [](PassBuilder &PB) {
            allocsite::applyEnvironmentOptions();
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name == "allocsite")
                    MPM.addPass(AllocSitePass());
                  else if (Name == "allocsite-wrappers")
                    MPM.addPass(allocsite::WrapperCollectorPass());
                  else if (Name == "allocsite-link")
                    MPM.addPass(allocsite::LinkTimeContextPass());
                  else
                    return false;
                  return true;
                });
            // First, before inlining: static inline allocation wrappers are still there to see.
            PB.registerPipelineStartEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
              MPM.addPass(allocsite::WrapperCollectorPass());
            });
            // Last, so only allocations that survived optimisation are named (SPEC §3).
            compat::registerOptimizerLast(
                PB, [](ModulePassManager &MPM) { MPM.addPass(AllocSitePass()); });
            // In the linker, full LTO: the context off calls into the program's own code.
            compat::registerFullLTOEarly(
                PB, [](ModulePassManager &MPM) { MPM.addPass(allocsite::LinkTimeContextPass()); });
          }};
}
