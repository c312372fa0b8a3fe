// AllocSite's totals agree with valgrind's heap summary for a C++ program: new/delete, new[] and
// delete[], a std::vector growing (its allocations happen inside the STL), and what libstdc++
// allocates for itself before main (its exception-handling emergency pool).
// REQUIRES: valgrind
// RUN: %clangxx -g -O0 %s -o %t.plain
// RUN: valgrind --run-libc-freeres=no --run-cxx-freeres=no --log-file=%t.valgrind %t.plain
// RUN: %clangxx_allocsite -O0 %s -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t
// RUN: %python %S/Inputs/compare-valgrind.py %t.valgrind %t.json | FileCheck %s
#include <vector>

// The program: allocs 5 + 2 + 1 + 8 (the vector doubling from 1 to 128 ints) + 1 = 17, frees
// 3 + 1 + 7 + 1 = 12, live 80 + 100 + 24 + 512 = 716 bytes in 5 blocks. libstdc++ adds one block
// (72704 bytes with GCC 12's), so the byte counts are left to the comparison.
// CHECK: MATCH allocs=18 frees=12 bytes={{[0-9]+}} in_use={{[0-9]+}} blocks=6

struct Node {
  long value[4];
  Node *next;
};

Node *volatile keep_node;
int *volatile keep_array;
std::vector<int> *volatile keep_vector;

int main() {
  Node *list = nullptr;
  for (int i = 0; i < 5; i++) {
    Node *n = new Node();
    n->next = list;
    list = n;
  }
  for (int i = 0; i < 3; i++) {
    Node *n = list;
    list = list->next;
    delete n;
  }
  keep_node = list;
  int *array = new int[100];
  delete[] array;
  keep_array = new int[25];
  std::vector<int> *v = new std::vector<int>;
  for (int i = 0; i < 100; i++)
    v->push_back(i);
  keep_vector = v;
  std::vector<long> temporary(1000, 7);
  return 0;
}
