"""Checks that every runtime spinlock in static storage is defined with
SS_RUNTIME_LOCK (see ../runtime-locks.test)."""
import os
import re
import sys

root = os.path.join(sys.argv[1], "runtime")
# A definition at file scope or a static one in a function: a line that
# declares one or more ss_spin_t objects (not a pointer, a parameter or a
# member of a struct, which the families' fork callbacks own).
decl = re.compile(r"^\s*(static\s+)?ss_spin_t\s+[A-Za-z_]\w*\s*(\[[^\]]*\])?\s*(SS_RUNTIME_LOCK)?\s*;")
bad, seen = [], 0
for dirpath, _, files in os.walk(root):
    for name in sorted(files):
        if not name.endswith(".c"):
            continue
        path = os.path.join(dirpath, name)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = decl.match(line)
                if not m:
                    continue
                seen += 1
                if not m.group(3):
                    bad.append(f"{os.path.relpath(path, sys.argv[1])}:{n}: ss_spin_t without "
                               "SS_RUNTIME_LOCK: fork() would not hold it")
print(f"runtime locks: {seen}")
for b in bad:
    print(b)
sys.exit(1 if bad or not seen else 0)
