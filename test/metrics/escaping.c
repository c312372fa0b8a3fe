// Label values as the exposition format wants them: backslash, double quote and line feed
// escaped; a byte that is not UTF-8 becomes '?' (a scrape with invalid UTF-8 fails whole).
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/m.prom timeout 60 %run %t.dir/prog
// RUN: FileCheck --match-full-lines %s < %t.dir/m.prom
#include <stdlib.h>

void *volatile keep;

// CHECK: allocsite_site_live_bytes{file="{{.*}}/dir\\we\"ird\nname?.c",line="7",function="main",module="prog"} 42
int main(void) {
#line 7 "dir\\we\"ird\nname\xff.c"
  keep = malloc(42);
  return 0;
}
