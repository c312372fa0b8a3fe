//===- PassOptions.cpp - AllocSite's options from the environment ---------===//
//
// See PassOptions.h. Each `-allocsite-NAME[=VALUE]` is handed to the registered cl::opt of that
// name as one more occurrence, split at commas for CommaSeparated lists, as the command-line
// parser would.
//
//===----------------------------------------------------------------------===//
#include "PassOptions.h"

#include "Compat.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace llvm;

namespace allocsite {

const char PassOptionsVariable[] = "ALLOCSITE_PASS_OPTIONS";

void applyEnvironmentOptions() {
  static bool Applied = false;
  if (Applied)
    return;
  Applied = true;
  const char *Env = std::getenv(PassOptionsVariable);
  if (!Env)
    return;
  SmallVector<StringRef, 8> Args;
  StringRef(Env).split(Args, ' ', -1, /*KeepEmpty=*/false);
  // A StringMap up to LLVM 21, a DenseMap<StringRef, Option *> from 22: both find by name.
  auto &Registered = cl::getRegisteredOptions();
  for (StringRef Arg : Args) {
    Arg = Arg.trim();
    if (Arg.empty())
      continue;
    StringRef Name = Arg.ltrim('-'), Value;
    std::tie(Name, Value) = Name.split('=');
    auto It = Registered.find(Name);
    if (!compat::startsWith(Name, "allocsite-") || It == Registered.end()) {
      errs() << "allocsite: " << PassOptionsVariable << ": unknown option '" << Arg
             << "' (AllocSite's options start with -allocsite-)\n";
      continue;
    }
    cl::Option *Opt = It->second;
    SmallVector<StringRef, 4> Values;
    if (Opt->getMiscFlags() & cl::CommaSeparated)
      Value.split(Values, ',', -1, /*KeepEmpty=*/false);
    else
      Values.push_back(Value);
    for (StringRef V : Values)
      if (Opt->addOccurrence(/*pos=*/0, Name, V))
        errs() << "allocsite: " << PassOptionsVariable << ": ignored '" << Arg << "'\n";
  }
}

} // namespace allocsite
