"""Runs one command and measures it: wall time, the child's peak RSS
(wait4's rusage, i.e. what getrusage reports for a reaped child), exit
status and output. Shared by bench.py and real.py."""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time


class Result:
    def __init__(self):
        self.status = None
        self.wall = None
        self.maxrss_kib = None
        self.stdout = ""
        self.stderr = ""
        self.timed_out = False

    @property
    def stable_output(self):
        """stdout without the measurement lines ("time ...")."""
        return "\n".join(l for l in self.stdout.split("\n") if not l.startswith("time "))


def run(cmd, env=None, timeout=600, cwd=None, stdin=None):
    full_env = dict(os.environ)
    # Runs must not inherit another configuration's options.
    for k in ("SYNCSAN_OPTIONS", "TSAN_OPTIONS"):
        full_env.pop(k, None)
    full_env.update(env or {})
    res = Result()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        try:
            p = subprocess.Popen(cmd, stdout=out, stderr=err, env=full_env, cwd=cwd,
                                 stdin=stdin if stdin is not None else subprocess.DEVNULL,
                                 start_new_session=True)
        except OSError as e:
            res.status = 127
            res.stderr = f"cannot run {cmd[0]}: {e}"
            return res

        def kill():
            res.timed_out = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        res.wall = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        res.status = p.returncode if not res.timed_out else 124
        res.maxrss_kib = usage.ru_maxrss
        out.seek(0)
        err.seek(0)
        res.stdout = out.read().decode(errors="replace")
        res.stderr = err.read().decode(errors="replace")
        if res.timed_out:
            res.stderr += f"\n[timed out after {timeout:.0f} s]"
    return res


TIME_RE = re.compile(r"^time (\S+) (\S+)$", re.M)


def parse_times(stdout):
    return {m.group(1): float(m.group(2)) for m in TIME_RE.finditer(stdout)}


# Report headers of syncsan and ThreadSanitizer, as they print them.
REPORT_RES = [
    re.compile(r"^==\d+==(ERROR|WARNING): SyncSanitizer: ", re.M),
    re.compile(r"^WARNING: ThreadSanitizer: ", re.M),
]
# Helgrind (run without -q) closes with its own count.
HELGRIND_RE = re.compile(r"^==\d+== ERROR SUMMARY: (\d+) errors", re.M)


def count_reports(stderr):
    n = sum(len(rx.findall(stderr)) for rx in REPORT_RES)
    m = HELGRIND_RE.search(stderr)
    return n + (int(m.group(1)) if m else 0)


def syncsan_reports(stderr):
    """Full text of each syncsan report (header to SUMMARY line)."""
    out = []
    for m in REPORT_RES[0].finditer(stderr):
        end = stderr.find("SUMMARY: SyncSanitizer", m.start())
        end = stderr.find("\n", end) if end >= 0 else m.start() + 2000
        out.append(stderr[m.start():end if end >= 0 else len(stderr)])
    return out
