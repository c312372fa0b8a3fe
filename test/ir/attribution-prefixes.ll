; -allocsite-system-prefixes replaces the default list of library paths (/usr/include/, ...);
; -allocsite-user-prefixes makes every file outside the given prefixes library code.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s | FileCheck %s --check-prefix=DEFAULT
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-system-prefixes=/opt/vendor/,/srv/sdk/ -S %s | FileCheck %s --check-prefix=SYSTEM
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-user-prefixes=/home/user/proj/ -S %s | FileCheck %s --check-prefix=USER

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Sites in order: vendor_alloc (/opt/vendor/lib.h), header_alloc (/usr/include/lib.h),
; user (/home/user/proj/main.c); then the calls from user() that set a context.
; DEFAULT: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 11,
; DEFAULT: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 21,
; DEFAULT: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 31,
; DEFAULT: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 33,
; DEFAULT-NOT: i8 18,
; DEFAULT-LABEL: define void @user(
; DEFAULT-NOT: store {{.*}} @__allocsite_context
; DEFAULT: call void @vendor_alloc()
; DEFAULT-NEXT: load ptr, ptr @__allocsite_context
; DEFAULT-NEXT: store ptr {{.*}} @__allocsite_context
; DEFAULT-NEXT: call void @header_alloc()

; SYSTEM: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 11,
; SYSTEM: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 21,
; SYSTEM: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 31,
; SYSTEM: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 32,
; SYSTEM-NOT: i8 18,
; SYSTEM-LABEL: define void @user(
; SYSTEM: store ptr {{.*}} @__allocsite_context
; SYSTEM-NEXT: call void @vendor_alloc()
; SYSTEM-NEXT: store ptr {{.*}} @__allocsite_context
; SYSTEM-NEXT: call void @header_alloc()
; SYSTEM-NEXT: ret void

; USER: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 11,
; USER: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 21,
; USER: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 1, i8 0, i8 0, i8 0, i32 31,
; USER: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 32,
; USER: @allocsite.site{{[.0-9]*}} = private global {{.*}} { i32 0, i8 18, i8 0, i8 0, i8 0, i32 33,

define void @vendor_alloc() !dbg !10 {
  %p = call ptr @malloc(i64 1), !dbg !11
  ret void
}

define void @header_alloc() !dbg !20 {
  %p = call ptr @malloc(i64 1), !dbg !21
  ret void
}

define void @user() !dbg !30 {
  %p = call ptr @malloc(i64 1), !dbg !31
  call void @vendor_alloc(), !dbg !32
  call void @header_alloc(), !dbg !33
  ret void
}

declare ptr @malloc(i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "main.c", directory: "/home/user/proj")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
!5 = !DIFile(filename: "/opt/vendor/lib.h", directory: "/home/user/proj")
!6 = !DIFile(filename: "/usr/include/lib.h", directory: "/home/user/proj")
!10 = distinct !DISubprogram(name: "vendor_alloc", scope: !5, file: !5, line: 10, type: !4, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "header_alloc", scope: !6, file: !6, line: 20, type: !4, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 21, column: 3, scope: !20)
!30 = distinct !DISubprogram(name: "user", scope: !1, file: !1, line: 30, type: !4, scopeLine: 30, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!31 = !DILocation(line: 31, column: 3, scope: !30)
!32 = !DILocation(line: 32, column: 3, scope: !30)
!33 = !DILocation(line: 33, column: 3, scope: !30)
