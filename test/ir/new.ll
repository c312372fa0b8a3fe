; Every replaceable operator new / new[] maps to one of four entry points; the nothrow tag is
; dropped, size and alignment are kept, and the site's kind tells new (12) from new[] (13).
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%"struct.std::nothrow_t" = type { i8 }
@_ZSt7nothrow = external global %"struct.std::nothrow_t"

; Flags 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE): each function returns the memory it allocates.
; CHECK: [[NEW:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 12, i8 8, i8 0, i8 0,
; CHECK: [[NEWA:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 13, i8 8, i8 0, i8 0,
; CHECK: [[NEW_NT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 12, i8 8, i8 0, i8 0,
; CHECK: [[NEWA_NT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 13, i8 8, i8 0, i8 0,
; CHECK: [[NEW_AL:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 12, i8 8, i8 0, i8 0,
; CHECK: [[NEWA_AL:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 13, i8 8, i8 0, i8 0,
; CHECK: [[NEW_AL_NT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 12, i8 8, i8 0, i8 0,
; CHECK: [[NEWA_AL_NT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 13, i8 8, i8 0, i8 0,

; Return attributes describe the block, which the entry point returns unchanged: they stay.
; CHECK-LABEL: define ptr @new_plain(
; CHECK-NEXT: call noalias nonnull dereferenceable(8) ptr @__allocsite_new(i64 8, ptr [[NEW]])
define ptr @new_plain() {
  %p = call noalias nonnull dereferenceable(8) ptr @_Znwm(i64 8)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_array(
; CHECK-NEXT: call noalias nonnull ptr @__allocsite_new(i64 %n, ptr [[NEWA]])
define ptr @new_array(i64 %n) {
  %p = call noalias nonnull ptr @_Znam(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_nothrow(
; CHECK-NEXT: call noalias ptr @__allocsite_new_nothrow(i64 8, ptr [[NEW_NT]])
define ptr @new_nothrow() {
  %p = call noalias ptr @_ZnwmRKSt9nothrow_t(i64 8, ptr @_ZSt7nothrow)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_array_nothrow(
; CHECK-NEXT: call noalias ptr @__allocsite_new_nothrow(i64 %n, ptr [[NEWA_NT]])
define ptr @new_array_nothrow(i64 %n) {
  %p = call noalias ptr @_ZnamRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_aligned(
; CHECK-NEXT: call noalias nonnull align 64 ptr @__allocsite_new_aligned(i64 64, i64 64, ptr [[NEW_AL]])
define ptr @new_aligned() {
  %p = call noalias nonnull align 64 ptr @_ZnwmSt11align_val_t(i64 64, i64 64)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_array_aligned(
; CHECK-NEXT: call noalias nonnull ptr @__allocsite_new_aligned(i64 %n, i64 128, ptr [[NEWA_AL]])
define ptr @new_array_aligned(i64 %n) {
  %p = call noalias nonnull ptr @_ZnamSt11align_val_t(i64 %n, i64 128)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_aligned_nothrow(
; CHECK-NEXT: call noalias ptr @__allocsite_new_aligned_nothrow(i64 64, i64 64, ptr [[NEW_AL_NT]])
define ptr @new_aligned_nothrow() {
  %p = call noalias ptr @_ZnwmSt11align_val_tRKSt9nothrow_t(i64 64, i64 64, ptr @_ZSt7nothrow)
  ret ptr %p
}

; CHECK-LABEL: define ptr @new_array_aligned_nothrow(
; CHECK-NEXT: call noalias ptr @__allocsite_new_aligned_nothrow(i64 %n, i64 32, ptr [[NEWA_AL_NT]])
define ptr @new_array_aligned_nothrow(i64 %n) {
  %p = call noalias ptr @_ZnamSt11align_val_tRKSt9nothrow_t(i64 %n, i64 32, ptr @_ZSt7nothrow)
  ret ptr %p
}

; CHECK-DAG: declare ptr @__allocsite_new(i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_new_nothrow(i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_new_aligned(i64, i64, ptr)
; CHECK-DAG: declare ptr @__allocsite_new_aligned_nothrow(i64, i64, ptr)

declare ptr @_Znwm(i64)
declare ptr @_Znam(i64)
declare ptr @_ZnwmRKSt9nothrow_t(i64, ptr)
declare ptr @_ZnamRKSt9nothrow_t(i64, ptr)
declare ptr @_ZnwmSt11align_val_t(i64, i64)
declare ptr @_ZnamSt11align_val_t(i64, i64)
declare ptr @_ZnwmSt11align_val_tRKSt9nothrow_t(i64, i64, ptr)
declare ptr @_ZnamSt11align_val_tRKSt9nothrow_t(i64, i64, ptr)
