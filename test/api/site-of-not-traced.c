// allocsite_site_of returns NULL for anything that is not a live traced block: a freed block, a
// stack address, a global, an interior pointer, NULL.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %run %t | FileCheck %s
#include <stdio.h>
#include <stdlib.h>

#include "allocsite/allocsite.h"

static char global[64];

int main(void) {
  char stack[64];
  char *live = malloc(64);
  char *freed = malloc(64);
  free(freed);
  // CHECK: live=1 freed=0 stack=0 global=0 interior=0 null=0
  printf("live=%d freed=%d stack=%d global=%d interior=%d null=%d\n", allocsite_site_of(live) != NULL,
         allocsite_site_of(freed) != NULL, allocsite_site_of(stack) != NULL,
         allocsite_site_of(global) != NULL, allocsite_site_of(live + 16) != NULL,
         allocsite_site_of(NULL) != NULL);
  free(live);
  return 0;
}
