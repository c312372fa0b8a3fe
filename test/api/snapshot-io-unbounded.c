// allocsite_snapshot_load reads only regular files of at most 64 MiB: a device, a FIFO nobody
// writes to, and files over the limit are refused at once with one line (never read, never
// waited on), and a file whose first bytes no valid file has fails there without the rest of it
// being read. Each case runs under `timeout` so that a regression fails instead of hanging.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: rm -f %t.fifo && mkfifo %t.fifo
// RUN: truncate -s 3G %t.3g.json && truncate -s 67108865 %t.limit-plus-one.json
// RUN: truncate -s 67108864 %t.limit-zeros.json
// RUN: timeout 20 %run %t /dev/zero %t.fifo %t.3g.json %t.limit-plus-one.json %t.limit-zeros.json \
// RUN:   2>&1 | FileCheck %s --match-full-lines --implicit-check-not=allocsite
// RUN: rm -f %t.fifo %t.3g.json %t.limit-plus-one.json %t.limit-zeros.json
#include <allocsite/allocsite.h>
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv) {
  // CHECK: allocsite: cannot load snapshot '/dev/zero': not a regular file
  // CHECK-NEXT: /dev/zero: NULL
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}.fifo': not a regular file
  // CHECK-NEXT: {{.*}}.fifo: NULL
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}.3g.json': larger than the 64 MiB limit for snapshot files
  // CHECK-NEXT: {{.*}}.3g.json: NULL
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}.limit-plus-one.json': larger than the 64 MiB limit for snapshot files
  // CHECK-NEXT: {{.*}}.limit-plus-one.json: NULL
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}.limit-zeros.json': line 1, column 1: unexpected byte 0x00, expected a value
  // CHECK-NEXT: {{.*}}.limit-zeros.json: NULL
  for (int i = 1; i < argc; i++) {
    allocsite_snapshot *s = allocsite_snapshot_load(argv[i]);
    fprintf(stderr, "%s: %s\n", argv[i], s ? "loaded" : "NULL");
    allocsite_snapshot_free(s);
  }
  // A control character in the path does not split the line.
  // CHECK-NEXT: allocsite: cannot load snapshot 'a\x0ab\x1b.json': No such file or directory
  allocsite_snapshot_load("a\nb\x1b.json");
  return 0;
}
