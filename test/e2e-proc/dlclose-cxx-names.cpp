// The readable names of an unloaded C++ library's sites (abi.h, ALLOCSITE_SITE_READABLE_NAMES) are
// copied with their linkage names when it is dlclose'd: the report still names them, its own frame
// and an inlined caller's.
// RUN: %clangxx_allocsite -O0 -shared -fPIC -DLIB %s -o %t.lib.so
// RUN: %clangxx_allocsite -O0 %s -ldl -o %t
// RUN: env ALLOCSITE_REPORT=%t.json %run %t %t.lib.so | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.json
#include <cstdlib>

// CHECK-LABEL: "sites": [
#ifdef LIB
namespace plugin {
struct Buffer {
  // CHECK-DAG: "line": [[@LINE+1]], "column": {{[0-9]+}}, "function": "plugin::Buffer::operator[](unsigned int)", "linkage_name": "_ZN6plugin6BufferixEj", "kind": "malloc",
  void *operator[](unsigned n) { return malloc(n); }
};
__attribute__((always_inline)) inline void *chunk() { return malloc(77); }
// CHECK-DAG: "function": "chunk", "linkage_name": "chunk", "kind": "malloc", {{.*}}"inlined_at": [{"file": "{{.*}}dlclose-cxx-names.cpp", "function": "plugin::fill(void**)", "line": [[@LINE+1]],
void fill(void **keep) { keep[1] = chunk(); }
} // namespace plugin

extern "C" void plugin_run(void **keep) {
  plugin::Buffer b;
  keep[0] = b[123];
  plugin::fill(keep);
}
#else
#include <cstdio>
#include <dlfcn.h>

void *keep[2];

// OUT: unloaded
int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib)
    return 3;
  auto run = reinterpret_cast<void (*)(void **)>(dlsym(lib, "plugin_run"));
  if (!run)
    return 4;
  run(keep);
  if (dlclose(lib) != 0)
    return 5;
  puts(dlopen(argv[1], RTLD_NOW | RTLD_NOLOAD) ? "still loaded" : "unloaded");
  return 0;
}
#endif
