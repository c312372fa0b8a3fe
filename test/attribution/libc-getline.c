// getline's buffer, malloc'ed inside libc's getdelim (120 bytes for a first line shorter than
// that), is charged to the getline line, and so is the stream's 8 KiB buffer that the first read
// allocates (freed by fclose).
// RUN: %clang_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2
// RUN: FileCheck %s < %t2.json
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

char *volatile keep;

int main(void) {
  static char text[] = "first line\nsecond line\n";
  FILE *in = fmemopen(text, sizeof(text) - 1, "r");
  char *line = NULL;
  size_t capacity = 0;
  // CHECK-DAG: "file": "{{.*}}/libc-getline.c", "line": [[@LINE+2]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 120, "live_blocks": 1, "alloc_bytes": 120, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "getdelim", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  // CHECK-DAG: "file": "{{.*}}/libc-getline.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 8192, "alloc_calls": 1, "free_calls": 1, "inlined_at": [], "via": [{"file": {{.*}}, "function": "_IO_file_doallocate", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  getline(&line, &capacity, in);
  keep = line;
  fclose(in);
  return 0;
}
