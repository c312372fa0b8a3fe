; Every operator delete / delete[] overload (sized, aligned, nothrow) becomes
; __allocsite_delete(ptr, site): the runtime's block header already knows size and alignment.
; The site's kind tells delete (15) from delete[] (16).
; RUN: opt %opaque_pointers -load-pass-plugin=%allocsite_plugin -passes=allocsite -S %s 2>/dev/null | FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%"struct.std::nothrow_t" = type { i8 }
@_ZSt7nothrow = external global %"struct.std::nothrow_t"

; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 15, i8 0, i8 0, i8 0,
; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 16, i8 0, i8 0, i8 0,
; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 15, i8 0, i8 0, i8 0,
; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 16, i8 0, i8 0, i8 0,
; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 15, i8 0, i8 0, i8 0,
; CHECK-COUNT-2: = private global {{.*}} { i32 0, i8 16, i8 0, i8 0, i8 0,
; CHECK-NOT: = private global {{.*}} { i32 0, i8

; CHECK-LABEL: define void @deletes(
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: call void @__allocsite_delete(ptr %p, ptr @allocsite.site{{[.0-9]*}})
; CHECK-NEXT: ret void
define void @deletes(ptr %p) {
  call void @_ZdlPv(ptr %p)
  call void @_ZdlPvm(ptr %p, i64 8)
  call void @_ZdaPv(ptr %p)
  call void @_ZdaPvm(ptr %p, i64 8)
  call void @_ZdlPvSt11align_val_t(ptr %p, i64 64)
  call void @_ZdlPvmSt11align_val_t(ptr %p, i64 64, i64 64)
  call void @_ZdaPvSt11align_val_t(ptr %p, i64 64)
  call void @_ZdaPvmSt11align_val_t(ptr %p, i64 64, i64 64)
  call void @_ZdlPvRKSt9nothrow_t(ptr %p, ptr @_ZSt7nothrow)
  call void @_ZdlPvSt11align_val_tRKSt9nothrow_t(ptr %p, i64 64, ptr @_ZSt7nothrow)
  call void @_ZdaPvRKSt9nothrow_t(ptr %p, ptr @_ZSt7nothrow)
  call void @_ZdaPvSt11align_val_tRKSt9nothrow_t(ptr %p, i64 64, ptr @_ZSt7nothrow)
  ret void
}

; CHECK: declare void @__allocsite_delete(ptr, ptr)

declare void @_ZdlPv(ptr)
declare void @_ZdlPvm(ptr, i64)
declare void @_ZdaPv(ptr)
declare void @_ZdaPvm(ptr, i64)
declare void @_ZdlPvSt11align_val_t(ptr, i64)
declare void @_ZdlPvmSt11align_val_t(ptr, i64, i64)
declare void @_ZdaPvSt11align_val_t(ptr, i64)
declare void @_ZdaPvmSt11align_val_t(ptr, i64, i64)
declare void @_ZdlPvRKSt9nothrow_t(ptr, ptr)
declare void @_ZdlPvSt11align_val_tRKSt9nothrow_t(ptr, i64, ptr)
declare void @_ZdaPvRKSt9nothrow_t(ptr, ptr)
declare void @_ZdaPvSt11align_val_tRKSt9nothrow_t(ptr, i64, ptr)
