#!/usr/bin/env python3
"""Front-end speed and memory of `bpc parse` beside `protoc`, on the same generated models.

Usage (from the repository root, after building bpc):
    python3 bench/parse_bench.py [--sizes 100,1000,10000] [--runs 5] [--json OUT.json]

For every size N, in one run: generate the model with ../shared/bench/gen_models.py, convert
model.json to model.bpl (bench/model_to_bpl.py), then time `bpc parse --stats model.bpl` and
`protoc --descriptor_set_out=/dev/null -I<dir> model.proto`, interleaved, and measure each one's
peak RSS. Prints the machine, the command line and a Markdown table to stdout (progress goes to
stderr), so stdout can be pasted into bench/RESULTS.md. See bench/README.md for what each
number means. python3 stdlib only.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import model_to_bpl  # noqa: E402

STATS_KEYS = ("bytes", "lines", "lex_seconds", "parse_seconds")


class BenchError(Exception):
    pass


def log(msg):
    print("parse_bench: " + msg, file=sys.stderr, flush=True)


# ---- running one process ---------------------------------------------------------------------

class _Alarm:
    """Kills the child after `timeout` seconds while os.wait4 blocks (PEP 475 retries it)."""

    def __init__(self, pid, timeout):
        self.pid, self.fired = pid, False
        self.old = signal.signal(signal.SIGALRM, self._fire)
        signal.setitimer(signal.ITIMER_REAL, timeout)

    def _fire(self, signum, frame):
        self.fired = True
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def cancel(self):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)


def run(cmd, cwd, timeout, scratch):
    """Run cmd once; return wall seconds (spawn to reap), its rusage, stdout and stderr.

    Raises BenchError when it cannot start, times out or exits non-zero."""
    out_path = os.path.join(scratch, "stdout.txt")
    err_path = os.path.join(scratch, "stderr.txt")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        except OSError as exc:
            raise BenchError("cannot run %s: %s" % (shlex.join(cmd), exc))
        alarm = _Alarm(p.pid, timeout)
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            alarm.cancel()
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting
    with open(out_path, "rb") as fh:
        stdout = fh.read().decode("utf-8", "replace")
    with open(err_path, "rb") as fh:
        stderr = fh.read().decode("utf-8", "replace")
    if alarm.fired:
        raise BenchError("timed out after %g s (raise --timeout): %s (in %s)"
                         % (timeout, shlex.join(cmd), cwd))
    if p.returncode != 0:
        how = ("killed by signal %d" % -p.returncode if p.returncode < 0
               else "exited with status %d" % p.returncode)
        tail = "\n".join((stderr.strip() or stdout.strip()).splitlines()[-20:])
        raise BenchError("%s %s (in %s)%s" % (shlex.join(cmd), how, cwd,
                                               ":\n" + tail if tail else ""))
    return wall, usage, stdout, stderr


def peak_rss_kib(cmd, cwd, timeout, scratch, gnu_time):
    """Peak RSS (KiB) of cmd, measured by GNU time, which forks cmd from its own small process.

    (os.wait4's ru_maxrss of a child this Python process spawns is at least this process's
    own peak RSS: Linux carries the spawning parent's high-water mark into the child when it
    execs after vfork/fork. It is recorded too, as maxrss_wait4_kib, but GNU time is exact.)"""
    rss_file = os.path.join(scratch, "rss.txt")
    run([gnu_time, "-f", "%M", "-o", rss_file, "--"] + cmd, cwd, timeout, scratch)
    with open(rss_file) as fh:
        lines = [ln for ln in fh.read().split() if ln.strip()]
    try:
        return int(lines[-1])
    except (IndexError, ValueError):
        raise BenchError("cannot read GNU time's output %r for %s" % (lines, shlex.join(cmd)))


def parse_stats(stdout, cmd):
    try:
        stats = json.loads(stdout)
    except ValueError:
        raise BenchError("%s did not print one JSON object on stdout; got: %r"
                         % (shlex.join(cmd), stdout[:300]))
    missing = [k for k in STATS_KEYS if not isinstance(stats, dict) or k not in stats]
    if missing:
        raise BenchError("%s: --stats JSON lacks %s; got: %r"
                         % (shlex.join(cmd), ", ".join(missing), stdout[:300]))
    return stats


# ---- machine and tool description ------------------------------------------------------------

def machine_info():
    info = {}
    try:
        info["nproc"] = int(subprocess.run(["nproc"], capture_output=True, text=True,
                                           check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        info["nproc"] = len(os.sched_getaffinity(0))
    models, logical = [], 0
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                key, _, val = line.partition(":")
                if key.strip() == "processor":
                    logical += 1
                elif key.strip() == "model name" and val.strip() not in models:
                    models.append(val.strip())
    except OSError:
        pass
    info["cpu_model"] = "; ".join(models) or platform.processor() or "unknown"
    info["cpu_logical"] = logical or os.cpu_count()
    info["kernel"] = "%s %s %s" % (platform.system(), platform.release(), platform.machine())
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    info["mem_total_gib"] = round(int(line.split()[1]) / 1048576, 1)
    except (OSError, ValueError):
        pass
    info["loadavg_at_start"] = [round(x, 2) for x in os.getloadavg()]
    info["python"] = platform.python_version()
    return info


def tool_version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (r.stdout.strip() or r.stderr.strip()).splitlines()
    return text[0] if r.returncode == 0 and text else "unknown"


# ---- formatting ------------------------------------------------------------------------------

def sig(x, digits=3):
    """x with about `digits` significant digits, thousands separated."""
    if x is None:
        return "n/a"
    if x == 0:
        return "0"
    mag = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    decimals = max(0, digits - mag)
    if abs(x) < 1:
        s = "%#.*g" % (digits, x)
        return s if "e" not in s else "%.*f" % (digits + 3, x)
    return "{:,.{d}f}".format(x, d=decimals)


def si(x):
    """12.3M / 45.6k style."""
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= div:
            return sig(x / div) + suffix
    return sig(x)


def median(xs):
    return statistics.median(xs) if xs else None


# ---- the benchmark ---------------------------------------------------------------------------

def bench_size(n, a, workdir, gnu_time):
    d = os.path.join(workdir, "N%d" % n)
    scratch = os.path.join(workdir, "scratch")
    os.makedirs(scratch, exist_ok=True)
    log("N=%d: generating model in %s" % (n, d))
    gen_cmd = [sys.executable, a.gen, str(n), "-f", str(a.fields), "--seed", str(a.seed),
               "-o", d]
    run(gen_cmd, workdir, a.timeout, scratch)
    json_path = os.path.join(d, "model.json")
    bpl_path = os.path.join(d, "model.bpl")
    proto_path = os.path.join(d, "model.proto")
    try:
        model_to_bpl.convert_file(json_path, bpl_path)
    except (OSError, ValueError, KeyError, model_to_bpl.ConversionError) as exc:
        raise BenchError("converting %s to .bpl failed: %s" % (json_path, exc))
    bpl_bytes = os.path.getsize(bpl_path)
    with open(bpl_path, "rb") as fh:
        bpl_lines = fh.read().count(b"\n")
    proto_bytes = os.path.getsize(proto_path)
    with open(proto_path, "rb") as fh:
        proto_lines = fh.read().count(b"\n")

    tools = {
        "bpc": [a.bpc, "parse", "--stats", "model.bpl"],
        "protoc": [a.protoc, "--descriptor_set_out=/dev/null", "-I" + d, "model.proto"],
    }
    walls = {"bpc": [], "protoc": []}
    wait4_rss = {"bpc": [], "protoc": []}
    cpu = {"bpc": [], "protoc": []}
    stats_runs = []
    total = a.warmup + a.runs
    for r in range(total):
        counted = r >= a.warmup
        order = ["bpc", "protoc"] if r % 2 == 0 else ["protoc", "bpc"]
        log("N=%d: %s %d/%d (%s)" % (n, "run" if counted else "warm-up",
                                     r - a.warmup + 1 if counted else r + 1,
                                     a.runs if counted else a.warmup, " then ".join(order)))
        for tool in order:
            wall, usage, stdout, _ = run(tools[tool], d, a.timeout, scratch)
            if tool == "bpc":
                stats = parse_stats(stdout, tools[tool])
            if not counted:
                continue
            walls[tool].append(wall)
            wait4_rss[tool].append(usage.ru_maxrss)
            cpu[tool].append(usage.ru_utime + usage.ru_stime)
            if tool == "bpc":
                stats_runs.append(stats)

    rss = {"bpc": [], "protoc": []}
    rss_method = "GNU time %M" if gnu_time else "os.wait4 ru_maxrss (lower-bounded by harness RSS)"
    if gnu_time:
        for r in range(a.rss_runs):
            order = ["bpc", "protoc"] if r % 2 == 0 else ["protoc", "bpc"]
            log("N=%d: peak RSS run %d/%d" % (n, r + 1, a.rss_runs))
            for tool in order:
                rss[tool].append(peak_rss_kib(tools[tool], d, a.timeout, scratch, gnu_time))
    else:
        rss = wait4_rss

    if stats_runs[0]["bytes"] != bpl_bytes:
        log("warning: N=%d: bpc --stats says %s bytes, the file has %d"
            % (n, stats_runs[0]["bytes"], bpl_bytes))
    in_proc = [s["lex_seconds"] + s["parse_seconds"] for s in stats_runs]
    lp = median(in_proc)
    bpc_wall, protoc_wall = median(walls["bpc"]), median(walls["protoc"])
    bpc_rss, protoc_rss = median(rss["bpc"]), median(rss["protoc"])
    return {
        "entities": n,
        "dir": d,
        "bpc": {
            "command": shlex.join(tools["bpc"]),
            "source_bytes": bpl_bytes,
            "source_lines": bpl_lines,
            "tokens": stats_runs[0].get("tokens"),
            "nodes": stats_runs[0].get("nodes"),
            "lex_seconds_median": median([s["lex_seconds"] for s in stats_runs]),
            "parse_seconds_median": median([s["parse_seconds"] for s in stats_runs]),
            "lex_parse_seconds_median": lp,
            "lex_parse_mb_per_s": bpl_bytes / 1e6 / lp if lp else None,
            "lex_parse_lines_per_s": bpl_lines / lp if lp else None,
            "wall_seconds_median": bpc_wall,
            "wall_seconds_all": walls["bpc"],
            "cpu_seconds_median": median(cpu["bpc"]),
            "peak_rss_kib_median": bpc_rss,
            "peak_rss_kib_all": rss["bpc"],
            "maxrss_wait4_kib_all": wait4_rss["bpc"],
            "peak_rss_per_source_byte": bpc_rss * 1024 / bpl_bytes,
            "stats_all": stats_runs,
        },
        "protoc": {
            "command": shlex.join(tools["protoc"]),
            "source_bytes": proto_bytes,
            "source_lines": proto_lines,
            "wall_seconds_median": protoc_wall,
            "wall_seconds_all": walls["protoc"],
            "cpu_seconds_median": median(cpu["protoc"]),
            "peak_rss_kib_median": protoc_rss,
            "peak_rss_kib_all": rss["protoc"],
            "maxrss_wait4_kib_all": wait4_rss["protoc"],
            "peak_rss_per_source_byte": protoc_rss * 1024 / proto_bytes,
        },
        "rss_method": rss_method,
        "protoc_wall_over_bpc_wall": protoc_wall / bpc_wall,
    }


def table(results):
    head = ["entities", ".bpl MB", ".bpl lines", "bpc lex+parse MB/s", "bpc lex+parse lines/s",
            "bpc wall ms", "bpc peak RSS MiB", "bpc RSS / .bpl", ".proto MB",
            "protoc wall ms", "protoc peak RSS MiB", "protoc wall / bpc wall"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for res in results:
        b, p = res["bpc"], res["protoc"]
        rows.append("| " + " | ".join([
            "{:,}".format(res["entities"]),
            sig(b["source_bytes"] / 1e6),
            "{:,}".format(b["source_lines"]),
            sig(b["lex_parse_mb_per_s"]),
            si(b["lex_parse_lines_per_s"]),
            sig(b["wall_seconds_median"] * 1e3),
            sig(b["peak_rss_kib_median"] / 1024),
            sig(b["peak_rss_per_source_byte"]) + "x",
            sig(p["source_bytes"] / 1e6),
            sig(p["wall_seconds_median"] * 1e3),
            sig(p["peak_rss_kib_median"] / 1024),
            sig(res["protoc_wall_over_bpc_wall"]) + "x",
        ]) + " |")
    return "\n".join(rows)


def parse_sizes(values):
    sizes = []
    for v in values:
        for part in v.split(","):
            if part.strip():
                try:
                    n = int(part)
                except ValueError:
                    raise SystemExit("parse_bench: --sizes: %r is not a number" % part)
                if n < 1:
                    raise SystemExit("parse_bench: --sizes: %d must be >= 1" % n)
                sizes.append(n)
    return sizes


def add_tool_arguments(ap, timeout):
    """The options every benchmark here shares: the tools, GNU time, the time limit, JSON output."""
    ap.add_argument("--bpc", default=os.path.join(REPO, "build", "cli", "bpc"),
                    help="bpc executable (default <repo>/build/cli/bpc)")
    ap.add_argument("--protoc", default="protoc", help="protoc executable (default: on PATH)")
    ap.add_argument("--gen", default=os.path.join(REPO, "..", "shared", "bench", "gen_models.py"),
                    help="gen_models.py (default <repo>/../shared/bench/gen_models.py)")
    ap.add_argument("--time", dest="gnu_time", default="/usr/bin/time",
                    help="GNU time, for peak RSS (default /usr/bin/time; 'none' to use "
                         "os.wait4's ru_maxrss instead, which is floored at this script's RSS)")
    ap.add_argument("--json", metavar="OUT", help="also write all results and samples as JSON")
    ap.add_argument("--timeout", type=float, default=timeout,
                    help="seconds per process (default %g)" % timeout)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Time `bpc parse --stats` against `protoc --descriptor_set_out` on "
                    "generated models (see bench/README.md).")
    ap.add_argument("--sizes", nargs="+", default=["100,1000,10000"],
                    help="entity counts, comma- or space-separated (default 100,1000,10000)")
    ap.add_argument("--runs", "-r", type=int, default=5,
                    help="timed runs per tool per size (default 5)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed warm-up runs per tool per size (default 1)")
    ap.add_argument("--rss-runs", type=int, default=3,
                    help="peak-RSS runs per tool per size under GNU time (default 3)")
    ap.add_argument("--fields", "-f", type=int, default=10,
                    help="fields per entity, passed to gen_models.py (default 10)")
    ap.add_argument("--seed", type=int, default=42, help="gen_models.py seed (default 42)")
    add_tool_arguments(ap, timeout=900)
    ap.add_argument("--workdir", help="where to write the models (kept); default: a temporary "
                                      "directory, removed after a successful run")
    a = ap.parse_args(argv)
    sizes = parse_sizes(a.sizes)
    if a.runs < 1 or a.warmup < 0 or a.rss_runs < 1:
        ap.error("--runs and --rss-runs must be >= 1, --warmup >= 0")

    # -- check the tools before spending any time
    a.gen = os.path.abspath(a.gen)
    if not os.path.isfile(a.gen):
        raise SystemExit("parse_bench: gen_models.py not found at %s (it lives in "
                         "<repo>/../shared/bench/); pass --gen PATH" % a.gen)
    bpc = a.bpc if os.sep in a.bpc else (shutil.which(a.bpc) or a.bpc)
    if not (os.path.isfile(bpc) and os.access(bpc, os.X_OK)):
        raise SystemExit("parse_bench: bpc not found or not executable at %s; build it "
                         "(cmake --build build --target bpc) or pass --bpc PATH" % bpc)
    a.bpc = os.path.abspath(bpc)
    protoc = shutil.which(a.protoc)
    if not protoc:
        raise SystemExit("parse_bench: protoc not found (%s); install protobuf-compiler "
                         "(scripts/bootstrap.sh) or pass --protoc PATH" % a.protoc)
    a.protoc = os.path.abspath(protoc)
    gnu_time = None
    if a.gnu_time != "none":
        gnu_time = shutil.which(a.gnu_time)
        if not gnu_time:
            raise SystemExit("parse_bench: GNU time not found at %s (Debian package `time`, see "
                             "scripts/bootstrap.sh); pass --time PATH, or --time none to take "
                             "peak RSS from os.wait4 (floored at this script's own RSS)"
                             % a.gnu_time)

    machine = machine_info()
    versions = {"bpc": tool_version([a.bpc, "--version"]),
                "protoc": tool_version([a.protoc, "--version"]),
                "gen_models": a.gen}
    command = "python3 " + shlex.join(sys.argv if argv is None else [sys.argv[0]] + argv)
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)

    own_dir = a.workdir is None
    workdir = tempfile.mkdtemp(prefix="bpc-parse-bench-") if own_dir else a.workdir
    os.makedirs(workdir, exist_ok=True)
    results = []
    try:
        for n in sizes:
            results.append(bench_size(n, a, os.path.abspath(workdir), gnu_time))
    except BenchError as exc:
        print("parse_bench: FAILED: %s" % exc, file=sys.stderr)
        print("parse_bench: models left in %s" % workdir, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parse_bench: interrupted; models left in %s" % workdir, file=sys.stderr)
        return 130
    if own_dir:
        shutil.rmtree(workdir, ignore_errors=True)
        for res in results:
            res["dir"] = None  # removed

    rss_note = ("GNU time %%M, median of %d separate interleaved runs" % a.rss_runs if gnu_time
                else "os.wait4 ru_maxrss of the timed runs (floored at the harness's own RSS, "
                     "%d KiB)" % machine_rss_self())
    out = [
        "## bpc parse vs protoc --descriptor_set_out",
        "",
        "- command: `%s`" % command,
        "- date: %s" % started.isoformat(),
        "- machine: nproc %s; CPU %s (%s logical); %s; %s GiB RAM; load average at start %s"
        % (machine["nproc"], machine["cpu_model"], machine["cpu_logical"], machine["kernel"],
           machine.get("mem_total_gib", "?"), " ".join(map(str, machine["loadavg_at_start"]))),
        "- bpc: `%s` (%s); protoc: `%s` (%s); python %s"
        % (a.bpc, versions["bpc"], a.protoc, versions["protoc"], machine["python"]),
        "- model: gen_models.py N -f %d --seed %d, converted by bench/model_to_bpl.py"
        % (a.fields, a.seed),
        "- timing: %d runs per tool and size after %d warm-up, bpc and protoc interleaved "
        "(order alternating), medians; wall = spawn to reap (os.wait4), process start included"
        % (a.runs, a.warmup),
        "- lex+parse: bpc's own --stats timing (lex_seconds + parse_seconds), median; "
        "MB = 10^6 bytes",
        "- peak RSS: %s" % rss_note,
        "",
        table(results),
    ]
    print("\n".join(out))
    if a.json:
        doc = {"command": command, "date": started.isoformat(), "machine": machine,
               "tools": {"bpc": a.bpc, "protoc": a.protoc, "gen_models": a.gen,
                         "gnu_time": gnu_time, "versions": versions},
               "params": {"sizes": sizes, "runs": a.runs, "warmup": a.warmup,
                          "rss_runs": a.rss_runs if gnu_time else a.runs,
                          "fields": a.fields, "seed": a.seed},
               "results": results}
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")
        log("wrote %s" % a.json)
    return 0


def machine_rss_self():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
