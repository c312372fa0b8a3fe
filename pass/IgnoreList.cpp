//===- IgnoreList.cpp - AllocSite's ignore list (-allocsite-ignorelist=FILE) ===//
//
// See IgnoreList.h. The list is read once per process (clang compiles one module; opt may run the
// pass on several) through llvm::SpecialCaseList, the parser of -fsanitize-ignorelist=.
//
//===----------------------------------------------------------------------===//
#include "IgnoreList.h"

#include "Compat.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SpecialCaseList.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <memory>
#include <string>
#include <vector>

using namespace llvm;

namespace allocsite {

namespace {

cl::list<std::string> IgnoreListFiles(
    "allocsite-ignorelist",
    cl::desc("Ignore list: [wrappers], [not-wrappers], [skip] with fun:NAME, [system] and [user] "
             "with src:GLOB (the syntax of -fsanitize-ignorelist=)"),
    cl::value_desc("file"));

bool Loaded = false;
std::unique_ptr<SpecialCaseList> List;
bool UserSources = false; // some `src:` entry in a [user] section

const char *sectionName(IgnoreSection S) {
  switch (S) {
  case IgnoreSection::Wrappers:
    return "wrappers";
  case IgnoreSection::NotWrappers:
    return "not-wrappers";
  case IgnoreSection::Skip:
    return "skip";
  case IgnoreSection::System:
    return "system";
  case IgnoreSection::User:
    return "user";
  }
  return "";
}

} // namespace

void loadIgnoreList(LLVMContext &Ctx) {
  if (Loaded)
    return;
  Loaded = true;
  if (IgnoreListFiles.empty())
    return;
  std::vector<std::string> Paths(IgnoreListFiles.begin(), IgnoreListFiles.end());
  std::string Error;
  List = SpecialCaseList::create(Paths, *vfs::getRealFileSystem(), Error);
  if (!List) {
    Ctx.emitError("allocsite: -allocsite-ignorelist: " + Error);
    return;
  }
  // SpecialCaseList cannot list its entries; [user] needs to know whether it has any.
  for (const std::string &Path : Paths) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getFile(Path);
    if (!Buffer)
      continue;
    bool InUser = false;
    SmallVector<StringRef, 64> Lines;
    (*Buffer)->getBuffer().split(Lines, '\n');
    for (StringRef Line : Lines) {
      Line = Line.trim();
      if (compat::startsWith(Line, "["))
        InUser = Line == "[user]";
      else if (InUser && compat::startsWith(Line, "src:"))
        UserSources = true;
    }
  }
}

bool ignoreListHasFunction(IgnoreSection Section, StringRef Name) {
  return List && !Name.empty() && List->inSection(sectionName(Section), "fun", Name);
}

bool ignoreListHasSource(IgnoreSection Section, StringRef Path) {
  return List && !Path.empty() && List->inSection(sectionName(Section), "src", Path);
}

bool ignoreListHasUserSources() { return UserSources; }

} // namespace allocsite
