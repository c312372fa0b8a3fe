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
// Attribution.h) records allocation wrappers before the inliner makes them disappear.
//
//===----------------------------------------------------------------------===//
#include "Attribution.h"
#include "CallContext.h"
#include "Compat.h"
#include "SiteDescriptors.h"

#include "allocsite/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/CommandLine.h"

#include <algorithm>
#include <string>

using namespace llvm;

namespace {

namespace compat = allocsite::compat;
using allocsite::Charge;
using allocsite::SiteFields;

// Runtime entry points (abi.h), named once.
constexpr char EntryMalloc[] = "__allocsite_malloc";
constexpr char EntryCalloc[] = "__allocsite_calloc";
constexpr char EntryRealloc[] = "__allocsite_realloc";
constexpr char EntryReallocarray[] = "__allocsite_reallocarray";
constexpr char EntryPosixMemalign[] = "__allocsite_posix_memalign";
constexpr char EntryAlignedAlloc[] = "__allocsite_aligned_alloc";
constexpr char EntryMemalign[] = "__allocsite_memalign";
constexpr char EntryValloc[] = "__allocsite_valloc";
constexpr char EntryPvalloc[] = "__allocsite_pvalloc";
constexpr char EntryStrdup[] = "__allocsite_strdup";
constexpr char EntryStrndup[] = "__allocsite_strndup";
constexpr char EntryFree[] = "__allocsite_free";
constexpr char EntryNew[] = "__allocsite_new";
constexpr char EntryNewNothrow[] = "__allocsite_new_nothrow";
constexpr char EntryNewAligned[] = "__allocsite_new_aligned";
constexpr char EntryNewAlignedNothrow[] = "__allocsite_new_aligned_nothrow";
constexpr char EntryDelete[] = "__allocsite_delete";

// The runtime and the code the pass itself emits must never be instrumented.
constexpr const char *ReservedPrefixes[] = {"__allocsite_", "allocsite."};

// Off: no attribution context around calls into library code (memory allocated there is charged
// to the library's own lines); for measuring what attribution costs, and as an escape hatch.
cl::opt<bool> Attribution("allocsite-attribution", cl::init(true),
                          cl::desc("Charge memory allocated in library code to the user's call"));

cl::list<std::string> SkipFunctions("allocsite-skip", cl::CommaSeparated,
                                    cl::desc("Functions (IR names) AllocSite leaves alone"),
                                    cl::value_desc("name,name,..."));

// One instrumented API. Signature: return type then parameters, 'p' pointer, 'z' size_t,
// 'i' int, 'v' void. The entry point takes the first Kept parameters, then the site.
struct Api {
  const char *Name;
  const char *Entry;
  uint8_t Kind;
  const char *Signature;
  unsigned Kept;
};

// C++ names use `m` (64-bit size_t); lookupApi also accepts `j` (32-bit size_t) in that position.
constexpr Api Apis[] = {
    {"malloc", EntryMalloc, ALLOCSITE_KIND_MALLOC, "pz", 1},
    {"calloc", EntryCalloc, ALLOCSITE_KIND_CALLOC, "pzz", 2},
    {"realloc", EntryRealloc, ALLOCSITE_KIND_REALLOC, "ppz", 2},
    {"reallocarray", EntryReallocarray, ALLOCSITE_KIND_REALLOCARRAY, "ppzz", 3},
    {"posix_memalign", EntryPosixMemalign, ALLOCSITE_KIND_POSIX_MEMALIGN, "ipzz", 3},
    {"aligned_alloc", EntryAlignedAlloc, ALLOCSITE_KIND_ALIGNED_ALLOC, "pzz", 2},
    {"memalign", EntryMemalign, ALLOCSITE_KIND_MEMALIGN, "pzz", 2},
    {"valloc", EntryValloc, ALLOCSITE_KIND_VALLOC, "pz", 1},
    {"pvalloc", EntryPvalloc, ALLOCSITE_KIND_PVALLOC, "pz", 1},
    {"strdup", EntryStrdup, ALLOCSITE_KIND_STRDUP, "pp", 1},
    {"strndup", EntryStrndup, ALLOCSITE_KIND_STRNDUP, "ppz", 2},
    {"free", EntryFree, ALLOCSITE_KIND_FREE, "vp", 1},
    // operator new / new[]: the nothrow tag is dropped, size and alignment are kept.
    {"_Znwm", EntryNew, ALLOCSITE_KIND_NEW, "pz", 1},
    {"_Znam", EntryNew, ALLOCSITE_KIND_NEW_ARRAY, "pz", 1},
    {"_ZnwmRKSt9nothrow_t", EntryNewNothrow, ALLOCSITE_KIND_NEW, "pzp", 1},
    {"_ZnamRKSt9nothrow_t", EntryNewNothrow, ALLOCSITE_KIND_NEW_ARRAY, "pzp", 1},
    {"_ZnwmSt11align_val_t", EntryNewAligned, ALLOCSITE_KIND_NEW, "pzz", 2},
    {"_ZnamSt11align_val_t", EntryNewAligned, ALLOCSITE_KIND_NEW_ARRAY, "pzz", 2},
    {"_ZnwmSt11align_val_tRKSt9nothrow_t", EntryNewAlignedNothrow, ALLOCSITE_KIND_NEW, "pzzp", 2},
    {"_ZnamSt11align_val_tRKSt9nothrow_t", EntryNewAlignedNothrow, ALLOCSITE_KIND_NEW_ARRAY, "pzzp",
     2},
    // operator delete / delete[]: the runtime's block header knows size and alignment, so only
    // the pointer is passed on.
    {"_ZdlPv", EntryDelete, ALLOCSITE_KIND_DELETE, "vp", 1},
    {"_ZdaPv", EntryDelete, ALLOCSITE_KIND_DELETE_ARRAY, "vp", 1},
    {"_ZdlPvm", EntryDelete, ALLOCSITE_KIND_DELETE, "vpz", 1},
    {"_ZdaPvm", EntryDelete, ALLOCSITE_KIND_DELETE_ARRAY, "vpz", 1},
    {"_ZdlPvSt11align_val_t", EntryDelete, ALLOCSITE_KIND_DELETE, "vpz", 1},
    {"_ZdaPvSt11align_val_t", EntryDelete, ALLOCSITE_KIND_DELETE_ARRAY, "vpz", 1},
    {"_ZdlPvmSt11align_val_t", EntryDelete, ALLOCSITE_KIND_DELETE, "vpzz", 1},
    {"_ZdaPvmSt11align_val_t", EntryDelete, ALLOCSITE_KIND_DELETE_ARRAY, "vpzz", 1},
    {"_ZdlPvRKSt9nothrow_t", EntryDelete, ALLOCSITE_KIND_DELETE, "vpp", 1},
    {"_ZdaPvRKSt9nothrow_t", EntryDelete, ALLOCSITE_KIND_DELETE_ARRAY, "vpp", 1},
    {"_ZdlPvSt11align_val_tRKSt9nothrow_t", EntryDelete, ALLOCSITE_KIND_DELETE, "vpzp", 1},
    {"_ZdaPvSt11align_val_tRKSt9nothrow_t", EntryDelete, ALLOCSITE_KIND_DELETE_ARRAY, "vpzp", 1},
};

const Api *lookupApi(StringRef Name) {
  // Fold the 32-bit size_t spelling (`j`) onto the table's `m`; the signature check against the
  // target's pointer width then rejects a `j` name on a 64-bit target and vice versa.
  std::string Key = Name.str();
  bool IsNew = compat::startsWith(Name, "_Znw") || compat::startsWith(Name, "_Zna");
  bool IsDelete = compat::startsWith(Name, "_ZdlPv") || compat::startsWith(Name, "_ZdaPv");
  if (IsNew && Key.size() > 4 && Key[4] == 'j')
    Key[4] = 'm';
  else if (IsDelete && Key.size() > 6 && Key[6] == 'j')
    Key[6] = 'm';
  for (const Api &A : Apis)
    if (Key == A.Name)
      return &A;
  return nullptr;
}

// Does the call pass what the API takes? Guards against a user function that merely shares a libc
// name (a static `free` with two parameters). The arguments are checked rather than the callee's
// prototype so that old C calling an unprototyped `char *malloc();` (a variadic call type) is
// still recognised when it passes a size_t.
bool fitsSignature(const CallBase &CB, StringRef Sig, unsigned SizeBits) {
  if (CB.arg_size() + 1 != Sig.size())
    return false;
  for (size_t I = 0; I < Sig.size(); ++I) {
    Type *T = I == 0 ? CB.getType() : CB.getArgOperand(I - 1)->getType();
    bool Ok = (Sig[I] == 'p' && T->isPointerTy()) || (Sig[I] == 'z' && T->isIntegerTy(SizeBits)) ||
              (Sig[I] == 'i' && T->isIntegerTy(32)) || (Sig[I] == 'v' && T->isVoidTy());
    if (!Ok)
      return false;
  }
  return true;
}

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
};

bool Rewriter::skipFunction(const Function &F) const {
  if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
    return true; // no code of ours is emitted for it
  StringRef Name = F.getName();
  for (const char *Prefix : ReservedPrefixes)
    if (compat::startsWith(Name, Prefix))
      return true;
  if (F.hasFnAttribute(Attribute::Naked) ||
      F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
    return true; // naked: no calls may be added; the attribute: the user opted this function out
  return std::find(SkipFunctions.begin(), SkipFunctions.end(), Name) != SkipFunctions.end();
}

const Api *Rewriter::match(const CallBase &CB) {
  if (!isa<CallInst>(CB) && !isa<InvokeInst>(CB))
    return nullptr; // callbr never calls an allocator
  // Typed-pointer IR (LLVM 14) often calls through `bitcast (i8* (i64)* @malloc to ...)`.
  const auto *Callee = dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!Callee)
    return nullptr; // indirect: the runtime sees it as a dynamic site
  auto It = ApiOf.find(Callee);
  if (It == ApiOf.end()) {
    const Api *A = nullptr;
    // A local function with a libc name is the user's own, not the allocator.
    if (!Callee->hasLocalLinkage() && !Callee->isIntrinsic())
      A = lookupApi(Callee->getName());
    It = ApiOf.insert({Callee, A}).first;
  }
  const Api *A = It->second;
  if (!A || !fitsSignature(CB, A->Signature, SizeBits))
    return nullptr;
  return A;
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
  for (unsigned I = 1; I <= A.Kept; ++I)
    Params.push_back(TypeOf(A.Signature[I]));
  Params.push_back(PtrTy); // struct allocsite_site *
  return M.getOrInsertFunction(A.Entry, FunctionType::get(TypeOf(A.Signature[0]), Params, false));
}

AttributeList Rewriter::entryAttributes(const CallBase &CB, unsigned Kept) {
  AttributeList Old = CB.getAttributes();
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
  return AttributeList::get(Ctx, AttributeSet::get(Ctx, FnAttrs), Old.getRetAttrs(), Params);
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
  SmallVector<Value *, 4> Args(CB.arg_begin(), CB.arg_begin() + A.Kept);
  SmallVector<Type *, 4> ParamTys;
  for (Value *Arg : Args)
    ParamTys.push_back(Arg->getType());
  ParamTys.push_back(PtrTy);
  FunctionType *NewTy = FunctionType::get(CB.getType(), ParamTys, /*isVarArg=*/false);
  FunctionCallee Entry = entryPoint(A);
  Value *Callee = Entry.getCallee();
  if (Entry.getFunctionType() != NewTy)
    Callee = ConstantExpr::getPointerCast(cast<Constant>(Callee), compat::pointerTo(NewTy));

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
  New->setAttributes(entryAttributes(CB, A.Kept));
  New->copyMetadata(CB); // !dbg included: the site stays on the user's line in the debugger
  New->takeName(&CB);
  CB.replaceAllUsesWith(New);
  CB.eraseFromParent();
}

bool Rewriter::run() {
  // Idempotent: clang may run the pass both before and after LTO, and users may run it twice.
  if (M.getNamedMetadata(allocsite::InstrumentedMarker) || M.getFunction(allocsite::ModuleCtorName))
    return false;

  allocsite::Attribution Attr(M);
  SmallVector<std::pair<CallBase *, const Api *>, 32> Calls;
  for (Function &F : M) {
    if (skipFunction(F))
      continue;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (const Api *A = match(*CB))
          Calls.push_back({CB, A});
  }
  for (auto &[CB, A] : Calls)
    rewrite(*CB, *A, Attr.charge(*CB));

  // Then the calls into library code, the rewritten ones (now __allocsite_*) excluded.
  allocsite::CallContext Context(M, Attr, Descriptors);
  bool Changed = !Calls.empty();
  for (Function &F : M)
    if (Attribution && !skipFunction(F))
      Changed |= Context.instrument(F);
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
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name == "allocsite")
                    MPM.addPass(AllocSitePass());
                  else if (Name == "allocsite-wrappers")
                    MPM.addPass(allocsite::WrapperCollectorPass());
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
          }};
}
