"""The pass on generated inputs: it must never crash, never produce IR that
does not verify, and never change what a program computes.

Generators (each seed gives the same input every time, for one version of
the generator):

  llvm-stress          llvm-stress modules, through opt with the plugin:
                       -passes='syncsan-early,syncsan' -verify-each, and the
                       whole -O2 pipeline (which runs both halves of the pass
                       at their extension points) with -verify-each.
  llvm-stress-atomics  the same modules with their scalar loads and stores
                       made atomic (every order valid for each), plus an
                       atomicrmw, a cmpxchg and fences beside them: llvm-stress
                       emits no atomics, and the pass's atomic checks and
                       hooks are what address computations exercise most.
  csmith               csmith C programs, built with plain clang-19 and with
                       syncsan-cc, each at -O0 and -O2, and run (with a
                       timeout); the checksum each prints must be the same
                       for syncsan's build as for plain clang's at that level.

Run through scripts/fuzz-pass.sh; see --help. Failing inputs are kept in the
work directory, and their paths are printed.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

GENERATORS = ("llvm-stress", "llvm-stress-atomics", "csmith")


def tail(text, lines=6):
    return "\n".join(text.strip().splitlines()[-lines:])


def run(cmd, timeout, **kw):
    """(returncode, stdout, stderr); returncode None when it timed out."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                           timeout=timeout, **kw)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        def text(b):
            return b.decode(errors="replace") if isinstance(b, bytes) else (b or "")
        return None, text(e.stdout), text(e.stderr)


# ---- llvm-stress modules, plain and with atomics ----

LOAD = re.compile(r"^(\s*)(%[\w.]+) = load (i8|i16|i32|i64|float|double|ptr), "
                  r"(ptr %[\w.]+), align (\d+)$")
STORE = re.compile(r"^(\s*)store (i8|i16|i32|i64|float|double|ptr) ([^,\s]+), "
                   r"(ptr %[\w.]+), align (\d+)$")
LOAD_ORDERS = ("monotonic", "acquire", "seq_cst")
STORE_ORDERS = ("monotonic", "release", "seq_cst")
RMW_OPS = ("add", "sub", "and", "or", "xor", "xchg", "max", "umin")
RMW_ORDERS = ("monotonic", "acquire", "release", "acq_rel", "seq_cst")


def atomize(module):
    """llvm-stress's scalar loads and stores as atomics, with read-modify-writes,
    compare-exchanges and fences beside them. Only lines of exactly the shape
    llvm-stress prints are touched; the rest pass through."""
    out, n = [], 0
    for line in module.splitlines():
        m = LOAD.match(line)
        if m:
            ind, name, ty, ptr, align = m.groups()
            out.append(f"{ind}{name} = load atomic {ty}, {ptr} "
                       f"{LOAD_ORDERS[n % 3]}, align {align}")
            n += 1
            continue
        m = STORE.match(line)
        if m:
            ind, ty, val, ptr, align = m.groups()
            k, n = n, n + 1
            out.append(f"{ind}store atomic {ty} {val}, {ptr} {STORE_ORDERS[k % 3]}, "
                       f"align {align}")
            if ty.startswith("i"):
                order = RMW_ORDERS[k % 5]
                out.append(f"{ind}%syncsan.fuzz.rmw{k} = atomicrmw {RMW_OPS[k % 8]} {ptr}, "
                           f"{ty} {val} {order}, align {align}")
                out.append(f"{ind}%syncsan.fuzz.cx{k} = cmpxchg {ptr}, {ty} {val}, {ty} {val} "
                           f"{order} monotonic, align {align}")
            if k % 4 == 0:
                out.append(f"{ind}fence {'release' if k % 8 == 0 else 'seq_cst'}")
            continue
        out.append(line)
    return "\n".join(out) + "\n", n


class Tools:
    def __init__(self, build):
        self.build = build
        self.plugin = os.path.join(build, "lib", "syncsan", "syncsan-pass.so")
        self.cc = os.path.join(build, "bin", "syncsan-cc")
        bindir = "/usr/lib/llvm-19/bin"
        self.opt = os.path.join(bindir, "opt")
        self.stress = os.path.join(bindir, "llvm-stress")
        self.clang = shutil.which("clang-19") or os.path.join(bindir, "clang")
        self.csmith = shutil.which("csmith")
        self.csmith_include = next(
            (d for d in (os.environ.get("CSMITH_INCLUDE", ""), "/usr/include/csmith",
                         "/usr/local/include/csmith", "/usr/local/include/csmith-2.3.0")
             if d and os.path.exists(os.path.join(d, "csmith.h"))), None)

    def missing(self, generator):
        need = {"llvm-stress": [self.opt, self.stress, self.plugin],
                "llvm-stress-atomics": [self.opt, self.stress, self.plugin],
                "csmith": [self.cc, self.clang, self.plugin]}[generator]
        gone = [p for p in need if not os.path.exists(p)]
        if generator == "csmith":
            if not self.csmith:
                gone.append("csmith (Debian package csmith)")
            if not self.csmith_include:
                gone.append("csmith.h (Debian package libcsmith-dev; or set CSMITH_INCLUDE)")
        return gone


def stress_seed(tools, generator, seed, size, work):
    """(failure, note): failure is (kind, text) or None; note a skip or None."""
    rc, text, err = run([tools.stress, f"-seed={seed}", f"-size={size}"], 60)
    if rc != 0:
        return None, f"skipped seed {seed}: llvm-stress failed: {tail(err, 2)}"
    kind = "module"
    if generator == "llvm-stress-atomics":
        text, count = atomize(text)
        kind = f"module with {count} atomics"
    path = os.path.join(work, f"{generator}-{seed}.ll")
    with open(path, "w") as f:
        f.write(text)
    # The generator's own output must verify, or a failure is not the pass's.
    rc, _, err = run([tools.opt, "-passes=verify", "-disable-output", path], 60)
    if rc != 0:
        return None, f"skipped seed {seed}: the generated {kind} does not verify: {tail(err, 2)}"
    for pipeline in ("syncsan-early,syncsan", "default<O2>"):
        cmd = [tools.opt, f"-load-pass-plugin={tools.plugin}", f"-passes={pipeline}",
               "-verify-each", "-disable-output", path]
        rc, _, err = run(cmd, 120)
        if rc != 0:
            what = "timed out" if rc is None else f"exited {rc}"
            # A crash is a signal or LLVM's crash handler; anything else
            # that fails under -verify-each is IR that does not verify.
            crashed = rc is None or rc < 0 or "Stack dump" in err or "LLVM ERROR" in err
            return ("crash" if crashed else "verify",
                    f"seed {seed} ({kind}), -passes='{pipeline}': opt {what}:\n"
                    f"{tail(err)}\n  input: {path}"), None
    os.unlink(path)
    return None, None


# ---- csmith programs: plain clang against syncsan-cc ----

def csmith_seed(tools, seed, timeout, work):
    src = os.path.join(work, f"csmith-{seed}.c")
    # csmith writes platform.info into its working directory.
    rc, _, err = run([tools.csmith, "--seed", str(seed), "-o", src], 60, cwd=work)
    if rc != 0:
        return None, f"skipped seed {seed}: csmith failed: {tail(err, 2)}"
    flags = ["-w", "-I", tools.csmith_include]
    results = {}

    def skip(why):  # not the pass's doing: nothing worth keeping
        if os.path.exists(src):
            os.unlink(src)
        return None, f"skipped seed {seed}: {why}"

    for level in ("-O0", "-O2"):
        for name, cc in (("clang-19", tools.clang), ("syncsan-cc", tools.cc)):
            exe = os.path.join(work, f"csmith-{seed}{level}-{name}")
            rc, _, err = run([cc, level, *flags, src, "-o", exe], 300)
            if rc != 0:
                what = "timed out" if rc is None else f"exited {rc}"
                if name == "clang-19":
                    return skip(f"plain clang-19 {level} {what}")
                return ("crash", f"seed {seed}: syncsan-cc {level} {what} compiling {src}:\n"
                                 f"{tail(err)}"), None
            # syncsan's build gets three times as long as the reference
            # had: a loaded machine must not make a slow run a mismatch.
            start = time.monotonic()
            rc, out, _ = run([exe], timeout if name == "clang-19" else 3 * timeout)
            elapsed = time.monotonic() - start
            os.unlink(exe)
            results[(level, name)] = (rc, out.strip(), elapsed)
            # No reference, nothing to compare: do not build the rest.
            if name == "clang-19" and (rc != 0 or "checksum" not in out):
                return skip(f"the plain {level} build did not finish in {timeout} s"
                            if rc is None else f"the plain {level} build exited {rc}")
    for level in ("-O0", "-O2"):
        prc, pout, ptime = results[(level, "clang-19")]
        src_rc, sout, _ = results[(level, "syncsan-cc")]
        if src_rc is None:
            return ("mismatch", f"seed {seed}: the syncsan-cc {level} build did not finish in "
                                f"{3 * timeout} s (plain: {ptime:.1f} s)\n  input: {src}"), None
        if (src_rc, sout) != (prc, pout):
            return ("mismatch", f"seed {seed}: syncsan-cc {level} printed '{sout[-60:]}' "
                                f"(status {src_rc}), plain clang-19 '{pout[-60:]}' (status "
                                f"{prc})\n  input: {src}"), None
    if results[("-O0", "clang-19")][1] != results[("-O2", "clang-19")][1]:
        return skip("plain clang-19's -O0 and -O2 builds disagree (undefined behaviour or a "
                    "compiler bug)")
    os.unlink(src)
    return None, None


def main():
    ap = argparse.ArgumentParser(prog="fuzz-pass.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="the syncsan build directory")
    ap.add_argument("--generators", default="llvm-stress,llvm-stress-atomics,csmith",
                    help="comma-separated, from: " + ", ".join(GENERATORS) +
                    " (default: all)")
    ap.add_argument("--seeds", type=int, default=100, help="seeds per generator (default 100)")
    ap.add_argument("--first-seed", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--size", type=int, default=300,
                    help="llvm-stress -size: instructions per function (default 300)")
    ap.add_argument("--timeout", type=float, default=10,
                    help="seconds a csmith program may run in the plain build (default 10; "
                    "syncsan's build may take three times as long)")
    ap.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                    help="seeds run in parallel (default: half the CPUs)")
    ap.add_argument("--work", default="/tmp/syncsan-fuzz",
                    help="where inputs are written; failing ones stay (default /tmp/syncsan-fuzz)")
    ap.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    a = ap.parse_args()

    tools = Tools(os.path.abspath(a.build))
    gens = [g for g in a.generators.split(",") if g]
    for g in gens:
        if g not in GENERATORS:
            ap.error(f"unknown generator '{g}' (known: {', '.join(GENERATORS)})")
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    seeds = range(a.first_seed, a.first_seed + a.seeds)
    failed = False
    for g in gens:
        gone = tools.missing(g)
        if gone:
            print(f"fuzz-pass: {g}: cannot run, missing: {', '.join(gone)}")
            failed = True
            continue
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            if g == "csmith":
                futs = [pool.submit(csmith_seed, tools, s, a.timeout, a.work) for s in seeds]
            else:
                futs = [pool.submit(stress_seed, tools, g, s, a.size, a.work) for s in seeds]
            outcomes = [f.result() for f in futs]
        failures = [f for f, _ in outcomes if f]
        notes = [n for _, n in outcomes if n]
        skipped = sum(1 for n in notes if n.startswith("skipped"))
        for kind, text in failures:
            print(f"fuzz-pass: {g}: FAIL ({kind}): {text}")
        if not a.quiet:
            for n in notes:
                print(f"fuzz-pass: {g}: {n}")
        count = {k: sum(1 for kind, _ in failures if kind == k)
                 for k in ("crash", "verify", "mismatch")}
        if g == "csmith":
            tally = f"{count['crash']} crashes, {count['mismatch']} mismatches"
            unit = "programs"
        else:
            tally = f"{count['crash']} crashes, {count['verify']} verifier failures"
            unit = "modules"
        print(f"fuzz-pass: {g}: {len(outcomes) - skipped} {unit} checked "
              f"(seeds {seeds.start}-{seeds.stop - 1}, {skipped} skipped): {tally}; "
              f"{time.monotonic() - start:.1f} s")
        failed |= bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
