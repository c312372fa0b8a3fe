; strdup and strndup are allocations too: they become __allocsite_strdup / __allocsite_strndup.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Flags 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE): each function returns the memory it allocates.
; CHECK: [[STRDUP:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 10, i8 8, i8 0, i8 0,
; CHECK: [[STRNDUP:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 11, i8 8, i8 0, i8 0,

; CHECK-LABEL: define ptr @use_strdup(
; CHECK-NEXT: call noalias ptr @__allocsite_strdup(ptr %s, ptr [[STRDUP]])
define ptr @use_strdup(ptr %s) {
  %p = call noalias ptr @strdup(ptr %s)
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_strndup(
; CHECK-NEXT: call noalias ptr @__allocsite_strndup(ptr %s, i64 %n, ptr [[STRNDUP]])
define ptr @use_strndup(ptr %s, i64 %n) {
  %p = call noalias ptr @strndup(ptr %s, i64 %n)
  ret ptr %p
}

; CHECK-DAG: declare ptr @__allocsite_strdup(ptr, ptr)
; CHECK-DAG: declare ptr @__allocsite_strndup(ptr, i64, ptr)

declare ptr @strdup(ptr)
declare ptr @strndup(ptr, i64)
