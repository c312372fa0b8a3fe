// allocsite html on a known program: the page, rendered in headless Chromium, shows the exact
// totals and bytes per line, sorts by a column when its title is clicked, has no timeline (the
// report has none) but says how to get one, and makes no network request.
// REQUIRES: chromium
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: %allocsite_cli html %t.json -o %t.html
// RUN: timeout 120 %python %S/Inputs/browse.py %t.html "table:#totals table" "table:#site-table" \
// RUN:   "click:#site-table th[data-key=alloc_calls]" "table:#site-table" \
// RUN:   "click:#site-table th[data-key=alloc_calls]" "table:#site-table" \
// RUN:   "eval:document.querySelector('th[aria-sort]').dataset.key" \
// RUN:   "eval:document.querySelector('th[aria-sort]').getAttribute('aria-sort')" \
// RUN:   "text:#no-timeline" \
// RUN:   | FileCheck %s --match-full-lines --implicit-check-not="page error"
#include <stdlib.h>

// Totals; the peak is the 7000 B kept plus one 64-byte block of the last loop.
// CHECK:      == table #totals table
// CHECK-NEXT: Live | 6.8 KiB 7000 B
// CHECK-NEXT: Peak | 6.9 KiB 7064 B
// CHECK-NEXT: Allocated | 13.1 KiB 13400 B
// CHECK-NEXT: Live blocks | 5
// CHECK-NEXT: Allocation calls | 105
// CHECK-NEXT: Free calls | 100

// Sorted by live bytes at first. The peak column is what the report's "peak" section says, or n/a
// without one (the runtime's tests pin the section; test/html/timeline.test its rendering).
// CHECK:      == table #site-table
// CHECK-NEXT: # | Location | Source line | Live bytes | Live blocks | Peak bytes (at the peak) | Alloc bytes | Alloc calls

void *volatile keep[8];

int main(void) {
  for (int i = 0; i < 4; i++)
    // CHECK-NEXT: 1 | {{/.*}}program.c:[[@LINE+1]]: main() | keep[i] = malloc(1000); | 3.9 KiB 4000 B | 4 | {{[^|]+}} | 3.9 KiB 4000 B | 4
    keep[i] = malloc(1000);
  // CHECK-NEXT: 2 | {{/.*}}program.c:[[@LINE+1]]: main() | keep[4] = calloc(10, 300); | 2.9 KiB 3000 B | 1 | {{[^|]+}} | 2.9 KiB 3000 B | 1
  keep[4] = calloc(10, 300);
  for (int i = 0; i < 100; i++)
    // CHECK-NEXT: 3 | {{/.*}}program.c:[[@LINE+1]]: main() | free(malloc(64)); | 0 B | 0 | {{[^|]+}} | 6.3 KiB 6400 B | 100
    free(malloc(64));
  return 0;
}

// A click on "Alloc calls": most calls first; a second click: fewest first.
// CHECK:      == click #site-table th[data-key=alloc_calls]
// CHECK-NEXT: == table #site-table
// CHECK-NEXT: # | Location | Source line | Live bytes | Live blocks | Peak bytes (at the peak) | Alloc bytes | Alloc calls
// CHECK-NEXT: 3 | {{.*}} | free(malloc(64)); | 0 B | 0 | {{[^|]+}} | 6.3 KiB 6400 B | 100
// CHECK-NEXT: 1 | {{.*}} | keep[i] = malloc(1000); | 3.9 KiB 4000 B | 4 | {{[^|]+}} | 3.9 KiB 4000 B | 4
// CHECK-NEXT: 2 | {{.*}} | keep[4] = calloc(10, 300); | 2.9 KiB 3000 B | 1 | {{[^|]+}} | 2.9 KiB 3000 B | 1
// CHECK-NEXT: == click #site-table th[data-key=alloc_calls]
// CHECK-NEXT: == table #site-table
// CHECK-NEXT: # | Location | Source line | Live bytes | Live blocks | Peak bytes (at the peak) | Alloc bytes | Alloc calls
// CHECK-NEXT: 2 | {{.*}} | keep[4] = calloc(10, 300); | 2.9 KiB 3000 B | 1 | {{[^|]+}} | 2.9 KiB 3000 B | 1
// CHECK-NEXT: 1 | {{.*}} | keep[i] = malloc(1000); | 3.9 KiB 4000 B | 4 | {{[^|]+}} | 3.9 KiB 4000 B | 4
// CHECK-NEXT: 3 | {{.*}} | free(malloc(64)); | 0 B | 0 | {{[^|]+}} | 6.3 KiB 6400 B | 100
// CHECK-NEXT: == eval document.querySelector('th[aria-sort]').dataset.key
// CHECK-NEXT: alloc_calls
// CHECK-NEXT: == eval document.querySelector('th[aria-sort]').getAttribute('aria-sort')
// CHECK-NEXT: ascending

// CHECK-NEXT: == text #no-timeline
// CHECK-NEXT: No timeline in this report. Run the program with ALLOCSITE_OPTIONS=timeline_interval_ms=N (for example N=10) to record one.
// CHECK-NEXT: network requests: none
