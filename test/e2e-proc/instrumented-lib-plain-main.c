// An instrumented shared library used by an uninstrumented program: liballocsite.so arrives as
// the library's dependency, after libc, so the runtime re-executes the program once with itself
// in LD_PRELOAD, and restores the environment before main (no ALLOCSITE_REEXEC marker, no
// LD_PRELOAD left for the program's children). main runs once, and the report is
// complete: the library's sites with file:line, main's own mallocs as a dynamic site named by
// main's debug info, and blocks freed across the two (library frees main's, main frees the
// library's) uncharged from the right site. The re-executed program gets the same arguments.
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang -g -O0 %s %t.lib.so -o %t
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t.json %run %t "two words" "" last | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <stdlib.h>

void *lib_alloc(size_t n);
void lib_free(void *p);

#ifdef LIB
// CHECK:       "totals": {"live_bytes": 290, "live_blocks": 5, "peak_bytes": 420, "alloc_calls": 7, "free_calls": 2, "alloc_bytes": 420}
// CHECK-LABEL: "sites": [
void *lib_alloc(size_t n) {
  // CHECK-DAG: "file": "{{.*}}/instrumented-lib-plain-main.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "lib_alloc", "linkage_name": "lib_alloc", "kind": "malloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1,
  return malloc(n);
}
void lib_free(void *p) { free(p); }
#else
#include <string.h>
#include <unistd.h>

void *volatile from_lib[3], *volatile from_main[4];

static void say(const char *s) {
  if (write(STDOUT_FILENO, s, strlen(s)) < 0)
    abort();
}

// OUT:      main ran, ALLOCSITE_REEXEC=(unset), LD_PRELOAD=(unset), args: [two words] [] [last]
// OUT-NOT:  main ran
int main(int argc, char **argv) {
  const char *reexec = getenv("ALLOCSITE_REEXEC");
  say("main ran, ALLOCSITE_REEXEC=");
  say(reexec ? reexec : "(unset)");
  const char *preload = getenv("LD_PRELOAD");
  say(", LD_PRELOAD=");
  say(preload ? preload : "(unset)");
  say(", args:");
  for (int i = 1; i < argc; i++) {
    say(" [");
    say(argv[i]);
    say("]");
  }
  say("\n");
  for (int i = 0; i < 3; i++)
    from_lib[i] = lib_alloc(100);
  for (int i = 0; i < 4; i++)
    // CHECK-DAG: "file": "{{.*}}instrumented-lib-plain-main.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": null, "kind": "dynamic", "instrumented": false, "live_bytes": 90, "live_blocks": 3, "alloc_bytes": 120, "alloc_calls": 4, "free_calls": 1, "inlined_at": [], "module": "{{.*}}instrumented-lib-plain-main.c.tmp", "module_offset": "0x{{[0-9a-f]+}}", {{("build_id": "[0-9a-f]+", )?}}"symbol": {{(null|"main")}}}
    from_main[i] = malloc(30);
  free(from_lib[0]);
  lib_free(from_main[0]);
  return 0;
}
#endif
// CHECK: {{^}} ]}
