; The default of -allocsite-asm-store-threshold depends on the LLVM (compat::DefaultAsmStoreThreshold):
; from LLVM 19 on, a loop with 40 wrapped calls (SQLite's sqlite3VdbeExec has 49) stores the
; context as inline asm, which there runs faster than the hoisted stores; LLVM 14 keeps the stores
; below 64, which there run faster. %asm_store_default is ASM from LLVM 19 on, STORE before.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s | FileCheck %s --check-prefix=%asm_store_default
; ASM: loop:
; ASM-NEXT: call void asm sideeffect "leaq
; ASM-NEXT: call void @external0()
; STORE: loop:
; STORE-NEXT: store ptr @allocsite.site{{[.0-9]*}}, ptr @__allocsite_context
; STORE-NEXT: call void @external0()
; STORE-NOT: asm sideeffect

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @dispatch(i1 %c) !dbg !10 {
entry:
  br label %loop
loop:
  call void @external0(), !dbg !11
  call void @external1(), !dbg !11
  call void @external2(), !dbg !11
  call void @external3(), !dbg !11
  call void @external4(), !dbg !11
  call void @external5(), !dbg !11
  call void @external6(), !dbg !11
  call void @external7(), !dbg !11
  call void @external8(), !dbg !11
  call void @external9(), !dbg !11
  call void @external10(), !dbg !11
  call void @external11(), !dbg !11
  call void @external12(), !dbg !11
  call void @external13(), !dbg !11
  call void @external14(), !dbg !11
  call void @external15(), !dbg !11
  call void @external16(), !dbg !11
  call void @external17(), !dbg !11
  call void @external18(), !dbg !11
  call void @external19(), !dbg !11
  call void @external20(), !dbg !11
  call void @external21(), !dbg !11
  call void @external22(), !dbg !11
  call void @external23(), !dbg !11
  call void @external24(), !dbg !11
  call void @external25(), !dbg !11
  call void @external26(), !dbg !11
  call void @external27(), !dbg !11
  call void @external28(), !dbg !11
  call void @external29(), !dbg !11
  call void @external30(), !dbg !11
  call void @external31(), !dbg !11
  call void @external32(), !dbg !11
  call void @external33(), !dbg !11
  call void @external34(), !dbg !11
  call void @external35(), !dbg !11
  call void @external36(), !dbg !11
  call void @external37(), !dbg !11
  call void @external38(), !dbg !11
  call void @external39(), !dbg !11
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

declare void @external0()
declare void @external1()
declare void @external2()
declare void @external3()
declare void @external4()
declare void @external5()
declare void @external6()
declare void @external7()
declare void @external8()
declare void @external9()
declare void @external10()
declare void @external11()
declare void @external12()
declare void @external13()
declare void @external14()
declare void @external15()
declare void @external16()
declare void @external17()
declare void @external18()
declare void @external19()
declare void @external20()
declare void @external21()
declare void @external22()
declare void @external23()
declare void @external24()
declare void @external25()
declare void @external26()
declare void @external27()
declare void @external28()
declare void @external29()
declare void @external30()
declare void @external31()
declare void @external32()
declare void @external33()
declare void @external34()
declare void @external35()
declare void @external36()
declare void @external37()
declare void @external38()
declare void @external39()

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "dispatch.c", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "dispatch", scope: !1, file: !1, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
