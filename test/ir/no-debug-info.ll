; Without debug info the pass still instruments, names each site by its function and the
; module's source file, and warns once per module, however many calls it rewrote.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WARN
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

; WARN: warning: allocsite: plain.c: no debug info; sites are named by function only (compile with -g or -gline-tables-only for line numbers)
; WARN-NOT: allocsite:

source_filename = "plain.c"
target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[FILE:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [8 x i8] c"plain.c\00"
; CHECK: [[FN:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"work\00"
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 0, i32 0, ptr [[FILE]], ptr [[FN]], ptr null }
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 14, i8 0, i8 0, i8 0, i32 0, i32 0, ptr [[FILE]], ptr [[FN]], ptr null }

; CHECK-LABEL: define void @work(
; CHECK-NEXT: [[P:%[a-z0-9]+]] = call ptr @__allocsite_malloc(i64 %n, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_free(ptr [[P]], ptr @allocsite.site{{[.0-9]*}})
define void @work(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)
