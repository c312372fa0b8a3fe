// test/unit/pass/descriptor_layout_test.cpp - the descriptors the pass emits (pass/SiteLayout.h,
// built field by field) have the layout of abi.h's C structs: every field's offset and the size,
// under this host's data layout (the one the runtime that reads them is compiled with).
#include "Compat.h"
#include "SiteLayout.h"

#include "allocsite/abi.h"

#include "llvm/IR/DataLayout.h"
#include "llvm/IR/LLVMContext.h"

#include <gtest/gtest.h>

#include <cstddef>

namespace {

// The data layout of x86-64 Linux, the host these tests run on (a C struct's offsetof is the
// host's, so only the host's layout can be compared).
constexpr char HostLayout[] =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128";

struct Layout : ::testing::Test {
  llvm::LLVMContext Ctx;
  llvm::DataLayout DL{HostLayout};
  llvm::PointerType *Ptr = allocsite::compat::voidPtrTy(Ctx);
};

TEST_F(Layout, SiteFieldsAtTheCOffsets) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "HostLayout is x86-64's";
#endif
  const llvm::StructLayout *SL = DL.getStructLayout(allocsite::siteType(Ctx, Ptr));
  const size_t Offsets[] = {offsetof(allocsite_site, id),
                            offsetof(allocsite_site, kind),
                            offsetof(allocsite_site, flags),
                            offsetof(allocsite_site, inline_depth),
                            offsetof(allocsite_site, charged_frame),
                            offsetof(allocsite_site, line),
                            offsetof(allocsite_site, column),
                            offsetof(allocsite_site, file),
                            offsetof(allocsite_site, function),
                            offsetof(allocsite_site, inlined_at)};
  ASSERT_EQ(allocsite::siteType(Ctx, Ptr)->getNumElements(), sizeof(Offsets) / sizeof(Offsets[0]));
  for (unsigned I = 0; I < sizeof(Offsets) / sizeof(Offsets[0]); ++I)
    EXPECT_EQ(SL->getElementOffset(I), Offsets[I]) << "field " << I;
  EXPECT_EQ(SL->getSizeInBytes(), sizeof(allocsite_site));
  EXPECT_EQ(DL.getABITypeAlign(allocsite::siteType(Ctx, Ptr)).value(), alignof(allocsite_site));
}

TEST_F(Layout, FrameFieldsAtTheCOffsets) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "HostLayout is x86-64's";
#endif
  const llvm::StructLayout *SL = DL.getStructLayout(allocsite::frameType(Ctx, Ptr));
  const size_t Offsets[] = {offsetof(allocsite_frame, file), offsetof(allocsite_frame, function),
                            offsetof(allocsite_frame, line), offsetof(allocsite_frame, column)};
  ASSERT_EQ(allocsite::frameType(Ctx, Ptr)->getNumElements(), sizeof(Offsets) / sizeof(Offsets[0]));
  for (unsigned I = 0; I < sizeof(Offsets) / sizeof(Offsets[0]); ++I)
    EXPECT_EQ(SL->getElementOffset(I), Offsets[I]) << "field " << I;
  EXPECT_EQ(SL->getSizeInBytes(), sizeof(allocsite_frame));
}

} // namespace
