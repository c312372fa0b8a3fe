; Static inline wrappers are gone by the time the main pass runs (after inlining), so the early
; pass (allocsite-wrappers, at the start of clang's pipeline) records them in !allocsite.wrappers:
; IR name, linkage name, DWARF name. Once recorded, a `noalias` return is no longer read from the
; IR: optimisation infers it for any function returning fresh memory (here: make_node).
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite-wrappers -S %s | FileCheck %s --check-prefix=EARLY
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes='allocsite-wrappers,always-inline,globaldce,allocsite' -S %s | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; EARLY: !allocsite.wrappers = !{[[XMALLOC:![0-9]+]], [[CMALLOC:![0-9]+]]}
; user and make_node return what they allocate but are no wrappers: recorded as wrapper candidates,
; so that their sites are flagged 8 (ALLOCSITE_SITE_WRAPPER_CANDIDATE) even once inlined.
; EARLY-NEXT: !allocsite.wrapper_candidates = !{[[USER:![0-9]+]], [[NODE:![0-9]+]]}
; EARLY: [[XMALLOC]] = !{!"_ZL7xmallocm", !"_ZL7xmallocm", !"xmalloc"}
; EARLY: [[CMALLOC]] = !{!"cmalloc", !"", !"cmalloc"}
; EARLY: [[USER]] = !{!"user", !"", !"user"}
; EARLY: [[NODE]] = !{!"make_node", !"", !"make_node"}

; Both wrappers were inlined and deleted: their sites are still charged to the user's lines. (Flag 4:
; xmalloc's name is C++, ALLOCSITE_SITE_READABLE_NAMES; 8: user, the frame charged, is a candidate.)
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 12, i8 1, i8 1, i32 11, i32 3,
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 8, i8 1, i8 1, i32 21, i32 3,
; make_node (noalias added after the early pass) stays user code, a candidate.
; CHECK: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 8, i8 0, i8 0, i32 41, i32 3,
; CHECK-NOT: define {{.*}}@_ZL7xmallocm(
; CHECK-NOT: define {{.*}}@cmalloc(
; CHECK: !allocsite.wrappers = !{

define internal noalias ptr @_ZL7xmallocm(i64 %n) alwaysinline !dbg !10 {
  %p = call ptr @malloc(i64 %n), !dbg !11
  ret ptr %p
}

define internal ptr @cmalloc(i64 %n) allocsize(0) alwaysinline !dbg !20 {
  %p = call ptr @malloc(i64 %n), !dbg !21
  ret ptr %p
}

define ptr @user(i64 %n) !dbg !30 {
  %a = call ptr @_ZL7xmallocm(i64 %n), !dbg !31
  %b = call ptr @cmalloc(i64 %n), !dbg !32
  ret ptr %a
}

define ptr @make_node() !dbg !40 {
  %p = call ptr @malloc(i64 16), !dbg !41
  ret ptr %p
}

; What FunctionAttrs would infer at -O2: the early pass must not see it.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes='allocsite-wrappers,function-attrs' -S %s | FileCheck %s --check-prefix=INFER
; INFER: define noalias ptr @make_node(
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes='allocsite-wrappers,function-attrs,allocsite' -S %s | FileCheck %s --check-prefix=INFERRED
; INFERRED: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 8, i8 0, i8 0, i32 41, i32 3,

declare noalias ptr @malloc(i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "early.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "xmalloc", linkageName: "_ZL7xmallocm", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "cmalloc", scope: !1, file: !1, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 21, column: 3, scope: !20)
!30 = distinct !DISubprogram(name: "user", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = !DILocation(line: 31, column: 7, scope: !30)
!32 = !DILocation(line: 32, column: 7, scope: !30)
!40 = distinct !DISubprogram(name: "make_node", scope: !1, file: !1, line: 40, type: !4, scopeLine: 40, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!41 = !DILocation(line: 41, column: 3, scope: !40)
