# Writes a C program with N allocating functions, of which main calls the first and the last.
import sys

n = int(sys.argv[1])
out = ["#include <stdlib.h>", "void *volatile sink;"]
out += ["void f%d(void) { sink = malloc(%d); }" % (i, i + 1) for i in range(n)]
out.append("int main(void) { f0(); free(sink); f%d(); return 0; }" % (n - 1))
sys.stdout.write("\n".join(out) + "\n")
