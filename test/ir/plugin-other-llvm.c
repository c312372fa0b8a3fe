// The plugin loaded into the clang or opt of another LLVM stops the compile with one line naming
// both versions (it used to die with "symbol lookup error").
// REQUIRES: other-llvm
// RUN: not %other_clang -fpass-plugin=%allocsite_plugin -O1 -c %s -o %t.o > %t.clang 2>&1
// RUN: FileCheck %s -DOURS=%llvm_version_major -DOTHER=%other_llvm_major --check-prefix=CLANG < %t.clang
// RUN: count 1 < %t.clang
// RUN: %other_clang -O1 -emit-llvm -S %s -o %t.ll
// RUN: not %other_opt -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %t.ll -o /dev/null > %t.opt 2>&1
// RUN: FileCheck %s -DOURS=%llvm_version_major -DOTHER=%other_llvm_major --check-prefix=OPT < %t.opt
// RUN: count 1 < %t.opt
#include <stdlib.h>

// CLANG: allocsite: {{.*}}/libAllocSite.so is built for LLVM [[OURS]] but {{.*}}/llvm-[[OTHER]]/bin/clang is LLVM [[OTHER]]; use clang-[[OURS]], or build AllocSite with LLVM [[OTHER]] (LLVM_VERSION=[[OTHER]] scripts/test)
// OPT: allocsite: {{.*}}/libAllocSite.so is built for LLVM [[OURS]] but {{.*}}/llvm-[[OTHER]]/bin/opt is LLVM [[OTHER]]; use clang-[[OURS]], or build AllocSite with LLVM [[OTHER]] (LLVM_VERSION=[[OTHER]] scripts/test)
void *f(void) { return malloc(4); }
