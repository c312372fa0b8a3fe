//===- WrapperInference.h - allocation wrappers found from their code -----===//
//
// Issue #13: a function is an allocation wrapper without any annotation when every pointer it
// returns is fresh memory (or null) and that memory goes nowhere else. Fresh memory is the result
// of an allocation call (malloc & co., operator new, realloc) that the function checks for
// failure (compares with null: xmalloc, jq's jv_mem_alloc; a plain `return malloc(n)` helper keeps
// its own line, as before), or, checked or filled (xstrdup's memcpy), of a known wrapper of this
// module, of a function declared `__attribute__((malloc))` / `alloc_size`, or of a function defined
// in another translation unit (which may be a wrapper there: wrappers of wrappers across files).
// The memory may be written through, compared, passed to memcpy/memset or free, and kept in locals;
// stored anywhere else (a pool, a cache, a list) or passed to another function, the function is
// not a wrapper. (Free wrappers need nothing: a free is charged to the block's own site.)
//
//===----------------------------------------------------------------------===//
#ifndef ALLOCSITE_PASS_WRAPPERINFERENCE_H
#define ALLOCSITE_PASS_WRAPPERINFERENCE_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace allocsite {

// Adds to Wrappers the module's functions that are wrappers by their code, given the ones it
// already holds, until nothing changes. Functions for which Excluded is true are never added.
// Returns the number added.
unsigned inferWrappers(const llvm::Module &M,
                       llvm::SmallPtrSetImpl<const llvm::Function *> &Wrappers,
                       llvm::function_ref<bool(const llvm::Function &)> Excluded);

// Adds to Candidates the module's functions, wrappers excepted, that return only fresh memory or
// null by the looser rule of a hint (ALLOCSITE_SITE_WRAPPER_CANDIDATE in abi.h): nothing is asked
// of where else the memory goes or whether it is checked, what an indirect call returns counts as
// fresh (an allocator callback's), and so does what a candidate returns. Returns the number added.
unsigned findWrapperCandidates(const llvm::Module &M,
                               const llvm::SmallPtrSetImpl<const llvm::Function *> &Wrappers,
                               llvm::SmallPtrSetImpl<const llvm::Function *> &Candidates);

} // namespace allocsite

#endif // ALLOCSITE_PASS_WRAPPERINFERENCE_H
