// A program that frees everything before exit: the report's "peak" section and the text report's
// "top sites at the peak" say what held the 90,000-byte peak, exactly (one thread).
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json timeout 60 %run %t
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=source=0 timeout 60 %run %t 2>&1 | FileCheck %s --check-prefix=TEXT
#include <stdlib.h>

void *volatile keep[64];

// JSON: "totals": {"live_bytes": 0, "live_blocks": 0, "peak_bytes": 90000,
// JSON: "peak": {"bytes": 90000, "sites":[{"id": {{[0-9]+}}, "file": "{{.*}}peak-freed.c", "line": [[@LINE+10]], "column": 15, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 50000, "live_blocks": 50, "inlined_at": []}, {"id": {{[0-9]+}}, "file": "{{.*}}peak-freed.c", "line": [[@LINE+12]], "column": 15, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 40000, "live_blocks": 10, "inlined_at": []}]}

// TEXT: Total live: 0 B
// TEXT-EMPTY:
// TEXT-NEXT: top sites at the peak (87.9 KiB):
// TEXT-NEXT: #1: {{.*}}peak-freed.c:[[@LINE+5]]: main(): 48.8 KiB in 50 blocks
// TEXT-NEXT: #2: {{.*}}peak-freed.c:[[@LINE+6]]: main(): 39.1 KiB in 10 blocks
// TEXT-NOT: {{.}}
int main(void) {
  for (int i = 0; i < 50; i++)
    keep[i] = malloc(1000);
  for (int i = 50; i < 60; i++)
    keep[i] = malloc(4000);
  for (int i = 0; i < 60; i++)
    free(keep[i]);
  return 0;
}
