; One ignore list file (-allocsite-ignorelist=FILE, the syntax of -fsanitize-ignorelist=) instead
; of a comma-separated option per question: [wrappers] declares my_alloc a wrapper (its site is
; LIBRARY, flags 1), [not-wrappers] keeps xmalloc (a wrapper by its code) user code, [skip] leaves
; skipped() alone, and [system] makes a file under /opt/vendor/ library code.
; RUN: printf '[wrappers]\nfun:my_alloc\n[not-wrappers]\nfun:xmalloc\n[skip]\nfun:skipped\n[system]\nsrc:/opt/vendor/*\n' > %t.txt
; RUN: opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite-wrappers,allocsite -allocsite-ignorelist=%t.txt -S %s | FileCheck %s
; RUN: not opt %opaque_pointers -load=%allocsite_plugin -load-pass-plugin=%allocsite_plugin -passes=allocsite -allocsite-ignorelist=%t.missing -S %s 2>&1 | FileCheck %s --check-prefix=MISSING
; MISSING: error: allocsite: -allocsite-ignorelist: can't open file '{{.*}}.missing'

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-DAG: [[ALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 3,
; xmalloc, kept user code, returns what it allocates: flag 8, ALLOCSITE_SITE_WRAPPER_CANDIDATE.
; CHECK-DAG: [[XMALLOC:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 8, i8 0, i8 0, i32 13,
; CHECK-DAG: [[VENDOR:@allocsite\.site[.0-9]*]] = private global {{.*}} { i32 0, i8 1, i8 1, i8 0, i8 0, i32 23,

; CHECK-LABEL: define ptr @my_alloc(
; CHECK: call ptr @__allocsite_malloc(i64 %n, ptr [[ALLOC]])
define ptr @my_alloc(i64 %n) !dbg !10 {
  %p = call ptr @malloc(i64 %n), !dbg !11
  ret ptr %p
}

; CHECK-LABEL: define ptr @xmalloc(
; CHECK: call ptr @__allocsite_malloc(i64 %n, ptr [[XMALLOC]])
define ptr @xmalloc(i64 %n) !dbg !20 {
  %p = call ptr @malloc(i64 %n), !dbg !21
  %c = icmp eq ptr %p, null
  br i1 %c, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  ret ptr %p
}

; CHECK-LABEL: define ptr @vendor(
; CHECK: call ptr @__allocsite_malloc(i64 %n, ptr [[VENDOR]])
define ptr @vendor(i64 %n) !dbg !30 {
  %p = call ptr @malloc(i64 %n), !dbg !31
  ret ptr %p
}

; CHECK-LABEL: define ptr @skipped(
; CHECK: call ptr @malloc(i64 %n)
define ptr @skipped(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

declare ptr @malloc(i64)
declare void @abort() noreturn

; Only the listed wrapper is recorded by the early pass.
; CHECK: !allocsite.wrappers = !{[[W:![0-9]+]]}
; CHECK: [[W]] = !{!"my_alloc",

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}
!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "app.c", directory: "/home/me")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "my_alloc", scope: !1, file: !1, line: 2, type: !4, unit: !0)
!11 = !DILocation(line: 3, column: 8, scope: !10)
!20 = distinct !DISubprogram(name: "xmalloc", scope: !1, file: !1, line: 12, type: !4, unit: !0)
!21 = !DILocation(line: 13, column: 8, scope: !20)
!5 = !DIFile(filename: "lib.c", directory: "/opt/vendor")
!30 = distinct !DISubprogram(name: "vendor", scope: !5, file: !5, line: 22, type: !4, unit: !0)
!31 = !DILocation(line: 23, column: 8, scope: !30)
