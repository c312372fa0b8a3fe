; A site is named by the innermost debug location of its call: exact line and column, the file
; joined to the compilation directory when relative, and the function's linkage name.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Strings are emitted once per module and shared by every site that names them. (Flags 8,
; ALLOCSITE_SITE_WRAPPER_CANDIDATE: alloc_here and alloc return what they allocate.)
; CHECK: [[FILE:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [28 x i8] c"/home/user/proj/src/alloc.c\00", align 1
; CHECK: [[FN1:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [11 x i8] c"alloc_here\00", align 1
; CHECK: @allocsite.site{{[.0-9]*}} = private global { i32, i8, i8, i8, i8, i32, i32, ptr, ptr, ptr } { i32 0, i8 1, i8 8, i8 0, i8 0, i32 12, i32 7, ptr [[FILE]], ptr [[FN1]], ptr null }, section "allocsite_sites", align 8
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 14, i8 8, i8 0, i8 0, i32 13, i32 3, ptr [[FILE]], ptr [[FN1]], ptr null }
; A call without a location in a function with debug info: file and function, line 0.
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 8, i8 0, i8 0, i32 0, i32 0, ptr [[FILE]], ptr [[FN1]], ptr null }
; A C++ name: the linkage name, NUL, LLVM's demangling (flags 4, ALLOCSITE_SITE_READABLE_NAMES).
; CHECK: [[FN2:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [31 x i8] c"_Z5allocm\00alloc(unsigned long)\00", align 1
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 12, i8 12, i8 0, i8 0, i32 21, i32 10, ptr [[FILE]], ptr [[FN2]], ptr null }
; CHECK: [[HDR:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [20 x i8] c"/usr/include/pool.h\00", align 1
; CHECK: [[FN3:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [10 x i8] c"pool_grow\00", align 1
; A site in a system header is library code (flags 1, ALLOCSITE_SITE_LIBRARY).
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 3, i8 1, i8 0, i8 0, i32 40, i32 9, ptr [[HDR]], ptr [[FN3]], ptr null }

; The rewritten call keeps the original's location.
; CHECK-LABEL: define ptr @alloc_here(
; CHECK: call ptr @__allocsite_malloc(i64 %n, ptr @allocsite.site{{[.0-9]*}}), !dbg [[LOC:![0-9]+]]
; CHECK: [[LOC]] = !DILocation(line: 12, column: 7,
define ptr @alloc_here(i64 %n) !dbg !5 {
  %p = call ptr @malloc(i64 %n), !dbg !8
  call void @free(ptr %p), !dbg !9
  %q = call ptr @malloc(i64 %n)
  ret ptr %q, !dbg !9
}

define ptr @_Z5allocm(i64 %n) !dbg !10 {
  %p = call ptr @_Znwm(i64 %n), !dbg !11
  ret ptr %p, !dbg !11
}

define ptr @pool_grow(ptr %p, i64 %n) !dbg !12 {
  %q = call ptr @realloc(ptr %p, i64 %n), !dbg !14
  ret ptr %q, !dbg !14
}

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @realloc(ptr, i64)
declare ptr @_Znwm(i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "src/alloc.c", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = distinct !DISubprogram(name: "alloc_here", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition, unit: !0)
!8 = !DILocation(line: 12, column: 7, scope: !5)
!9 = !DILocation(line: 13, column: 3, scope: !5)
!10 = distinct !DISubprogram(name: "alloc", linkageName: "_Z5allocm", scope: !1, file: !1, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 21, column: 10, scope: !10)
!12 = distinct !DISubprogram(name: "pool_grow", scope: !13, file: !13, line: 39, type: !4, scopeLine: 39, spFlags: DISPFlagDefinition, unit: !0)
!13 = !DIFile(filename: "/usr/include/pool.h", directory: "/home/user/proj")
!14 = !DILocation(line: 40, column: 9, scope: !12)
