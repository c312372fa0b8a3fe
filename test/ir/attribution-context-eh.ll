; Exceptions and longjmp never leave a stale attribution context behind (SPEC §3): after an
; invoke the value read on entry is stored at the start of the normal destination (once, however
; many invokes share it), after the landingpad of every landing pad of the function, and after
; every call to a returns_twice function (setjmp), which itself sets no context.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[FIRST:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 11, i32 3,
; CHECK: [[SECOND:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 12, i32 3,
; CHECK: [[THIRD:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 14, i32 3,
; CHECK: [[AFTER:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 22, i32 3,
; CHECK-NOT: i8 18,

; CHECK-LABEL: define void @user_invokes(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr [[FIRST]], ptr @__allocsite_context
; CHECK-NEXT: invoke void @external()
; CHECK-NEXT: to label %next unwind label %lpad
; CHECK: next:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: store ptr [[SECOND]], ptr @__allocsite_context
; CHECK-NEXT: invoke void @external()
; CHECK-NEXT: to label %done unwind label %lpad
; CHECK: done:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void
; CHECK: again:
; CHECK-NEXT: store ptr [[THIRD]], ptr @__allocsite_context
; CHECK-NEXT: invoke void @external()
; CHECK-NEXT: to label %done unwind label %lpad
; CHECK: lpad:
; CHECK-NEXT: landingpad { ptr, i32 }
; CHECK-NEXT: cleanup
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: resume
; A landing pad that no wrapped call reaches is restored too: an inner call may have thrown.
; CHECK: other.lpad:
; CHECK-NEXT: landingpad { ptr, i32 }
; CHECK-NEXT: cleanup
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: resume
define void @user_invokes() personality ptr @__gxx_personality_v0 !dbg !10 {
entry:
  invoke void @external()
          to label %next unwind label %lpad, !dbg !11
next:
  invoke void @external()
          to label %done unwind label %lpad, !dbg !12
done:
  ret void
again:
  invoke void @external()
          to label %done unwind label %lpad, !dbg !14
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp
unused:
  invoke void @user_helper()
          to label %done unwind label %other.lpad, !dbg !13
other.lpad:
  %lp2 = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp2
}

; CHECK-LABEL: define i32 @user_setjmp(
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: [[R:%[a-z0-9]+]] = call i32 @setjmp(ptr %buf)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: store ptr [[AFTER]], ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret i32 [[R]]
define i32 @user_setjmp(ptr %buf) !dbg !20 {
  %r = call i32 @setjmp(ptr %buf) returns_twice, !dbg !21
  call void @external(), !dbg !22
  ret i32 %r
}

; setjmp alone: a longjmp back here may come from deep inside some other function's wrapped call.
; CHECK-LABEL: define i32 @only_setjmp(
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: [[R:%[a-z0-9]+]] = call i32 @setjmp(ptr %buf)
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret i32 [[R]]
define i32 @only_setjmp(ptr %buf) !dbg !30 {
  %r = call i32 @setjmp(ptr %buf) returns_twice, !dbg !31
  ret i32 %r
}

define void @user_helper() !dbg !40 {
  ret void
}

declare void @external()
declare i32 @setjmp(ptr) returns_twice
declare i32 @__gxx_personality_v0(...)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "eh.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "user_invokes", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!12 = !DILocation(line: 12, column: 3, scope: !10)
!13 = !DILocation(line: 13, column: 3, scope: !10)
!14 = !DILocation(line: 14, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "user_setjmp", scope: !1, file: !1, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 21, column: 3, scope: !20)
!22 = !DILocation(line: 22, column: 3, scope: !20)
!30 = distinct !DISubprogram(name: "only_setjmp", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = !DILocation(line: 31, column: 3, scope: !30)
!40 = distinct !DISubprogram(name: "user_helper", scope: !1, file: !1, line: 40, type: !4, scopeLine: 40, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
