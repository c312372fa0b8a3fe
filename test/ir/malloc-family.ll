; malloc, calloc, realloc, reallocarray and free become their __allocsite_* entry points: the
; original arguments, then the address of a descriptor whose kind names the API.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Descriptors, in call order: { id = 0, kind, inline_depth, line, column, file, function, frames }.
; Flags 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE): each function returns the memory it allocates.
; CHECK: [[MALLOC:@allocsite\.site[.0-9]*]] = private global { i32, i8, i8, i8, i8, i32, i32, ptr, ptr, ptr } { i32 0, i8 1, i8 8, i8 0, i8 0, i32 0, i32 0, ptr {{@allocsite\.str[.0-9]*}}, ptr {{@allocsite\.str[.0-9]*}}, ptr null }, section "allocsite_sites", align 8
; CHECK: [[CALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 2, i8 8, i8 0, i8 0,
; CHECK: [[REALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 3, i8 8, i8 0, i8 0,
; CHECK: [[REALLOCARRAY:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 4, i8 8, i8 0, i8 0,
; CHECK: [[FREE:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 14, i8 0, i8 0, i8 0,

; CHECK-LABEL: define ptr @use_malloc(
; CHECK-NEXT: [[P:%[a-z0-9]+]] = call noalias ptr @__allocsite_malloc(i64 %n, ptr [[MALLOC]])
; CHECK-NEXT: ret ptr [[P]]
define ptr @use_malloc(i64 %n) {
  %p = call noalias ptr @malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_calloc(
; CHECK-NEXT: call noalias ptr @__allocsite_calloc(i64 %c, i64 %n, ptr [[CALLOC]])
define ptr @use_calloc(i64 %c, i64 %n) {
  %p = call noalias ptr @calloc(i64 %c, i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_realloc(
; CHECK-NEXT: call ptr @__allocsite_realloc(ptr %q, i64 %n, ptr [[REALLOC]])
define ptr @use_realloc(ptr %q, i64 %n) {
  %p = call ptr @realloc(ptr %q, i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_reallocarray(
; CHECK-NEXT: call ptr @__allocsite_reallocarray(ptr %q, i64 %c, i64 %n, ptr [[REALLOCARRAY]])
define ptr @use_reallocarray(ptr %q, i64 %c, i64 %n) {
  %p = call ptr @reallocarray(ptr %q, i64 %c, i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define void @use_free(
; CHECK-NEXT: call void @__allocsite_free(ptr %q, ptr [[FREE]])
; CHECK-NOT: call void @free(
define void @use_free(ptr %q) {
  call void @free(ptr %q)
  ret void
}

; The entry points are declared with abi.h's prototypes.
; CHECK-DAG: declare ptr @__allocsite_malloc(i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_calloc(i64, i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_realloc(ptr, i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_reallocarray(ptr, i64, i64, ptr)
; CHECK-DAG: declare void @__allocsite_free(ptr, ptr)

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @realloc(ptr, i64)
declare ptr @reallocarray(ptr, i64, i64)
declare void @free(ptr)
