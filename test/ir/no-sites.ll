; A module without allocation calls gets nothing: no descriptors, constructor or warning.
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>&1 | FileCheck %s

target triple = "x86_64-unknown-linux-gnu"

; CHECK-NOT: allocsite
define i32 @add(i32 %a, i32 %b) {
  %c = add i32 %a, %b
  ret i32 %c
}
