; Calls from user code into library code set the thread's attribution context (SPEC §3): in a
; function without loops, landing pads or setjmp, each such call reads __allocsite_context, stores
; the call's descriptor (kind 18, ALLOCSITE_KIND_CALL) and puts the value it read back after the
; call (attribution-context-restore.ll has the other cases). Library code is an external declaration, a definition from a system header (linkonce_odr STL), or an unknown
; (indirect) target; a call to the user's own function is left alone, and so are intrinsics,
; inline asm, calls that only read memory and AllocSite's own functions.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: @__allocsite_context = external thread_local(initialexec) global ptr
; Descriptor fields: { id, kind, flags, inline_depth, charged_frame, line, column, file, ... }
; CHECK: [[FILE:@allocsite\.str[.0-9]*]] = private unnamed_addr constant [32 x i8] c"/home/user/proj/src/context.cpp\00"
; CHECK: [[EXT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 11, i32 3, ptr [[FILE]],
; CHECK: [[PUSH:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 12, i32 7, ptr [[FILE]],
; CHECK: [[INDIRECT:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 18, i32 3, ptr [[FILE]],
; push_back() inlined at 60:5 calls the out-of-line _M_realloc_insert: charged to inlined_at[0].
; Flag 4 (ALLOCSITE_SITE_READABLE_NAMES): push_back's name is C++.
; CHECK: [[REALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 4, i8 1, i8 1, i32 1290, i32 4,
; CHECK-NOT: i8 18,

; CHECK-LABEL: define void @user_calls(
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: store ptr [[EXT]], ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: call void @external(), !dbg
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: [[SAVED1:%allocsite\.saved[0-9]+]] = load ptr, ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: store ptr [[PUSH]], ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: call void @_ZNSt6vectorIiSaIiEE9push_backERKi(ptr %v, ptr %x), !dbg
; CHECK-NEXT: store ptr [[SAVED1]], ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: call void @user_helper(), !dbg
; CHECK-NEXT: call void @llvm.memset.p0.i64(
; CHECK-NEXT: call i64 @strlen(ptr %x) #{{[0-9]+}}, !dbg
; CHECK-NEXT: call i32 @allocsite_is_tracing(), !dbg
; CHECK-NEXT: call void asm sideeffect "", ""(), !dbg
; CHECK-NEXT: [[SAVED2:%allocsite\.saved[0-9]+]] = load ptr, ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: store ptr [[INDIRECT]], ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: call void %fp(), !dbg
; CHECK-NEXT: store ptr [[SAVED2]], ptr @__allocsite_context, align 8, !dbg
; CHECK-NEXT: ret void
define void @user_calls(ptr %v, ptr %x, ptr %fp) !dbg !10 {
  call void @external(), !dbg !11
  call void @_ZNSt6vectorIiSaIiEE9push_backERKi(ptr %v, ptr %x), !dbg !12
  call void @user_helper(), !dbg !13
  call void @llvm.memset.p0.i64(ptr %x, i8 0, i64 4, i1 false), !dbg !14
  %n = call i64 @strlen(ptr %x) readonly, !dbg !15
  %t = call i32 @allocsite_is_tracing(), !dbg !16
  call void asm sideeffect "", ""(), !dbg !17
  call void %fp(), !dbg !18
  ret void
}

; The user's own function: no load, no store, when it calls nothing from the library.
; CHECK-LABEL: define void @user_helper(
; CHECK-NOT: __allocsite_context
; CHECK: ret void
define void @user_helper() !dbg !30 {
  ret void, !dbg !31
}

; A system header's function is library code: its calls set no context, its allocation is LIBRARY.
; CHECK-LABEL: define linkonce_odr void @_ZNSt6vectorIiSaIiEE9push_backERKi(
; CHECK-NOT: __allocsite_context
; CHECK: ret void
define linkonce_odr void @_ZNSt6vectorIiSaIiEE9push_backERKi(ptr %v, ptr %x) !dbg !40 {
  call void @external(), !dbg !41
  call void @_ZNSt6vectorIiSaIiEE17_M_realloc_insertERKi(ptr %v, ptr %x), !dbg !42
  ret void
}

; CHECK-LABEL: define void @user_inlined_push_back(
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr [[REALLOC]], ptr @__allocsite_context
; CHECK-NEXT: call void @_ZNSt6vectorIiSaIiEE17_M_realloc_insertERKi(ptr %v, ptr %x), !dbg
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void
define void @user_inlined_push_back(ptr %v, ptr %x) !dbg !50 {
  call void @_ZNSt6vectorIiSaIiEE17_M_realloc_insertERKi(ptr %v, ptr %x), !dbg !52
  ret void
}

declare void @external()
declare void @_ZNSt6vectorIiSaIiEE17_M_realloc_insertERKi(ptr, ptr)
declare i64 @strlen(ptr)
declare i32 @allocsite_is_tracing()
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "src/context.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !DIFile(filename: "/usr/include/c++/12/bits/stl_vector.h", directory: "/home/user/proj")
!10 = distinct !DISubprogram(name: "user_calls", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!12 = !DILocation(line: 12, column: 7, scope: !10)
!13 = !DILocation(line: 13, column: 3, scope: !10)
!14 = !DILocation(line: 14, column: 3, scope: !10)
!15 = !DILocation(line: 15, column: 3, scope: !10)
!16 = !DILocation(line: 16, column: 3, scope: !10)
!17 = !DILocation(line: 17, column: 3, scope: !10)
!18 = !DILocation(line: 18, column: 3, scope: !10)
!30 = distinct !DISubprogram(name: "user_helper", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = !DILocation(line: 31, column: 1, scope: !30)
!40 = distinct !DISubprogram(name: "push_back", linkageName: "_ZNSt6vectorIiSaIiEE9push_backERKi", scope: !5, file: !5, line: 1280, type: !4, scopeLine: 1280, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!41 = !DILocation(line: 1285, column: 4, scope: !40)
!42 = !DILocation(line: 1290, column: 4, scope: !40)
!50 = distinct !DISubprogram(name: "user_inlined_push_back", scope: !1, file: !1, line: 59, type: !4, scopeLine: 59, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!51 = distinct !DILocation(line: 60, column: 5, scope: !50)
!52 = !DILocation(line: 1290, column: 4, scope: !40, inlinedAt: !51)
