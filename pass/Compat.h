//===- Compat.h - every LLVM-version difference the AllocSite pass needs --===//
//
// The pass is written once against the current LLVM API; the few places where LLVM 14 to 22 differ
// are wrapped here so that AllocSitePass.cpp reads the same on every version and this is the only
// file that tests LLVM_VERSION_MAJOR.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_COMPAT_H
#define ALLOCSITE_PASS_COMPAT_H

#include "llvm/Config/llvm-config.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"

#if LLVM_VERSION_MAJOR >= 17
#include "llvm/TargetParser/Triple.h"
#else
#include "llvm/ADT/Triple.h"
#endif

#if LLVM_VERSION_MAJOR >= 22 && __has_include("llvm/Plugins/PassPlugin.h")
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

namespace allocsite {
namespace compat {

// StringRef::startswith became starts_with in LLVM 16 and the old spelling is gone since 19.
inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
  return S.substr(0, Prefix.size()) == Prefix;
}

// LLVM's demangler (Itanium, Rust, D, Microsoft): the readable name, or the name itself when it is
// not mangled. It takes a `const std::string &` up to LLVM 16 and a std::string_view from 17 on;
// a std::string argument converts to both.
inline std::string demangle(llvm::StringRef Name) { return llvm::demangle(Name.str()); }

// The pointer type the runtime entry points take (`void *` / `const char *` in abi.h). LLVM 14
// still has typed pointers (i8*); from 17 on every pointer is the opaque `ptr` and getInt8PtrTy is
// gone.
inline llvm::PointerType *voidPtrTy(llvm::LLVMContext &Ctx) {
#if LLVM_VERSION_MAJOR >= 17
  return llvm::PointerType::getUnqual(Ctx);
#else
  return llvm::Type::getInt8PtrTy(Ctx);
#endif
}

// A pointer to T: needed to cast a callee to the function type a call expects (typed pointers only;
// with opaque pointers this is plain `ptr` and the cast folds away).
inline llvm::PointerType *pointerTo(llvm::Type *T) {
#if LLVM_VERSION_MAJOR >= 17
  return llvm::PointerType::getUnqual(T->getContext());
#else
  return llvm::PointerType::getUnqual(T);
#endif
}

// Module::getTargetTriple returns a Triple from LLVM 21 on, a std::string before; Triple's
// constructors accept both.
inline llvm::Triple targetTriple(const llvm::Module &M) {
  return llvm::Triple(M.getTargetTriple());
}

// Attributes that tie a call to the allocator family it names (LLVM 15+: allockind, allocalign,
// allocptr, "alloc-family"). They must not follow the call to __allocsite_*: the optimiser would
// then pair our entry points with libc's and, e.g., fold away a malloc/free pair across them.
inline llvm::AttributeSet dropAllocFamilyAttrs(llvm::LLVMContext &Ctx, llvm::AttributeSet AS) {
#if LLVM_VERSION_MAJOR >= 15
  AS = AS.removeAttribute(Ctx, llvm::Attribute::AllocAlign);
  AS = AS.removeAttribute(Ctx, llvm::Attribute::AllocatedPointer);
  AS = AS.removeAttribute(Ctx, llvm::Attribute::AllocKind);
#endif
  AS = AS.removeAttribute(Ctx, "alloc-family");
  return AS;
}

// OptimizerLast callbacks gained a ThinOrFullLTOPhase argument in LLVM 20. The pass runs in every
// phase in which clang invokes the callback (pre-link included): idempotence makes that safe.
template <typename AddPassFn> void registerOptimizerLast(llvm::PassBuilder &PB, AddPassFn AddPass) {
#if LLVM_VERSION_MAJOR >= 20
  PB.registerOptimizerLastEPCallback([AddPass](llvm::ModulePassManager &MPM,
                                               llvm::OptimizationLevel,
                                               llvm::ThinOrFullLTOPhase) { AddPass(MPM); });
#else
  PB.registerOptimizerLastEPCallback(
      [AddPass](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) { AddPass(MPM); });
#endif
}

// The default of -allocsite-asm-store-threshold (CallContext.cpp): how many wrapped calls on CFG
// cycles make a function's loop stores inline asm. Measured on SQLite's sqlite3VdbeExec (49 such
// calls; callgrind, whole run): with LLVM 14 the hoisted plain stores are 1.7 % cheaper, with
// LLVM 19 and 22 the asm stores are 2.1 % and 1.3 % cheaper (thresholds 1, 16 and 40 alike;
// Lua, jq and ninja within 0.4 % at 1). Unmeasured 15-18 keep 14's value.
#if LLVM_VERSION_MAJOR >= 19
constexpr unsigned DefaultAsmStoreThreshold = 32;
#else
constexpr unsigned DefaultAsmStoreThreshold = 64;
#endif

// The first step of full LTO's link-time pipeline, where the linker runs plugins' passes on the
// merged module (LLVM 15+; lld 14 cannot load pass plugins, so nothing calls it there).
template <typename AddPassFn> void registerFullLTOEarly(llvm::PassBuilder &PB, AddPassFn AddPass) {
#if LLVM_VERSION_MAJOR >= 15
  PB.registerFullLinkTimeOptimizationEarlyEPCallback(
      [AddPass](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) { AddPass(MPM); });
#else
  (void)PB;
  (void)AddPass;
#endif
}

} // namespace compat
} // namespace allocsite

#endif // ALLOCSITE_PASS_COMPAT_H
