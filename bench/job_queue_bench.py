#!/usr/bin/env python3
"""The generation queue's throughput: jobs per second through `bpc serve`'s queue on PostgreSQL,
with 1 to 4 worker processes sharing it.

    python3 bench/job_queue_bench.py [--bpc build/cli/bpc] [--jobs 400] [--processes 1,2,3,4]
                                     [--workers-per-process 1] [--json OUT]

For each workload and each number of worker processes, a fresh database in a throwaway
PostgreSQL 15 cluster (tests/service/stores.py) and an API-only instance (`--workers 0`) that
queues JOBS jobs from 8 enterprise tenants, each job a different version (so none is a cache hit).
Then the worker processes (`bpc serve --workers W`, on the same store) start, and the clock runs
from their start until every job has succeeded. Two workloads:
  - minimal:  a one-entity blueprint for `jsonschema`: the queue's own cost (claim, lease,
              heartbeat, progress and completion events, the manifest) with almost no generation;
  - real:     the showcase blueprint (examples/clinic.bpl) for `openapi`, `typescript`, `python`.
Jobs per second (JOBS over the seconds from the workers' start to the last job's end), and the
p50 and p99 of each job's run (its claim to its end, as the store recorded them). A JSON summary on
stdout (and in OUT).
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "service"))
from service_client import Server  # noqa: E402
from stores import Backends  # noqa: E402

TENANTS = 8
MINIMAL = 'blueprint Tiny {{ version "1.0.0" }}\n\n// variant {n}\nentity Item {{\n  id: uuid @id\n}}\n'


def workloads():
    clinic = (ROOT / "examples" / "clinic.bpl").read_text(encoding="utf-8")
    return {
        "minimal": (lambda n: MINIMAL.format(n=n), ["jsonschema"]),
        "real": (lambda n: clinic + f"\n// variant {n}\n", ["openapi", "typescript", "python"]),
    }


def post(server, key, path, body):
    answer = server.request("POST", path, body, key=key)
    assert answer.status in (201, 202), answer
    return answer.json()


def queue_jobs(api, jobs, source_of, targets):
    """JOBS jobs, each of its own version, from TENANTS tenants."""
    tenants = []
    for t in range(TENANTS):
        tenant = api.create_tenant(f"bench-{t}", "enterprise")
        key = api.create_key(tenant, "developer")["secret"]
        blueprint = post(api, key, "/v1/blueprints", {"name": "bench", "source": source_of(t * jobs)})["id"]
        tenants.append((key, blueprint))

    def queue(n):
        key, blueprint = tenants[n % TENANTS]
        version = post(api, key, f"/v1/blueprints/{blueprint}/versions", {"source": source_of(n + 1)})
        return post(api, key, "/v1/jobs", {"blueprint": blueprint, "version": str(version["version"]["number"]),
                                           "targets": targets})

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        queued = list(pool.map(queue, range(jobs)))
    assert all(job["state"] == "queued" for job in queued), "a job was a cache hit"


def run(bpc, stores, directory, jobs, processes, workers_per_process, source_of, targets):
    data = os.path.join(directory, "api")
    store = stores.new_store(data)
    api = Server(bpc, data, ["--workers", "0"], store=store).start()
    workers = []
    try:
        queue_jobs(api, jobs, source_of, targets)
        started = time.perf_counter()
        workers = [Server(bpc, os.path.join(directory, f"worker{i}"),
                          ["--workers", str(workers_per_process), "--threads", "2", *store.args]).start()
                   for i in range(processes)]
        while True:
            (done,), = store.query("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'")
            (failed,), = store.query("SELECT COUNT(*) FROM jobs WHERE state IN ('failed', 'dead', 'cancelled')")
            assert failed == 0, store.query("SELECT id, state, error FROM jobs WHERE state <> 'succeeded' LIMIT 3")
            if done == jobs:
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        # The time a job spent running, from its claim to its end, as the store recorded it.
        durations = sorted(ms for (ms,) in store.query(
            "SELECT CAST(EXTRACT(EPOCH FROM (finished_at::timestamptz - started_at::timestamptz)) * 1000 AS BIGINT) "
            "FROM jobs"))
        return {"jobs": jobs, "processes": processes, "workers_per_process": workers_per_process,
                "seconds": round(elapsed, 3), "jobs_per_second": round(jobs / elapsed, 1),
                "run_ms_p50": durations[len(durations) // 2], "run_ms_p99": durations[int(len(durations) * 0.99)]}
    finally:
        for worker in workers:
            worker.stop()
        api.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", default=str(ROOT / "build" / "cli" / "bpc"))
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--processes", default="1,2,3,4")
    parser.add_argument("--workers-per-process", type=int, default=1)
    parser.add_argument("--workloads", default="minimal,real")
    parser.add_argument("--json")
    arguments = parser.parse_args()
    bpc = os.path.abspath(arguments.bpc)
    summary = {"machine": os.uname().nodename, "cpus": os.cpu_count(), "results": []}
    with Backends("postgresql") as stores:
        for name in arguments.workloads.split(","):
            source_of, targets = workloads()[name]
            for processes in (int(p) for p in arguments.processes.split(",")):
                with tempfile.TemporaryDirectory() as directory:
                    result = run(bpc, stores, directory, arguments.jobs, processes, arguments.workers_per_process,
                                 source_of, targets)
                result["workload"] = name
                summary["results"].append(result)
                print(f"{name:8} processes={processes} x{arguments.workers_per_process}  "
                      f"{result['jobs_per_second']:8.1f} jobs/s  run p50 {result['run_ms_p50']} ms  "
                      f"p99 {result['run_ms_p99']} ms", file=sys.stderr)
    print(json.dumps(summary, indent=2))
    if arguments.json:
        pathlib.Path(arguments.json).write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
