// metrics_labels: constant labels on every series, first, in the order given; %p is the process
// id. With pid=%p, two processes of one program share a textfile directory without clashing.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/m.prom:metrics_labels=service=api,pid=%%p timeout 60 %run %t.dir/prog
// RUN: FileCheck --match-full-lines -DFILE=%s %s < %t.dir/m.prom
#include <stdlib.h>

void *volatile keep;

// CHECK: allocsite_site_live_bytes{service="api",pid="[[PID:[0-9]+]]",file="[[FILE]]",line="[[#@LINE+5]]",function="main",module="prog"} 1000
// CHECK: allocsite_site_live_bytes{service="api",pid="[[PID]]",site="other"} 0
// CHECK: allocsite_live_bytes{service="api",pid="[[PID]]"} 1000
// CHECK: allocsite_runtime_bytes{service="api",pid="[[PID]]"} {{[0-9]+}}
int main(void) {
  keep = malloc(1000);
  return 0;
}
