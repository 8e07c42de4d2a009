#!/usr/bin/env python3
"""`bpc serve` and the OpenAPI document it serves agree, as judged by schemathesis (PyPI,
tools/venv), an independent property-based API tester.

Starts `bpc serve` on a free loopback port over a fresh data directory, creates an enterprise
tenant (the tier with the highest request rate) and an owner key with the operator key, and runs
`schemathesis run` against http://127.0.0.1:PORT/v1/openapi.json with every check (status codes,
content types, response headers and schemas, valid data accepted, invalid data refused, missing or
wrong keys refused, undeclared methods answered 405 with `Allow`, use after delete, created
resources readable, no 5xx) and every phase (coverage, fuzzing, and stateful sequences through the
document's links), seeded, so a run is reproducible.

It runs twice, because the two kinds of key reach different operations:
  - the owner key on the Compile, Blueprints, Versions, Tags, Jobs and Events tags: the operator key
    acts for no tenant, so there it would only ever be refused (403);
  - then the operator key on the Service, Tenants and Keys tags: only it creates and lists
    tenants, and through the links from what it creates and lists it reaches every tenant
    administration operation. It comes last because it may suspend any tenant it finds, or
    revoke any key, the owner's too.
The Webhooks tag is left out: a webhook schemathesis made up would have the server send the
tenant's events to whatever URL it was given, and a test sends nothing over the network
(openapi_lint_test.py creates and deletes one on a closed loopback port).
schemathesis.toml beside this file says what the configuration widens and why. Requests are held
to 150 a second, under the keys' limit (200), so answers are rarely 429 (which is documented).

Usage: schemathesis_test.py --bpc build/cli/bpc --source .
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from service_client import OPERATOR_KEY, Server  # noqa: E402

SEED = 20261206
MAX_EXAMPLES = 25
RUNS = [
    ("owner", ["Compile", "Blueprints", "Versions", "Tags", "Jobs", "Events"]),
    ("operator", ["Service", "Tenants", "Keys"]),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    options = parser.parse_args()
    schemathesis = options.source.resolve() / "tools" / "venv" / "bin" / "schemathesis"
    if not schemathesis.exists():
        sys.exit(f"FAIL {schemathesis} is missing: run scripts/bootstrap.sh")
    failures = []
    with tempfile.TemporaryDirectory(prefix="bpc-serve-schemathesis-") as temp:
        # Threads to spare: an event stream holds one until the server next writes to it (an event
        # or a heartbeat), after schemathesis has read what it wanted and gone.
        server = Server(options.bpc, str(pathlib.Path(temp) / "data"), extra_args=["--threads", "128"]).start()
        try:
            tenant = server.create_tenant("schemathesis", "enterprise")
            keys = {"operator": OPERATOR_KEY, "owner": server.create_key(tenant, "owner")["secret"]}
            for name, tags in RUNS:
                command = [str(schemathesis), "--no-color", "--config-file", str(HERE / "schemathesis.toml"), "run",
                           f"http://127.0.0.1:{server.port}/v1/openapi.json",
                           "--header", f"Authorization: Bearer {keys[name]}", "--seed", str(SEED),
                           "--max-examples", str(MAX_EXAMPLES), "--rate-limit", "150/s",
                           *(argument for tag in tags for argument in ("--include-tag", tag))]
                result = subprocess.run(command, cwd=temp, capture_output=True, text=True)
                summary = [line for line in result.stdout.splitlines() if " in " in line and "=====" in line]
                print(f"{name} key ({', '.join(tags)}): {summary[-1].strip('= ') if summary else result.stdout[-400:]}")
                if result.returncode != 0:
                    failures.append(f"{name} key:\n{result.stdout[-20000:]}\n{result.stderr[-2000:]}")
        finally:
            code, _ = server.stop()
        if code != 0:
            failures.append(f"bpc serve exited with {code} on SIGTERM")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
