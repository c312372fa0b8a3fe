// The grouping fixture: one deterministic program whose sites tell the four group_by modes apart
// (test/cli/runtime-parity.test runs it and compares the runtime's text report with
// `allocsite report` on its JSON report, mode by mode; docs/report-format.md has the definitions).
//   - two calls on one line (one `line` group, two `site` groups);
//   - an allocation wrapper in a header (grouping-helper.h), charged to its callers' lines with a
//     via frame, in two functions;
//   - three functions in one file (one `file` group, three `function` groups);
//   - memory allocated inside libc (fopen), charged to this file's line, with a via frame;
//   - a site whose blocks were all freed (counted in calls, not listed).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grouping-helper.h"

void *keep[32];

__attribute__((noinline)) void two_calls(int k) {
  keep[k] = malloc(100); keep[k + 1] = calloc(2, 50);
}

__attribute__((noinline)) void from_header(int k) { keep[k] = helper_alloc(300); }

int main(void) {
  two_calls(0);
  two_calls(2);
  from_header(4);
  keep[5] = helper_alloc(1000);
  keep[6] = strdup("fixture");
  keep[7] = fopen("/dev/null", "r");
  for (int i = 0; i < 20; i++) {
    void *volatile p = malloc(64);
    free(p);
  }
  return 0;
}
