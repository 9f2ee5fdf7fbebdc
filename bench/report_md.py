#!/usr/bin/env python3
"""Renders the latest results (bench/results/latest-full.json and
latest-real-full.json) as the Markdown tables of docs/performance.md.

    python3 bench/report_md.py [RESULTS_DIR] > /tmp/tables.md
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def r(x):
    return "–" if x is None else f"{x:.2f}x"


def ns(x):
    if x is None:
        return "–"
    return f"{x:.2f}" if x < 100 else f"{x:,.0f}"


def micro(doc):
    names = doc["configs"]
    out = ["| case | thr | plain ns/op | " + " | ".join(names[1:]) + " |",
           "| --- | ---: | ---: | " + " | ".join("---:" for _ in names[1:]) + " |"]
    for row in doc["summary"]["micro"]:
        cells = [f"{ns(row['median_ns'].get(k))} ({r(row['ratio'].get(k))})" for k in names[1:]]
        out.append(f"| {row['case']} | {row['threads']} | {ns(row['median_ns'].get('plain'))} | "
                   + " | ".join(cells) + " |")
    return "\n".join(out)


def macro(doc):
    names = doc["configs"]
    out = ["| program | plain wall | plain max RSS | plain compile | "
           + " | ".join(f"{k} wall / RSS / compile" for k in names[1:]) + " |",
           "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in names[1:]) + " |"]
    for row in doc["summary"]["macro"]:
        cells = []
        for k in names[1:]:
            comp = r(row["compile_ratio"].get(k)) if k != "helgrind" else "–"
            cells.append(f"{r(row['wall_ratio'].get(k))} / {r(row['maxrss_ratio'].get(k))} / {comp}")
        pw = row["median_wall_s"].get("plain")
        prss = row["median_maxrss_kib"].get("plain")
        pc = row["compile_s"].get("plain")
        out.append(f"| {row['program']} | {pw:.2f} s | {prss / 1024:.1f} MB | {pc:.2f} s | "
                   + " | ".join(cells) + " |")
    return "\n".join(out)


def targets(doc):
    out = ["| what | median ratio | best-of-reps ratio | target | verdict |",
           "| --- | ---: | ---: | ---: | --- |"]
    for t in doc["summary"]["targets"]:
        verdict = "met" if t["met"] else f"**missed by {t['missed_by'] * 100:.0f}%**"
        u = t.get("unit", "x")
        u = " ns" if u == "ns" else u
        best = "–" if t["best_of_reps"] is None else f"{t['best_of_reps']:.2f}{u}"
        out.append(f"| {t['what']} | {t['value']:.2f}{u} | {best} | ≤ {t['target']:.2f}{u} | {verdict} |")
    return "\n".join(out)


def real(doc):
    out = ["| workload | plain wall | plain max RSS | syncsan wall / RSS | syncsan best-of-reps wall "
           "| syncsan-prof wall / RSS |",
           "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for row in doc["summary"]["runs"]:
        w, m = row["wall_ratio"], row["maxrss_ratio"]
        raw = doc["raw"]["runs"][row["workload"]]
        best = {k: min(v["wall"]) for k, v in raw.items() if v["wall"]}
        b = best["syncsan"] / best["plain"] if "syncsan" in best and "plain" in best else None
        out.append(f"| {row['workload']} | {row['median_wall_s']['plain']:.2f} s | "
                   f"{row['median_maxrss_kib']['plain'] / 1024:.1f} MB | "
                   f"{r(w.get('syncsan'))} / {r(m.get('syncsan'))} | {r(b)} | "
                   f"{r(w.get('syncsan-prof'))} / {r(m.get('syncsan-prof'))} |")
    out += ["", "| program | make (plain) | make ratio | configure (plain) | configure ratio |",
            "| --- | ---: | ---: | ---: | ---: |"]
    for c in doc["summary"]["compile"]:
        p = c["plain"] or {}
        out.append(f"| {c['program']} | {p.get('make', 0):.1f} s | {r(c['make_ratio'])} | "
                   f"{p.get('configure', 0):.1f} s | {r(c['configure_ratio'])} |")
    return "\n".join(out)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "results")
    for name, render in (("latest-full.json", [micro, macro, targets]),
                         ("latest-real-full.json", [real])):
        path = os.path.join(d, name)
        if not os.path.exists(path):
            continue
        with open(path) as f:
            doc = json.load(f)
        m = doc["machine"]
        print(f"<!-- {name}: {doc['date']}, commit {m.get('commit')}, {m.get('cpu')}, "
              f"{m.get('cpus')} CPUs, kernel {m.get('kernel')}; {doc['command']} -->\n")
        for fn in render:
            print(fn(doc) + "\n")


if __name__ == "__main__":
    main()
