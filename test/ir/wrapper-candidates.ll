; Wrapper candidates (issue #13, the report's hint): functions that return only fresh memory or
; null but are no allocation wrappers. The early pass records them in
; !allocsite.wrapper_candidates; the main pass flags 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE) every
; descriptor charged to one: allocation sites and calls into library code alike.
; Candidates: cb_alloc (an allocator callback: realloc unchecked, address taken), mem_new (returns
; what an indirect call returned, checked), outer_new (returns what the candidate mem_new
; returned) and pooled (keeps the block in a global too). Not: xmalloc (a wrapper: its site is
; LIBRARY), other (returns its parameter), cached (returns what a global holds), fill (returns
; nothing) and main.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite-wrappers -S %s | FileCheck %s --check-prefix=EARLY
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite-wrappers,allocsite -S %s 2>/dev/null | FileCheck %s
; The main pass alone finds them too (opt -passes=allocsite).
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@hook = global ptr @cb_alloc
@pool = global ptr null

; EARLY: !allocsite.wrappers = !{[[X:![0-9]+]]}
; EARLY-NEXT: !allocsite.wrapper_candidates = !{[[A:![0-9]+]], [[B:![0-9]+]], [[C:![0-9]+]], [[D:![0-9]+]]}
; EARLY-DAG: [[X]] = !{!"xmalloc", !"", !""}
; EARLY-DAG: [[A]] = !{!"cb_alloc", !"", !""}
; EARLY-DAG: [[B]] = !{!"mem_new", !"", !""}
; EARLY-DAG: [[C]] = !{!"outer_new", !"", !""}
; EARLY-DAG: [[D]] = !{!"pooled", !"", !""}

; Descriptor fields: { id, kind, flags, inline_depth, charged_frame, ... }
; CHECK-DAG: [[CB:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 3, i8 8,
; CHECK-DAG: [[X:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 1,
; CHECK-DAG: [[POOLED:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 8,
; CHECK-DAG: [[FILL:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 0,
; CHECK-DAG: [[MAIN:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 0,
; Calls into library code (kind 18): the indirect one in mem_new is flagged, abort's there too
; (mem_new is where the memory is charged); the call to xmalloc in fill is not.
; CHECK-DAG: [[INDIRECT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 8,
; CHECK-DAG: [[TOX:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0,

; CHECK-LABEL: define internal ptr @cb_alloc(
; CHECK: call ptr @__allocsite_realloc(ptr %p, i64 %n, ptr [[CB]])
define internal ptr @cb_alloc(ptr %ud, ptr %p, i64 %n) {
  %q = call ptr @realloc(ptr %p, i64 %n)
  ret ptr %q
}

; CHECK-LABEL: define ptr @mem_new(
; CHECK: store ptr [[INDIRECT]], ptr @__allocsite_context
; CHECK-NEXT: call ptr %f(
define ptr @mem_new(i64 %n) {
entry:
  %f = load ptr, ptr @hook
  %b = call ptr %f(ptr null, ptr null, i64 %n)
  %bad = icmp eq ptr %b, null
  br i1 %bad, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  ret ptr %b
}

define ptr @outer_new(i64 %n) {
  %b = call ptr @mem_new(i64 %n)
  ret ptr %b
}

define ptr @xmalloc(i64 %n) {
entry:
  %p = call ptr @malloc(i64 %n)
  %bad = icmp eq ptr %p, null
  br i1 %bad, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  ret ptr %p
}

; CHECK-LABEL: define ptr @pooled(
; CHECK: call ptr @__allocsite_malloc(i64 %n, ptr [[POOLED]])
define ptr @pooled(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr @pool
  ret ptr %p
}

define ptr @other(ptr %p) {
  ret ptr %p
}

define ptr @cached() {
  %p = load ptr, ptr @pool
  ret ptr %p
}

; CHECK-LABEL: define void @fill(
; CHECK: call ptr @__allocsite_malloc(i64 8, ptr [[FILL]])
; CHECK: store ptr [[TOX]], ptr @__allocsite_context
; CHECK-NEXT: call ptr @xmalloc(i64 8)
define void @fill() {
  %p = call ptr @malloc(i64 8)
  store ptr %p, ptr @pool
  %q = call ptr @xmalloc(i64 8)
  store ptr %q, ptr @pool
  ret void
}

; CHECK-LABEL: define i32 @main(
; CHECK: call ptr @__allocsite_malloc(i64 4, ptr [[MAIN]])
define i32 @main() {
  %p = call ptr @malloc(i64 4)
  store ptr %p, ptr @pool
  ret i32 0
}

declare ptr @malloc(i64)
declare ptr @realloc(ptr, i64)
declare void @abort() noreturn
