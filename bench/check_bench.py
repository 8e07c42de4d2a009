#!/usr/bin/env python3
"""Full check (load, parse, resolve, check, pass pipeline) against protoc, in one run.

For each size N (default 100, 1000, 10000, 100000 entities): generate the model with
../shared/bench/gen_models.py, convert it to .bpl (bench/model_to_bpl.py), then run
`bpc check --stats model.bpl` and `protoc --descriptor_set_out=/dev/null model.proto`, R times
each, interleaved, and measure peak RSS of each with GNU time. Prints a Markdown table for
bench/RESULTS.md with: whole-process wall time and peak RSS of both tools, their ratio, bpc's
peak memory per source byte, bpc's in-process time per entity, and how that scales against the
1,000-entity run (the linear-scaling target: within 2x at 100,000).

    python3 bench/check_bench.py [--sizes 100,1000,10000,100000] [--runs 3] [--json OUT]
"""
import argparse
import json
import os
import shlex
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_to_bpl  # noqa: E402
import parse_bench as common  # noqa: E402


def bench_size(n, a, workdir):
    d = os.path.join(workdir, "N%d" % n)
    scratch = os.path.join(workdir, "scratch")
    os.makedirs(scratch, exist_ok=True)
    common.log("N=%d: generating the model" % n)
    common.run([sys.executable, a.gen, str(n), "-f", "10", "--seed", "42", "-o", d], workdir, a.timeout, scratch)
    model_to_bpl.convert_file(os.path.join(d, "model.json"), os.path.join(d, "model.bpl"))
    tools = {
        "bpc": [a.bpc, "check", "--stats", "model.bpl"],
        "protoc": [a.protoc, "--descriptor_set_out=/dev/null", "-I" + d, "model.proto"],
    }
    walls = {"bpc": [], "protoc": []}
    stats = []
    for r in range(a.runs + 1):  # one warm-up
        for tool in (["bpc", "protoc"] if r % 2 == 0 else ["protoc", "bpc"]):
            wall, _, stdout, _ = common.run(tools[tool], d, a.timeout, scratch)
            if r == 0:
                continue
            walls[tool].append(wall)
            if tool == "bpc":
                stats.append(json.loads(stdout.strip().splitlines()[-1]))
    rss = {tool: common.median([common.peak_rss_kib(cmd, d, a.timeout, scratch, a.gnu_time)
                                for _ in range(a.rss_runs)]) for tool, cmd in tools.items()}
    bpl_bytes = os.path.getsize(os.path.join(d, "model.bpl"))
    in_process = common.median([s["total_seconds"] for s in stats])
    return {
        "entities": n,
        "bpl_bytes": bpl_bytes,
        "proto_bytes": os.path.getsize(os.path.join(d, "model.proto")),
        "bpc_wall": common.median(walls["bpc"]),
        "protoc_wall": common.median(walls["protoc"]),
        "bpc_rss_kib": rss["bpc"],
        "protoc_rss_kib": rss["protoc"],
        "bpc_in_process": in_process,
        "phases": {k: common.median([s[k] for s in stats])
                   for k in ("load_parse_seconds", "lower_seconds", "passes_seconds")},
        "per_entity_us": in_process / n * 1e6,
    }


def table(results):
    base = next((r for r in results if r["entities"] == 1000), None)
    head = ["entities", ".bpl MB", "bpc check ms (in-process)", "load+parse / lower / passes ms",
            "µs per entity", "vs 1,000", "bpc wall ms", "protoc wall ms", "protoc / bpc",
            "bpc peak RSS MiB", "RSS / .bpl", "protoc peak RSS MiB"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in results:
        p = r["phases"]
        rows.append("| " + " | ".join([
            "{:,}".format(r["entities"]),
            common.sig(r["bpl_bytes"] / 1e6),
            common.sig(r["bpc_in_process"] * 1e3),
            "%s / %s / %s" % (common.sig(p["load_parse_seconds"] * 1e3), common.sig(p["lower_seconds"] * 1e3),
                              common.sig(p["passes_seconds"] * 1e3)),
            common.sig(r["per_entity_us"]),
            (common.sig(r["per_entity_us"] / base["per_entity_us"]) + "x") if base else "n/a",
            common.sig(r["bpc_wall"] * 1e3),
            common.sig(r["protoc_wall"] * 1e3),
            common.sig(r["protoc_wall"] / r["bpc_wall"]) + "x",
            common.sig(r["bpc_rss_kib"] / 1024),
            common.sig(r["bpc_rss_kib"] * 1024 / r["bpl_bytes"]) + "x",
            common.sig(r["protoc_rss_kib"] / 1024),
        ]) + " |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rss-runs", type=int, default=1)
    common.add_tool_arguments(ap, timeout=1800)
    a = ap.parse_args()
    sizes = common.parse_sizes([a.sizes])
    machine = common.machine_info()
    with tempfile.TemporaryDirectory(prefix="bpc-check-bench-") as workdir:
        try:
            results = [bench_size(n, a, workdir) for n in sizes]
        except common.BenchError as error:
            raise SystemExit("check_bench: %s" % error)
    print("## bpc check vs protoc --descriptor_set_out\n")
    print("- command: `python3 bench/check_bench.py %s`" % " ".join(shlex.quote(x) for x in sys.argv[1:]))
    print("- machine: nproc %s; CPU %s; %s; load average at start %s"
          % (machine["nproc"], machine["cpu_model"], machine["kernel"], machine["loadavg_at_start"]))
    print("- bpc: %s; protoc: %s" % (common.tool_version([a.bpc, "--version"]), common.tool_version([a.protoc, "--version"])))
    print("- %d runs per tool and size after one warm-up, interleaved, medians; peak RSS by GNU time\n" % a.runs)
    print(table(results))
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"machine": machine, "results": results}, fh, indent=2)


if __name__ == "__main__":
    main()
