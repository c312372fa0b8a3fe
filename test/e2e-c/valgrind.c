// AllocSite's totals agree with valgrind's heap summary for the same C program: allocation calls,
// frees, bytes allocated, and bytes and blocks in use at exit (realloc counts as an allocation and
// a free in both). The program uses no stdio, so libc allocates nothing behind its back.
// REQUIRES: valgrind
// RUN: %clang -g -O0 %s -o %t.plain
// RUN: valgrind --run-libc-freeres=no --log-file=%t.valgrind %t.plain
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: %python %S/Inputs/compare-valgrind.py %t.valgrind %t.json | FileCheck %s
#include <stdlib.h>
#include <string.h>

// allocs: 10 + 1 + 3 + 2 + 1 + 3 + 2 = 22; frees: 5 + 3 + 1 + 1 + 1 = 11;
// bytes: 400 + (16 + 32 + 64 + 128) + 60 + 1000 + 5 + 3 * 4096 + 500 + 100 = 14593;
// in use: 5 * 40 + 128 + 60 + 5 + 2 * 4096 + 100 = 8685 bytes in 11 blocks.
// CHECK: MATCH allocs=22 frees=11 bytes=14593 in_use=8685 blocks=11

void *volatile keep[32];

int main(void) {
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(40);
  for (int i = 0; i < 10; i += 2)
    free(keep[i]);
  char *grown = malloc(16);
  grown = realloc(grown, 32);
  grown = realloc(grown, 64);
  grown = realloc(grown, 128);
  keep[10] = grown;
  keep[11] = calloc(6, 10);
  keep[12] = calloc(1000, 1);
  free(keep[12]);
  keep[13] = strdup("four");
  for (int i = 0; i < 3; i++)
    keep[14 + i] = malloc(4096);
  free(keep[15]);
  keep[17] = realloc(NULL, 500);
  keep[17] = realloc(keep[17], 100);
  return 0;
}
