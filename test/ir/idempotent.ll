; The pass is idempotent: a second run, in the same pipeline or on its own output, adds nothing.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite,allocsite -S %s 2>/dev/null | FileCheck %s
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null \
; RUN:   | opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-COUNT-2: = private global {{.*}} section "allocsite_sites"
; CHECK-NOT: section "allocsite_sites"
; CHECK: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }]
; CHECK: @llvm.global_dtors = appending global [1 x { i32, ptr, ptr }]

; CHECK-LABEL: define void @work(
; CHECK-NEXT: call ptr @__allocsite_malloc(i64 %n, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_free(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: ret void
define void @work(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  ret void
}

; CHECK-COUNT-1: define linkonce_odr hidden void @allocsite.module_ctor()
; CHECK-NOT: define {{.*}}@allocsite.module_ctor
; CHECK: !allocsite.instrumented = !{}

declare ptr @malloc(i64)
declare void @free(ptr)
