// The program of pprof-program.test: a C++ program (so libstdc++ and its emergency exception pool
// are in the report) with an instrumented site in a function called from main.
#include <cstdio>
#include <string>

struct Table { int cells[100]; };

__attribute__((noinline)) Table *make_table(int n) { return new Table[n]; }

std::string *keep;

int main() {
  keep = new std::string(200, 'x');
  std::printf("table\n");
  Table *t = make_table(100);
  return t == nullptr;
}
