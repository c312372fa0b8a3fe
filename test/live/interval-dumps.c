// dump_interval_ms: a dump every 50 ms without any signal, numbered from 1, each the program's
// state then (steady here: three 1,000-byte blocks).
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 -I%S/Inputs %s -o %t
// RUN: env ALLOCSITE_OPTIONS=dump_interval_ms=50:dump_path=%t.dir/i.%n.json timeout 60 %run %t %t.dir/i.%%d.json
// RUN: FileCheck %s < %t.dir/i.1.json
// RUN: FileCheck %s < %t.dir/i.3.json
#include "wait-for.h"

#include <stdlib.h>

void *volatile keep[3];

// CHECK: "totals": {"live_bytes": 3000, "live_blocks": 3,
// CHECK: "line": [[@LINE+4]], {{.*}}"live_bytes": 3000, "live_blocks": 3, "alloc_bytes": 3000, "alloc_calls": 3, "free_calls": 0,
int main(int argc, char **argv) {
  (void)argc;
  for (int i = 0; i < 3; i++)
    keep[i] = malloc(1000);
  return wait_for_file(argv[1], 3) ? 0 : 1;
}
