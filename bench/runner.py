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


def _env(env):
    full_env = dict(os.environ)
    # Runs must not inherit another configuration's options.
    for k in ("SYNCSAN_OPTIONS", "TSAN_OPTIONS"):
        full_env.pop(k, None)
    full_env.update(env or {})
    return full_env


# Path of the compiled common/measure.c; set by the driver (see set_measure).
MEASURE = None


def set_measure(cc, workdir):
    """Builds the peak-RSS helper; without it every run's peak RSS would
    include the Python driver's own (see common/measure.c)."""
    global MEASURE
    exe = os.path.join(workdir, "measure")
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "common", "measure.c")
    subprocess.run([cc, "-O2", src, "-o", exe], check=True)
    MEASURE = exe


class Process:
    """A started child whose end is collected with wait4 (for its rusage)."""

    def __init__(self, cmd, env=None, cwd=None, stdout_path=None, stdin_path=None):
        self.res = Result()
        self.rss_file = None
        if MEASURE:
            fd, self.rss_file = tempfile.mkstemp(prefix="bench-rss-")
            os.close(fd)
            cmd = [MEASURE, self.rss_file] + list(cmd)
        self.out = open(stdout_path, "wb") if stdout_path else tempfile.TemporaryFile()
        self.capture_out = stdout_path is None
        self.err = tempfile.TemporaryFile()
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        self.start = time.monotonic()
        try:
            self.p = subprocess.Popen(cmd, stdout=self.out, stderr=self.err, env=_env(env),
                                      cwd=cwd, stdin=stdin, start_new_session=True)
        except OSError as e:
            self.p = None
            self.res.status = 127
            self.res.stderr = f"cannot run {cmd[0]}: {e}"
        finally:
            if stdin_path:
                stdin.close()

    def kill(self, sig=signal.SIGKILL):
        if self.p is None:
            return
        try:
            os.killpg(self.p.pid, sig)
        except ProcessLookupError:
            pass

    def wait(self, timeout):
        """Waits at most timeout seconds, then kills; returns the Result."""
        if self.p is None:
            return self.res

        def expire():
            self.res.timed_out = True
            self.kill()

        timer = threading.Timer(timeout, expire)
        timer.start()
        try:
            _, status, usage = os.wait4(self.p.pid, 0)
        finally:
            timer.cancel()
        res = self.res
        res.wall = time.monotonic() - self.start
        self.p.returncode = os.waitstatus_to_exitcode(status)
        res.status = self.p.returncode if not res.timed_out else 124
        res.maxrss_kib = usage.ru_maxrss
        if self.rss_file:
            try:
                with open(self.rss_file) as f:
                    res.maxrss_kib = int(f.read().split()[1])
            except (OSError, IndexError, ValueError):
                res.maxrss_kib = None
            os.unlink(self.rss_file)
        if self.capture_out:
            self.out.seek(0)
            res.stdout = self.out.read().decode(errors="replace")
        self.out.close()
        self.err.seek(0)
        res.stderr = self.err.read().decode(errors="replace")
        self.err.close()
        if res.timed_out:
            res.stderr += f"\n[timed out after {timeout:.0f} s]"
        return res

    def stop(self, sig, timeout):
        """Asks the child to end with sig; kills it after timeout seconds."""
        self.kill(sig)
        self.result = self.wait(timeout)
        return self.result


def start(cmd, env=None, cwd=None):
    return Process(cmd, env=env, cwd=cwd)


def run(cmd, env=None, timeout=600, cwd=None, stdout_path=None, stdin_path=None):
    return Process(cmd, env=env, cwd=cwd, stdout_path=stdout_path,
                   stdin_path=stdin_path).wait(timeout)


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
