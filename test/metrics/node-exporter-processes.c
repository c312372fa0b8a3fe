// Two processes of one program, one textfile directory: with metrics_labels=pid=%p their series
// differ, so node_exporter serves both (without it the second file's series would clash with
// the first's and the scrape would log "collected before with the same name and label values").
// REQUIRES: node-exporter
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 %s -o %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/allocsite_%%p.prom:metrics_labels=pid=%%p timeout 60 %run %t.dir/prog
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.dir/allocsite_%%p.prom:metrics_labels=pid=%%p timeout 60 %run %t.dir/prog two
// RUN: timeout 60 %python %S/Inputs/scrape.py %t.dir > %t.scraped
// RUN: FileCheck --match-full-lines %s < %t.scraped
#include <stdlib.h>

void *volatile keep;

// CHECK: # TYPE allocsite_live_bytes gauge
// CHECK-DAG: allocsite_live_bytes{pid="{{[0-9]+}}"} 1000
// CHECK-DAG: allocsite_live_bytes{pid="{{[0-9]+}}"} 2000
// CHECK: node_textfile_scrape_error 0
int main(int argc, char **argv) {
  (void)argv;
  keep = malloc(1000 * (size_t)argc);
  return 0;
}
