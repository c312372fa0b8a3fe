; posix_memalign, aligned_alloc, memalign, valloc and pvalloc keep all their arguments;
; posix_memalign keeps its int result.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[POSIX:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 5, i8 0, i8 0, i8 0,
; Flags 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE): each function returns the memory it allocates.
; CHECK: [[ALIGNED:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 6, i8 8, i8 0, i8 0,
; CHECK: [[MEMALIGN:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 7, i8 8, i8 0, i8 0,
; CHECK: [[VALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 8, i8 8, i8 0, i8 0,
; CHECK: [[PVALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 9, i8 8, i8 0, i8 0,

; CHECK-LABEL: define i32 @use_posix_memalign(
; CHECK-NEXT: [[R:%[a-z0-9]+]] = call i32 @__allocsite_posix_memalign(ptr %out, i64 64, i64 %n, ptr [[POSIX]])
; CHECK-NEXT: ret i32 [[R]]
define i32 @use_posix_memalign(ptr %out, i64 %n) {
  %r = call i32 @posix_memalign(ptr %out, i64 64, i64 %n)
  ret i32 %r
}

; CHECK-LABEL: define ptr @use_aligned_alloc(
; CHECK-NEXT: call ptr @__allocsite_aligned_alloc(i64 32, i64 %n, ptr [[ALIGNED]])
define ptr @use_aligned_alloc(i64 %n) {
  %p = call ptr @aligned_alloc(i64 32, i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_memalign(
; CHECK-NEXT: call ptr @__allocsite_memalign(i64 16, i64 %n, ptr [[MEMALIGN]])
define ptr @use_memalign(i64 %n) {
  %p = call ptr @memalign(i64 16, i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_valloc(
; CHECK-NEXT: call ptr @__allocsite_valloc(i64 %n, ptr [[VALLOC]])
define ptr @use_valloc(i64 %n) {
  %p = call ptr @valloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_pvalloc(
; CHECK-NEXT: call ptr @__allocsite_pvalloc(i64 %n, ptr [[PVALLOC]])
define ptr @use_pvalloc(i64 %n) {
  %p = call ptr @pvalloc(i64 %n)
  ret ptr %p
}

; CHECK-DAG: declare i32 @__allocsite_posix_memalign(ptr, i64, i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_aligned_alloc(i64, i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_memalign(i64, i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_valloc(i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_pvalloc(i64, ptr)

declare i32 @posix_memalign(ptr, i64, i64)
declare ptr @aligned_alloc(i64, i64)
declare ptr @memalign(i64, i64)
declare ptr @valloc(i64)
declare ptr @pvalloc(i64)
