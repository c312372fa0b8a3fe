; Full LTO: the pass, run in the linker on the whole program (allocsite-link, LinkTimeContext.h),
; takes the attribution context off calls whose callee turned out to be the program's own
; instrumented code, and keeps it on calls into libraries, into code compiled without the pass,
; into a weak (interposable) definition, into a system header's code, and through pointers.
; The pre-link run tags what it emits only in a module compiled for full LTO ("ThinLTO" flag 0).
; RUN: rm -rf %t && split-file %s %t
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite %t/caller.ll -o %t/caller.bc
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite %t/callee.ll -o %t/callee.bc
; RUN: opt %opaque_pointers -passes=verify %t/plain.ll -o %t/plain.bc
; RUN: llvm-dis %opaque_pointers %t/caller.bc -o - | FileCheck %s --check-prefix=PRELINK
; RUN: llvm-link %opaque_pointers %t/caller.bc %t/callee.bc %t/plain.bc -o %t/merged.bc
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite-link %t/merged.bc -S -o - | FileCheck %s
; Compiled without LTO, nothing is tagged.
; RUN: sed 's/"ThinLTO", i32 0/"NotLTO", i32 0/' %t/caller.ll | opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S | FileCheck %s --check-prefix=NOLTO
; NOLTO-NOT: allocsite.context
; NOLTO-NOT: allocsite.wrapped
; NOLTO-NOT: allocsite-instrumented

; PRELINK-LABEL: define void @straight(
; PRELINK: load ptr, ptr @__allocsite_context{{.*}}, !allocsite.context ![[K0:[0-9]+]]
; PRELINK-NEXT: store ptr @allocsite.site{{.*}}, !allocsite.context ![[K0]]
; PRELINK-NEXT: call void @own(){{.*}}, !allocsite.wrapped ![[W0:[0-9]+]]
; PRELINK-NEXT: store ptr %{{.*}}, ptr @__allocsite_context{{.*}}, !allocsite.context ![[K0]]
; PRELINK: attributes #{{[0-9]+}} = { "allocsite-instrumented" }
; PRELINK-DAG: ![[K0]] = !{i32 0}
; PRELINK-DAG: ![[W0]] = !{i32 0, i1 false}

; No loop: each call saves and restores around itself; own()'s three go, lib()'s stay.
; CHECK-LABEL: define void @straight(
; CHECK-NEXT: call void @own()
; CHECK-NEXT: [[SAVED:%.*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @lib(){{.*}}, !allocsite.wrapped
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void

; A loop with own() and lib() on it: own()'s store goes; lib() still needs the stores before
; returns and the value read on entry.
; CHECK-LABEL: define void @loop_mixed(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%.*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: br label %loop
; CHECK: loop:
; CHECK-NEXT: call void @own()
; CHECK-NEXT: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @lib()
; CHECK: exit:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void

; Only own code on the loop: nothing of the context is left.
; CHECK-LABEL: define void @loop_own(
; CHECK-NOT: __allocsite_context
; CHECK: ret void

; Invokes: own()'s restore on its own normal destination goes, the one on the destination it
; shares with lib() stays, and so does the landing pad's.
; CHECK-LABEL: define void @invokes(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%.*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: invoke void @own()
; CHECK: first:
; CHECK-NEXT: invoke void @own()
; CHECK: second:
; CHECK-NEXT: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: invoke void @lib()
; CHECK: join:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void
; CHECK: lpad:
; CHECK-NEXT: landingpad
; CHECK-NEXT: cleanup
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context

; Each of these keeps its context.
; CHECK-LABEL: define void @kept(ptr %fp)
; CHECK: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @uninstrumented()
; CHECK: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @weak_own()
; CHECK: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @_ZSt8sys_codev()
; CHECK: store ptr @allocsite.site{{.*}}, ptr @__allocsite_context
; CHECK-NEXT: call void %fp()
; CHECK: ret void

;--- caller.ll
target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @straight() !dbg !10 {
  call void @own(), !dbg !11
  call void @lib(), !dbg !12
  ret void
}

define void @loop_mixed(i1 %c) !dbg !20 {
entry:
  br label %loop
loop:
  call void @own(), !dbg !21
  call void @lib(), !dbg !22
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @loop_own(i1 %c) !dbg !30 {
entry:
  br label %loop
loop:
  call void @own(), !dbg !31
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @invokes() personality ptr @__gxx_personality_v0 !dbg !40 {
entry:
  invoke void @own()
          to label %first unwind label %lpad, !dbg !41
first:
  invoke void @own()
          to label %join unwind label %lpad, !dbg !42
second:
  invoke void @lib()
          to label %join unwind label %lpad, !dbg !43
join:
  ret void
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp
}

define void @kept(ptr %fp) !dbg !50 {
  call void @uninstrumented(), !dbg !51
  call void @weak_own(), !dbg !52
  call void @_ZSt8sys_codev(), !dbg !53
  call void %fp(), !dbg !54
  ret void
}

declare void @own()
declare void @lib()
declare void @uninstrumented()
declare void @weak_own()
declare void @_ZSt8sys_codev()
declare i32 @__gxx_personality_v0(...)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "caller.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !{i32 1, !"ThinLTO", i32 0}
!10 = distinct !DISubprogram(name: "straight", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!12 = !DILocation(line: 12, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "loop_mixed", scope: !1, file: !1, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 21, column: 3, scope: !20)
!22 = !DILocation(line: 22, column: 3, scope: !20)
!30 = distinct !DISubprogram(name: "loop_own", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = !DILocation(line: 31, column: 3, scope: !30)
!40 = distinct !DISubprogram(name: "invokes", scope: !1, file: !1, line: 40, type: !4, scopeLine: 40, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!41 = !DILocation(line: 41, column: 3, scope: !40)
!42 = !DILocation(line: 42, column: 3, scope: !40)
!43 = !DILocation(line: 43, column: 3, scope: !40)
!50 = distinct !DISubprogram(name: "kept", scope: !1, file: !1, line: 50, type: !4, scopeLine: 50, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!51 = !DILocation(line: 51, column: 3, scope: !50)
!52 = !DILocation(line: 52, column: 3, scope: !50)
!53 = !DILocation(line: 53, column: 3, scope: !50)
!54 = !DILocation(line: 54, column: 3, scope: !50)

;--- callee.ll
target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @own() !dbg !10 {
  ret void
}

define weak void @weak_own() !dbg !11 {
  ret void
}

define void @_ZSt8sys_codev() !dbg !12 {
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "callee.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !{i32 1, !"ThinLTO", i32 0}
!6 = !DIFile(filename: "/usr/include/c++/12/bits/sys_code.h", directory: "/home/user/proj")
!10 = distinct !DISubprogram(name: "own", scope: !1, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = distinct !DISubprogram(name: "weak_own", scope: !1, file: !1, line: 5, type: !4, scopeLine: 5, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!12 = distinct !DISubprogram(name: "sys_code", linkageName: "_ZSt8sys_codev", scope: !6, file: !6, line: 9, type: !4, scopeLine: 9, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)

;--- plain.ll
target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @uninstrumented() {
  ret void
}
