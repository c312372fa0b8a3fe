// Bad metrics options: one line each, and the program runs on. A path that cannot be written
// says so once, not at every interval.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_OPTIONS=metrics_top=-1:metrics_interval_ms=soon timeout 60 %run %t 2>&1 | FileCheck --check-prefix=BAD %s
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.prom:metrics_labels=service=api,line=3 timeout 60 %run %t 2>&1 | FileCheck --check-prefix=LABELS %s
// RUN: FileCheck --check-prefix=NO-LABELS %s < %t.prom
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.prom:metrics_labels=a=1,a=2 timeout 60 %run %t 2>&1 | FileCheck --check-prefix=LABELS %s
// RUN: env ALLOCSITE_OPTIONS=metrics_path=%t.missing/dir/m.prom:metrics_interval_ms=10 timeout 60 %run %t 2>&1 | FileCheck --check-prefix=PATH %s
// BAD: allocsite: bad value '-1' for option 'metrics_top'{{.*}}
// BAD-NEXT: allocsite: bad value 'soon' for option 'metrics_interval_ms'{{.*}}
// BAD-NEXT: ran
// BAD-NOT: {{.}}
// LABELS: allocsite: bad value '{{.*}}' for option 'metrics_labels' in ALLOCSITE_OPTIONS (accepted: name=value pairs separated by ',', at most 16, names [a-zA-Z_][a-zA-Z0-9_]* other than file, line, function, module, offset and site); no labels added
// LABELS-NEXT: ran
// LABELS-NOT: {{.}}
// NO-LABELS: {{^}}allocsite_live_bytes {{[0-9]+$}}
// PATH: allocsite: cannot write metrics to '{{.*}}.missing/dir/m.prom': No such file or directory
// PATH-NEXT: ran
// PATH-NOT: {{.}}
#include <stdio.h>
#include <time.h>

int main(void) {
  struct timespec t = {0, 200 * 1000 * 1000};
  nanosleep(&t, 0);
  printf("ran\n");
  fflush(stdout);
  return 0;
}
