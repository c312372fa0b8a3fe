// clang -fpass-plugin runs the pass at the end of the optimisation pipeline at every level,
// optnone -O0 included, and in the pre-link step of -flto and -flto=thin, so a site is named
// whatever the build flags.
// RUN: %clang -O0 -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O2 -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O0 -flto -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O2 -flto=thin -fpass-plugin=%allocsite_plugin -gline-tables-only -S -emit-llvm %s -o - | FileCheck %s

typedef __SIZE_TYPE__ size_t;
void *malloc(size_t);
void free(void *);
void sink(void *);

// CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 [[@LINE+6]], i32 13, {{.*}} section "allocsite_sites"
// CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 14, i8 0, i8 0, i8 0, i32 [[@LINE+8]], i32 3, {{.*}} section "allocsite_sites"
// CHECK-LABEL: define {{.*}}@work(
// CHECK: call {{.*}}@__allocsite_malloc(i64 {{.*}}@allocsite.site
// CHECK: call {{.*}}@__allocsite_free({{.*}}@allocsite.site
void work(size_t n) {
  void *p = malloc(n);
  sink(p);
  sink(p);
  free(p);
}
// CHECK: define {{.*}}@allocsite.module_ctor()
