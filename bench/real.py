#!/usr/bin/env python3
"""syncsan on real programs (driven by scripts/bench-real.sh, which fetches
the sources): builds zstd, xz and memcached with plain clang and with
syncsan-cc, runs their multi-threaded workloads interleaved, and reports
wall-time, peak-memory and compile-time ratios and every syncsan report."""
import argparse
import glob
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

import runner
from bench import machine_info

HERE = os.path.dirname(os.path.abspath(__file__))

BUILDS = ["plain", "syncsan"]
# Run configurations: (name, build, environment)
CONFIGS = [
    ("plain", "plain", {}),
    ("syncsan", "syncsan", {}),
    ("syncsan-prof", "syncsan", {"SYNCSAN_OPTIONS": "profile_locks=1"}),
]
TARGETS = {"wall": 1.10, "maxrss": 1.10, "compile": 1.05}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Real:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        self.errors = []
        self.reports = {}  # header -> {"config", "workload", "text", "count"}
        self.compile = {}  # program -> build -> {"configure": s, "make": s}
        self.runs = {}  # workload -> config -> {"wall": [], "maxrss": []}
        self.exe = {}  # (program, build) -> path
        self.diagnostics = {}  # compile-time syncsan diagnostic line -> program
        cc_plain = shutil.which(args.cc) or args.cc
        self.cc = {"plain": cc_plain,
                   "syncsan": os.path.join(args.syncsan_build, "bin", "syncsan-cc")}

    def fail(self, msg):
        self.errors.append(msg)
        log("bench-real: ERROR: " + msg)

    # ---- building --------------------------------------------------------
    def source(self, pkg):
        dirs = sorted(d for d in glob.glob(os.path.join(self.work, "src", pkg + "-*"))
                      if os.path.isdir(d))
        if not dirs:
            sys.exit(f"bench-real: no source of {pkg} under {self.work}/src "
                     "(scripts/bench-real.sh fetches them)")
        return dirs[-1]

    def sh(self, what, cmd, cwd, timeout=1800):
        r = runner.run(["sh", "-c", cmd], cwd=cwd, timeout=timeout)
        # The pass's compile-time diagnostics are syncsan reports too.
        for line in (r.stdout + r.stderr).split("\n"):
            if "[syncsan-" in line:
                self.diagnostics.setdefault(line.strip(), what.split()[0])
        if r.status != 0:
            self.fail(f"{what} failed ({r.status}): {cmd}\n{r.stderr[-3000:]}\n{r.stdout[-2000:]}")
            return None
        return r

    def build_one(self, prog, build):
        pkg = {"zstd": "libzstd", "xz": "xz-utils", "memcached": "memcached"}[prog]
        src = self.source(pkg)
        dst = os.path.join(self.work, "build", f"{prog}-{build}")
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, symlinks=True)
        cc = self.cc[build]
        jobs = "-j2"
        times = {"configure": 0.0, "make": 0.0}
        if prog == "zstd":
            # The CLI links the library sources itself, multi-threaded.
            r = self.sh("zstd build", f"make -C programs {jobs} zstd CC='{cc}'", dst)
            exe = os.path.join(dst, "programs", "zstd")
        elif prog == "xz":
            c = self.sh("xz configure",
                        f"./configure CC='{cc}' --disable-shared --enable-threads=posix "
                        "--disable-nls --disable-doc --disable-scripts --disable-xzdec "
                        "--disable-lzmadec --disable-lzmainfo --disable-lzma-links", dst)
            if c is None:
                return
            times["configure"] = c.wall
            r = self.sh("xz build", f"make {jobs}", dst)
            exe = os.path.join(dst, "src", "xz", "xz")
        else:
            c = self.sh("memcached configure", f"./configure CC='{cc}' --disable-docs "
                        "--disable-coverage", dst)
            if c is None:
                return
            times["configure"] = c.wall
            r = self.sh("memcached build", f"make {jobs} memcached", dst)
            exe = os.path.join(dst, "memcached")
        if r is None:
            return
        times["make"] = r.wall
        per = self.compile.setdefault(prog, {}).setdefault(build, {"configure": [], "make": []})
        per["configure"].append(times["configure"])
        per["make"].append(times["make"])
        self.exe[(prog, build)] = exe
        log(f"  built {prog:9s} {build:8s} configure {times['configure']:.1f} s, "
            f"make {times['make']:.1f} s")

    def build_tools(self):
        d = os.path.join(self.work, "tools")
        os.makedirs(d, exist_ok=True)
        for name in ("geninput", "mcload"):
            r = runner.run([self.args.cc, "-O2", "-pthread", os.path.join(HERE, "real", name + ".c"),
                            "-o", os.path.join(d, name)])
            if r.status != 0:
                sys.exit(f"bench-real: cannot build {name}:\n{r.stderr}")
        return d

    # ---- running ---------------------------------------------------------
    def record(self, workload, config, r, build):
        slot = self.runs.setdefault(workload, {}).setdefault(config, {"wall": [], "maxrss": []})
        if build == "syncsan":
            for text in runner.syncsan_reports(r.stderr):
                head = text.split("\n", 1)[0]
                head = head[head.find("SyncSanitizer"):]
                e = self.reports.setdefault(head, {"config": config, "workload": workload,
                                                   "text": text, "count": 0})
                e["count"] += 1
        return slot

    def timed(self, workload, config, cmd, stdout_path=None, stdin_path=None, measure=True):
        name, build, env = config
        r = runner.run(cmd, env=env, timeout=self.args.timeout, stdout_path=stdout_path,
                       stdin_path=stdin_path)
        slot = self.record(workload, name, r, build)
        if r.status != 0:
            self.fail(f"{name}: {' '.join(cmd)} exited with {r.status}\n{r.stderr[-3000:]}")
            return None
        if measure:
            slot["wall"].append(r.wall)
            slot["maxrss"].append(r.maxrss_kib)
        return r

    def same_file(self, a, b):
        return subprocess.run(["cmp", "-s", a, b]).returncode == 0

    def compressor_round(self, prog, config, inp, measure):
        name, build, _ = config
        exe = self.exe.get((prog, build))
        if not exe:
            return
        d = os.path.join(self.work, "run")
        packed = os.path.join(d, f"{prog}.{name}.packed")
        back = os.path.join(d, f"{prog}.{name}.back")
        if prog == "zstd":
            comp = [exe, "-q", "-T2", "-9", "-f", inp, "-o", packed]
            decomp = [exe, "-q", "-d", "-f", packed, "-o", back]
            out_c = out_d = None
        else:
            comp = [exe, "-T2", "-3", "--block-size=4MiB", "-c", inp]
            decomp = [exe, "-d", "-T2", "-c", packed]
            out_c, out_d = packed, back
        if self.timed(f"{prog} -T2 compress", config, comp, stdout_path=out_c,
                      measure=measure) is None:
            return
        if self.timed(f"{prog} decompress", config, decomp, stdout_path=out_d,
                      measure=measure) is None:
            return
        if not self.same_file(inp, back):
            self.fail(f"{name}: {prog} round trip differs from the input")
        ref = os.path.join(d, f"{prog}.plain.packed")
        if name != "plain" and os.path.exists(ref) and not self.same_file(ref, packed):
            self.fail(f"{name}: {prog} compressed output differs from plain's")

    def memcached_round(self, config, tools, measure):
        name, build, env = config
        exe = self.exe.get(("memcached", build))
        if not exe:
            return
        port = free_port()
        user = ["-u", "root"] if os.geteuid() == 0 else []  # memcached refuses root otherwise
        srv = runner.start([exe, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-t", "2",
                            "-m", "256", "-c", "64"] + user, env=env)
        try:
            if not wait_port(port, 20):
                self.fail(f"{name}: memcached did not start listening")
                return
            n = str(self.args.mc_requests)
            load = runner.run([os.path.join(tools, "mcload"), "-p", str(port), "-c", "4",
                               "-n", n, "-k", "2000", "-T", "120"], timeout=180)
        finally:
            srv.stop(signal.SIGTERM, timeout=20)
        res = srv.result
        slot = self.record("memcached -t 2", name, res, build)
        if load.status != 0:
            self.fail(f"{name}: load driver failed: {load.stderr[-2000:]}\n"
                      f"server: {res.stderr[-2000:]}")
            return
        if res.status not in (0, -signal.SIGTERM, 128 + signal.SIGTERM) or res.timed_out:
            self.fail(f"{name}: memcached exited with {res.status}\n{res.stderr[-3000:]}")
        ref = self.mc_reference
        if ref is None:
            self.mc_reference = load.stable_output
        elif load.stable_output != ref:
            self.fail(f"{name}: load driver results differ:\n {ref}\n {load.stable_output}")
        if measure:
            slot["wall"].append(runner.parse_times(load.stdout)["seconds"])
            slot["maxrss"].append(res.maxrss_kib)

    def run_all(self, programs, tools):
        d = os.path.join(self.work, "run")
        os.makedirs(d, exist_ok=True)
        inputs = {}
        for prog, mib in (("zstd", self.args.zstd_mib), ("xz", self.args.xz_mib)):
            if prog in programs:
                p = os.path.join(d, f"input-{mib}.bin")
                if not os.path.exists(p):
                    with open(p, "wb") as f:
                        subprocess.run([os.path.join(tools, "geninput"), str(mib)], stdout=f,
                                       check=True)
                inputs[prog] = p
        self.mc_reference = None
        configs = [c for c in CONFIGS if c[0] in self.args.configs]
        for rep in range(self.args.warmups + self.args.reps):
            measure = rep >= self.args.warmups
            for prog in programs:
                for config in configs:
                    if prog == "memcached":
                        self.memcached_round(config, tools, measure)
                    else:
                        self.compressor_round(prog, config, inputs[prog], measure)
            log(f"  repetition {rep + 1}/{self.args.warmups + self.args.reps} done"
                + ("" if measure else " (warm-up)"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def med(v):
    return statistics.median(v) if v else None


def summarize(real):
    rows = []
    for workload, per in real.runs.items():
        wall = {k: med(v["wall"]) for k, v in per.items()}
        rss = {k: med(v["maxrss"]) for k, v in per.items()}
        best = {k: min(v["wall"]) if v["wall"] else None for k, v in per.items()}
        rows.append({"workload": workload, "median_wall_s": wall, "median_maxrss_kib": rss,
                     "wall_ratio": {k: ratio(wall[k], wall.get("plain")) for k in wall},
                     "best_wall_ratio": {k: ratio(best[k], best.get("plain")) for k in best},
                     "maxrss_ratio": {k: ratio(rss[k], rss.get("plain")) for k in rss}})
    comp = []
    for prog, raw in real.compile.items():
        per = {b: {k: med(v) for k, v in t.items()} for b, t in raw.items()}
        p, s = per.get("plain"), per.get("syncsan")
        comp.append({"program": prog, "plain": p, "syncsan": s,
                     "make_ratio": ratio(s and s["make"], p and p["make"]),
                     "configure_ratio": ratio(s and s["configure"], p and p["configure"])})
    summary = {"runs": rows, "compile": comp}
    summary["targets"] = targets(summary)
    return summary


def ratio(a, b):
    return a / b if a is not None and b else None


# Issue 13's targets for real programs: wall <= 1.10x, peak memory <= 1.10x
# or +1 MB, build (make) <= 1.05x.
REAL_TARGETS = {"wall": 1.10, "maxrss": 1.10, "make": 1.05}
MAXRSS_SLACK_KIB = 1024


def targets(summary):
    out = []

    def add(what, value, limit, met_anyway=False, best=None):
        if value is None:
            return
        met = value <= limit + 1e-9 or met_anyway
        out.append({"what": what, "value": round(value, 3), "target": limit, "met": met,
                    "missed_by": None if met else round(value / limit - 1, 3),
                    "best_of_reps": None if best is None else round(best, 3)})

    for row in summary["runs"]:
        rss = row["median_maxrss_kib"]
        add(f"{row['workload']} wall", row["wall_ratio"].get("syncsan"), REAL_TARGETS["wall"],
            best=row["best_wall_ratio"].get("syncsan"))
        grew = (rss.get("syncsan") or 0) - (rss.get("plain") or 0)
        add(f"{row['workload']} max RSS (or +1 MB)", row["maxrss_ratio"].get("syncsan"),
            REAL_TARGETS["maxrss"], met_anyway=rss.get("plain") is not None and
            rss.get("syncsan") is not None and grew <= MAXRSS_SLACK_KIB)
    for c in summary["compile"]:
        add(f"{c['program']} make", c["make_ratio"], REAL_TARGETS["make"])
    return out


def fr(r):
    return "-" if r is None else f"{r:.2f}x"


def print_tables(summary, real, f):
    print("\nReal programs: median wall time and peak RSS, ratios to plain", file=f)
    print(f"{'workload':22s} {'plain s':>8s} {'plain RSS':>10s} {'syncsan wall/RSS':>18s} "
          f"{'syncsan-prof wall/RSS':>22s}", file=f)
    for row in summary["runs"]:
        w, rs = row["wall_ratio"], row["maxrss_ratio"]
        pw = row["median_wall_s"].get("plain")
        prss = row["median_maxrss_kib"].get("plain")
        print(f"{row['workload']:22s} {pw or 0:8.3f} {(prss or 0) / 1024:8.1f}MB "
              f"{fr(w.get('syncsan')) + '/' + fr(rs.get('syncsan')):>18s} "
              f"{fr(w.get('syncsan-prof')) + '/' + fr(rs.get('syncsan-prof')):>22s}", file=f)
    print(f"\nBuild time (median of {real.args.build_reps} interleaved builds; make -j2, "
          "configure separately), syncsan-cc vs clang-19", file=f)
    for c in summary["compile"]:
        p, s = c["plain"] or {}, c["syncsan"] or {}
        print(f"  {c['program']:10s} make {p.get('make', 0):6.1f} s -> {s.get('make', 0):6.1f} s "
              f"({fr(c['make_ratio'])})   configure {p.get('configure', 0):5.1f} s -> "
              f"{s.get('configure', 0):5.1f} s ({fr(c['configure_ratio'])})", file=f)
    if summary["targets"]:
        print("\nTargets (syncsan vs plain; ratio of medians, and of the best repetitions):",
              file=f)
        for t in summary["targets"]:
            verdict = "met" if t["met"] else f"MISSED by {t['missed_by'] * 100:.0f}%"
            best = "" if t["best_of_reps"] is None else f"best {t['best_of_reps']:5.2f}x"
            print(f"  {t['what']:36s} {t['value']:6.2f}x {best:>12s}  target <= "
                  f"{t['target']:.2f}x  {verdict}", file=f)
    print(f"\nsyncsan compile-time diagnostics in the real programs' builds: "
          f"{len(real.diagnostics)} distinct", file=f)
    for line, prog in real.diagnostics.items():
        print(f"  [{prog}] {line}", file=f)
    print(f"\nsyncsan run-time reports from the real programs: {len(real.reports)} distinct",
          file=f)
    for head, e in real.reports.items():
        print(f"--- {e['workload']} ({e['config']}, seen {e['count']}x)\n{e['text']}", file=f)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--syncsan-build", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--only", default="zstd,xz,memcached")
    ap.add_argument("--configs", default="plain,syncsan,syncsan-prof")
    ap.add_argument("--no-rebuild", action="store_true",
                    help="reuse earlier builds (no compile-time measurement)")
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()
    args.warmups = 1
    args.build_reps = 3
    args.zstd_mib, args.xz_mib, args.mc_requests = 96, 16, 25000
    if args.quick:
        args.reps = min(args.reps, 3)
        args.build_reps = 1
        args.zstd_mib, args.xz_mib, args.mc_requests = 48, 8, 10000
    if args.smoke:
        args.reps, args.warmups, args.build_reps = 1, 0, 1
        args.zstd_mib, args.xz_mib, args.mc_requests = 4, 1, 500
    args.configs = [c for c in args.configs.split(",") if c]
    programs = [p for p in args.only.split(",") if p]

    real = Real(args)
    started = time.time()
    machine = machine_info()  # at the start: the commit whose build is measured
    tools = real.build_tools()
    runner.set_measure(args.cc, tools)
    for prog in programs:
        for rep in range(args.build_reps):
            for build in BUILDS:
                if args.no_rebuild:
                    exe = {"zstd": "programs/zstd", "xz": "src/xz/xz",
                           "memcached": "memcached"}[prog]
                    path = os.path.join(args.work, "build", f"{prog}-{build}", exe)
                    if os.path.exists(path):
                        real.exe[(prog, build)] = path
                        continue
                real.build_one(prog, build)
    real.run_all(programs, tools)
    summary = summarize(real)
    elapsed = time.time() - started
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    print(f"syncsan on real programs ({mode}, {args.reps} repetitions, {elapsed:.0f} s)")
    print_tables(summary, real, sys.stdout)
    doc = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "mode": mode,
           "command": " ".join(sys.argv), "machine": machine,
           "sources": {p: os.path.basename(real.source(
               {"zstd": "libzstd", "xz": "xz-utils", "memcached": "memcached"}[p]))
               for p in programs},
           "summary": summary, "raw": {"runs": real.runs, "compile": real.compile},
           "syncsan_reports": list(real.reports.values()),
           "syncsan_diagnostics": [{"program": p, "line": l} for l, p in real.diagnostics.items()],
           "errors": real.errors}
    os.makedirs(args.results, exist_ok=True)
    path = os.path.join(args.results, f"real-{mode}-{time.strftime('%Y%m%d-%H%M%S')}.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    shutil.copyfile(path, os.path.join(args.results, f"latest-real-{mode}.json"))
    print(f"\nJSON: {path}")
    if real.errors:
        print(f"\nbench-real: {len(real.errors)} error(s); first: "
              f"{real.errors[0].splitlines()[0]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
