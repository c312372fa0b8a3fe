// Fleets: Debian's prometheus-node-exporter, its textfile collector pointed at metrics_path's
// directory, serves the program's series with their exact values on /metrics (scraped over
// HTTP); the exporter is stopped by the script on every way out.
// REQUIRES: node-exporter
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/allocsite_%%p.prom:metrics_top=2 timeout 60 %run %t.dir/prog
// RUN: timeout 60 %python %S/Inputs/scrape.py %t.dir > %t.scraped
// RUN: FileCheck --match-full-lines --strict-whitespace -DFILE=%s %s < %t.scraped
#include <stdlib.h>

void *volatile keep[8];

// /metrics as node_exporter serves it: sorted by name, each series with every label of its
// family (missing ones empty), values as Go prints them.
int main(void) {
  for (int i = 0; i < 3; i++)
    keep[i] = malloc(1000);
  keep[3] = malloc(500);
  keep[4] = malloc(200);
  free(malloc(77));
  return 0;
}
// CHECK:# HELP allocsite_allocated_bytes_total Bytes requested since the start.
// CHECK-NEXT:# TYPE allocsite_allocated_bytes_total counter
// CHECK-NEXT:allocsite_allocated_bytes_total 3777
// CHECK-NEXT:# HELP allocsite_allocations_total Allocation calls since the start.
// CHECK-NEXT:# TYPE allocsite_allocations_total counter
// CHECK-NEXT:allocsite_allocations_total 6
// CHECK-NEXT:# HELP allocsite_frees_total Free calls since the start.
// CHECK-NEXT:# TYPE allocsite_frees_total counter
// CHECK-NEXT:allocsite_frees_total 1
// CHECK-NEXT:# HELP allocsite_live_blocks Live blocks, all sites.
// CHECK-NEXT:# TYPE allocsite_live_blocks gauge
// CHECK-NEXT:allocsite_live_blocks 5
// CHECK-NEXT:# HELP allocsite_live_bytes Bytes requested by live blocks, all sites.
// CHECK-NEXT:# TYPE allocsite_live_bytes gauge
// CHECK-NEXT:allocsite_live_bytes 3700
// CHECK-NEXT:# HELP allocsite_peak_bytes Highest allocsite_live_bytes so far.
// CHECK-NEXT:# TYPE allocsite_peak_bytes gauge
// CHECK-NEXT:allocsite_peak_bytes 3777
// CHECK-NEXT:# HELP allocsite_rss_bytes Resident set size of the process.
// CHECK-NEXT:# TYPE allocsite_rss_bytes gauge
// CHECK-NEXT:allocsite_rss_bytes {{[0-9.e+]+}}
// CHECK-NEXT:# HELP allocsite_runtime_bytes Resident memory of the AllocSite runtime itself (not traced).
// CHECK-NEXT:# TYPE allocsite_runtime_bytes gauge
// CHECK-NEXT:allocsite_runtime_bytes {{[0-9.e+]+}}
// CHECK-NEXT:# HELP allocsite_site_allocated_bytes_total Bytes requested at the allocation site since the start (site="other" may go down when a site enters the top).
// CHECK-NEXT:# TYPE allocsite_site_allocated_bytes_total counter
// CHECK-NEXT:allocsite_site_allocated_bytes_total{file="",function="",line="",module="",site="other"} 277
// CHECK-NEXT:allocsite_site_allocated_bytes_total{file="[[FILE]]",function="main",line="[[#@LINE-33]]",module="prog",site=""} 3000
// CHECK-NEXT:allocsite_site_allocated_bytes_total{file="[[FILE]]",function="main",line="[[#@LINE-33]]",module="prog",site=""} 500
// CHECK-NEXT:# HELP allocsite_site_allocations_total Allocation calls at the allocation site since the start.
// CHECK-NEXT:# TYPE allocsite_site_allocations_total counter
// CHECK-NEXT:allocsite_site_allocations_total{file="",function="",line="",module="",site="other"} 2
// CHECK-NEXT:allocsite_site_allocations_total{file="[[FILE]]",function="main",line="[[#@LINE-38]]",module="prog",site=""} 3
// CHECK-NEXT:allocsite_site_allocations_total{file="[[FILE]]",function="main",line="[[#@LINE-38]]",module="prog",site=""} 1
// CHECK-NEXT:# HELP allocsite_site_live_blocks Live blocks of the allocation site.
// CHECK-NEXT:# TYPE allocsite_site_live_blocks gauge
// CHECK-NEXT:allocsite_site_live_blocks{file="",function="",line="",module="",site="other"} 1
// CHECK-NEXT:allocsite_site_live_blocks{file="[[FILE]]",function="main",line="[[#@LINE-43]]",module="prog",site=""} 3
// CHECK-NEXT:allocsite_site_live_blocks{file="[[FILE]]",function="main",line="[[#@LINE-43]]",module="prog",site=""} 1
// CHECK-NEXT:# HELP allocsite_site_live_bytes Bytes requested by live blocks of the allocation site (the metrics_top sites by live bytes; site="other" sums the rest).
// CHECK-NEXT:# TYPE allocsite_site_live_bytes gauge
// CHECK-NEXT:allocsite_site_live_bytes{file="",function="",line="",module="",site="other"} 200
// CHECK-NEXT:allocsite_site_live_bytes{file="[[FILE]]",function="main",line="[[#@LINE-48]]",module="prog",site=""} 3000
// CHECK-NEXT:allocsite_site_live_bytes{file="[[FILE]]",function="main",line="[[#@LINE-48]]",module="prog",site=""} 500
// CHECK-NEXT:# HELP allocsite_sites Allocation sites with any activity (series with the same labels count once).
// CHECK-NEXT:# TYPE allocsite_sites gauge
// CHECK-NEXT:allocsite_sites 4
// CHECK-NEXT:node_textfile_scrape_error 0
// CHECK-NOT:{{.}}
