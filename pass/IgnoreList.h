//===- IgnoreList.h - AllocSite's ignore list (-allocsite-ignorelist=FILE) -===//
//
// One file in the style of clang's -fsanitize-ignorelist= (llvm::SpecialCaseList), instead of a
// comma-separated option per question. Sections say what an entry means:
//
//   [wrappers]        allocation wrappers: charged to their callers    (-allocsite-wrappers)
//   fun:xmalloc
//   fun:xstr*
//   [not-wrappers]    never taken for wrappers found from their code   (-allocsite-not-wrappers)
//   fun:pool_get
//   [skip]            not instrumented at all                          (-allocsite-skip)
//   fun:hot_loop
//   src:*/generated/*
//   [system]          library code, besides /usr/include/ & co.        (-allocsite-system-prefixes)
//   src:/opt/vendor/*
//   [user]            the user's own code: any other file is library   (-allocsite-user-prefixes)
//   src:/home/me/project/*
//
// `fun:` matches IR (linkage) names and source names; `src:` matches the file's absolute path.
// The old options keep working, and both apply.
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_IGNORELIST_H
#define ALLOCSITE_PASS_IGNORELIST_H

#include "llvm/ADT/StringRef.h"

namespace llvm {
class LLVMContext;
} // namespace llvm

namespace allocsite {

enum class IgnoreSection { Wrappers, NotWrappers, Skip, System, User };

// Loads -allocsite-ignorelist once per process; a file that cannot be read or parsed is an error
// on Ctx. Call before the queries below (they answer false without a list).
void loadIgnoreList(llvm::LLVMContext &Ctx);

// Is the function (any of its names) listed with `fun:` in the section?
bool ignoreListHasFunction(IgnoreSection Section, llvm::StringRef Name);
// Is the file listed with `src:` in the section?
bool ignoreListHasSource(IgnoreSection Section, llvm::StringRef Path);
// Does the list have a `src:` entry in [user] (then every other file is library code)?
bool ignoreListHasUserSources();

} // namespace allocsite

#endif // ALLOCSITE_PASS_IGNORELIST_H
