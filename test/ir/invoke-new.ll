; An invoke of operator new stays an invoke to the same normal and unwind destinations, so the
; landing pad still catches std::bad_alloc.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Flags 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE): each function returns the memory it allocates.
; CHECK: [[SITE:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 12, i8 8, i8 0, i8 0,

; CHECK-LABEL: define ptr @make(
; CHECK: [[P:%[a-z0-9]+]] = invoke noalias nonnull ptr @__allocsite_new(i64 16, ptr [[SITE]])
; CHECK-NEXT: to label %[[CONT:[a-z0-9.]+]] unwind label %[[LPAD:[a-z0-9.]+]]
; CHECK: [[CONT]]:
; CHECK-NEXT: ret ptr [[P]]
; CHECK: [[LPAD]]:
; CHECK-NEXT: landingpad
define ptr @make() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke noalias nonnull ptr @_Znwm(i64 16)
          to label %cont unwind label %lpad
cont:
  ret ptr %p
lpad:
  %lp = landingpad { ptr, i32 }
          catch ptr null
  ret ptr null
}

declare ptr @_Znwm(i64)
declare i32 @__gxx_personality_v0(...)
