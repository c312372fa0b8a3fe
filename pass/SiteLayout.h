//===- SiteLayout.h - the IR types of abi.h's descriptor structs ----------===//
//
// struct allocsite_site and struct allocsite_frame (include/allocsite/abi.h) as the pass emits
// them. Written by hand, field for field: test/unit/pass checks every offset and the size
// against offsetof/sizeof of the C structs.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_SITELAYOUT_H
#define ALLOCSITE_PASS_SITELAYOUT_H

#include "llvm/IR/DerivedTypes.h"

namespace allocsite {

// struct allocsite_site { u32 id; u8 kind; u8 flags; u8 inline_depth; u8 charged_frame;
//                         u32 line; u32 column;
//                         const char *file; const char *function; const frame *inlined_at; }
inline llvm::StructType *siteType(llvm::LLVMContext &Ctx, llvm::PointerType *PtrTy) {
  llvm::Type *I8 = llvm::Type::getInt8Ty(Ctx), *I32 = llvm::Type::getInt32Ty(Ctx);
  return llvm::StructType::get(Ctx, {I32, I8, I8, I8, I8, I32, I32, PtrTy, PtrTy, PtrTy});
}

// struct allocsite_frame { const char *file; const char *function; u32 line; u32 column; }
inline llvm::StructType *frameType(llvm::LLVMContext &Ctx, llvm::PointerType *PtrTy) {
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  return llvm::StructType::get(Ctx, {PtrTy, PtrTy, I32, I32});
}

} // namespace allocsite

#endif // ALLOCSITE_PASS_SITELAYOUT_H
