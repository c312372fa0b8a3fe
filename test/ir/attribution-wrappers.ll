; Allocation wrappers are library code (SPEC §3): a function with a `noalias` return
; (__attribute__((malloc))), with `allocsize`, annotated "allocsite_wrapper" (ALLOCSITE_WRAPPER), or
; named in -allocsite-wrappers. Their sites are LIBRARY (flags 1), a wrapper inlined into user code
; is charged to the user's line, and a call to a wrapper sets the attribution context.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s --check-prefixes=CHECK,DEFAULT
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-wrappers=pool_get -S %s 2>&1 | FileCheck %s --check-prefixes=CHECK,LISTED
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@.str.annotation = private unnamed_addr constant [18 x i8] c"allocsite_wrapper\00", section "llvm.metadata"
@.str.file = private unnamed_addr constant [9 x i8] c"wrap.cpp\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @annotated_alloc, ptr @.str.annotation, ptr @.str.file, i32 30, ptr null }], section "llvm.metadata"

; Descriptor fields: { id, kind, flags, inline_depth, charged_frame, line, column, ... }
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 11, i32 3,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 21, i32 3,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 31, i32 3,
; pool_get, not a wrapper but returning what it allocates, has flag 8 (WRAPPER_CANDIDATE).
; DEFAULT: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 8, i8 0, i8 0, i32 41, i32 3,
; LISTED: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 41, i32 3,
; xmalloc() inlined into user code at 51:7.
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 1, i8 1, i32 11, i32 3,
; The calls from user code: into each wrapper, and (when listed) into pool_get.
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 52, i32 3,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 53, i32 3,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 54, i32 3,
; LISTED: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 55, i32 3,
; CHECK-NOT: @allocsite.site{{[.0-9]*}} = private global

; A wrapper calling into the library sets no context: it is not user code.
; CHECK-LABEL: define noalias ptr @xmalloc(
; CHECK-NOT: __allocsite_context
; CHECK: ret ptr
define noalias ptr @xmalloc(i64 %n) !dbg !10 {
  %p = call ptr @malloc(i64 %n), !dbg !11
  call void @check(ptr %p), !dbg !12
  ret ptr %p
}

; CHECK-LABEL: define ptr @sized_alloc(
define ptr @sized_alloc(i64 %n) allocsize(0) !dbg !20 {
  %p = call ptr @malloc(i64 %n), !dbg !21
  ret ptr %p
}

; CHECK-LABEL: define ptr @annotated_alloc(
define ptr @annotated_alloc(i64 %n) !dbg !30 {
  %p = call ptr @malloc(i64 %n), !dbg !31
  ret ptr %p
}

; CHECK-LABEL: define ptr @pool_get(
define ptr @pool_get(i64 %n) !dbg !40 {
  %p = call ptr @malloc(i64 %n), !dbg !41
  ret ptr %p
}

; CHECK-LABEL: define void @user(
; CHECK-NEXT: call ptr @__allocsite_malloc(i64 8, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: [[SAVED:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call ptr @xmalloc(i64 8)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: [[SAVED:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call ptr @sized_alloc(i64 8)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: [[SAVED:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call ptr @annotated_alloc(i64 8)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; DEFAULT-NEXT: call ptr @pool_get(i64 8)
; LISTED-NEXT: [[SAVED:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; LISTED-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; LISTED-NEXT: call ptr @pool_get(i64 8)
; LISTED-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void
define void @user() !dbg !50 {
  %a = call ptr @malloc(i64 8), !dbg !53
  %b = call ptr @xmalloc(i64 8), !dbg !54
  %c = call ptr @sized_alloc(i64 8), !dbg !55
  %d = call ptr @annotated_alloc(i64 8), !dbg !56
  %e = call ptr @pool_get(i64 8), !dbg !57
  ret void
}

declare ptr @malloc(i64)
declare void @check(ptr)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "wrap.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "xmalloc", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!12 = !DILocation(line: 12, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "sized_alloc", scope: !1, file: !1, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 21, column: 3, scope: !20)
!30 = distinct !DISubprogram(name: "annotated_alloc", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = !DILocation(line: 31, column: 3, scope: !30)
!40 = distinct !DISubprogram(name: "pool_get", scope: !1, file: !1, line: 40, type: !4, scopeLine: 40, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!41 = !DILocation(line: 41, column: 3, scope: !40)
!50 = distinct !DISubprogram(name: "user", scope: !1, file: !1, line: 50, type: !4, scopeLine: 50, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!51 = distinct !DILocation(line: 51, column: 7, scope: !50)
!53 = !DILocation(line: 11, column: 3, scope: !10, inlinedAt: !51)
!54 = !DILocation(line: 52, column: 3, scope: !50)
!55 = !DILocation(line: 53, column: 3, scope: !50)
!56 = !DILocation(line: 54, column: 3, scope: !50)
!57 = !DILocation(line: 55, column: 3, scope: !50)
