// allocsite_snapshot_load reads the report that ALLOCSITE_REPORT=x.json wrote at exit (it has
// "pid" and "memory", which a snapshot ignores), with the same numbers the report shows.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: env ALLOCSITE_OPTIONS=symbolize=1 ALLOCSITE_REPORT=%t.json %run %t
// RUN: %run %t %t.json 2>&1 | FileCheck %s --implicit-check-not=allocsite:
#include <allocsite/allocsite.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// CHECK: loaded=1
void *volatile keep[8];
static char pool[128];

static void allocate(void) {
  for (int i = 0; i < 5; i++)
    // CHECK-DAG: snapshot-io-load-report.c:[[@LINE+1]] allocate malloc size=60 count=3 alloc_calls=5 alloc_bytes=100
    keep[i] = malloc(20);
  free(keep[0]);
  free(keep[1]);
  // CHECK-DAG: snapshot-io-load-report.c:[[@LINE+1]] allocate calloc size=30 count=1 alloc_calls=1 alloc_bytes=30
  keep[6] = calloc(3, 10);
  // CHECK-DAG: snapshot-io-load-report.c:[[@LINE+1]] allocate tracked domain=5 size=100 count=1 alloc_calls=1 alloc_bytes=100
  allocsite_track(5, (uintptr_t)pool, 100);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    allocate(); // the report at exit lists these
    return 0;
  }
  allocsite_snapshot *s = allocsite_snapshot_load(argv[1]);
  printf("loaded=%d\n", s != NULL);
  allocsite_filter here = {1, 0, "*snapshot-io-load-report.c", 0, 0, 0};
  allocsite_snapshot *f = allocsite_snapshot_filter_traces(s, &here, 1);
  allocsite_statistic *st;
  size_t n = allocsite_snapshot_statistics(f, ALLOCSITE_BY_SITE, &st);
  for (size_t i = 0; i < n; i++) {
    const char *file = strrchr(st[i].key.file, '/');
    printf("%s:%u %s %s", file ? file + 1 : st[i].key.file, st[i].key.line, st[i].key.function,
           st[i].key.kind);
    if (!st[i].key.instrumented)
      printf(" domain=%u", st[i].key.domain);
    printf(" size=%llu count=%llu alloc_calls=%llu alloc_bytes=%llu\n",
           (unsigned long long)st[i].size, (unsigned long long)st[i].count,
           (unsigned long long)st[i].alloc_calls, (unsigned long long)st[i].alloc_bytes);
  }
  // CHECK: rows=3
  printf("rows=%zu\n", n);
  allocsite_free(st);
  allocsite_snapshot_free(f);
  allocsite_snapshot_free(s);
  return 0;
}
