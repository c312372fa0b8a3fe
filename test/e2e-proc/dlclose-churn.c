// 2,000 cycles of dlopen + dlclose of an instrumented library. A reloaded site is the same site
// (same module path, file, line, column, function, kind and inline chain), so the report lists each
// of the library's sites once with the counts of every load summed, and the runtime's own memory
// stops growing once the first cycles have been seen. The block still live after the last dlclose
// keeps its site reportable. (main's lines also carry the loader's own allocations, charged to the
// dlopen call; their sizes are glibc's and not checked here.)
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -ldl -o %t
// RUN: env ALLOCSITE_REPORT=%t.json timeout 120 %run %t %t.lib.so | FileCheck %s --check-prefix=OUT
// The sites, without the "memory" line (which also carries "peak", each site again at the peak):
// RUN: grep -v '^ "memory"' %t.json | FileCheck %s --implicit-check-not='"function": "plugin_run"'
#include <stdlib.h>

// CHECK-LABEL: "sites": [
#ifdef LIB
void *plugin_run(void) {
  // CHECK-DAG: "file": "{{.*}}/dlclose-churn.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plugin_run", "linkage_name": "plugin_run", "kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 200000, "alloc_calls": 2000, "free_calls": 2000,
  free(malloc(100));
  // CHECK-DAG: "file": "{{.*}}/dlclose-churn.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plugin_run", "linkage_name": "plugin_run", "kind": "malloc", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 48000, "alloc_calls": 2000, "free_calls": 1999,
  return malloc(24);
}
#else
#include <allocsite/allocsite.h>
#include <dlfcn.h>
#include <stdio.h>

// OUT: cycles 100 to 2000: runtime memory grew by 0 bytes
// OUT-NEXT: unloaded
int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *kept = NULL;
  size_t warm = 0;
  for (int cycle = 1; cycle <= 2000; cycle++) {
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib)
      return 3;
    void *(*run)(void) = (void *(*)(void))dlsym(lib, "plugin_run");
    if (!run)
      return 4;
    free(kept);
    kept = run();
    if (dlclose(lib) != 0)
      return 5;
    if (cycle == 100)
      warm = allocsite_get_tracemalloc_memory();
  }
  size_t now = allocsite_get_tracemalloc_memory();
  printf("cycles 100 to 2000: runtime memory grew by %zd bytes\n", (ssize_t)(now - warm));
  puts(dlopen(argv[1], RTLD_NOW | RTLD_NOLOAD) ? "still loaded" : "unloaded");
  return 0;
}
#endif
// CHECK: {{^}} ]}
