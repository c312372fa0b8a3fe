// Uninstrumented code (LD_PRELOAD): a dynamic site without file:line (symbolize=0, no debug
// info) is labelled by its module, its dladdr symbol and its module offset, which stays the
// same from run to run of one binary.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang -O0 -g0 -rdynamic %s -o %t.dir/prog
// RUN: timeout 60 env LD_PRELOAD=%allocsite_runtime ALLOCSITE_OPTIONS=symbolize=0:metrics_path=%t.dir/m.prom:metrics_top=1 %run %t.dir/prog
// RUN: FileCheck --match-full-lines %s < %t.dir/m.prom
// RUN: %clang -O0 -g -rdynamic %s -o %t.dir/prog-g
// RUN: timeout 60 env LD_PRELOAD=%allocsite_runtime ALLOCSITE_OPTIONS=symbolize=1:metrics_path=%t.dir/g.prom:metrics_top=1 %run %t.dir/prog-g
// RUN: FileCheck --check-prefix=SYM --match-full-lines -DFILE=%s %s < %t.dir/g.prom
#include <stdlib.h>

void *volatile keep;

// CHECK: allocsite_site_live_bytes{file="",line="",function="main",module="prog",offset="0x{{[0-9a-f]+}}"} 100000
// SYM: allocsite_site_live_bytes{file="[[FILE]]",line="[[#@LINE+3]]",function="main",module="prog-g"} 100000
// CHECK: allocsite_site_live_bytes{site="other"} {{[0-9]+}}
int main(void) {
  keep = malloc(100000);
  return 0;
}
