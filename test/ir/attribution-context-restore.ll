; Where the context is put back (SPEC §3). Between two wrapped calls nothing reads it. A call on a
; cycle of the CFG (an interpreter's dispatch loop) is not followed by a store: the value read on
; entry is stored before every return instead, once per call of the function rather than once per
; iteration; a call on no cycle is followed by the store, so that paths without it pay nothing.
; A function with sites charged to the context (ALLOCSITE_SITE_LIBRARY: a wrapper, a system
; header's code) puts it back right after each wrapped call, loop or not: its own allocation after
; the call must charge its caller's call, not the call that just returned.
; On x86-64, in a function with many such calls on cycles (-allocsite-asm-store-threshold, 64;
; 32 from LLVM 19), a store inside a loop is one piece of inline asm (CallContext::loopStore):
; from a plain store, machine LICM hoisted the TLS offset and the descriptor addresses out of the loop and register
; allocation then split them around every call (Lua's lvm.c: +21 % compile time).
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-asm-store-threshold=1 -S %s 2>&1 | FileCheck %s --check-prefixes=CHECK,X86
; RUN: opt %opaque_pointers -mtriple=aarch64-unknown-linux-gnu -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-asm-store-threshold=1 -S %s 2>&1 | FileCheck %s --check-prefixes=CHECK,OTHER
; Below the threshold (here the default) the store stays a store.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s --check-prefixes=CHECK,OTHER
; CHECK-NOT: warning

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i32 @dispatch_loop(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: br label %loop
; CHECK: loop:
; X86-NEXT: call void asm sideeffect "leaq ${0:c}(%rip), %r10\0A\09movq __allocsite_context@GOTTPOFF(%rip), %r11\0A\09movq %r10, %fs:(%r11)", "i,~{r10},~{r11}"(ptr @allocsite.site{{[.0-9]*}})
; OTHER-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: %again = call i1 @step()
; CHECK-NEXT: br i1 %again, label %loop, label %yes
; CHECK: yes:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret i32 1
; CHECK: no:
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: ret i32 0
define i32 @dispatch_loop(i1 %c) !dbg !10 {
entry:
  call void @external(), !dbg !11
  br label %loop
loop:
  %again = call i1 @step(), !dbg !12
  br i1 %again, label %loop, label %yes
yes:
  ret i32 1
no:
  ret i32 0
}

; A system header's function with a user callback inlined into it, in a loop: the callback's call
; is the user's (charged to inlined_at[0]), the function's own malloc is LIBRARY.
; CHECK-LABEL: define linkonce_odr ptr @_ZSt8for_eachIPiZ4mainEUlRiE_ET0_T_S4_S3_(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK: loop:
; X86-NEXT: call void asm sideeffect "leaq ${0:c}(%rip), %r10{{.*}}", "i,~{r10},~{r11}"(ptr @allocsite.site{{[.0-9]*}})
; OTHER-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: call ptr @__allocsite_malloc(i64 16, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: br i1 %c
define linkonce_odr ptr @_ZSt8for_eachIPiZ4mainEUlRiE_ET0_T_S4_S3_(i1 %c) !dbg !20 {
entry:
  br label %loop
loop:
  call void @external(), !dbg !22
  %p = call ptr @malloc(i64 16), !dbg !24
  br i1 %c, label %loop, label %done
done:
  ret ptr %p
}

; The same function without a malloc of its own, but with a call of its own into library code
; (an out-of-line libstdc++ function): what that call allocates is charged to the context too, so
; the value goes back right after the callback's call here as well (it was put back at the returns
; only, and the library call charged to the callback's).
; CHECK-LABEL: define linkonce_odr void @_ZSt8for_eachIPiZ4mainEUlRiE0_ET0_T_S4_S3_(
; CHECK-NEXT: entry:
; CHECK-NEXT: [[SAVED:%allocsite\.saved]] = load ptr, ptr @__allocsite_context
; CHECK: loop:
; X86-NEXT: call void asm sideeffect "leaq ${0:c}(%rip), %r10{{.*}}", "i,~{r10},~{r11}"(ptr @allocsite.site{{[.0-9]*}})
; OTHER-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; CHECK-NEXT: call void @external()
; CHECK-NEXT: store ptr [[SAVED]], ptr @__allocsite_context
; CHECK-NEXT: call void @library_growth()
; CHECK-NEXT: br i1 %c
define linkonce_odr void @_ZSt8for_eachIPiZ4mainEUlRiE0_ET0_T_S4_S3_(i1 %c) !dbg !30 {
entry:
  br label %loop
loop:
  call void @external(), !dbg !32
  call void @library_growth(), !dbg !34
  br i1 %c, label %loop, label %done
done:
  ret void
}

declare void @external()
declare void @library_growth()
declare i1 @step()
declare ptr @malloc(i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "restore.cpp", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !DIFile(filename: "/usr/include/c++/12/bits/stl_algo.h", directory: "")
!10 = distinct !DISubprogram(name: "two_returns", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!12 = !DILocation(line: 12, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "for_each", scope: !5, file: !5, line: 3880, type: !4, scopeLine: 3880, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = distinct !DISubprogram(name: "operator()", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!22 = !DILocation(line: 31, column: 5, scope: !21, inlinedAt: !23)
!23 = distinct !DILocation(line: 3884, column: 2, scope: !20)
!24 = !DILocation(line: 3890, column: 7, scope: !20)
!30 = distinct !DISubprogram(name: "for_each", scope: !5, file: !5, line: 3880, type: !4, scopeLine: 3880, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = distinct !DISubprogram(name: "operator()", scope: !1, file: !1, line: 40, type: !4, scopeLine: 40, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!32 = !DILocation(line: 41, column: 5, scope: !31, inlinedAt: !33)
!33 = distinct !DILocation(line: 3884, column: 2, scope: !30)
!34 = !DILocation(line: 3886, column: 7, scope: !30)
