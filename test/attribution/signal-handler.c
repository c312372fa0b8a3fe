// A signal handler is user code: an allocation it makes inside libc is charged to the handler's
// own line, even when the signal arrives while the interrupted code is inside a library call, and
// the interrupted call's context is intact when the handler returns. Deterministic: a tsearch
// callback raises SIGUSR1 synchronously; the handler's realpath result (2 bytes, "/") is charged
// to the handler's line, tsearch's node (24 bytes, malloc'ed after the callback returns) to the
// tsearch line, and main's realpath after it to its own line.
// RUN: %clang_allocsite -O0 %s -o %t0
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t0.json %run %t0 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t0.json
// RUN: %clang_allocsite -O2 %s -o %t2
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t2.json %run %t2 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t2.json
#include <search.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void *root;
static int keys[2] = {1, 2};
static volatile sig_atomic_t handled;
char *volatile from_handler, *volatile from_main;

static void on_usr1(int sig) {
  (void)sig;
  // CHECK-DAG: "file": "{{.*}}/signal-handler.c", "line": [[@LINE+1]], "column": 18, "function": "on_usr1", "linkage_name": "on_usr1", "kind": "dynamic", "instrumented": true, "live_bytes": 2, "live_blocks": 1, "alloc_bytes": 2, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  from_handler = realpath("/", NULL);
  handled++;
}

static int compare(const void *a, const void *b) {
  raise(SIGUSR1);
  return *(const int *)a - *(const int *)b;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  // CHECK-DAG: "file": "{{.*}}/signal-handler.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  tsearch(&keys[0], &root, compare); // the first node: no comparison, no signal
  // CHECK-DAG: "file": "{{.*}}/signal-handler.c", "line": [[@LINE+1]], "column": 3, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 24, "live_blocks": 1, "alloc_bytes": 24, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "{{.*}}tsearch", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  tsearch(&keys[1], &root, compare);
  // CHECK-DAG: "file": "{{.*}}/signal-handler.c", "line": [[@LINE+1]], "column": 15, "function": "main", "linkage_name": "main", "kind": "dynamic", "instrumented": true, "live_bytes": 5, "live_blocks": 1, "alloc_bytes": 5, "alloc_calls": 1, "free_calls": 0, "inlined_at": [], "via": [{"file": {{.*}}, "function": "strdup", "line": {{[0-9]+}}, "column": {{[0-9]+}}, "module": "{{[^"]*}}libc.so.6", "module_offset": "0x{{[0-9a-f]+}}"{{(, "build_id": "[0-9a-f]+")?}}}]}
  from_main = realpath("/tmp/..//usr", NULL); // "/usr"
  // OUT: handled=1
  printf("handled=%d\n", (int)handled);
  return 0;
}
