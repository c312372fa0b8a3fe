; Functions that may leave the context changed (CallContext.h). A function only the module's own
; instrumented code can call - internal, every use a direct call from an instrumented function -
; and that reads no context stores it before its wrapped calls and puts nothing back; so does one
; calling such a function. A caller that can be entered from elsewhere puts the value back around
; its calls to them as around wrapped calls (after the call, or at its returns for a call on a
; cycle). Anything else keeps the invariant: taken as a value, called with musttail or from
; uninstrumented code, or compiled for full LTO (LinkTimeContext.cpp relies on the invariant).
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s
; RUN: sed 's/"NotLTO", i32 0/"ThinLTO", i32 0/' %s | opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S 2>&1 | FileCheck %s --check-prefix=LTO
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@table = global ptr @taken

; CHECK-LABEL: define internal void @helper(
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: ret void
; LTO-LABEL: define internal void @helper(
; LTO-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; LTO-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; LTO-NEXT: call void @external()
; LTO-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
define internal void @helper() !dbg !100 {
  call void @external(), !dbg !101
  ret void
}

; Calls only a function that leaves the context: leaves it too, and touches nothing.
; CHECK-LABEL: define internal void @mid(
; CHECK-NEXT: call void @helper()
; CHECK-NEXT: ret void
define internal void @mid() !dbg !102 {
  call void @helper(), !dbg !103
  ret void
}

; CHECK-LABEL: define void @outer(
; CHECK-NEXT: [[S1:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: call void @mid()
; CHECK-NEXT: store ptr [[S1]], ptr @__allocsite_context
; CHECK-NEXT: [[S2:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: call void @helper()
; CHECK-NEXT: store ptr [[S2]], ptr @__allocsite_context
; CHECK-NEXT: ret void
; LTO-LABEL: define void @outer(
; LTO-NEXT: call void @mid()
; LTO-NEXT: call void @helper()
; LTO-NEXT: ret void
define void @outer() !dbg !104 {
  call void @mid(), !dbg !105
  call void @helper(), !dbg !106
  ret void
}

; CHECK-LABEL: define void @outer_loop(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK: loop:
; CHECK-NEXT: call void @helper()
; CHECK-NEXT: br i1 %c
; CHECK: done:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret void
define void @outer_loop(i1 %c) !dbg !107 {
entry:
  br label %loop
loop:
  call void @helper(), !dbg !108
  br i1 %c, label %loop, label %done
done:
  ret void
}

; A landing pad still puts back the value read on entry (an inner frame may have thrown past its
; own stores); the returns do not.
; CHECK-LABEL: define internal void @with_pad(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: invoke void @external()
; CHECK: ok:
; CHECK-NEXT: ret void
; CHECK: pad:
; CHECK-NEXT: landingpad
; CHECK-NEXT: cleanup
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
define internal void @with_pad() personality ptr @__gxx_personality_v0 !dbg !109 {
entry:
  invoke void @external() to label %ok unwind label %pad, !dbg !110
ok:
  ret void
pad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

define void @calls_with_pad() !dbg !111 {
  call void @with_pad(), !dbg !112
  ret void
}

; Kept when a path through the function makes no wrapped call (a comparison whose one call is on
; an error path) and a caller keeps the invariant: the function's own stores cost nothing on the
; other paths, where its callers would pay theirs on every call. The same for a call to a function
; that leaves the context: the caller keeps the invariant and puts the value back after that call.
; CHECK-LABEL: define internal void @conditional(
; CHECK: rare:
; CHECK-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
define internal void @conditional(i1 %c) !dbg !134 {
  br i1 %c, label %rare, label %done
rare:
  call void @external(), !dbg !135
  br label %done
done:
  ret void
}

; CHECK-LABEL: define internal void @conditional_mid(
; CHECK: rare:
; CHECK-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; CHECK-NEXT: call void @helper()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
define internal void @conditional_mid(i1 %c) !dbg !136 {
  br i1 %c, label %rare, label %done
rare:
  call void @helper(), !dbg !137
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @calls_conditional(
; CHECK-NEXT: call void @conditional(i1 %c)
; CHECK-NEXT: call void @conditional_mid(i1 %c)
; CHECK-NEXT: ret void
define void @calls_conditional(i1 %c) !dbg !138 {
  call void @conditional(i1 %c), !dbg !139
  call void @conditional_mid(i1 %c), !dbg !140
  ret void
}

; Whatever the path: a call on a cycle, where the function would read the value on entry and put
; it back at its returns on every call anyway ...
; CHECK-LABEL: define internal void @loop_conditional(
; CHECK-NOT: allocsite.saved
; CHECK: call void @external()
; CHECK-NOT: allocsite.saved
; CHECK: ret void
define internal void @loop_conditional(i1 %c, i1 %d) !dbg !141 {
entry:
  br label %loop
loop:
  br i1 %c, label %call, label %latch
call:
  call void @external(), !dbg !142
  br label %latch
latch:
  br i1 %d, label %loop, label %done
done:
  ret void
}

; ... one call on each path, none on all ...
; CHECK-LABEL: define internal void @either(
; CHECK-NOT: allocsite.saved
; CHECK: ret void
define internal void @either(i1 %c) !dbg !143 {
  br i1 %c, label %one, label %other
one:
  call void @external(), !dbg !144
  ret void
other:
  call void @helper(), !dbg !145
  ret void
}

; ... and a function whose callers all leave the context: nothing is put back for it anywhere.
; CHECK-LABEL: define internal void @under_leaving(
; CHECK-NOT: allocsite.saved
; CHECK: ret void
define internal void @under_leaving(i1 %c) !dbg !146 {
  br i1 %c, label %rare, label %done
rare:
  call void @external(), !dbg !147
  br label %done
done:
  ret void
}

; CHECK-LABEL: define internal void @leaving_caller(
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: call void @under_leaving(i1 %c)
; CHECK-NEXT: ret void
define internal void @leaving_caller(i1 %c) !dbg !148 {
  call void @external(), !dbg !149
  call void @under_leaving(i1 %c), !dbg !150
  ret void
}

; CHECK-LABEL: define void @calls_leaving(
; CHECK-NEXT: [[S1:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: call void @loop_conditional(i1 %c, i1 %c)
; CHECK-NEXT: store ptr [[S1]], ptr @__allocsite_context
; CHECK-NEXT: [[S2:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: call void @either(i1 %c)
; CHECK-NEXT: store ptr [[S2]], ptr @__allocsite_context
; CHECK-NEXT: [[S3:%allocsite\.saved[0-9]*]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: call void @leaving_caller(i1 %c)
; CHECK-NEXT: store ptr [[S3]], ptr @__allocsite_context
; CHECK-NEXT: ret void
define void @calls_leaving(i1 %c) !dbg !151 {
  call void @loop_conditional(i1 %c, i1 %c), !dbg !152
  call void @either(i1 %c), !dbg !153
  call void @leaving_caller(i1 %c), !dbg !154
  ret void
}

; Kept: taken as a value (a callback may be entered from library code) ...
; CHECK-LABEL: define internal void @taken(
; CHECK-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
define internal void @taken() !dbg !113 {
  call void @external(), !dbg !114
  ret void
}

; ... called with musttail, which no store may follow ...
; CHECK-LABEL: define internal void @tail_target(
; CHECK-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
define internal void @tail_target() !dbg !115 {
  call void @external(), !dbg !116
  ret void
}

define void @tail_caller() !dbg !117 {
  musttail call void @tail_target(), !dbg !118
  ret void
}

; ... called from code the pass leaves alone, which is library code to the runtime ...
; CHECK-LABEL: define internal void @from_uninstrumented(
; CHECK-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
define internal void @from_uninstrumented() !dbg !119 {
  call void @external(), !dbg !120
  ret void
}

define void @uninstrumented() disable_sanitizer_instrumentation {
  call void @from_uninstrumented()
  ret void
}

; ... and with a site charged to the context (a system header's function: its malloc), which must
; see its caller's call after the user's callback inlined into it.
; CHECK-LABEL: define internal ptr @wrapper(
; CHECK-NEXT: %allocsite.saved = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
; CHECK-NEXT: call ptr @__allocsite_malloc(
define internal ptr @wrapper(i64 %n) !dbg !121 {
  call void @external(), !dbg !122
  %p = call ptr @malloc(i64 %n), !dbg !125
  ret ptr %p
}

; A caller with a site charged to the context puts the value back right after a call to a function
; that leaves it, even on a cycle.
; CHECK-LABEL: define internal ptr @wrapper_loop(
; CHECK: loop:
; CHECK-NEXT: call void @helper()
; CHECK-NEXT: store ptr %allocsite.saved, ptr @__allocsite_context
; CHECK-NEXT: call ptr @__allocsite_malloc(
define internal ptr @wrapper_loop(i64 %n, i1 %c) !dbg !126 {
entry:
  br label %loop
loop:
  call void @helper(), !dbg !127
  %p = call ptr @malloc(i64 %n), !dbg !130
  br i1 %c, label %loop, label %done
done:
  ret ptr %p
}

define ptr @use_wrappers(i64 %n, i1 %c) !dbg !131 {
  %a = call ptr @wrapper(i64 %n), !dbg !132
  %b = call ptr @wrapper_loop(i64 %n, i1 %c), !dbg !133
  ret ptr %b
}

declare void @external()
declare ptr @malloc(i64)
declare i32 @__gxx_personality_v0(...)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !6}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "leave.c", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !DIFile(filename: "/usr/include/alloc_helpers.h", directory: "")
!6 = !{i32 1, !"NotLTO", i32 0}
!100 = distinct !DISubprogram(name: "helper", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!101 = !DILocation(line: 11, column: 3, scope: !100)
!102 = distinct !DISubprogram(name: "mid", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!103 = !DILocation(line: 12, column: 3, scope: !102)
!104 = distinct !DISubprogram(name: "outer", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!105 = !DILocation(line: 12, column: 3, scope: !104)
!106 = !DILocation(line: 13, column: 3, scope: !104)
!107 = distinct !DISubprogram(name: "outer_loop", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!108 = !DILocation(line: 12, column: 3, scope: !107)
!109 = distinct !DISubprogram(name: "with_pad", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!110 = !DILocation(line: 11, column: 3, scope: !109)
!111 = distinct !DISubprogram(name: "calls_with_pad", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!112 = !DILocation(line: 12, column: 3, scope: !111)
!113 = distinct !DISubprogram(name: "taken", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!114 = !DILocation(line: 11, column: 3, scope: !113)
!115 = distinct !DISubprogram(name: "tail_target", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!116 = !DILocation(line: 11, column: 3, scope: !115)
!117 = distinct !DISubprogram(name: "tail_caller", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!118 = !DILocation(line: 12, column: 3, scope: !117)
!119 = distinct !DISubprogram(name: "from_uninstrumented", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!120 = !DILocation(line: 11, column: 3, scope: !119)
!121 = distinct !DISubprogram(name: "wrapper", scope: !5, file: !5, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!123 = distinct !DISubprogram(name: "callback", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!124 = distinct !DILocation(line: 21, column: 3, scope: !121)
!122 = !DILocation(line: 31, column: 5, scope: !123, inlinedAt: !124)
!125 = !DILocation(line: 22, column: 3, scope: !121)
!126 = distinct !DISubprogram(name: "wrapper_loop", scope: !5, file: !5, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!128 = distinct !DISubprogram(name: "callback", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!129 = distinct !DILocation(line: 21, column: 3, scope: !126)
!127 = !DILocation(line: 31, column: 5, scope: !128, inlinedAt: !129)
!130 = !DILocation(line: 22, column: 3, scope: !126)
!131 = distinct !DISubprogram(name: "use_wrappers", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!132 = !DILocation(line: 12, column: 3, scope: !131)
!133 = !DILocation(line: 13, column: 3, scope: !131)
!134 = distinct !DISubprogram(name: "conditional", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!135 = !DILocation(line: 11, column: 3, scope: !134)
!136 = distinct !DISubprogram(name: "conditional_mid", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!137 = !DILocation(line: 12, column: 3, scope: !136)
!138 = distinct !DISubprogram(name: "calls_conditional", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!139 = !DILocation(line: 12, column: 3, scope: !138)
!140 = !DILocation(line: 13, column: 3, scope: !138)
!141 = distinct !DISubprogram(name: "loop_conditional", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!142 = !DILocation(line: 11, column: 3, scope: !141)
!143 = distinct !DISubprogram(name: "either", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!144 = !DILocation(line: 11, column: 3, scope: !143)
!145 = !DILocation(line: 12, column: 3, scope: !143)
!146 = distinct !DISubprogram(name: "under_leaving", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!147 = !DILocation(line: 11, column: 3, scope: !146)
!148 = distinct !DISubprogram(name: "leaving_caller", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!149 = !DILocation(line: 11, column: 3, scope: !148)
!150 = !DILocation(line: 12, column: 3, scope: !148)
!151 = distinct !DISubprogram(name: "calls_leaving", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!152 = !DILocation(line: 12, column: 3, scope: !151)
!153 = !DILocation(line: 12, column: 3, scope: !151)
!154 = !DILocation(line: 13, column: 3, scope: !151)
