; SPEC §3: an allocation site is charged to the first frame of its inline chain that is user code
; (charged_frame: 0 the call itself, k its inlined_at[k-1]); a site whose every frame is library
; code (here: a system header) has flags 1 (ALLOCSITE_SITE_LIBRARY) and charged_frame 0.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Descriptor fields: { id, kind, flags, inline_depth, charged_frame, line, column, ... }; flag 4
; (ALLOCSITE_SITE_READABLE_NAMES) on the sites with C++ names; flag 8
; (ALLOCSITE_SITE_WRAPPER_CANDIDATE) where the charged frame's function returns what it allocates.
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 8, i8 0, i8 0, i32 10, i32 3,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 12, i8 5, i8 0, i8 0, i32 100, i32 27,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 12, i8 12, i8 1, i8 1, i32 100, i32 27,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 12, i8 12, i8 2, i8 2, i32 100, i32 27,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 1, i8 0, i32 60, i32 5,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 70, i32 9,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 1, i8 0, i32 60, i32 5,

; User code: charged to its own line.
; CHECK-LABEL: define ptr @user_direct(
define ptr @user_direct() !dbg !10 {
  %p = call ptr @malloc(i64 4), !dbg !11
  ret ptr %p
}

; A system header's function (file relative to its directory): library code.
; CHECK-LABEL: define linkonce_odr ptr @_ZNSt15__new_allocatorIiE8allocateEm(
define linkonce_odr ptr @_ZNSt15__new_allocatorIiE8allocateEm(i64 %n) !dbg !20 {
  %p = call ptr @_Znwm(i64 %n), !dbg !21
  ret ptr %p
}

; allocate() inlined into user code at 20:5: charged to inlined_at[0], the user's line.
; CHECK-LABEL: define ptr @user_inlined(
define ptr @user_inlined() !dbg !30 {
  %p = call ptr @_Znwm(i64 4), !dbg !32
  ret ptr %p
}

; allocate() inlined into push_back() (stl_vector.h), inlined into user code at 30:7:
; charged to inlined_at[1].
; CHECK-LABEL: define ptr @user_push_back(
define ptr @user_push_back() !dbg !40 {
  %p = call ptr @_Znwm(i64 4), !dbg !44
  ret ptr %p
}

; A user helper inlined into user code: the call's own frame is already user code.
; CHECK-LABEL: define ptr @user_inlined_user(
define ptr @user_inlined_user() !dbg !50 {
  %p = call ptr @malloc(i64 4), !dbg !53
  ret ptr %p
}

; /usr/bin/../include/... is /usr/include/...: library code.
; CHECK-LABEL: define linkonce_odr ptr @dotted_header(
define linkonce_odr ptr @dotted_header() !dbg !60 {
  %p = call ptr @malloc(i64 4), !dbg !61
  ret ptr %p
}

; A user lambda inlined into a library algorithm: its own frame is user code (charged_frame 0).
; CHECK-LABEL: define linkonce_odr void @library_algorithm(
define linkonce_odr void @library_algorithm() !dbg !70 {
  %p = call ptr @malloc(i64 4), !dbg !72
  ret void
}

declare ptr @malloc(i64)
declare ptr @_Znwm(i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "main.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !DIFile(filename: "new_allocator.h", directory: "/usr/include/c++/12/bits")
!6 = !DIFile(filename: "/usr/include/c++/12/bits/stl_vector.h", directory: "/home/user/proj")
!7 = !DIFile(filename: "/usr/bin/../include/c++/12/bits/stl_algo.h", directory: "/home/user/proj")
!10 = distinct !DISubprogram(name: "user_direct", scope: !1, file: !1, line: 9, type: !4, scopeLine: 9, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 10, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "allocate", linkageName: "_ZNSt15__new_allocatorIiE8allocateEm", scope: !5, file: !5, line: 99, type: !4, scopeLine: 99, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 100, column: 27, scope: !20)
!30 = distinct !DISubprogram(name: "user_inlined", scope: !1, file: !1, line: 19, type: !4, scopeLine: 19, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = distinct !DILocation(line: 20, column: 5, scope: !30)
!32 = !DILocation(line: 100, column: 27, scope: !20, inlinedAt: !31)
!40 = distinct !DISubprogram(name: "user_push_back", scope: !1, file: !1, line: 29, type: !4, scopeLine: 29, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!41 = distinct !DISubprogram(name: "push_back", scope: !6, file: !6, line: 1280, type: !4, scopeLine: 1280, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!42 = distinct !DILocation(line: 30, column: 7, scope: !40)
!43 = distinct !DILocation(line: 1287, column: 4, scope: !41, inlinedAt: !42)
!44 = !DILocation(line: 100, column: 27, scope: !20, inlinedAt: !43)
!50 = distinct !DISubprogram(name: "user_inlined_user", scope: !1, file: !1, line: 49, type: !4, scopeLine: 49, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!51 = distinct !DISubprogram(name: "helper", scope: !1, file: !1, line: 59, type: !4, scopeLine: 59, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!52 = distinct !DILocation(line: 50, column: 3, scope: !50)
!53 = !DILocation(line: 60, column: 5, scope: !51, inlinedAt: !52)
!60 = distinct !DISubprogram(name: "dotted_header", scope: !7, file: !7, line: 69, type: !4, scopeLine: 69, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!61 = !DILocation(line: 70, column: 9, scope: !60)
!70 = distinct !DISubprogram(name: "for_each", scope: !7, file: !7, line: 80, type: !4, scopeLine: 80, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!71 = distinct !DILocation(line: 81, column: 2, scope: !70)
!72 = !DILocation(line: 60, column: 5, scope: !51, inlinedAt: !71)
