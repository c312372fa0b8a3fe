// With ALLOCSITE_OPTIONS=reexec=0 an uninstrumented program using an instrumented shared library
// is not re-executed: the runtime, loaded after libc, is not the process's malloc and stays
// passive. The program still runs correctly (blocks cross between the library's allocation calls
// and libc's free, and back, without corruption) and the runtime says once, in one line, that
// nothing is traced.
// RUN: %clang_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clang -g -O0 %s %t.lib.so -o %t
// RUN: env ALLOCSITE_OPTIONS=reexec=0 ALLOCSITE_REPORT=1 %run %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// RUN: count 1 < %t.err
#include <stdlib.h>
#include <string.h>

char *lib_alloc(size_t n);
char *lib_grow(char *p, size_t n);
void lib_free(void *p);

#ifdef LIB
char *lib_alloc(size_t n) { return malloc(n); }
char *lib_grow(char *p, size_t n) { return realloc(p, n); }
void lib_free(void *p) { free(p); }
#else
#include <stdio.h>

// OUT: main ran, ALLOCSITE_REEXEC=(unset), sum=4950 4950 abcabc
int main(void) {
  const char *reexec = getenv("ALLOCSITE_REEXEC");
  char *a = lib_alloc(100), *b = malloc(100);
  for (int i = 0; i < 100; i++)
    a[i] = b[i] = (char)i;
  a = lib_grow(a, 1 << 20); // moved to a fresh mapping
  b = realloc(b, 1 << 20);
  int sa = 0, sb = 0;
  for (int i = 0; i < 100; i++)
    sa += a[i], sb += b[i];
  char *s = lib_alloc(7);
  strcpy(s, "abcabc");
  printf("main ran, ALLOCSITE_REEXEC=%s, sum=%d %d %s\n", reexec ? reexec : "(unset)", sa, sb, s);
  free(a);      // the library's block, freed by libc
  lib_free(b);  // libc's block, freed through the library
  free(s);
  return 0;
}
#endif
// ERR: allocsite: {{.*}}nothing is traced
