#!/usr/bin/env python3
"""The documents `bpc serve` publishes about itself (service/documents/) are right.

- openapi.json passes Redocly CLI (`recommended`) and Spectral (`spectral:oas`), from tools/, with
  the rulesets of the suite's other OpenAPI documents (tests/backends/openapi/), without an error
  or a warning; it validates against the OpenAPI 3.1 schema and every schema in it compiles in
  ajv's strict mode (tools/validate_openapi.js). A copy with an operation's summary, description
  and tags removed must be reported by both linters, so a pass means something.
- It documents exactly the routes of the route table in service/api.cpp.
- event-schemas.json has a JSON Schema (draft 2020-12) for exactly the event types the OpenAPI
  document names, each valid against the meta-schema and compiling in ajv's strict mode
  (tools/validate_schemas.js).
- A real server (service_client.Server) serves both files byte for byte. After every operation
  that publishes an event (tenants, keys, blueprints and their review, versions, tags, webhooks,
  generation jobs: a cancelled one on a server without workers, then one that succeeds, verified,
  and one that fails on the same store with them),
  every event GET /v1/events returns validates against its type's schema, every type is seen (but
  the preview's `runtime.*`, which verification_test.py checks the same way), and
  each schema rejects its event with `data` emptied or with a member added to `data`.

Nothing goes over the network: the one webhook points at a closed loopback port.

Usage: openapi_lint_test.py --bpc build/cli/bpc --source .
"""

import argparse
import importlib.util
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from service_client import OPERATOR_KEY, Server  # noqa: E402

BLUEPRINT = 'blueprint Shop { version "1.0.0" }\n\nentity Order {\n  id: uuid @id\n  total: int\n}\n'


def load_linters(source):
    """redocly() and spectral() of the backends' lint test, which lints generated documents."""
    path = source / "tests" / "backends" / "openapi" / "openapi_lint_test.py"
    spec = importlib.util.spec_from_file_location("backends_openapi_lint", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.redocly, module.spectral


def route_table(api_cpp):
    """{(method, path)} of the route table in service/api.cpp."""
    return set(re.findall(r'\{"(GET|POST|PUT|PATCH|DELETE)", "(/[^"]*)", &Api::', api_cpp.read_text(encoding="utf-8")))


def lint(source, document, temp):
    failures = []
    redocly, spectral = load_linters(source)
    tools = source / "tools" / "node_modules"
    rules = source / "tests" / "backends" / "openapi"
    count, text = redocly(tools, rules / "redocly.yaml", [document])
    if count:
        failures.append(f"Redocly (recommended) reported {count} findings:\n{text}")
    count, text = spectral(tools, rules / "spectral.yaml", [document])
    if count:
        failures.append(f"Spectral (spectral:oas) reported {count} findings:\n{text}")
    validated = subprocess.run(["node", str(source / "tools" / "validate_openapi.js"), str(document)],
                               capture_output=True, text=True)
    if validated.returncode != 0:
        failures.append(f"validate_openapi.js:\n{validated.stdout}{validated.stderr}")

    broken = json.loads(document.read_text(encoding="utf-8"))
    operation = broken["paths"]["/v1/blueprints"]["post"]
    for member in ("summary", "description", "tags"):
        del operation[member]
    broken_path = temp / "broken.openapi.json"
    broken_path.write_text(json.dumps(broken), encoding="utf-8")
    if redocly(tools, rules / "redocly.yaml", [broken_path])[0] == 0:
        failures.append("Redocly found nothing wrong with an operation without a summary")
    if spectral(tools, rules / "spectral.yaml", [broken_path])[0] == 0:
        failures.append("Spectral found nothing wrong with an operation without a description or tags")
    return failures


def exercise(server):
    """Makes a tenant go through every change that publishes an event; returns its owner key."""
    def call(method, path, body=None, key=None, expected=200, headers=None):
        response = server.request(method, path, body, key=key, headers=headers)
        assert response.status == expected, (method, path, response)
        return response

    tenant = server.create_tenant("events", "enterprise")
    call("PATCH", f"/v1/tenants/{tenant}", {"name": "events, renamed"}, OPERATOR_KEY)
    call("PATCH", f"/v1/tenants/{tenant}", {"status": "suspended"}, OPERATOR_KEY)
    call("PATCH", f"/v1/tenants/{tenant}", {"status": "active"}, OPERATOR_KEY)
    owner = server.create_key(tenant, "owner")["secret"]
    viewer = server.create_key(tenant, "viewer", key=owner)["id"]
    call("DELETE", f"/v1/tenants/{tenant}/keys/{viewer}", key=owner, expected=204)
    created = call("POST", "/v1/blueprints", {"name": "shop", "source": BLUEPRINT}, owner, 201)
    blueprint = f"/v1/blueprints/{created.json()['id']}"
    call("POST", f"{blueprint}/versions", {"source": BLUEPRINT + "// 2\n", "message": "second"}, owner, 201,
         headers={"If-Match": created.header("etag")})
    call("POST", f"{blueprint}/versions/1/restore", key=owner, expected=201)
    call("PUT", f"{blueprint}/tags/stable", {"version": 1}, owner)
    call("DELETE", f"{blueprint}/tags/stable", key=owner, expected=204)
    call("POST", f"{blueprint}/approve", key=owner)
    call("POST", f"{blueprint}/versions", {"source": BLUEPRINT}, owner, 201)
    call("POST", f"{blueprint}/reject", {"reason": "needs a customer"}, owner)
    call("POST", f"{blueprint}/archive", key=owner)
    webhook = call("POST", "/v1/webhooks", {"url": "http://127.0.0.1:9/events", "eventTypes": ["tenant.created"]},
                   owner, 201).json()["id"]
    call("DELETE", f"/v1/webhooks/{webhook}", key=owner, expected=204)
    # This server runs no jobs (--workers 0): a job stays queued until it is cancelled.
    job = call("POST", "/v1/jobs", {"blueprint": created.json()["id"], "targets": ["openapi"]}, owner, 202).json()["id"]
    call("POST", f"/v1/jobs/{job}/cancel", key=owner)
    return owner


def exercise_jobs(server, owner):
    """On a server that runs jobs: one that succeeds, and one whose blueprint does not build."""
    broken = server.request("POST", "/v1/blueprints", {"name": "broken", "source": BLUEPRINT.replace("int", "nosuchtype")},
                            key=owner).json()["id"]
    shop = server.request("GET", "/v1/blueprints", key=owner).json()["items"]
    shop = next(blueprint["id"] for blueprint in shop if blueprint["name"] == "shop")
    # The shop's job is verified (`validation.issued`; `openapi` has nothing to build: skipped).
    jobs = [server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi"], "options": options},
                           key=owner).json()["id"]
            for blueprint, options in ((shop, {"verify": True}), (broken, {}))]
    deadline = time.time() + 60
    while time.time() < deadline:
        states = [server.request("GET", f"/v1/jobs/{job}", key=owner).json()["state"] for job in jobs]
        if states == ["succeeded", "failed"]:
            return
        time.sleep(0.1)
    raise AssertionError(f"the jobs ended {states}, not succeeded and failed")


def all_events(server, key):
    events, after = [], 0
    while True:
        page = server.request("GET", f"/v1/events?after={after}&limit=1000", key=key).json()
        if not page["items"]:
            return events
        events += page["items"]
        after = page["items"][-1]["sequence"]


# Preview runs need prepared toolchains: tests/service/verification_test.py runs them and checks
# their events with check_events.
CHECKED_ELSEWHERE = {"runtime.started", "runtime.stopped", "runtime.error"}


def check_events(source, schemas, events, temp, expected_types=None):
    """Each event against its type's schema, with ajv (strict), and two broken copies that must fail."""
    failures = []
    directory = temp / "schemas"
    directory.mkdir()
    for event_type, schema in schemas.items():
        (directory / f"{event_type}.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    seen = {event["type"] for event in events}
    expected = set(schemas) - CHECKED_ELSEWHERE if expected_types is None else set(expected_types)
    if seen != expected:
        failures.append(f"events seen: {sorted(seen)}, expected: {sorted(expected)}")
    for event_type in sorted(seen & set(schemas)):
        of_type = [event for event in events if event["type"] == event_type]
        broken = [dict(of_type[0], data={}), dict(of_type[0], data=dict(of_type[0]["data"], unexpected=1))]
        files = {}
        for name, instances in (("valid", of_type), ("invalid", broken)):
            files[name] = []
            for index, instance in enumerate(instances):
                path = temp / f"{event_type}.{name}.{index}.json"
                path.write_text(json.dumps(instance), encoding="utf-8")
                files[name].append(str(path))
        result = subprocess.run(["node", str(source / "tools" / "validate_schemas.js"), str(directory),
                                 "--instance", schemas[event_type]["$id"], *files["valid"], "--invalid",
                                 *files["invalid"]], capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f"{event_type}:\n{result.stdout}{result.stderr}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    options = parser.parse_args()
    source = options.source.resolve()
    documents = source / "service" / "documents"
    document = json.loads((documents / "openapi.json").read_text(encoding="utf-8"))
    schemas = json.loads((documents / "event-schemas.json").read_text(encoding="utf-8"))
    failures = []
    with tempfile.TemporaryDirectory(prefix="bpc-serve-documents-") as temp:
        temp = pathlib.Path(temp)
        failures += lint(source, documents / "openapi.json", temp)

        documented = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
        routes = route_table(source / "service" / "api.cpp")
        if documented != routes:
            failures.append(f"routes without a description: {sorted(routes - documented)}; "
                            f"described, but not routes: {sorted(documented - routes)}")
        named = document["components"]["schemas"]["Event"]["properties"]["type"]["enum"]
        if sorted(named) != sorted(schemas):
            failures.append(f"the OpenAPI document's event types {sorted(named)} are not those with a schema "
                            f"{sorted(schemas)}")

        server = Server(options.bpc, str(temp / "data"), extra_args=["--workers", "0"]).start()
        try:
            for path, name in (("/v1/openapi.json", "openapi.json"), ("/v1/event-schemas", "event-schemas.json")):
                served = server.request("GET", path)
                if served.status != 200 or served.body != (documents / name).read_bytes():
                    failures.append(f"GET {path} does not serve service/documents/{name}: {served}")
            owner = exercise(server)
        finally:
            code, _ = server.stop()
        # The same store again, now with workers that verify (C++ needs no prepared toolchain).
        (temp / "verifying.json").write_text(json.dumps({"verification": {"cpp": True}}), encoding="utf-8")
        server = Server(options.bpc, str(temp / "data"), extra_args=["--config", str(temp / "verifying.json")]).start()
        try:
            exercise_jobs(server, owner)
            events = all_events(server, owner)
        finally:
            code_again, _ = server.stop()
        if code != 0 or code_again != 0:
            failures.append(f"bpc serve exited with {code}, then {code_again}, on SIGTERM")
        failures += check_events(source, schemas, events, temp)

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(document['paths'])} paths, {len(schemas)} event schemas, {len(events)} events checked, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
