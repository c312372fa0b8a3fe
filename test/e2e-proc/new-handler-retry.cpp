// When operator new cannot allocate it calls the std::new_handler and retries, as the standard
// requires: here the handler frees a reserve (making room under RLIMIT_AS) and the retry
// succeeds. The handler runs once, the allocation is counted once with its exact size, and the
// reserve freed inside the handler is uncharged.
// RUN: %clangxx_allocsite -O0 -std=c++17 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <cstdio>
#include <cstdlib>
#include <new>
#include <sys/resource.h>
#include <unistd.h>

constexpr std::size_t MiB = 1 << 20;
void *volatile reserve;
char *volatile big;
static int handler_calls;

static void release_reserve() {
  handler_calls++;
  free(reserve);
  reserve = nullptr;
  std::set_new_handler(nullptr); // a second failure throws instead of looping
}

static long vm_bytes() {
  long pages = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f || fscanf(f, "%ld", &pages) != 1)
    abort();
  fclose(f);
  return pages * sysconf(_SC_PAGESIZE);
}

// OUT: handler calls: 1, big: allocated
int main() {
  // CHECK-LABEL: "sites": [
  // CHECK-DAG: "file": "{{.*}}/new-handler-retry.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 0, "live_blocks": 0, "alloc_bytes": 134217728, "alloc_calls": 1, "free_calls": 1,
  reserve = malloc(128 * MiB);
  // Room for 64 MiB more: a 96 MiB block only fits once the reserve is gone.
  struct rlimit lim = {static_cast<rlim_t>(vm_bytes()) + 64 * MiB, RLIM_INFINITY};
  if (setrlimit(RLIMIT_AS, &lim) != 0)
    abort();
  std::set_new_handler(release_reserve);
  // CHECK-DAG: "file": "{{.*}}/new-handler-retry.cpp", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "new[]", "instrumented": true, "live_bytes": 100663296, "live_blocks": 1, "alloc_bytes": 100663296, "alloc_calls": 1, "free_calls": 0,
  big = new char[96 * MiB];
  // CHECK: {{^}} ]}
  fprintf(stderr, "handler calls: %d, big: %s\n", handler_calls, big ? "allocated" : "null");
  return 0;
}
