// The runtime's own memory grows with the sites a run uses, not with all the sites a program has
// (issue 10): a site gets its id, its slot in the id table and in every thread's tallies when it
// first allocates. Two programs with the same two active sites, one with 2,000 registered sites
// and one with 30,000, end with the same runtime memory to within a few pages; when every
// registered site took an id at start-up, the bigger one held 20 bytes more per site (0.6 MB).
// RUN: %python %S/Inputs/many-sites.py 2000 > %t.small.c
// RUN: %python %S/Inputs/many-sites.py 30000 > %t.big.c
// RUN: %clang_allocsite -O0 %t.small.c -o %t.small
// RUN: %clang_allocsite -O0 %t.big.c -o %t.big
// RUN: env ALLOCSITE_REPORT=%t.small.json %run %t.small
// RUN: env ALLOCSITE_REPORT=%t.big.json %run %t.big
// RUN: %python -c "import json, sys; m = [json.load(open(p)) for p in sys.argv[1:]]; r = [x['memory']['runtime_bytes'] for x in m]; print('sites', [len(x['sites']) for x in m], 'same runtime memory within 16 KiB:', abs(r[1] - r[0]) <= 16384, r)" %t.small.json %t.big.json | FileCheck %s
// CHECK: sites [2, 2] same runtime memory within 16 KiB: True
