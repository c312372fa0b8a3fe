// all_frames: a filter also matches a site whose inline chain passes through a matching file. At
// -O2 the malloc of an always_inline function from Inputs/api-inline.h is a site in that header,
// inlined into this file: a filter on this file misses it unless all_frames is set.
// RUN: %clang_allocsite -O2 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include "Inputs/api-inline.h"
#include "Inputs/api-print.h"

void *volatile keep;

static void show(const char *label, const allocsite_snapshot *s, int inclusive, int all_frames) {
  allocsite_filter f = {.inclusive = inclusive, .filename_pattern = "*/filter-all-frames.c",
                        .all_frames = all_frames};
  allocsite_snapshot *kept = allocsite_snapshot_filter_traces(s, &f, 1);
  api_print_stats(label, kept, ALLOCSITE_BY_LINE);
  allocsite_snapshot_free(kept);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  // CHECK: site: {{.*}}/Inputs/api-inline.h:6 inlined at {{.*}}/filter-all-frames.c:[[@LINE+1]]
  keep = inline_alloc(4096);
  allocsite_snapshot *s = allocsite_take_snapshot();
  allocsite_site_info const *where = allocsite_site_of(keep);
  printf("site: %s:%u inlined at %s:%u\n", where->file, where->line, where->inlined_at[0].file,
         where->inlined_at[0].line);
  // CHECK-LABEL: innermost frame only:
  // CHECK-NEXT: end
  show("innermost frame only", s, 1, 0);
  // CHECK-LABEL: all frames:
  // CHECK-NEXT: {{.*}}/Inputs/api-inline.h:6:0 inline_alloc - size=4096 count=1
  // CHECK-NEXT: end
  show("all frames", s, 1, 1);
  // CHECK-LABEL: all frames, exclusive:
  // CHECK-NEXT: end
  show("all frames, exclusive", s, 0, 1);
  allocsite_snapshot_free(s);
  return 0;
}
