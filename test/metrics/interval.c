// metrics_interval_ms: the file is rewritten while the program runs (here it still holds three
// 1,000-byte blocks), and once more at exit (after they were freed); no temporary file stays.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 -I%S/../live/Inputs %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/m.prom:metrics_interval_ms=50 timeout 60 %run %t.dir/prog %t.dir/m.prom %t.dir/during.txt
// RUN: ls %t.dir | FileCheck --check-prefix=FILES %s
// RUN: FileCheck --check-prefix=DURING -DFILE=%s %s < %t.dir/during.txt
// RUN: FileCheck --check-prefix=EXIT -DFILE=%s %s < %t.dir/m.prom
// FILES: {{^}}during.txt{{$}}
// FILES-NEXT: {{^}}m.prom{{$}}
// FILES-NEXT: {{^}}prog{{$}}
#include "wait-for.h"

#include <stdio.h>
#include <stdlib.h>

void *volatile keep[3];

// DURING: {{^}}allocsite_site_live_bytes{file="[[FILE]]",line="[[#@LINE+9]]",function="main",module="prog"} 3000{{$}}
// DURING: {{^}}allocsite_live_bytes 3000{{$}}
// DURING: {{^}}allocsite_peak_bytes 3000{{$}}
// EXIT: {{^}}allocsite_site_live_bytes{file="[[FILE]]",line="[[#@LINE+6]]",function="main",module="prog"} 0{{$}}
// EXIT: {{^}}allocsite_live_bytes 0{{$}}
// EXIT: {{^}}allocsite_peak_bytes 3000{{$}}
int main(int argc, char **argv) {
  (void)argc;
  for (int i = 0; i < 3; i++)
    keep[i] = malloc(1000);
  // The interval's file, taken away so that the one written at exit cannot be mistaken for it.
  if (!wait_for_file(argv[1], 0) || rename(argv[1], argv[2]) != 0)
    return 1;
  for (int i = 0; i < 3; i++)
    free(keep[i]);
  return 0;
}
