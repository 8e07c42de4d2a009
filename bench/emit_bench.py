#!/usr/bin/env python3
"""Code generation speed of `bpc build` beside protoc, on the same generated models.

    python3 bench/emit_bench.py [--sizes 1000,10000] [--targets openapi,typescript] [--runs 3]
                                [--anchor cpp|python]

For every size N, in one run: generate the model with ../shared/bench/gen_models.py (every
entity gets a CRUD `resource` in the model's `api`, so API backends have work), convert it to
.bpl (bench/model_to_bpl.py), then time, interleaved with alternating order:

  - `bpc build model.bpl --target T1 --target T2 ... --out DIR --force`, every target together;
  - the same with each target alone;
  - `bpc check model.bpl`, the front end alone, to show what emission adds;
  - `protoc --cpp_out=DIR model.proto`, which parses, checks and writes C++ (with `--anchor
    python`, `protoc --python_out=DIR`, which writes Python: the anchor of the python target).

Each output directory is removed before every run, so every run writes all of its files. Wall
time is the median and the best (minimum) of --runs timed runs after one warm-up, and the ratio to
protoc compares medians; peak RSS comes from separate runs under GNU time, median (see
bench/README.md for why). Output MB/s is the bytes under DIR after the run (generated files and
bpc's manifest) over the median wall time. A target the bpc binary does
not have (`bpc build --target T` exits 2, "not available") is skipped with a message. Prints a
Markdown block for bench/RESULTS.md on stdout; progress goes to stderr.
"""
import argparse
import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_to_bpl  # noqa: E402
import parse_bench as common  # noqa: E402


def log(msg):
    print("emit_bench: " + msg, file=sys.stderr, flush=True)


def available_targets(bpc, targets, workdir):
    """The targets this bpc can build, in the order given; says which it skips and why."""
    probe = os.path.join(workdir, "probe.bpl")
    with open(probe, "w", encoding="utf-8") as fh:
        fh.write("blueprint Probe {}\n")
    found = []
    for target in targets:
        r = subprocess.run([bpc, "build", probe, "--target", target, "--dry-run", "--out",
                            os.path.join(workdir, "probe-out")], capture_output=True, text=True)
        if r.returncode == 0:
            found.append(target)
        elif r.returncode == 2 and "not available" in r.stderr:
            log("skipping target %s: %s" % (target, r.stderr.strip().splitlines()[-1]))
        else:
            raise SystemExit("emit_bench: bpc build --target %s exited %d: %s"
                             % (target, r.returncode, r.stderr.strip()))
    return found


def tree_bytes(root):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(root) for f in files)


def configurations(a, targets, d):
    """name -> (command, output directory or None), run in the model's directory `d`."""
    configs = {}
    if len(targets) > 1:
        together = "+".join(targets)
        configs["bpc build " + together] = (
            [a.bpc, "build", "model.bpl"] + [x for t in targets for x in ("--target", t)]
            + ["--out", "out-" + together, "--force"], os.path.join(d, "out-" + together))
    for t in targets:
        configs["bpc build " + t] = (
            [a.bpc, "build", "model.bpl", "--target", t, "--out", "out-" + t, "--force"],
            os.path.join(d, "out-" + t))
    configs["bpc check"] = ([a.bpc, "check", "model.bpl"], None)
    configs[anchor_name(a)] = (
        [a.protoc, "--%s_out=out-%s" % (a.anchor, a.anchor), "-I" + d, "model.proto"],
        os.path.join(d, "out-" + a.anchor))
    return configs


def anchor_name(a):
    return "protoc --%s_out" % a.anchor


def fresh(out_dir):
    """Empties the output directory before a run (protoc needs its --cpp_out to exist)."""
    if out_dir is None:
        return
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)


def bench_size(n, a, targets, workdir):
    d = os.path.join(workdir, "N%d" % n)
    scratch = os.path.join(workdir, "scratch")
    os.makedirs(scratch, exist_ok=True)
    log("N=%d: generating the model" % n)
    common.run([sys.executable, a.gen, str(n), "-f", "10", "--seed", "42", "-o", d], workdir,
               a.timeout, scratch)
    model_to_bpl.convert_file(os.path.join(d, "model.json"), os.path.join(d, "model.bpl"))
    configs = configurations(a, targets, d)
    names = list(configs)
    walls = {name: [] for name in names}
    for r in range(a.runs + 1):  # one warm-up
        log("N=%d: %s" % (n, "warm-up" if r == 0 else "run %d/%d" % (r, a.runs)))
        for name in (names if r % 2 == 0 else names[::-1]):
            cmd, out_dir = configs[name]
            fresh(out_dir)
            wall, _, _, _ = common.run(cmd, d, a.timeout, scratch)
            if r > 0:
                walls[name].append(wall)
    results = {}
    for name in names:
        cmd, out_dir = configs[name]
        rss = []
        for _ in range(a.rss_runs):
            fresh(out_dir)
            rss.append(common.peak_rss_kib(cmd, d, a.timeout, scratch, a.gnu_time))
        results[name] = {
            "command": shlex.join(cmd),
            "wall_best": min(walls[name]),
            "wall_all": walls[name],
            "peak_rss_kib": common.median(rss),
            "output_bytes": tree_bytes(out_dir) if out_dir else None,
        }
    return {
        "entities": n,
        "bpl_bytes": os.path.getsize(os.path.join(d, "model.bpl")),
        "proto_bytes": os.path.getsize(os.path.join(d, "model.proto")),
        "runs": results,
    }


def table(results, anchor):
    head = ["entities", "what", "wall ms (median)", "wall ms (best)", "peak RSS MiB", "output MB",
            "output MB/s", "%s / this (medians)" % anchor]
    rows = ["| " + " | ".join(head) + " |", "|---:|---|" + "---:|" * (len(head) - 2)]
    for res in results:
        protoc = common.median(res["runs"][anchor]["wall_all"])
        for name, run in res["runs"].items():
            out = run["output_bytes"]
            median = common.median(run["wall_all"])
            rows.append("| " + " | ".join([
                "{:,}".format(res["entities"]),
                "`%s`" % name,
                common.sig(median * 1e3),
                common.sig(run["wall_best"] * 1e3),
                common.sig(run["peak_rss_kib"] / 1024),
                common.sig(out / 1e6) if out is not None else "-",
                common.sig(out / 1e6 / median) if out is not None else "-",
                common.sig(protoc / median) + "x",
            ]) + " |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="entity counts, comma-separated")
    ap.add_argument("--targets", default="openapi,typescript", help="bpc targets, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per command and size")
    ap.add_argument("--anchor", choices=["cpp", "python"], default="cpp",
                    help="protoc's generator to compare with: --cpp_out or --python_out")
    ap.add_argument("--rss-runs", type=int, default=1, help="runs under GNU time for peak RSS")
    common.add_tool_arguments(ap, timeout=1800)
    a = ap.parse_args()
    if a.runs < 1 or a.rss_runs < 1:
        ap.error("--runs and --rss-runs must be >= 1")
    sizes = common.parse_sizes([a.sizes])
    a.bpc, a.gen = os.path.abspath(a.bpc), os.path.abspath(a.gen)
    a.protoc = shutil.which(a.protoc) or a.protoc
    for what, path in (("bpc", a.bpc), ("protoc", a.protoc), ("GNU time", a.gnu_time),
                       ("gen_models.py", a.gen)):
        if not os.path.isfile(path):
            raise SystemExit("emit_bench: %s not found at %s" % (what, path))
    machine = common.machine_info()
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="bpc-emit-bench-") as workdir:
        targets = available_targets(a.bpc, [t for t in a.targets.split(",") if t], workdir)
        if not targets:
            raise SystemExit("emit_bench: none of the targets %s is available in %s" % (a.targets, a.bpc))
        try:
            results = [bench_size(n, a, targets, workdir) for n in sizes]
        except common.BenchError as error:
            raise SystemExit("emit_bench: %s" % error)
    print("## bpc build vs %s\n" % anchor_name(a))
    print("- command: `python3 bench/emit_bench.py %s`" % " ".join(shlex.quote(x) for x in sys.argv[1:]))
    print("- date: %s" % started.isoformat())
    print("- machine: nproc %s; CPU %s; %s; load average at start %s"
          % (machine["nproc"], machine["cpu_model"], machine["kernel"],
             " ".join(map(str, machine["loadavg_at_start"]))))
    print("- bpc: %s; protoc: %s; targets: %s"
          % (common.tool_version([a.bpc, "--version"]), common.tool_version([a.protoc, "--version"]),
             ", ".join(targets)))
    print("- model: gen_models.py N -f 10 --seed 42, converted by bench/model_to_bpl.py (one "
          "CRUD resource per entity)")
    print("- wall: median and best of %d runs after one warm-up, interleaved, output directories removed "
          "before each run; peak RSS by GNU time, median of %d; MB = 10^6 bytes\n" % (a.runs, a.rss_runs))
    print(table(results, anchor_name(a)))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump({"machine": machine, "targets": targets, "results": results}, fh, indent=1)


if __name__ == "__main__":
    main()
