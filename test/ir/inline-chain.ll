; A call that was inlined is named by its innermost location, and its descriptor points at the
; chain of call sites it was inlined into, innermost first (inline_depth entries).
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; inner() has no linkage name (as with -gline-tables-only) but an out-of-line copy here, whose
; IR name is its linkage name; helper() has neither, so its DWARF name is all there is. A site
; with a C++ name has flag 4 (ALLOCSITE_SITE_READABLE_NAMES) and every name of it and its frames
; is "linkage name, NUL, readable name"; a site with C names only keeps plain names. Flag 8
; (ALLOCSITE_SITE_WRAPPER_CANDIDATE): inner(), the frame charged, returns what it allocates.
; CHECK: [[FILE:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"/src/lib.cc\00"
; CHECK: [[INNER:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [18 x i8] c"_Z5innerv\00inner()\00"
; CHECK: [[MIDDLE:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [20 x i8] c"_Z6middlev\00middle()\00"
; CHECK: [[OUTER:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"outer\00outer\00"
; CHECK: [[FRAMES:@allocsite\.frames[.0-9]*]] = private unnamed_addr constant [2 x { ptr, ptr, i32, i32 }] [{ ptr, ptr, i32, i32 } { ptr [[FILE]], ptr [[MIDDLE]], i32 8, i32 5 }, { ptr, ptr, i32, i32 } { ptr [[FILE]], ptr [[OUTER]], i32 15, i32 3 }]
; CHECK: @allocsite.site{{[.0-9]*}} = private global { i32, i8, i8, i8, i8, i32, i32, ptr, ptr, ptr } { i32 0, i8 1, i8 12, i8 2, i8 0, i32 3, i32 10, ptr [[FILE]], ptr [[INNER]], ptr [[FRAMES]] }, section "allocsite_sites", align 8
; CHECK: [[HELPER:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [7 x i8] c"helper\00"
; CHECK: [[OUTER_C:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [6 x i8] c"outer\00"
; CHECK: [[FRAMES2:@allocsite\.frames[.0-9]*]] = private unnamed_addr constant [1 x { ptr, ptr, i32, i32 }] [{ ptr, ptr, i32, i32 } { ptr [[FILE]], ptr [[OUTER_C]], i32 16, i32 3 }]
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 14, i8 0, i8 1, i8 0, i32 30, i32 5, ptr [[FILE]], ptr [[HELPER]], ptr [[FRAMES2]] }
; The out-of-line inner() is a site of its own, not inlined.
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 12, i8 0, i8 0, i32 3, i32 10, ptr [[FILE]], ptr [[INNER]], ptr null }

; CHECK-LABEL: define void @outer(
; CHECK: call ptr @__allocsite_malloc(i64 4, ptr @allocsite.site{{[.0-9]*}}), !dbg
; CHECK: call void @__allocsite_free(ptr %p, ptr @allocsite.site{{[.0-9]*}}), !dbg
define void @outer() !dbg !5 {
  ; inner() inlined into middle() at 8:5, middle() inlined into outer() at 15:3
  %p = call ptr @malloc(i64 4), !dbg !30
  ; helper() inlined into outer() at 16:3
  call void @free(ptr %p), !dbg !40
  ret void, !dbg !22
}

define ptr @_Z5innerv() !dbg !12 {
  %p = call ptr @malloc(i64 4), !dbg !13
  ret ptr %p, !dbg !13
}

declare ptr @malloc(i64)
declare void @free(ptr)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "lib.cc", directory: "/src")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = distinct !DISubprogram(name: "outer", scope: !1, file: !1, line: 14, type: !4, scopeLine: 14, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!10 = distinct !DISubprogram(name: "middle", linkageName: "_Z6middlev", scope: !1, file: !1, line: 7, type: !4, scopeLine: 7, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!12 = distinct !DISubprogram(name: "inner", scope: !1, file: !1, line: 2, type: !4, scopeLine: 2, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!13 = !DILocation(line: 3, column: 10, scope: !12)
!14 = distinct !DISubprogram(name: "helper", scope: !1, file: !1, line: 29, type: !4, scopeLine: 29, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!20 = distinct !DILocation(line: 8, column: 5, scope: !10, inlinedAt: !21)
!21 = distinct !DILocation(line: 15, column: 3, scope: !5)
!22 = !DILocation(line: 17, column: 1, scope: !5)
!30 = !DILocation(line: 3, column: 10, scope: !12, inlinedAt: !20)
!40 = !DILocation(line: 30, column: 5, scope: !14, inlinedAt: !41)
!41 = distinct !DILocation(line: 16, column: 3, scope: !5)
