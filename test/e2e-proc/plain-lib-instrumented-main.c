// An uninstrumented shared library (plain clang, with -g) called from an instrumented program:
// the library's allocations are charged to the program's line that called it, with the library's
// function and file:line as "via" (SPEC §3); with attribute=inner they are a dynamic site named
// by the library's function and file:line. A block the library allocated and the program frees,
// and one the program allocated and the library frees, are uncharged from the site that
// allocated them.
// RUN: %clang -g -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang_allocsite -O0 %s %t.lib.so -o %t
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t.json %run %t
// RUN: FileCheck %s --check-prefixes=CHECK,USER < %t.json
// RUN: env ALLOCSITE_REPORT=%t.inner.json ALLOCSITE_OPTIONS=symbolize=1:attribute=inner %run %t
// RUN: FileCheck %s --check-prefixes=CHECK,INNER < %t.inner.json
#include <stdlib.h>

void *lib_alloc(size_t n);
void lib_free(void *p);

// CHECK:       "totals": {"live_bytes": 420, "live_blocks": 6, "peak_bytes": 580, "alloc_calls": 8, "free_calls": 2, "alloc_bytes": 580}
// CHECK-LABEL: "sites": [
#ifdef LIB
void *lib_alloc(size_t n) {
  // INNER-DAG: "file": "{{.*}}plain-lib-instrumented-main.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "lib_alloc", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 300, "live_blocks": 3, "alloc_bytes": 350, "alloc_calls": 4, "free_calls": 1, "inlined_at": [], "module": "{{.*}}plain-lib-instrumented-main.c.tmp.lib.so", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": "lib_alloc"}
  return malloc(n);
}
void lib_free(void *p) { free(p); }
#else
void *volatile from_lib[4], *volatile from_main[4];

int main(void) {
  for (int i = 0; i < 4; i++)
    // USER-DAG: "file": "{{.*}}/plain-lib-instrumented-main.c", "line": [[@LINE+1]], "column": 19, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 300, "live_blocks": 3, "alloc_bytes": 350, "alloc_calls": 4, "free_calls": 1, "inlined_at": [], "via": [{"file": "{{.*}}/plain-lib-instrumented-main.c", "function": "lib_alloc", "line": [[#@LINE-8]], "column": 10, "module": "{{[^"]*}}plain-lib-instrumented-main.c.tmp.lib.so", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
    from_lib[i] = lib_alloc(i == 0 ? 50 : 100);
  for (int i = 0; i < 4; i++)
    // CHECK-DAG: "file": "{{.*}}/plain-lib-instrumented-main.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 120, "live_blocks": 3, "alloc_bytes": 230, "alloc_calls": 4, "free_calls": 1,
    from_main[i] = malloc(i == 0 ? 110 : 40);
  free(from_lib[0]);     // 50 bytes the library allocated
  lib_free(from_main[0]); // 110 bytes main allocated
  return 0;
}
#endif
// CHECK: {{^}} ]}
