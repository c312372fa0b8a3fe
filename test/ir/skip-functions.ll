; The runtime (__allocsite_*), the pass's own functions (allocsite.*), naked functions, functions
; with disable_sanitizer_instrumentation and those named in -allocsite-skip are not instrumented.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s
; Options of a plugin are only known once it is loaded, hence -load as well (opt 14 loads
; -load-pass-plugin libraries after parsing the command line).
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-skip=user_b,user_a -S %s 2>/dev/null | FileCheck %s --check-prefix=SKIP

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define ptr @__allocsite_malloc(
; CHECK-NEXT: call ptr @malloc(i64 %n)
define ptr @__allocsite_malloc(i64 %n, ptr %site) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define void @allocsite.helper(
; CHECK-NEXT: call void @free(ptr %p)
define void @allocsite.helper(ptr %p) {
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @opted_out(
; CHECK-NEXT: call void @free(ptr %p)
define void @opted_out(ptr %p) disable_sanitizer_instrumentation {
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @naked(
; CHECK-NEXT: call void @free(ptr null)
define void @naked() naked {
  call void @free(ptr null)
  unreachable
}

; CHECK-LABEL: define void @user_a(
; CHECK-NEXT: call void @__allocsite_free(ptr %p,
; SKIP-LABEL: define void @user_a(
; SKIP-NEXT: call void @free(ptr %p)
define void @user_a(ptr %p) {
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @user_c(
; CHECK-NEXT: call void @__allocsite_free(ptr %p,
; SKIP-LABEL: define void @user_c(
; SKIP-NEXT: call void @__allocsite_free(ptr %p,
define void @user_c(ptr %p) {
  call void @free(ptr %p)
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)
