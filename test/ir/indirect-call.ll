; Indirect calls are left alone, even when they may reach malloc: the runtime sees them as
; dynamic sites. So are calls whose type is not the allocator's prototype, and a local function
; that merely shares a libc name. Calls to unknown or external code set the attribution context
; (kind 18 descriptors), the local function is user code and does not.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@alloc_fn = global ptr @malloc

; through_pointer returns what the indirect call returned: flag 8 (WRAPPER_CANDIDATE).
; CHECK: = private global {{.*}} { i32 0, i8 18, i8 8, i8 0, i8 0,
; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0,
; CHECK-NOT: = private global {{.*}} { i32 0, i8

; CHECK-LABEL: define ptr @through_pointer(
; CHECK-NEXT: [[F:%[a-z0-9]+]] = load ptr, ptr @alloc_fn
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call ptr [[F]](i64 %n)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
define ptr @through_pointer(i64 %n) {
  %f = load ptr, ptr @alloc_fn
  %p = call ptr %f(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define void @wrong_prototype(
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @free(ptr %p, i32 1)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: [[SAVED:%allocsite\.saved[0-9]+]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call i32 @malloc(i64 8)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
define void @wrong_prototype(ptr %p) {
  call void @free(ptr %p, i32 1)
  %q = call i32 @malloc(i64 8)
  ret void
}

; CHECK-LABEL: define void @local_namesake(
; CHECK-NEXT: call ptr @strdup(ptr %s)
define void @local_namesake(ptr %s) {
  %p = call ptr @strdup(ptr %s)
  ret void
}

define internal ptr @strdup(ptr %s) {
  ret ptr %s
}

; No entry point is declared (the module constructor's registration functions are).
; CHECK-NOT: @__allocsite_{{(malloc|free|strdup)}}
declare ptr @malloc(i64)
declare void @free(ptr)
