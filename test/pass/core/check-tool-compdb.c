// syncsan-check -p reads the flags of each file from a build's
// compile_commands.json ("arguments" or "command"), drops what concerns the
// build's outputs, and checks every file, or only those named.
// RUN: rm -rf %t && mkdir -p %t/build && cd %t
// RUN: echo '[{"directory": "%S", "command": "gcc -O2 -DWITH_BUG -c -o %t/x.o %s", "file": "%s"},' > build/compile_commands.json
// RUN: echo ' {"directory": "%S/Inputs", "arguments": ["g++", "-c", "check-tool-other.c", "-o", "%t/y.o", "-MD", "-MF", "%t/y.d"], "file": "check-tool-other.c"}]' >> build/compile_commands.json
// RUN: syncsan-check -p build 2>&1 | FileCheck %s
// CHECK-DAG: check-tool-compdb.c:{{[0-9]+}}:3: warning: misaligned 8-byte atomic store of 'slots+4'{{.*}} [syncsan-atomic-misaligned]
// CHECK-DAG: check-tool-other.c:4:24: warning: plain load of 'flag'{{.*}} [syncsan-atomic-mixed-access]
// RUN: ls %t | FileCheck %s --check-prefix=NOOUTPUT
// NOOUTPUT-NOT: .o
// NOOUTPUT-NOT: .d
// RUN: syncsan-check -p build/compile_commands.json %s 2>&1 | FileCheck %s --check-prefix=ONE --implicit-check-not=syncsan-
// ONE: check-tool-compdb.c:{{[0-9]+}}:3: warning: misaligned{{.*}} [syncsan-atomic-misaligned]
// RUN: syncsan-check -p build %S/nonexistent.c 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: nonexistent.c is not in the compilation database; skipped
#include <stdatomic.h>

_Alignas(64) char slots[256];

#ifdef WITH_BUG
void put(long v) {
  atomic_store((_Atomic long *)(slots + 4), v);
}
#endif
