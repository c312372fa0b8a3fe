// runtime/demangle.h - a minimal, allocation-free Itanium demangler for report names.
//
// __cxa_demangle mallocs, so the report cannot use it. Site descriptors carry linkage names; this
// turns the common ones into something readable and leaves everything else mangled.
#ifndef ALLOCSITE_RUNTIME_DEMANGLE_H
#define ALLOCSITE_RUNTIME_DEMANGLE_H

#include "common.h"

namespace allocsite {

// Writes the qualified name of the function `mangled` names, without parameters, into
// out[0..cap): _Z4funcv -> "func", _ZN3foo3barEv -> "foo::bar", _ZN3FooC2Ev -> "Foo::Foo",
// _ZN3FooIiE3getEv -> "Foo<...>::get" (template arguments are elided). Returns false, leaving out
// unspecified, when `mangled` is not an Itanium name or uses what this demangler does not handle
// (operators, local entities, substitutions in the name); callers then print `mangled` as it is.
bool demangle(const char *mangled, char *out, size_t cap);

} // namespace allocsite

#endif
