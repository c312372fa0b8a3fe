// SPEC §3 on a real std::vector<int>::push_back. At -O0 push_back is an out-of-line call into
// the STL (a system header): the user's call sets the attribution context to a kind 18
// descriptor on the push_back line, and operator new's site inside the STL is LIBRARY (flags 1).
// At -O2 push_back is inlined: operator new's site is charged to its outermost frame, the
// push_back line, and the inlined STL code's own call out of line sets a context charged there too.
// RUN: %clangxx -O0 -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0
// RUN: %clangxx -O2 -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O2

#include <vector>

// Descriptor fields: { id, kind, flags, inline_depth, charged_frame, line, column, file, ... };
// C++ names add flag 4 (ALLOCSITE_SITE_READABLE_NAMES) to every site here.
// O0: [[ALLOCATOR:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}/bits/new_allocator.h\00"
// O0: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 12, i8 5, i8 0, i8 0, i32 {{[0-9]+}}, i32 {{[0-9]+}}, {{.*}}[[ALLOCATOR]]
// O0: [[PUSH_BACK:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 4, i8 0, i8 0, i32 [[#@LINE+15]], i32 5,
// O0-LABEL: define {{.*}}@_Z3addRSt6vectorIiSaIiEEi(
// O0: store {{.*}}[[PUSH_BACK]]{{[ ,]}}{{.*}}@__allocsite_context
// O0-NEXT: call void @_ZNSt6vectorIiSaIiEE9push_backERKi(
// O0-NEXT: store {{.*}}@__allocsite_context

// O2: @allocsite.frames{{[.0-9]*}} = {{.*}} i32 [[#@LINE+9]], i32 5 }]
// O2-NEXT: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 12, i8 4, i8 [[DEPTH:[1-9]]], i8 [[DEPTH]],
// O2: [[CALL:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 4, i8 [[CALL_DEPTH:[1-9]]], i8 [[CALL_DEPTH]],
// O2-LABEL: define {{.*}}@_Z3addRSt6vectorIiSaIiEEi(
// O2: store {{.*}}[[CALL]]{{[ ,]}}{{.*}}@__allocsite_context
// O2-NEXT: call void @
// O2-NEXT: store {{.*}}@__allocsite_context

void add(std::vector<int> &v, int x) {
  v.push_back(x);
}
