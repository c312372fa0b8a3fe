// promtool check metrics (Prometheus's own linter) accepts what metrics_path holds: while the
// program runs and at exit, with escaped labels, dynamic sites and the "other" series.
// REQUIRES: promtool
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 -I%S/../live/Inputs %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/m.prom:metrics_interval_ms=20:metrics_top=2 timeout 60 %run %t.dir/prog %t.dir/m.prom %t.dir/during.prom
// RUN: timeout 60 promtool check metrics < %t.dir/during.prom 2>&1 | count 0
// RUN: timeout 60 promtool check metrics < %t.dir/m.prom 2>&1 | count 0
// RUN: FileCheck --match-full-lines %s < %t.dir/m.prom
// CHECK: allocsite_site_live_bytes{file="{{.*}}/we\"ird\\name.c",line="3",function="main",module="prog"} 4000
#include "wait-for.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *volatile keep[16];

int main(int argc, char **argv) {
  (void)argc;
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(10 + i);
  keep[10] = strdup(argv[0]);
  if (!wait_for_file(argv[1], 0) || rename(argv[1], argv[2]) != 0)
    return 1;
#line 3 "we\"ird\\name.c"
  keep[11] = malloc(4000);
  return 0;
}
