// Across fork both processes report on their own (ALLOCSITE_REPORT with %p): the child inherits
// the parent's live blocks and their sites, frees one of them, allocates at its own line and
// leaves with exit(0); the parent allocates at another line after the child is gone. Each
// report has its own pid and only its own process's activity.
// (%%p is lit's escape for a literal %p.)
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.dir/r.%%p.json %run %t > %t.pids
// RUN: %python %S/Inputs/reports-by-pid.py %t.pids %t.dir > %t.reports
// RUN: FileCheck %s --check-prefix=PARENT < %t.reports
// RUN: FileCheck %s --check-prefix=CHILD < %t.reports
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void *volatile before[3];
void *volatile child_block, *volatile parent_block;

static void say(const char *role, pid_t pid) {
  char line[64];
  int n = snprintf(line, sizeof line, "%s %d\n", role, (int)pid);
  if (write(STDOUT_FILENO, line, (size_t)n) != n)
    abort();
}

// PARENT-LABEL: == parent
// PARENT-SAME:  [[PID:[0-9]+]] ==
// PARENT-NEXT:  {"format": "allocsite", "version": 1, "pid": [[PID]],
// PARENT-NEXT:  "totals": {"live_bytes": 350, "live_blocks": 4, "peak_bytes": 350, "alloc_calls": 4, "free_calls": 0, "alloc_bytes": 350}
// PARENT:       "sites": [
// CHILD-LABEL:  == child
// CHILD-SAME:   [[PID:[0-9]+]] ==
// CHILD-NEXT:   {"format": "allocsite", "version": 1, "pid": [[PID]],
// CHILD-NEXT:   "totals": {"live_bytes": 350, "live_blocks": 3, "peak_bytes": 350, "alloc_calls": 4, "free_calls": 1, "alloc_bytes": 450}
// CHILD:        "sites": [
int main(void) {
  for (int i = 0; i < 3; i++)
    // PARENT-NEXT: "file": "{{.*}}/fork.c", "line": [[@LINE+2]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 300, "live_blocks": 3, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 0,
    // CHILD-NEXT:  "file": "{{.*}}/fork.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 200, "live_blocks": 2, "alloc_bytes": 300, "alloc_calls": 3, "free_calls": 1,
    before[i] = malloc(100);

  pid_t child = fork();
  if (child < 0)
    return 1;
  if (child == 0) {
    free(before[0]);
    // CHILD-NEXT: "file": "{{.*}}/fork.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 150, "live_blocks": 1, "alloc_bytes": 150, "alloc_calls": 1, "free_calls": 0,
    child_block = malloc(150);
    // CHILD-NEXT: {{^}} ]}
    exit(0);
  }
  int status;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return 1;
  // PARENT-NEXT: "file": "{{.*}}/fork.c", "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "main", "linkage_name": "main", "kind": "malloc", "instrumented": true, "live_bytes": 50, "live_blocks": 1, "alloc_bytes": 50, "alloc_calls": 1, "free_calls": 0,
  parent_block = malloc(50);
  // PARENT-NEXT: {{^}} ]}
  say("parent", getpid());
  say("child", child);
  return 0;
}
