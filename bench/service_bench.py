#!/usr/bin/env python3
"""The service benchmark: `bpc serve` under load from wrk on loopback, on each store.

    python3 bench/service_bench.py [--bpc build/cli/bpc] [--seconds 10] [--connections 32]
                                   [--threads 2] [--stores sqlite,postgresql]
                                   [--scenarios get-version,save-version,compile,job-cache-hit] [--json OUT]

For each store (the embedded SQLite one in a temporary data directory, and PostgreSQL 15 in a
throwaway cluster on a Unix socket, both as tests/service/stores.py starts them), a server is
started with `--threads` request threads, and 20 enterprise tenants with 10 developer keys each
store the showcase blueprint (examples/clinic.bpl). Then wrk runs four scenarios for SECONDS
each, every request with the next of the 200 keys (as many clients would; one key alone would
meet its rate limit), and its own tenant's blueprint:
  - get-version:  GET /v1/blueprints/{id}/versions/1 (metadata and diagnostics);
  - save-version: POST /v1/blueprints/{id}/versions with the showcase source (validated, stored,
                  its event written, all in one transaction);
  - compile:      POST /v1/compile checking the showcase source;
  - job-cache-hit: POST /v1/jobs for a generation made before (each blueprint for openapi, once,
                  at setup): the job is created succeeded, from the result cache.
Requests per second, p50 and p99 latency in milliseconds (wrk --latency), the server's CPU time
per request (from /proc: what it would need on cores of its own, as wrk shares these), and any
non-2xx answers (a run with any is reported as failed). Each scenario runs twice: saturated
(CONNECTIONS connections) and lightly loaded (2 connections), where the latency is the service's
own rather than queueing. A JSON summary on stdout (and in OUT).
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "service"))
from service_client import Server  # noqa: E402
from stores import Backends  # noqa: E402

TENANTS = 20
KEYS_PER_TENANT = 10

LUA = r"""
local targets = %(targets)s
local method, body = "%(method)s", %(body)s
local i = 0
request = function()
  i = i + 1
  local target = targets[(i %% #targets) + 1]
  local headers = {["Authorization"] = "Bearer " .. target[1], ["Content-Type"] = "application/json"}
  return wrk.format(method, target[2], headers, target[3] or body)
end
"""


def lua_string(text):
    return "[==[" + text + "]==]"


def setup(server, source):
    targets = []
    for t in range(TENANTS):
        tenant = server.create_tenant(f"bench-{t}", "enterprise")
        keys = [server.create_key(tenant, "developer")["secret"] for _ in range(KEYS_PER_TENANT)]
        created = server.request("POST", "/v1/blueprints", {"name": "clinic", "source": source}, key=keys[0])
        assert created.status == 201, created
        targets += [(key, created.json()["id"]) for key in keys]
    # Each blueprint generated once for openapi, so job-cache-hit finds it in the cache.
    for key, blueprint in targets[::KEYS_PER_TENANT]:
        job = server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi"]}, key=key).json()["id"]
        deadline = time.time() + 120
        while server.request("GET", f"/v1/jobs/{job}", key=key).json()["state"] != "succeeded":
            assert time.time() < deadline, f"job {job} did not succeed"
            time.sleep(0.05)
    return targets


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(server, scenario, targets, body, method, arguments, directory, connections):
    paths = {
        "get-version": lambda blueprint: f"/v1/blueprints/{blueprint}/versions/1",
        "save-version": lambda blueprint: f"/v1/blueprints/{blueprint}/versions",
        "compile": lambda blueprint: "/v1/compile",
        "job-cache-hit": lambda blueprint: "/v1/jobs",
    }[scenario]
    # A body per request only where it names the tenant's blueprint.
    bodies = {"job-cache-hit": lambda blueprint: json.dumps({"blueprint": blueprint, "targets": ["openapi"]})}
    table = "{" + ",".join("{" + lua_string(key) + "," + lua_string(paths(blueprint)) +
                           ("," + lua_string(bodies[scenario](blueprint)) if scenario in bodies else "") + "}"
                           for key, blueprint in targets) + "}"
    script = pathlib.Path(directory) / f"{scenario}.lua"
    script.write_text(LUA % {"targets": table, "method": method, "body": lua_string(body) if body else "nil"})
    cpu_before = cpu_seconds(server.process.pid)
    result = subprocess.run(["wrk", "-t", str(min(arguments.threads, connections)), "-c", str(connections),
                             "-d", f"{arguments.seconds}s", "--latency", "-s", str(script),
                             f"http://127.0.0.1:{server.port}"], capture_output=True, text=True, check=True)
    parsed = parse_wrk(result.stdout)
    requests = parsed["requests_per_second"] * arguments.seconds
    parsed["server_cpu_us_per_request"] = (cpu_seconds(server.process.pid) - cpu_before) / max(requests, 1) * 1e6
    return parsed


def milliseconds(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output):
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {"requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50_ms": milliseconds(latency["50"]), "p99_ms": milliseconds(latency["99"]),
            "non_2xx": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", default=str(ROOT / "build" / "cli" / "bpc"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--server-threads", type=int, default=40,
                        help="bpc serve --threads: above --connections, as each open connection holds one")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--scenarios", default="get-version,save-version,compile,job-cache-hit")
    parser.add_argument("--json")
    arguments = parser.parse_args()

    source = (ROOT / "examples" / "clinic.bpl").read_text(encoding="utf-8")
    summary = {"machine": os.uname().nodename, "cpus": os.cpu_count(), "seconds": arguments.seconds,
               "connections": arguments.connections, "results": {}}
    for kind in arguments.stores.split(","):
        with Backends(kind) as stores, tempfile.TemporaryDirectory() as directory:
            data = os.path.join(directory, "data")
            server = Server(os.path.abspath(arguments.bpc), data, store=stores.new_store(data),
                            extra_args=["--threads", str(arguments.server_threads)]).start()
            try:
                targets = setup(server, source)
                results = {}
                for scenario, method, body in [
                        ("get-version", "GET", None),
                        ("save-version", "POST", json.dumps({"source": source, "message": "bench"})),
                        ("compile", "POST", json.dumps({"operation": "check", "source": source})),
                        ("job-cache-hit", "POST", None)]:
                    if scenario not in arguments.scenarios.split(","):
                        continue
                    for load, connections in (("saturated", arguments.connections), ("light", 2)):
                        result = run_wrk(server, scenario, targets, body, method, arguments, directory, connections)
                        results[f"{scenario} {load}"] = result
                        print(f"{kind:10} {scenario:12} {load:9} c={connections:<3} "
                              f"{result['requests_per_second']:8.0f} req/s  p50 {result['p50_ms']:7.2f} ms  "
                              f"p99 {result['p99_ms']:7.2f} ms  cpu {result['server_cpu_us_per_request']:6.0f} us/req  "
                              f"non-2xx {result['non_2xx']}", file=sys.stderr)
                summary["results"][kind] = results
            finally:
                server.stop()
    print(json.dumps(summary, indent=2))
    if arguments.json:
        pathlib.Path(arguments.json).write_text(json.dumps(summary, indent=2) + "\n")
    failed = any(result["non_2xx"] for results in summary["results"].values() for result in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
