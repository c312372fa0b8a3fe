// An instrumented shared library is dlopen'ed, allocates (leaking some blocks), and is dlclose'd
// and unmapped: its sites still appear in the report with their file, line and function, and a
// block of the unloaded library freed afterwards is still uncharged from its site.
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang_allocsite -O0 %s -ldl -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t %t.lib.so | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

// CHECK-LABEL: "sites": [
#ifdef LIB
void plugin_run(void **keep) {
  for (int i = 0; i < 3; i++)
    // CHECK-DAG: "file": "{{.*}}/dlclose.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plugin_run", "linkage_name": "plugin_run", "kind": "malloc", "instrumented": true, "live_bytes": 246, "live_blocks": 2, "alloc_bytes": 369, "alloc_calls": 3, "free_calls": 1,
    keep[i] = malloc(123);
  // CHECK-DAG: "file": "{{.*}}/dlclose.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plugin_run", "linkage_name": "plugin_run", "kind": "calloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 64, "alloc_calls": 1, "free_calls": 1,
  free(calloc(8, 8));
}
#else
#include <dlfcn.h>
#include <stdio.h>

void *keep[3];

// OUT: unloaded
int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib)
    return 3;
  void (*run)(void **) = (void (*)(void **))dlsym(lib, "plugin_run");
  if (!run)
    return 4;
  run(keep);
  if (dlclose(lib) != 0)
    return 5;
  puts(dlopen(argv[1], RTLD_NOW | RTLD_NOLOAD) ? "still loaded" : "unloaded");
  free(keep[0]); // the unloaded library's block
  return 0;
}
#endif
// CHECK: {{^}} ]}
