; On a target with a 32-bit size_t, operator new/delete are mangled with `j` and sizes are i32; the
; descriptor keeps the C struct's 4-byte alignment so the section stays an array of sites.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-p:32:32-p270:32:32-p271:32:32-p272:64:64-f64:32:64-f80:32-n8:16:32-S128"
target triple = "i386-unknown-linux-gnu"

; CHECK: [[NEW:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 13, i8 0, i8 0, i8 0, {{.*}}, section "allocsite_sites", align 4
; CHECK: [[DEL:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 15, i8 0, i8 0, i8 0, {{.*}}, section "allocsite_sites", align 4
; CHECK: [[MALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, {{.*}}, section "allocsite_sites", align 4

; CHECK-LABEL: define void @f(
; CHECK-NEXT: [[P:%[a-z0-9]+]] = call ptr @__allocsite_new_aligned(i32 %n, i32 16, ptr [[NEW]])
; CHECK-NEXT: call void @__allocsite_delete(ptr [[P]], ptr [[DEL]])
; CHECK-NEXT: call ptr @__allocsite_malloc(i32 %n, ptr [[MALLOC]])
define void @f(i32 %n) {
  %p = call ptr @_ZnajSt11align_val_t(i32 %n, i32 16)
  call void @_ZdlPvjSt11align_val_t(ptr %p, i32 %n, i32 16)
  %q = call ptr @malloc(i32 %n)
  ret void
}

; A 64-bit size on this target is not the allocator's prototype: not rewritten, only wrapped in
; the attribution context like any call into library code.
; CHECK-LABEL: define void @wrong_width(
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context, align 4
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context, align 4
; CHECK-NEXT: call ptr @_Znwm(i64 8)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context, align 4
define void @wrong_width() {
  %p = call ptr @_Znwm(i64 8)
  ret void
}

declare ptr @_ZnajSt11align_val_t(i32, i32)
declare void @_ZdlPvjSt11align_val_t(ptr, i32, i32)
declare ptr @malloc(i32)
declare ptr @_Znwm(i64)
