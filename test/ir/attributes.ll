; The rewritten call keeps what still holds for the entry point: return and parameter attributes,
; nounwind/cold, the calling convention and tail-call marker (musttail becomes tail: the extra
; site argument breaks the identical-prototype rule, and the site is a global, not an alloca).
; Attributes describing libc's function itself (builtin, allocsize, memory effects) are dropped:
; the entry point also writes the descriptor and is not a known library call.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define ptr @attrs(
; CHECK-NEXT: call noalias noundef nonnull ptr @__allocsite_malloc(i64 noundef %n, ptr @allocsite.site{{[.0-9]*}}) [[ATTRS:#[0-9]+]]
; CHECK-NEXT: tail call void @__allocsite_free(ptr noundef %q, ptr @allocsite.site{{[.0-9]*}}) [[NOUNWIND:#[0-9]+]]
; CHECK-NEXT: notail call void @__allocsite_free(ptr %q, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NOT: #
define ptr @attrs(i64 %n, ptr %q) {
  %p = call noalias noundef nonnull ptr @malloc(i64 noundef %n) #0
  tail call void @free(ptr noundef %q) #1
  notail call void @free(ptr %q)
  ret ptr %p
}

; CHECK-LABEL: define ptr @forward(
; CHECK-NEXT: [[P:%[a-z0-9]+]] = tail call ptr @__allocsite_malloc(i64 %n, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: ret ptr [[P]]
define ptr @forward(i64 %n) {
  %p = musttail call ptr @malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @fastcc_new(
; CHECK-NEXT: call fastcc ptr @__allocsite_new(i64 8, ptr @allocsite.site{{[.0-9]*}})
define ptr @fastcc_new() {
  %p = call fastcc ptr @_Znwm(i64 8)
  ret ptr %p
}

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @_Znwm(i64)

; CHECK-DAG: attributes [[ATTRS]] = { cold nounwind }
; CHECK-DAG: attributes [[NOUNWIND]] = { nounwind }
attributes #0 = { builtin cold nounwind allocsize(0) inaccessiblememonly }
attributes #1 = { nounwind inaccessiblemem_or_argmemonly }
