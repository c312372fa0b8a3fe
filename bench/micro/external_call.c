/* bench/micro/external_call.c - a function in another translation unit, so that calls to it are
 * calls into "library code" for the instrumented build of alloc_bench.cpp: each one gets the
 * attribution context stored around it (issue #4). Not inlinable: no LTO in the bench builds. */
int allocsite_bench_sink;
void bench_external_call(int x) { allocsite_bench_sink += x; }
