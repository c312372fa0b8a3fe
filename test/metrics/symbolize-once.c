// Rewriting metrics_path every few ms does not start llvm-symbolizer each time: a dynamic site
// is symbolized once for the life of the process, and every rewrite keeps its file:line labels.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang -g -O0 -I%S/../live/Inputs %s -o %t.dir/prog
// RUN: timeout 60 env SYMBOLIZER_LOG=%t.dir/log LD_PRELOAD=%allocsite_runtime ALLOCSITE_OPTIONS=symbolize=1:symbolizer=%S/Inputs/counting-symbolizer.sh:metrics_path=%t.dir/m.prom:metrics_interval_ms=20:metrics_top=1 %run %t.dir/prog %t.dir/m.prom %t.dir/during
// RUN: count 1 < %t.dir/log
// RUN: FileCheck --match-full-lines -DFILE=%s %s < %t.dir/during
// RUN: FileCheck --match-full-lines -DFILE=%s %s < %t.dir/m.prom
#include "wait-for.h"

#include <stdio.h>
#include <stdlib.h>

void *volatile keep;

// CHECK: allocsite_site_live_bytes{file="[[FILE]]",line="[[#@LINE+5]]",function="main",module="prog"} 123456
int main(int argc, char **argv) {
  (void)argc;
  // Five rewrites while the program runs, each taken away as it comes, then the one at exit.
  for (int i = 0; i < 5; i++) {
    keep = keep ? keep : malloc(123456);
    if (!wait_for_file(argv[1], 0) || rename(argv[1], argv[2]) != 0)
      return 1;
  }
  return 0;
}
