// Old C calling an unprototyped `malloc()` is still a malloc call when it passes a size_t. With
// typed pointers (LLVM 14) the call goes through a bitcast of the callee, to a function returning
// struct S*: the entry point is called through the same kind of cast.
// RUN: %clang -O0 -w -std=gnu17 -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s

typedef __SIZE_TYPE__ size_t;
struct S { int a[4]; };
struct S *malloc();
void sink(void *);

// CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 [[@LINE+3]], i32 28,
// CHECK-LABEL: define {{.*}}@work(
// CHECK: call {{.*}}@__allocsite_malloc{{.*}}(i64 noundef %{{.*}}, {{.*}}@allocsite.site
void work(size_t n) { sink(malloc(n)); }
