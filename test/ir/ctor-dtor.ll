; The descriptors reach the runtime through a module constructor kept once per linked object (a
; comdat of its own, like SanitizerCoverage's sancov.module_ctor) that passes the linker-defined
; bounds of the section and references the ABI version symbol, and a matching destructor.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: $allocsite.module_ctor = comdat any
; CHECK: $allocsite.module_dtor = comdat any
; CHECK: [[SITE:@allocsite\.site[.0-9]*]] = private global {{.*}} section "allocsite_sites", align 8
; Nothing but the call references a descriptor: keep it through optimisation and LTO.
; CHECK: @llvm.compiler.used = appending global [1 x ptr] [ptr [[SITE]]], section "llvm.metadata"
; CHECK: @__allocsite_abi_version_1 = external global i32
; CHECK: @__start_allocsite_sites = extern_weak hidden global { i32, i8, i8, i8, i8, i32, i32, ptr, ptr, ptr }
; CHECK: @__stop_allocsite_sites = extern_weak hidden global { i32, i8, i8, i8, i8, i32, i32, ptr, ptr, ptr }
; CHECK: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 1, ptr @allocsite.module_ctor, ptr @allocsite.module_ctor }]
; CHECK: @llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 1, ptr @allocsite.module_dtor, ptr @allocsite.module_dtor }]

define ptr @work(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; Built with LLVM's createSanitizerCtorAndInitFunctions, which declares the runtime function
; before it defines the caller.
; CHECK: declare void @__allocsite_register_sites(ptr, ptr)
; CHECK-LABEL: define linkonce_odr hidden void @allocsite.module_ctor()
; CHECK-SAME: comdat {
; CHECK-NEXT: entry:
; CHECK-NEXT: load volatile i32, ptr @__allocsite_abi_version_1
; CHECK-NEXT: call void @__allocsite_register_sites(ptr @__start_allocsite_sites, ptr @__stop_allocsite_sites)
; CHECK-NEXT: ret void

; CHECK: declare void @__allocsite_unregister_sites(ptr, ptr)
; CHECK-LABEL: define linkonce_odr hidden void @allocsite.module_dtor()
; CHECK-SAME: comdat {
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @__allocsite_unregister_sites(ptr @__start_allocsite_sites, ptr @__stop_allocsite_sites)
; CHECK-NEXT: ret void

declare ptr @malloc(i64)
