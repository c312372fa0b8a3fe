// The allocsite-clang wrapper adds the plugin, line tables unless a -g option is given (-g0
// included: the user decided), and the runtime only when linking.
// RUN: %clang_allocsite -### -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=COMPILE
// RUN: %clang_allocsite -### -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=FULL-G
// RUN: %clang_allocsite -### -g0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=G0
// RUN: %clang_allocsite -### %s -o %t 2>&1 | FileCheck %s --check-prefix=LINK
// RUN: %clang_allocsite -### -shared -fPIC %s -o %t.so 2>&1 | FileCheck %s --check-prefix=LINK
// RUN: %clang_allocsite -### -E %s 2>&1 | FileCheck %s --check-prefix=NOLINK
// RUN: %clang_allocsite -### -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=NOLINK

// COMPILE-DAG: "-fpass-plugin={{.*}}libAllocSite.so"
// COMPILE-DAG: "-debug-info-kind=line-tables-only"
// COMPILE-NOT: "-lallocsite"

// FULL-G-NOT: line-tables-only
// FULL-G: "-debug-info-kind=constructor"
// G0-NOT: -debug-info-kind

// LINK: "-fpass-plugin={{.*}}libAllocSite.so"
// LINK: "-rpath" "{{.*}}lib" {{.*}}"--no-as-needed" "-lallocsite" "--as-needed"

// NOLINK-NOT: "-lallocsite"

int main(void) { return 0; }
