// dump_signal: each delivery of SIGUSR2 writes a dump, in the report's JSON schema, to dump_path
// (%n counting from 1), written by the runtime's own thread while the program goes on: two dumps in
// two known phases, and the program's own output and exit status unchanged.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %clang_allocsite -O0 -I%S/Inputs %s -o %t
// RUN: env ALLOCSITE_OPTIONS=dump_signal=SIGUSR2:dump_path=%t.dir/dump.%n.json timeout 60 %run %t %t.dir/dump.%%d.json | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=ONE < %t.dir/dump.1.json
// RUN: FileCheck %s --check-prefix=TWO < %t.dir/dump.2.json
// RUN: %allocsite_cli check %t.dir/dump.1.json %t.dir/dump.2.json
// RUN: ls %t.dir | FileCheck %s --check-prefix=FILES
#include "wait-for.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

void *volatile keep[64];

// write(2), not stdio: no stdout buffer among the blocks.
static void say(const char *s) {
  if (write(1, s, strlen(s)) < 0)
    abort();
}

// OUT: phase 1 dumped
// OUT-NEXT: phase 2 dumped
// OUT-NEXT: done
// ONE: "totals": {"live_bytes": 10000, "live_blocks": 10,
// ONE: "line": [[@LINE+9]], {{.*}}"live_bytes": 10000, "live_blocks": 10, "alloc_bytes": 10000, "alloc_calls": 10, "free_calls": 0,
// TWO: "totals": {"live_bytes": 90000, "live_blocks": 30,
// TWO-DAG: "line": [[@LINE+7]], {{.*}}"live_bytes": 10000, "live_blocks": 10, "alloc_bytes": 10000, "alloc_calls": 10, "free_calls": 0,
// TWO-DAG: "line": [[@LINE+12]], {{.*}}"live_bytes": 80000, "live_blocks": 20, "alloc_bytes": 80000, "alloc_calls": 20, "free_calls": 0,
// FILES: dump.1.json
// FILES-NEXT: dump.2.json
// FILES-NOT: tmp
int main(int argc, char **argv) {
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(1000);
  kill(getpid(), SIGUSR2);
  if (!wait_for_file(argv[1], 1))
    return 1;
  say("phase 1 dumped\n");
  for (int i = 10; i < 30; i++)
    keep[i] = malloc(4000);
  kill(getpid(), SIGUSR2);
  if (!wait_for_file(argv[1], 2))
    return 2;
  say("phase 2 dumped\n");
  for (int i = 0; i < 30; i++)
    free(keep[i]);
  say("done\n");
  return 0;
}
