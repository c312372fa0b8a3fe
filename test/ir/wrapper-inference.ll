; Allocation wrappers found from their code (issue #13), as the early pass (allocsite-wrappers)
; sees them before optimisation (locals in allocas): every pointer returned is fresh memory that
; goes nowhere else. Recorded in !allocsite.wrappers: xmalloc (malloc checked for NULL), xdup (a
; wrapper of xmalloc, filled with memcpy), xext (a function of another file, filled), xrealloc,
; and xrealloc_o0 (jq's jv_mem_realloc at -O0: `p = realloc(p, n)` reuses the parameter's slot).
; Not wrappers: plain (`return malloc(n)`, nothing checked: its own line is shown), pooled (kept in a
; global too), passed (handed to another function), other (returns a parameter), find (strchr's
; result, checked: a C library function that allocates nothing), and ignored (named in
; -allocsite-not-wrappers).
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite-wrappers -allocsite-not-wrappers=ignored -S %s | FileCheck %s
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite-wrappers -allocsite-infer-wrappers=0 -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@pool = global ptr null

; CHECK: !allocsite.wrappers = !{[[A:![0-9]+]], [[B:![0-9]+]], [[C:![0-9]+]], [[D:![0-9]+]], [[E:![0-9]+]]}
; CHECK-DAG: [[A]] = !{!"xmalloc", !"", !""}
; CHECK-DAG: [[B]] = !{!"xdup", !"", !""}
; CHECK-DAG: [[C]] = !{!"xext", !"", !""}
; CHECK-DAG: [[D]] = !{!"xrealloc", !"", !""}
; CHECK-DAG: [[E]] = !{!"xrealloc_o0", !"", !""}
; OFF: !allocsite.wrappers = !{}

define ptr @xmalloc(i64 %n) {
entry:
  %n.addr = alloca i64
  %p = alloca ptr
  store i64 %n, ptr %n.addr
  %0 = load i64, ptr %n.addr
  %call = call ptr @malloc(i64 %0)
  store ptr %call, ptr %p
  %1 = load ptr, ptr %p
  %tobool = icmp ne ptr %1, null
  br i1 %tobool, label %ok, label %fail
fail:
  call void @abort()
  unreachable
ok:
  %2 = load ptr, ptr %p
  ret ptr %2
}

define ptr @ignored(i64 %n) {
  %call = call ptr @malloc(i64 %n)
  %c = icmp eq ptr %call, null
  ret ptr %call
}

define ptr @xdup(ptr %s, i64 %n) {
  %p = call ptr @xmalloc(i64 %n)
  call void @llvm.memcpy.p0.p0.i64(ptr %p, ptr %s, i64 %n, i1 false)
  ret ptr %p
}

define ptr @xext(i64 %n) {
  %p = call ptr @external_alloc(i64 %n)
  store i8 0, ptr %p
  ret ptr %p
}

define ptr @xrealloc(ptr %old, i64 %n) {
  %p = call ptr @realloc(ptr %old, i64 %n)
  %c = icmp eq ptr %p, null
  br i1 %c, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  ret ptr %p
}

define ptr @xrealloc_o0(ptr %p, i64 %n) {
entry:
  %p.addr = alloca ptr
  %n.addr = alloca i64
  store ptr %p, ptr %p.addr
  store i64 %n, ptr %n.addr
  %0 = load ptr, ptr %p.addr
  %1 = load i64, ptr %n.addr
  %call = call ptr @realloc(ptr %0, i64 %1)
  store ptr %call, ptr %p.addr
  %2 = load ptr, ptr %p.addr
  %tobool = icmp ne ptr %2, null
  br i1 %tobool, label %ok, label %fail
fail:
  call void @abort()
  unreachable
ok:
  %3 = load ptr, ptr %p.addr
  ret ptr %3
}

define ptr @plain(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

define ptr @pooled(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %c = icmp eq ptr %p, null
  store ptr %p, ptr @pool
  ret ptr %p
}

define ptr @passed(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %c = icmp eq ptr %p, null
  call void @register(ptr %p)
  ret ptr %p
}

define ptr @find(ptr %s) {
  %p = call ptr @strchr(ptr %s, i32 44)
  %c = icmp eq ptr %p, null
  br i1 %c, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  ret ptr %p
}

define ptr @other(ptr %q) {
  %c = icmp eq ptr %q, null
  ret ptr %q
}

declare ptr @malloc(i64)
declare ptr @realloc(ptr, i64)
declare ptr @external_alloc(i64)
declare ptr @strchr(ptr, i32)
declare void @register(ptr)
declare void @abort() noreturn
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
