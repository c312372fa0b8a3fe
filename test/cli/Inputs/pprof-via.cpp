// The program of pprof-via.test: built twice, as an uninstrumented shared library (-DLIB, plain
// clang with -g) and as an instrumented program calling it, so that each library allocation is
// charged to the program's line with the library's function as "via", at a code address in the
// library. The two library functions are overloads: named apart only with their parameter types.
#include <cstdlib>
#include <cstring>

#ifdef LIB
void *lib_alloc(unsigned long n) { return malloc(n); }
void *lib_alloc(unsigned long n, char fill) {
  void *p = malloc(n);
  return p ? memset(p, fill, n) : p;
}
#else
void *lib_alloc(unsigned long n);
void *lib_alloc(unsigned long n, char fill);

void *volatile keep[2];

int main() {
  keep[0] = lib_alloc(100);
  keep[1] = lib_alloc(200, 'x');
  return 0;
}
#endif
