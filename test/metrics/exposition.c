// metrics_path: Prometheus text exposition at exit, exactly: the metrics_top sites by live bytes
// with their own series, labelled file, line, function and module; the rest summed in
// site="other"; sites with the same labels (two calls on one line) one series; then the process
// totals. Written through a temporary file that does not stay behind.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/allocsite_%%p.prom:metrics_top=2 timeout 60 %run %t.dir/prog
// RUN: ls %t.dir | FileCheck --check-prefix=FILES %s
// RUN: cat %t.dir/allocsite_*.prom | FileCheck --match-full-lines --strict-whitespace -DFILE=%s %s
// FILES: {{^}}allocsite_{{[0-9]+}}.prom{{$}}
// FILES-NEXT: {{^}}prog{{$}}
#include <stdlib.h>
#include <string.h>

void *volatile keep[8];

// CHECK:# HELP allocsite_site_live_bytes Bytes requested by live blocks of the allocation site (the metrics_top sites by live bytes; site="other" sums the rest).
// CHECK-NEXT:# TYPE allocsite_site_live_bytes gauge
// CHECK-NEXT:allocsite_site_live_bytes{file="[[FILE]]",line="[[#@LINE+20]]",function="main",module="prog"} 3000
// CHECK-NEXT:allocsite_site_live_bytes{file="[[FILE]]",line="[[#@LINE+20]]",function="main",module="prog"} 530
// CHECK-NEXT:allocsite_site_live_bytes{site="other"} 6
// CHECK-NEXT:# HELP allocsite_site_live_blocks Live blocks of the allocation site.
// CHECK-NEXT:# TYPE allocsite_site_live_blocks gauge
// CHECK-NEXT:allocsite_site_live_blocks{file="[[FILE]]",line="[[#@LINE+15]]",function="main",module="prog"} 3
// CHECK-NEXT:allocsite_site_live_blocks{file="[[FILE]]",line="[[#@LINE+15]]",function="main",module="prog"} 3
// CHECK-NEXT:allocsite_site_live_blocks{site="other"} 1
// CHECK-NEXT:# HELP allocsite_site_allocated_bytes_total Bytes requested at the allocation site since the start (site="other" may go down when a site enters the top).
// CHECK-NEXT:# TYPE allocsite_site_allocated_bytes_total counter
// CHECK-NEXT:allocsite_site_allocated_bytes_total{file="[[FILE]]",line="[[#@LINE+10]]",function="main",module="prog"} 3000
// CHECK-NEXT:allocsite_site_allocated_bytes_total{file="[[FILE]]",line="[[#@LINE+10]]",function="main",module="prog"} 530
// CHECK-NEXT:allocsite_site_allocated_bytes_total{site="other"} 83
// CHECK-NEXT:# HELP allocsite_site_allocations_total Allocation calls at the allocation site since the start.
// CHECK-NEXT:# TYPE allocsite_site_allocations_total counter
// CHECK-NEXT:allocsite_site_allocations_total{file="[[FILE]]",line="[[#@LINE+5]]",function="main",module="prog"} 3
// CHECK-NEXT:allocsite_site_allocations_total{file="[[FILE]]",line="[[#@LINE+5]]",function="main",module="prog"} 3
// CHECK-NEXT:allocsite_site_allocations_total{site="other"} 2
int main(void) {
  for (int i = 0; i < 3; i++)
    keep[i] = malloc(1000);
  keep[3] = calloc(1, 500), keep[4] = malloc(10), keep[5] = malloc(20);
  keep[6] = strdup("hello");
  free(malloc(77));
  return 0;
}
// CHECK-NEXT:# HELP allocsite_sites Allocation sites with any activity (series with the same labels count once).
// CHECK-NEXT:# TYPE allocsite_sites gauge
// CHECK-NEXT:allocsite_sites 4
// CHECK-NEXT:# HELP allocsite_live_bytes Bytes requested by live blocks, all sites.
// CHECK-NEXT:# TYPE allocsite_live_bytes gauge
// CHECK-NEXT:allocsite_live_bytes 3536
// CHECK-NEXT:# HELP allocsite_live_blocks Live blocks, all sites.
// CHECK-NEXT:# TYPE allocsite_live_blocks gauge
// CHECK-NEXT:allocsite_live_blocks 7
// CHECK-NEXT:# HELP allocsite_peak_bytes Highest allocsite_live_bytes so far.
// CHECK-NEXT:# TYPE allocsite_peak_bytes gauge
// CHECK-NEXT:allocsite_peak_bytes 3613
// CHECK-NEXT:# HELP allocsite_allocations_total Allocation calls since the start.
// CHECK-NEXT:# TYPE allocsite_allocations_total counter
// CHECK-NEXT:allocsite_allocations_total 8
// CHECK-NEXT:# HELP allocsite_frees_total Free calls since the start.
// CHECK-NEXT:# TYPE allocsite_frees_total counter
// CHECK-NEXT:allocsite_frees_total 1
// CHECK-NEXT:# HELP allocsite_allocated_bytes_total Bytes requested since the start.
// CHECK-NEXT:# TYPE allocsite_allocated_bytes_total counter
// CHECK-NEXT:allocsite_allocated_bytes_total 3613
// CHECK-NEXT:# HELP allocsite_rss_bytes Resident set size of the process.
// CHECK-NEXT:# TYPE allocsite_rss_bytes gauge
// CHECK-NEXT:allocsite_rss_bytes {{[1-9][0-9]+}}
// CHECK-NEXT:# HELP allocsite_runtime_bytes Resident memory of the AllocSite runtime itself (not traced).
// CHECK-NEXT:# TYPE allocsite_runtime_bytes gauge
// CHECK-NEXT:allocsite_runtime_bytes {{[1-9][0-9]+}}
// CHECK-NOT:{{.}}
