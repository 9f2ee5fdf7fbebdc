#!/usr/bin/env python3
"""Builds and runs the syncsan benchmark suite (driven by scripts/bench.sh).

Every benchmark is built once per build configuration (plain, syncsan,
tsan) and run in every run configuration, interleaved: for each benchmark,
each repetition runs every configuration once, in turn (A B C A B C ...),
after a discarded warm-up round, so slow drifts of a shared machine hit all
configurations alike. Medians of the repetitions are compared with plain.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import runner

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

MICRO_SOURCES = ["micro/main.c", "micro/locks.c", "micro/sync.c", "micro/queue.c",
                 "micro/atomics.c", "common/opaque.c"]
# name -> (work size "-n" for about 1-1.5 s plain here, Helgrind's size
# divisor for a 1-3 s Helgrind run)
MACROS = {
    "threadpool": (12000, 200),
    "hashmap": (16000000, 500),
    "pipeline": (70000, 80),
    "stencil": (2000, 500),
    # Bucket locks of one class (1000 or 100,000 instances made in one
    # loop), each operation taking 2-4 of them in ascending order, on 1 and
    # 4 threads: no cost may grow with the number of instances.
    "buckets-1k-t1": (3000000, 100),
    "buckets-1k-t4": (1000000, 100),
    "buckets-100k-t1": (1500000, 100),
    "buckets-100k-t4": (500000, 100),
}
# Programs built from another source with fixed arguments: name ->
# (source in macro/, arguments before "-n").
MACRO_SOURCE = {
    "buckets-1k-t1": ("buckets", ["-t", "1", "-b", "1000"]),
    "buckets-1k-t4": ("buckets", ["-t", "4", "-b", "1000"]),
    "buckets-100k-t1": ("buckets", ["-t", "1", "-b", "100000"]),
    "buckets-100k-t4": ("buckets", ["-t", "4", "-b", "100000"]),
}
# Smoke sizes: enough to exercise every path, small enough for CI.
SMOKE_MACRO_N = {"threadpool": 40, "hashmap": 20000, "pipeline": 400, "stencil": 16,
                 "buckets-1k-t1": 2000, "buckets-1k-t4": 1000, "buckets-100k-t1": 2000,
                 "buckets-100k-t4": 1000}
SMOKE_MICRO_ITERS = 2000

# Run configurations: (name, build, environment, under Helgrind?)
CONFIGS = [
    ("plain", "plain", {}, False),
    ("syncsan", "syncsan", {}, False),
    ("syncsan-prof", "syncsan", {"SYNCSAN_OPTIONS": "profile_locks=1"}, False),
    # Lock and thread calls left to the runtime's interposers, as from code
    # the pass never compiled (a distribution library).
    ("syncsan-interposed", "interposed", {}, False),
    # The same build with the declared queues' calls left unwrapped: the
    # bare call that issue 15's cost target is measured against. Only the
    # programs whose queue is declared (ONLY_FOR).
    ("syncsan-unwrapped", "unwrapped", {}, False),
    # Every thread pinned by a placement policy (issue 16: the cost of
    # pinning; without a policy, the syncsan row's cost).
    ("syncsan-numa", "syncsan", {"SYNCSAN_OPTIONS": "numa_policy=scatter"}, False),
    # Cross-node accounting on (issue 16): every lock acquisition and queue
    # call takes the general path and asks for its object's home node.
    ("syncsan-cross", "syncsan", {"SYNCSAN_OPTIONS": "numa_cross_node=1"}, False),
    ("tsan", "tsan", {"TSAN_OPTIONS": "detect_deadlocks=1"}, False),
    ("helgrind", "plain", {}, True),
]
HELGRIND = ["valgrind", "--tool=helgrind"]
# Configurations that run only some benchmarks (micro cases and macro
# programs by name); the others run everything.
ONLY_FOR = {"syncsan-unwrapped": ("queue-push-pop", "pipeline", "threadpool"),
            "syncsan-numa": ("thread-create", "threadpool", "stencil"),
            "syncsan-cross": ("mutex-pair", "mutex-nested-pair", "queue-push-pop", "hashmap")}
# Issue 15: a wrapped push/pop pair costs at most this much over the bare
# call (syncsan minus syncsan-unwrapped, ns per item, one thread).
QUEUE_WRAP_TARGET_NS = 20.0
# Micro benchmarks time their loop from inside, so ns/op does not depend on
# the iteration count once the loop runs for some milliseconds: the slow
# tools run fewer iterations (still >= 3x the plain loop's duration at
# their usual slowdown) to keep a full run near 15 minutes.
MICRO_DIVISOR = {"tsan": 8, "helgrind": 100}
# Macro programs time the whole run, so a slow tool's scaled-down size is
# compared per unit of work. The bucket case costs ThreadSanitizer about
# 20-30x and Helgrind several thousand times plain: at full size it alone
# took over 40 minutes of a full run. Helgrind's divisor otherwise comes
# from MACROS.
MACRO_DIVISOR = {
    "tsan": {"buckets-1k-t1": 10, "buckets-1k-t4": 10, "buckets-100k-t1": 10,
             "buckets-100k-t4": 10},
    "helgrind": {"buckets-1k-t1": 2000, "buckets-1k-t4": 2000, "buckets-100k-t1": 1000,
                 "buckets-100k-t4": 1000},
}

# Targets from the issue (ratio of medians to plain). Checked and printed,
# never asserted: the suite measures, it does not gate.
MICRO_TARGETS = {
    "mutex-pair": 1.20,
    "mutex-nested-pair": 1.25,
    "rwlock-read-pair": 1.25,
    "spinlock-pair": 1.25,
    # Issue 14: a barrier phase (every thread arrives and waits).
    "barrier-phases": 1.10,
}
# profile_locks=1 against the default build (issue 13: at most 2x per pair;
# against plain it cannot be met while the default build's pair costs more
# than 2x plain), for the lock-pair cases.
PROFILE_TARGET = 2.0
PROFILE_CASES = ("mutex-pair", "mutex-nested-pair", "rwlock-read-pair", "spinlock-pair")
ALIGNED_ATOMIC_TARGET = 1.0
# A 1.0x target means "not instrumented"; the repetitions' spread on a
# shared 2-core machine is a few percent, so 1.0x is met within this band.
NOISE_BAND = 0.05
# Every atomic the pass cannot prove aligned, loads and stores included
# (issue 13): the address is tested in line before it.
UNPROVEN_ATOMIC_TARGET = 1.40
MACRO_TARGETS = {"wall": 1.10, "maxrss": 1.10, "compile": 1.05}
# Peak memory: <= 1.10x, or at most this much more (a small program's few
# megabytes make any fixed cost a large ratio).
MAXRSS_SLACK_KIB = 1024
# The bucket-lock case's target: at most 2x whatever the number of instances.
BUCKETS_WALL_TARGET = 2.0


def macro_source(prog):
    return MACRO_SOURCE.get(prog, (prog, []))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Suite:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        self.syncsan_cc = os.path.join(args.syncsan_build, "bin", "syncsan-cc")
        self.errors = []
        self.skipped = {}
        self.builds = {}
        self.configs = []
        self.results = {"micro": [], "macro": [], "compile": []}

    # ---- tools -----------------------------------------------------------
    def detect(self):
        wanted = self.args.configs
        if not os.access(self.syncsan_cc, os.X_OK):
            sys.exit(f"bench: no syncsan-cc at {self.syncsan_cc} (build syncsan first)")
        if shutil.which(self.args.cc) is None:
            sys.exit(f"bench: {self.args.cc} not found")
        probe = os.path.join(self.work, "probe.c")
        with open(probe, "w") as f:
            f.write("int main(void){return 0;}\n")
        have_tsan = subprocess.run(
            [self.args.cc, "-fsanitize=thread", probe, "-o", probe + ".tsan"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        for name, build, env, helgrind in CONFIGS:
            if name not in wanted:
                continue
            if build == "tsan" and not have_tsan:
                self.skipped[name] = ("ThreadSanitizer runtime not installed ("
                                      f"{self.args.cc} -fsanitize=thread cannot link; "
                                      "Debian: libclang-rt-19-dev)")
                continue
            if helgrind and shutil.which("valgrind") is None:
                self.skipped[name] = "valgrind not installed (Debian: valgrind)"
                continue
            self.configs.append((name, build, env, helgrind))
        for name, why in self.skipped.items():
            print(f"SKIPPED configuration {name}: {why}", flush=True)
        if not any(c[0] == "plain" for c in self.configs):
            sys.exit("bench: the plain configuration is the reference and cannot be left out")
        if self.skipped and len(self.configs) == 1:
            # Nothing to compare plain with: a skip (ctest's SKIP_RETURN_CODE).
            sys.exit(77)

    def compiler(self, build):
        if build == "plain":
            return [self.args.cc, "-pthread"]
        if build == "syncsan":
            return [self.syncsan_cc]
        if build == "interposed":
            return [self.syncsan_cc, "-fsyncsan-instrument-locks=0",
                    "-fsyncsan-instrument-threads=0"]
        if build == "unwrapped":
            return [self.syncsan_cc]
        return [self.args.cc, "-fsanitize=thread", "-pthread"]

    def compile(self, build, sources, out):
        # DWARF 4: valgrind 3.19 cannot read clang 19's default DWARF 5.
        cmd = self.compiler(build) + ["-O2", "-gdwarf-4", "-Wall", "-Wextra", "-Werror"]
        cmd += [os.path.join(HERE, s) for s in sources] + ["-o", out, "-lm"]
        env = None
        if build == "unwrapped":
            env = dict(os.environ, SYNCSAN_PASS_OPTIONS="-syncsan-instrument-queues=0")
        r = runner.run(cmd, env=env, timeout=300)
        if r.status != 0:
            self.fail(f"build {build} {os.path.basename(out)} failed:\n{r.stderr}")
            return None
        return r

    # ---- build -----------------------------------------------------------
    def build_all(self):
        builds = sorted({c[1] for c in self.configs}, key=["plain", "syncsan", "interposed", "unwrapped", "tsan"].index)
        for b in builds:
            d = os.path.join(self.work, b)
            os.makedirs(d, exist_ok=True)
            self.builds[b] = d
            if self.compile(b, MICRO_SOURCES, os.path.join(d, "micro")) is None:
                sys.exit(1)
        # Macro programs: compile time is a result too, so each is compiled
        # in every build configuration, interleaved, reps times.
        reps = 1 if self.args.smoke else self.args.reps
        sources = []
        for prog in self.selected_macros():
            if macro_source(prog)[0] not in sources:
                sources.append(macro_source(prog)[0])
        for src in sources:
            here = [b for b in builds if self.runs(b, src, by_build=True)]
            times = {b: [] for b in here}
            for _ in range(reps):
                for b in here:
                    r = self.compile(b, [f"macro/{src}.c"], os.path.join(self.builds[b], src))
                    if r is None:
                        sys.exit(1)
                    times[b].append(r.wall)
            self.results["compile"].append({"program": src, "seconds": times})

    def runs(self, name, what, by_build=False):
        """Whether configuration name (or some configuration of build name)
        runs benchmark what."""
        users = [c[0] for c in CONFIGS if c[1] == name] if by_build else [name]
        return any(u not in ONLY_FOR or what in ONLY_FOR[u] for u in users)

    def selected_macros(self):
        named = [m for m in MACROS if m in self.args.only]
        if named:
            return named
        return list(MACROS) if not self.args.only or "macro" in self.args.only else []

    # ---- running ---------------------------------------------------------
    def fail(self, msg):
        self.errors.append(msg)
        log("bench: ERROR: " + msg)

    def execute(self, config, argv_tail, binary_name):
        name, build, env, helgrind = config
        binary = os.path.join(self.builds[build], binary_name)
        cmd = ([*HELGRIND] if helgrind else []) + [binary] + argv_tail
        r = runner.run(cmd, env=env, timeout=self.args.timeout)
        reports = runner.count_reports(r.stderr)
        if r.status != 0:
            self.fail(f"{name}: {' '.join(cmd)} exited with {r.status}\n{r.stderr[-4000:]}")
        elif reports:
            # Programs are correct: a report from syncsan is a false positive
            # to fix; one from another tool is recorded, not an error.
            msg = f"{name}: {' '.join(cmd)} produced {reports} report(s)\n{r.stderr[-4000:]}"
            if build in ("syncsan", "interposed", "unwrapped"):
                self.fail(msg)
            else:
                log("bench: note: " + msg)
        r.reports = reports
        r.config = name
        return r

    def check_output(self, what, reference, r):
        if r.status == 0 and r.stable_output != reference:
            self.fail(f"{r.config}: output of {what} differs from plain:\n"
                      f"  plain:   {reference!r}\n  {r.config}: {r.stable_output!r}")

    def micro_units(self):
        plain = os.path.join(self.builds["plain"], "micro")
        out = subprocess.run([plain, "--list"], check=True, capture_output=True, text=True).stdout
        units = []
        for line in out.split("\n"):
            if not line.strip():
                continue
            case, min_threads = line.split()
            if self.args.only and case not in self.args.only and "micro" not in self.args.only:
                continue
            for t in (1, 2):
                if t >= int(min_threads):
                    units.append((case, t))
        return units

    def calibrate(self, case, threads):
        """Iterations for about target_ms of plain run time."""
        if self.args.smoke:
            return SMOKE_MICRO_ITERS
        plain = os.path.join(self.builds["plain"], "micro")
        n = 2000
        while True:
            r = runner.run([plain, case, str(threads), str(n)], timeout=120)
            if r.status != 0:
                self.fail(f"calibration of {case} failed: {r.stderr}")
                return n
            ns = runner.parse_times(r.stdout)["ns_per_op"]
            total_ms = ns * n / 1e6
            if total_ms >= 5 or n >= 10**9:
                want = int(self.args.target_ms * 1e6 / max(ns, 0.05))
                return max(1000, min(want, 4 * 10**8))
            n *= 10

    def run_micro(self):
        units = self.micro_units()
        log(f"bench: {len(units)} micro benchmarks x {len(self.configs)} configurations")
        for case, threads in units:
            iters = self.calibrate(case, threads)
            scaled = {c[0]: max(100, iters // MICRO_DIVISOR[c[0]]) if c[0] in MICRO_DIVISOR
                      and not self.args.smoke else iters for c in self.configs}
            samples = {c[0]: [] for c in self.configs}
            reports = {c[0]: 0 for c in self.configs}
            reference = {}
            for rep in range(self.warmups() + self.reps()):
                for config in self.configs:
                    if not self.runs(config[0], case):
                        continue
                    n = scaled[config[0]]
                    r = self.execute(config, [case, str(threads), str(n)], "micro")
                    if r.status != 0:
                        continue
                    reports[config[0]] += r.reports
                    key = n
                    if key not in reference:
                        reference[key] = self.reference_output(
                            "micro", [case, str(threads), str(n)], r if config[0] == "plain" else None)
                    self.check_output(f"micro {case} t{threads}", reference[key], r)
                    if rep >= self.warmups():
                        samples[config[0]].append(runner.parse_times(r.stdout)["ns_per_op"])
            entry = {"case": case, "threads": threads, "iterations": scaled,
                     "ns_per_op": samples, "reports": reports}
            self.results["micro"].append(entry)
            log(f"  {case:32s} t{threads} " + " ".join(
                f"{k}={fmt_med(v)}" for k, v in samples.items()))

    def reference_output(self, binary, argv_tail, plain_result):
        """Deterministic output of plain for these arguments."""
        if plain_result is not None:
            return plain_result.stable_output
        r = runner.run([os.path.join(self.builds["plain"], binary)] + argv_tail,
                       timeout=self.args.timeout)
        if r.status != 0:
            self.fail(f"plain reference run {binary} {argv_tail} failed: {r.stderr}")
        return r.stable_output

    def run_macro(self):
        for prog in self.selected_macros():
            default_n, h_div = MACROS[prog]
            n = SMOKE_MACRO_N[prog] if self.args.smoke else int(default_n * self.args.scale)
            sizes = {}
            for config in self.configs:
                div = MACRO_DIVISOR.get(config[0], {}).get(prog, h_div if config[3] else 1)
                sizes[config[0]] = n if self.args.smoke else max(1, n // div)
            wall = {c[0]: [] for c in self.configs}
            rss = {c[0]: [] for c in self.configs}
            reports = {c[0]: 0 for c in self.configs}
            reference = {}
            for rep in range(self.warmups() + self.reps()):
                for config in self.configs:
                    if not self.runs(config[0], prog):
                        continue
                    size = sizes[config[0]]
                    src, extra = macro_source(prog)
                    argv = extra + ["-n", str(size)]
                    r = self.execute(config, argv, src)
                    if r.status != 0:
                        continue
                    reports[config[0]] += r.reports
                    if size not in reference:
                        reference[size] = self.reference_output(
                            src, argv, r if config[0] == "plain" else None)
                    self.check_output(prog, reference[size], r)
                    if rep >= self.warmups():
                        wall[config[0]].append(r.wall)
                        rss[config[0]].append(r.maxrss_kib)
            entry = {"program": prog, "n": n, "sizes": sizes, "wall_seconds": wall,
                     "maxrss_kib": rss, "reports": reports,
                     "output": reference.get(n, "")}
            self.results["macro"].append(entry)
            log(f"  {prog:16s} " + " ".join(f"{k}={fmt_med(v)}s" for k, v in wall.items()))

    def warmups(self):
        return 0 if self.args.smoke else 1

    def reps(self):
        return 1 if self.args.smoke else self.args.reps


def fmt_med(v):
    return f"{statistics.median(v):.4g}" if v else "-"


def median(v):
    return statistics.median(v) if v else None


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}x"


# ---- summaries ---------------------------------------------------------------
def summarize(suite):
    names = [c[0] for c in suite.configs]
    res = suite.results
    summary = {"micro": [], "macro": [], "targets": []}
    for e in res["micro"]:
        med = {k: median(v) for k, v in e["ns_per_op"].items()}
        best = {k: min(v) if v else None for k, v in e["ns_per_op"].items()}
        row = {"case": e["case"], "threads": e["threads"], "median_ns": med,
               "ratio": {k: ratio(med[k], med["plain"]) for k in names},
               "best_ns": best,
               "best_ratio": {k: ratio(best[k], best["plain"]) for k in names},
               "reports": e["reports"]}
        summary["micro"].append(row)
    compile_med = {}
    for c in res["compile"]:
        compile_med[c["program"]] = {b: median(v) for b, v in c["seconds"].items()}
    for e in res["macro"]:
        wall = {k: median(v) for k, v in e["wall_seconds"].items()}
        best = {k: min(v) if v else None for k, v in e["wall_seconds"].items()}
        rss = {k: median(v) for k, v in e["maxrss_kib"].items()}
        wr = {}
        for k in names:
            size = e["sizes"].get(k, e["n"])
            if size != e["n"] and wall.get(k) and wall.get("plain"):
                # A slow tool ran a scaled-down size: compare per unit of work.
                wr[k] = (wall[k] / size) / (wall["plain"] / e["n"])
            else:
                wr[k] = ratio(wall.get(k), wall.get("plain"))
        cm = compile_med.get(macro_source(e["program"])[0], {})
        build_of = {c[0]: c[1] for c in suite.configs}
        row = {"program": e["program"], "median_wall_s": wall, "median_maxrss_kib": rss,
               "wall_ratio": wr,
               "best_wall_ratio": {k: ratio(best.get(k), best.get("plain")) for k in names
                                   if e["sizes"].get(k, e["n"]) == e["n"]},
               "maxrss_ratio": {k: ratio(rss.get(k), rss.get("plain")) for k in names},
               "compile_s": cm,
               "compile_ratio": {k: ratio(cm.get(build_of[k]), cm.get("plain")) for k in names
                                 if k != "helgrind"},
               "reports": e["reports"], "output": e["output"]}
        summary["macro"].append(row)
    summary["targets"] = check_targets(summary)
    return summary


def check_targets(summary):
    out = []

    def add(what, value, limit, band=0.0, best=None, met_anyway=False, unit="x"):
        if value is None:
            return
        met = value <= limit * (1 + band) + 1e-9 or met_anyway
        out.append({"what": what, "value": round(value, 3), "target": limit, "unit": unit,
                    "noise_band": band, "met": met,
                    "missed_by": None if met else round(value / limit - 1, 3),
                    "best_of_reps": None if best is None else round(best, 3)})

    for row in summary["micro"]:
        r, b = row["ratio"].get("syncsan"), row["best_ratio"].get("syncsan")
        case, t = row["case"], row["threads"]
        if case in MICRO_TARGETS:
            add(f"{case} t{t}", r, MICRO_TARGETS[case], best=b)
        if case in PROFILE_CASES:
            med, best = row["median_ns"], row["best_ns"]
            add(f"{case} t{t} profile_locks=1 vs default",
                ratio(med.get("syncsan-prof"), med.get("syncsan")), PROFILE_TARGET,
                best=ratio(best.get("syncsan-prof"), best.get("syncsan")))
        if case == "queue-push-pop" and t == 1:
            med, best = row["median_ns"], row["best_ns"]
            if med.get("syncsan") is not None and med.get("syncsan-unwrapped") is not None:
                add(f"{case} t1 wrapped - unwrapped (ns)",
                    med["syncsan"] - med["syncsan-unwrapped"], QUEUE_WRAP_TARGET_NS,
                    best=best["syncsan"] - best["syncsan-unwrapped"], unit="ns")
        elif case.startswith("atomic-") and case.endswith("-aligned"):
            add(f"{case} t{t}", r, ALIGNED_ATOMIC_TARGET, NOISE_BAND, best=b)
        elif case.startswith("atomic-") and case.endswith("-unproven"):
            add(f"{case} t{t}", r, UNPROVEN_ATOMIC_TARGET, best=b)
    compiled = set()
    for row in summary["macro"]:
        prog = row["program"]
        wall_target = BUCKETS_WALL_TARGET if prog.startswith("buckets") else MACRO_TARGETS["wall"]
        add(f"{prog} wall", row["wall_ratio"].get("syncsan"), wall_target,
            best=row["best_wall_ratio"].get("syncsan"))
        rss = row["median_maxrss_kib"]
        grew = (rss.get("syncsan") or 0) - (rss.get("plain") or 0)
        add(f"{prog} max RSS (or +1 MB)", row["maxrss_ratio"].get("syncsan"),
            MACRO_TARGETS["maxrss"], met_anyway=rss.get("plain") is not None and
            rss.get("syncsan") is not None and grew <= MAXRSS_SLACK_KIB)
        src = macro_source(prog)[0]
        if src not in compiled:
            compiled.add(src)
            add(f"{src} compile", row["compile_ratio"].get("syncsan"), MACRO_TARGETS["compile"])
    return out


def print_tables(suite, summary, f):
    names = [c[0] for c in suite.configs]
    if summary["micro"]:
        print("\nMicro benchmarks: median ns per operation, and ratio to plain", file=f)
        head = f"{'case':32s} {'thr':>3s} {'plain ns':>10s}"
        for k in names[1:]:
            head += f" {k:>20s}"
        print(head, file=f)
        for row in summary["micro"]:
            med = row["median_ns"]
            line = f"{row['case']:32s} {row['threads']:>3d} {fmt_ns(med.get('plain')):>10s}"
            for k in names[1:]:
                cell = f"{fmt_ns(med.get(k))} ({fmt_ratio(row['ratio'].get(k))})"
                if row["reports"].get(k):
                    cell += "!"
                line += f" {cell:>20s}"
            print(line, file=f)
    if summary["macro"]:
        print("\nMacro benchmarks: median wall time, and ratios to plain "
              "(wall / max RSS / compile)", file=f)
        head = f"{'program':16s} {'plain s':>8s}"
        for k in names[1:]:
            head += f" {k:>24s}"
        print(head, file=f)
        for row in summary["macro"]:
            line = f"{row['program']:16s} {row['median_wall_s'].get('plain') or 0:>8.3f}"
            for k in names[1:]:
                cr = row["compile_ratio"].get(k)
                cell = (f"{fmt_ratio(row['wall_ratio'].get(k))}/"
                        f"{fmt_ratio(row['maxrss_ratio'].get(k))}/"
                        f"{fmt_ratio(cr) if k != 'helgrind' else '-'}")
                if row["reports"].get(k):
                    cell += "!"
                line += f" {cell:>24s}"
            print(line, file=f)
        print("(helgrind, and tsan on the bucket case: scaled-down run, wall ratio per unit "
              "of work; "
              "'!' = the tool printed reports)", file=f)
    if summary["targets"] and not suite.args.smoke:
        print("\nTargets (syncsan default options vs plain; ratio of medians, and of the "
              "best repetitions):", file=f)
        for t in summary["targets"]:
            verdict = "met" if t["met"] else f"MISSED by {t['missed_by'] * 100:.0f}%"
            if t["noise_band"]:
                verdict += f" (within {t['noise_band'] * 100:.0f}% noise band)" if t["met"] else ""
            u = t.get("unit", "x")
            best = "" if t["best_of_reps"] is None else f"best {t['best_of_reps']:5.2f}{u}"
            print(f"  {t['what']:36s} {t['value']:6.2f}{u} {best:>12s}  target <= "
                  f"{t['target']:.2f}{u}  {verdict}", file=f)


def fmt_ns(v):
    if v is None:
        return "-"
    return f"{v:.2f}" if v < 100 else f"{v:.0f}"


def machine_info():
    info = {"machine": platform.machine(), "kernel": platform.release(),
            "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        info["commit"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--",
                                "runtime", "pass", "include"],
                               capture_output=True, text=True).stdout.strip()
        info["runtime_or_pass_modified"] = bool(dirty)
    except OSError:
        pass
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--syncsan-build", required=True)
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--work", help="scratch directory (default: a new /tmp/bench-*)")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--smoke", action="store_true",
                    help="tiny sizes, one repetition: builds, runs, compares outputs")
    ap.add_argument("--quick", action="store_true", help="3 repetitions, shorter runs")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--target-ms", type=float, default=30,
                    help="plain run time of each micro benchmark run")
    ap.add_argument("--scale", type=float, default=1.0, help="macro size factor")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--configs", default=",".join(c[0] for c in CONFIGS))
    ap.add_argument("--only", default="", help="comma list: micro, macro, or benchmark names")
    ap.add_argument("--no-json", action="store_true")
    args = ap.parse_args()
    args.configs = [c for c in args.configs.split(",") if c]
    if "plain" not in args.configs:
        args.configs.insert(0, "plain")
    args.only = [o for o in args.only.split(",") if o]
    if args.quick:
        args.reps = min(args.reps, 3)
        args.target_ms = min(args.target_ms, 12)
        args.scale = min(args.scale, 0.4)
    if args.smoke:
        args.timeout = min(args.timeout, 120)
    own_work = args.work is None
    if own_work:
        args.work = tempfile.mkdtemp(prefix="bench-", dir="/tmp")
    os.makedirs(args.work, exist_ok=True)

    suite = Suite(args)
    started = time.time()
    machine = machine_info()  # at the start: the commit whose build is measured
    runner.set_measure(args.cc, args.work)
    suite.detect()
    suite.build_all()
    do_micro = not args.only or "micro" in args.only or any(
        o not in MACROS and o != "macro" for o in args.only)
    do_macro = not args.only or "macro" in args.only or any(o in MACROS for o in args.only)
    if not do_macro:
        suite.results["compile"] = []
    if do_micro:
        suite.run_micro()
    if do_macro:
        suite.run_macro()
    summary = summarize(suite)
    elapsed = time.time() - started
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    print(f"syncsan benchmark suite ({mode}, {args.reps if not args.smoke else 1} "
          f"repetitions, {elapsed:.0f} s)")
    print_tables(suite, summary, sys.stdout)
    doc = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "mode": mode,
           "command": " ".join(sys.argv), "machine": machine,
           "configs": [c[0] for c in suite.configs], "skipped": suite.skipped,
           "repetitions": 1 if args.smoke else args.reps, "elapsed_s": round(elapsed, 1),
           "summary": summary, "raw": suite.results, "errors": suite.errors}
    if not args.no_json:
        os.makedirs(args.results, exist_ok=True)
        path = os.path.join(args.results, f"bench-{mode}-{time.strftime('%Y%m%d-%H%M%S')}.json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1)
        shutil.copyfile(path, os.path.join(args.results, f"latest-{mode}.json"))
        print(f"\nJSON: {path}")
    if own_work:
        shutil.rmtree(args.work, ignore_errors=True)
    if suite.errors:
        print(f"\nbench: {len(suite.errors)} error(s); first: {suite.errors[0].splitlines()[0]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
