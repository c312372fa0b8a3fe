// C++ allocation shapes at fixed lines: new, new[], aligned new, nothrow new, a std::vector
// growing through the C++ library (charged to the user's line), and deletes of each.
#include <new>
#include <string>
#include <vector>

struct alignas(64) Wide { char bytes[100]; };
void *volatile keep[16];

int main() {
  keep[0] = new int[10];
  keep[1] = new long(7);
  keep[2] = new Wide;
  keep[3] = new (std::nothrow) char[33];
  delete[] static_cast<int *>(keep[0]);
  std::vector<int> *v = new std::vector<int>;
  for (int i = 0; i < 100; i++)
    v->push_back(i);
  keep[4] = v;
  delete static_cast<long *>(keep[1]);
  return 0;
}
