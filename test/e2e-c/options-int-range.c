// An option integer too large for its field (2^64 + 1, 2^64, 2^63, a suffix that overflows) is
// rejected with the usual one-line error and the default stays, instead of wrapping around
// (min_size=18446744073709551617 was 1, top=18446744073709551616 was 0 = all). The largest value,
// 2^63 - 1, is accepted.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=min_size=18446744073709551617:top=18446744073709551616:source=0 \
// RUN:   %run %t 2>&1 | FileCheck %s --check-prefix=WRAP --implicit-check-not=allocsite:
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=top=9223372036854775808:min_size=8589934592G:source=0 \
// RUN:   %run %t 2>&1 | FileCheck %s --check-prefix=EDGE --implicit-check-not=allocsite:
// RUN: env ALLOCSITE_REPORT=1 ALLOCSITE_OPTIONS=top=9223372036854775807:min_size=8589934591G:source=0 \
// RUN:   %run %t 2>&1 | FileCheck %s --check-prefix=MAX --implicit-check-not=allocsite:
#include <stdlib.h>
#include <unistd.h>

// WRAP: allocsite: bad value '18446744073709551617' for option 'min_size' in ALLOCSITE_OPTIONS (accepted: bytes >= 0, at most 9223372036854775807)
// WRAP-NEXT: allocsite: bad value '18446744073709551616' for option 'top' in ALLOCSITE_OPTIONS (accepted: N >= 0, at most 9223372036854775807)
// WRAP-NEXT: main ran
// WRAP-LABEL: top sites by live memory (grouped by line):
// WRAP-NEXT: #1: {{.*}}options-int-range.c:[[@LINE+18]]: main(): 300 B in 1 block (alloc: 1 call, 300 B)
// WRAP-NEXT: #2: {{.*}}options-int-range.c:[[@LINE+18]]: main(): 1 B in 1 block (alloc: 1 call, 1 B)
// WRAP-NEXT: Total live: 301 B

// EDGE: allocsite: bad value '9223372036854775808' for option 'top' in ALLOCSITE_OPTIONS (accepted: N >= 0, at most 9223372036854775807)
// EDGE-NEXT: allocsite: bad value '8589934592G' for option 'min_size' in ALLOCSITE_OPTIONS (accepted: bytes >= 0, at most 9223372036854775807)
// EDGE-NEXT: main ran

// The largest value is taken: top=2^63-1 lists all; min_size=8589934591G (2^63 - 2^30) hides both sites.
// MAX: main ran
// MAX-LABEL: top sites by live memory (grouped by line):
// MAX-NEXT: 2 other sites: 301 B
// MAX-NEXT: Total live: 301 B

void *volatile keep[2];

int main(void) {
  write(1, "main ran\n", 9);
  keep[0] = malloc(300);
  keep[1] = malloc(1);
  return 0;
}
