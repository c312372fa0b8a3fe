//===- PassOptions.h - AllocSite's options from the environment -----------===//
//
// Issue #13: `-mllvm -allocsite-*` only reaches a plugin's options when the plugin is loaded
// before clang parses -mllvm (clang 14 loads -fpass-plugin too late: "Unknown command line
// argument"), and `-Xclang -load` in CFLAGS breaks libtool's link. So the pass also reads its
// options from ALLOCSITE_PASS_OPTIONS, white-space separated, spelled as on the command line:
//   ALLOCSITE_PASS_OPTIONS='-allocsite-wrappers=xmalloc -allocsite-ignorelist=/p/ignore.txt'
// The allocsite-clang wrappers move every `-mllvm -allocsite-*` into it, so both spellings work
// through them and through any build system (CC=allocsite-clang ./configure && make).
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_PASSOPTIONS_H
#define ALLOCSITE_PASS_PASSOPTIONS_H

namespace allocsite {

// The environment variable read by applyEnvironmentOptions.
extern const char PassOptionsVariable[];

// Applies ALLOCSITE_PASS_OPTIONS to the pass's cl::opt options, once per process. An option that
// is not AllocSite's, or a bad value, is one line on stderr and is ignored.
void applyEnvironmentOptions();

} // namespace allocsite

#endif // ALLOCSITE_PASS_PASSOPTIONS_H
