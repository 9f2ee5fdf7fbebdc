"""Checks the include rules between the wings (see ../layout.test)."""
import os
import re
import sys

root = sys.argv[1]
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
bad = []


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return include.findall(f.read())


def check(tree, wings, root_headers):
    base = os.path.join(root, tree)
    for wing in ["core"] + wings:
        d = os.path.join(base, wing)
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            for inc in includes(path):
                target = inc.split("/")[0] if "/" in inc else wing
                if "/" not in inc and os.path.basename(inc) in root_headers:
                    target = "<root>"
                if inc.startswith(("syncsan/", "llvm/", "clang/")):
                    continue
                rel = f"{tree}/{wing}/{name}"
                if wing == "core" and target != "core":
                    bad.append(f"{rel}: the core includes {inc}")
                elif wing != "core" and target not in ("core", wing):
                    bad.append(f"{rel}: wing {wing} includes {inc}")
                elif "/" not in inc and not os.path.exists(os.path.join(d, inc)):
                    bad.append(f"{rel}: {inc} is not in {wing}/ (include it by its wing path)")


runtime_wings = [w for w in sorted(os.listdir(os.path.join(root, "runtime")))
                 if os.path.isdir(os.path.join(root, "runtime", w)) and w != "core"]
pass_wings = [w for w in sorted(os.listdir(os.path.join(root, "pass")))
              if os.path.isdir(os.path.join(root, "pass", w)) and w != "core"]
check("runtime", runtime_wings, set())
check("pass", pass_wings, {n for n in os.listdir(os.path.join(root, "pass")) if n.endswith(".h")})
print(f"runtime wings: {', '.join(['core'] + runtime_wings)}")
print(f"pass wings: {', '.join(['core'] + pass_wings)}")
for b in bad:
    print("layout: " + b)
sys.exit(1 if bad else 0)
