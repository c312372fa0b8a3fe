// malloc_usable_size returns the size the program asked for, not the allocator's rounded-up
// size (the runtime reports requested bytes, SPEC §4): for plain, zeroed, aligned and reallocated
// blocks alike.
// RUN: %clang_allocsite -O0 %s -o %t
// RUN: %run %t | FileCheck %s
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// CHECK: malloc(100): 100
// CHECK-NEXT: malloc(1): 1
// CHECK-NEXT: malloc(0): 0
// CHECK-NEXT: calloc(3, 7): 21
// CHECK-NEXT: posix_memalign(64, 100): 100
// CHECK-NEXT: aligned_alloc(256, 512): 512
// CHECK-NEXT: realloc(malloc(100), 300): 300
// CHECK-NEXT: realloc(malloc(100), 30): 30
// CHECK-NEXT: strdup("hello"): 6

void *volatile keep[9];

static void report(const char *what, void *p) {
  char digits[24];
  size_t n = malloc_usable_size(p), i = sizeof digits;
  digits[--i] = '\n';
  do
    digits[--i] = (char)('0' + n % 10);
  while ((n /= 10) != 0);
  write(1, what, strlen(what));
  write(1, ": ", 2);
  write(1, digits + i, sizeof digits - i);
}

int main(void) {
  void *p;
  report("malloc(100)", keep[0] = malloc(100));
  report("malloc(1)", keep[1] = malloc(1));
  report("malloc(0)", keep[2] = malloc(0));
  report("calloc(3, 7)", keep[3] = calloc(3, 7));
  posix_memalign(&p, 64, 100);
  report("posix_memalign(64, 100)", keep[4] = p);
  report("aligned_alloc(256, 512)", keep[5] = aligned_alloc(256, 512));
  report("realloc(malloc(100), 300)", keep[6] = realloc(malloc(100), 300));
  report("realloc(malloc(100), 30)", keep[7] = realloc(malloc(100), 30));
  report("strdup(\"hello\")", keep[8] = strdup("hello"));
  return 0;
}
