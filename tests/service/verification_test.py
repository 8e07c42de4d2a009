#!/usr/bin/env python3
"""Sandboxed verification and preview runs of generated projects by `bpc serve` (`options.verify`,
`POST /v1/jobs/{id}/previews`, issue 16), with
the real toolchains: the node_modules the typescript_deps fixture installs, a virtual environment
made here by Debian's python3 from a generated requirements.lock (as docs/service.md tells
operators), and tsc, eslint, node, ruff, mypy and pytest inside bubblewrap.

- A verified job's TypeScript and Python projects pass every step, their tests ran, `openapi` is
  skipped; one `validation.issued` per target, valid against its published schema; the same job
  again comes from the cache and announces the same verification (`fromCache`).
- With a node_modules whose `tsc` is a stand-in: a compile error fails the project with the step,
  exit code and log; a step that never ends is stopped at the project's time limit; a job
  cancelled during its verification is cancelled, and its sandbox and files are gone.
- A node_modules lacking a package the project pins skips the project, naming the package.
- Previews: the TypeScript and Python services of a job run and answer through their loopback
  ports (a request body and a 400 answer through the relay and the proxy), a third at once is
  429, one stops on request and one when its time is up (`runtime.started`, `runtime.stopped`,
  valid against their schemas); a preview whose compile fails is `runtime.error` with the log.
- The start is refused for toolchains that do not work, and `verify` and previews are 422 on a
  service without them.

Usage: verification_test.py --bpc build/cli/bpc --source . --ts-deps build/typescript-deps
                            --work build/verification [unittest arguments]"""

import argparse
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_client import Server  # noqa: E402

OPTIONS = None
SHOP = """blueprint Shop { version "1.0.0" }

entity Order {
  id: uuid @id
  total: int @min(0)
  note: string?
}

api Shop at "/api" {
  resource Order { list, get, create, update, delete }
}
"""
# The stand-in for tsc: fails to compile (printing bytes that are not UTF-8 too), or (for the blueprint `Slow`'s project) never ends.
FAKE_TSC = """'use strict';
const fs = require('fs');
if (process.argv.includes('--version')) { console.log('Version 0.0.0 (a stand-in)'); process.exit(0); }
const name = JSON.parse(fs.readFileSync('package.json', 'utf8')).name;
if (name === 'slow') { setInterval(() => {}, 1000); } else {
  process.stdout.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x0a]));  // not UTF-8
  console.log('src/model.ts(1,1): error TS9999: injected by the verification test');
  process.exit(2);
}
"""


def generate(source_text, name, target):
    """A project `bpc build` generates: its directory."""
    out = OPTIONS.work / "projects" / name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (out / f"{name}.bpl").write_text(source_text, encoding="utf-8")
    subprocess.run([OPTIONS.bpc, "build", f"{name}.bpl", "--target", target, "--out", "out"], cwd=out, check=True,
                   capture_output=True)
    return out / "out" / target


def test_module(path):
    """Another test script of the suite (`path` from the source root), for its helpers."""
    spec = importlib.util.spec_from_file_location(pathlib.Path(path).stem, OPTIONS.source / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def typescript_modules():
    """The node_modules the typescript_deps fixture installed for the projects bpc generates."""
    project = generate(SHOP, "shop", "typescript")
    return test_module("tests/backends/typescript/typescript_project_test.py").deps_for(OPTIONS.ts_deps, project) / "node_modules"


def python_environment():
    """A venv made by Debian's python3 (the sandbox shows only /usr) with a generated
    requirements.lock, kept per lock as the python_deps fixture keeps its own."""
    project = generate(SHOP, "shop", "python")
    return test_module("tests/backends/python/python_project_test.py").venv_for(OPTIONS.work / "python", project,
                                                                               install=True, interpreter="/usr/bin/python3")


def modules_with(real, scratch, replace_tsc=False, without=None):
    """A copy of `real` (hard links, so cheap; a replaced file is unlinked first, never written
    through) with tsc swapped for the stand-in, or with a package removed."""
    copy = scratch / "node_modules"
    subprocess.run(["cp", "-al", str(real), str(copy)], check=True)
    if replace_tsc:
        tsc = copy / "typescript" / "bin" / "tsc"
        tsc.unlink()
        tsc.write_text(FAKE_TSC, encoding="utf-8")
    if without:
        shutil.rmtree(copy / without)
    return copy


def shared_directory():
    """A scratch directory under --work that the sandboxes' users may enter (the toolchains in it
    are mounted by bwrap running as that user)."""
    OPTIONS.work.mkdir(parents=True, exist_ok=True)
    directory = tempfile.TemporaryDirectory(dir=OPTIONS.work)
    os.chmod(directory.name, 0o755)
    return directory


class Service:
    def __init__(self, directory, settings):
        directory = pathlib.Path(directory)
        config = directory / "settings.json"
        config.write_text(json.dumps(settings), encoding="utf-8")
        arguments = ["--config", str(config)]
        self.server = Server(OPTIONS.bpc, str(directory / "data"), extra_args=arguments).start()
        tenant = self.server.create_tenant(f"verify-{time.time_ns()}", "pro")
        self.key = self.server.create_key(tenant, "developer")["secret"]

    def blueprint(self, name, text):
        answer = self.server.request("POST", "/v1/blueprints", {"name": name, "source": text}, key=self.key)
        assert answer.status == 201, answer
        return answer.json()["id"]

    def job(self, blueprint, targets, **options):
        answer = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": targets,
                                                         "options": {"verify": True, **options}}, key=self.key)
        assert answer.status == 202, answer
        return answer.json()

    def wait(self, job, seconds=600):
        deadline = time.time() + seconds
        while time.time() < deadline:
            state = self.server.request("GET", f"/v1/jobs/{job}", key=self.key).json()
            if state["state"] not in ("queued", "running"):
                return state
            time.sleep(0.2)
        raise AssertionError(f"job {job} still {state['state']}")

    def verification(self, job):
        manifest = self.server.request("GET", f"/v1/jobs/{job}/artifacts", key=self.key).json()
        return {report["target"]: report for report in manifest["verification"]}

    def events(self, kind):
        return [event for event in self.events_of(kind) if event["type"] == kind]

    def events_of(self, prefix):
        items = self.server.request("GET", "/v1/events?limit=1000", key=self.key).json()["items"]
        return [event for event in items if event["type"].startswith(prefix)]

    def wait_for_preview(self, job, preview, states, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            state = self.server.request("GET", f"/v1/jobs/{job}/previews/{preview}", key=self.key).json()
            if state["state"] in states:
                return state
            assert state["state"] in ("starting", "running"), state
            time.sleep(0.2)
        raise AssertionError(f"preview {preview} still {state['state']}")

    def stop(self):
        code, _ = self.server.stop()
        assert code == 0, f"bpc serve exited with {code}"


def leftovers(job):
    return [name for name in os.listdir(tempfile.gettempdir()) if name.startswith(f"bpc-verify-{job}-")]


class VerificationTest(unittest.TestCase):
    def test_projects_pass_and_a_cached_job_announces_the_same_verification(self):
        with tempfile.TemporaryDirectory() as directory:
            service = Service(directory, {"verification": {"typescriptDependencies": str(typescript_modules()),
                                                           "pythonEnvironment": str(python_environment())}})
            try:
                shop = service.blueprint("shop", SHOP)
                job = service.job(shop, ["openapi", "python", "typescript"])
                done = service.wait(job["id"])
                self.assertEqual(done["state"], "succeeded", done)
                reports = service.verification(job["id"])
                self.assertEqual(list(reports), ["openapi", "python", "typescript"])
                self.assertEqual((reports["openapi"]["status"], reports["openapi"]["steps"]), ("skipped", []))
                self.assertIn("nothing to build", reports["openapi"]["reason"])
                for target, steps in (("python", ["lint", "format", "typecheck", "test"]),
                                      ("typescript", ["compile", "lint", "test"])):
                    report = reports[target]
                    self.assertEqual(report["status"], "passed", json.dumps(report, indent=1)[-4000:])
                    self.assertEqual([step["name"] for step in report["steps"]], steps)
                    self.assertTrue(all(step["exitCode"] == 0 for step in report["steps"]))
                # The generated tests ran, and none failed.
                self.assertRegex(reports["python"]["steps"][-1]["log"], r"\b[1-9]\d* passed")
                self.assertRegex(reports["typescript"]["steps"][-1]["log"], r"# pass [1-9]\d*\n# fail 0")
                self.assertFalse(leftovers(job["id"]))

                issued = service.events("validation.issued")
                self.assertEqual([(event["data"]["target"], event["data"]["status"], event["data"]["fromCache"])
                                  for event in issued],
                                 [("openapi", "skipped", False), ("python", "passed", False), ("typescript", "passed", False)])
                progress = [event["data"] for event in service.events("generation.progress") if event["data"]["step"] == "verify"]
                self.assertEqual([step["target"] for step in progress], ["openapi", "python", "typescript"])

                # The same job again: from the cache, with the same verification announced again.
                again = service.job(shop, ["typescript", "python", "openapi"])
                self.assertEqual((again["state"], again["fromCache"]), ("succeeded", True))
                self.assertEqual(service.verification(again["id"]), reports)
                cached = service.events("validation.issued")[3:]
                self.assertEqual([(event["data"]["jobId"], event["data"]["fromCache"]) for event in cached],
                                 [(again["id"], True)] * 3)
                self.assertEqual([event["data"]["steps"] for event in cached], [event["data"]["steps"] for event in issued])
                # Without `verify` it is another generation.
                unverified = service.server.request("POST", "/v1/jobs", {"blueprint": shop, "targets": ["openapi"]},
                                                    key=service.key).json()
                self.assertFalse(unverified["fromCache"])
                self.check_schema(issued + cached)
                self.check_previews(service, job["id"])
            finally:
                service.stop()

    def check_previews(self, service, job):
        """The job's TypeScript and Python services run as previews, answer through their loopback
        ports (bodies both ways), and stop on request or when their time is up."""
        started = time.monotonic()
        previews = {target: service.server.request("POST", f"/v1/jobs/{job}/previews", {"target": target, "seconds": seconds},
                                                   key=service.key)
                    for target, seconds in (("python", 15), ("typescript", 120))}
        for answer in previews.values():
            self.assertEqual(answer.status, 202, answer)
            self.assertEqual(answer.header("location"), f"/v1/jobs/{job}/previews/{answer.json()['id']}")
        third = service.server.request("POST", f"/v1/jobs/{job}/previews", {"target": "python"}, key=service.key)
        self.assertEqual(third.status, 429, third)
        refused = service.server.request("POST", f"/v1/jobs/{job}/previews", {"target": "openapi"}, key=service.key)
        self.assertEqual((refused.status, refused.json()["detail"]), (422, "the `openapi` target has no service to run"))
        running = {}
        for target, answer in previews.items():  # Python first: its 15 s start at once
            running[target] = preview = service.wait_for_preview(job, answer.json()["id"], ("running",))
            self.assertLess(time.monotonic() - started, 60)
            self.assertRegex(preview["url"], r"^http://127\.0\.0\.1:\d+$")
            with urllib.request.urlopen(preview["url"] + "/health", timeout=10) as health:
                self.assertEqual(health.status, 200, target)
            with urllib.request.urlopen(preview["url"] + "/openapi.json", timeout=10) as document:
                described = json.load(document)
            base = described.get("servers", [{"url": ""}])[0]["url"]  # relative: "/api"
            creating = next(path for path, item in described["paths"].items() if "post" in item and "{" not in path)
            request = urllib.request.Request(preview["url"] + base + creating, data=b'{"total": "not a number"}', method="POST",
                                             headers={"Content-Type": "application/json"})
            with self.assertRaises(urllib.error.HTTPError) as invalid:
                urllib.request.urlopen(request, timeout=10)
            self.assertEqual(invalid.exception.code, 400, target)
            self.assertIn(b"total", invalid.exception.read())
        stopping = service.server.request("POST", f"/v1/jobs/{job}/previews/{running['typescript']['id']}/stop", key=service.key)
        self.assertEqual(stopping.status, 202)
        stopped = service.wait_for_preview(job, running["typescript"]["id"], ("stopped", "failed"))
        expired = service.wait_for_preview(job, running["python"]["id"], ("stopped", "failed"))
        self.assertEqual((stopped["state"], expired["state"]), ("stopped", "stopped"))
        with self.assertRaises(OSError):
            urllib.request.urlopen(running["typescript"]["url"] + "/health", timeout=5)
        events = [event for event in service.events_of("runtime.")]
        self.assertEqual(sorted((event["type"], event["data"]["target"], event["data"].get("reason")) for event in events),
                         [("runtime.started", "python", None), ("runtime.started", "typescript", None),
                          ("runtime.stopped", "python", "expired"), ("runtime.stopped", "typescript", "stopped")])
        self.check_schema(events)
        self.assertEqual(service.server.request("GET", f"/v1/jobs/{job}/previews/prv_{'0' * 20}", key=service.key).status, 404)
        self.assertFalse([name for name in os.listdir(tempfile.gettempdir())
                          if name in {f"bpc-preview-{preview['id']}" for preview in running.values()}])

    def check_schema(self, events):
        """The events against their types' published schemas, with ajv (openapi_lint_test's check)."""
        module = test_module("tests/service/openapi_lint_test.py")
        schemas = json.loads((OPTIONS.source / "service" / "documents" / "event-schemas.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as temp:
            types = {event["type"] for event in events}
            failures = module.check_events(OPTIONS.source, {name: schemas[name] for name in types}, events,
                                           pathlib.Path(temp), expected_types=types)
        self.assertEqual(failures, [])

    def test_a_failing_step_a_step_that_never_ends_and_a_cancellation(self):
        with shared_directory() as directory:
            modules = modules_with(typescript_modules(), pathlib.Path(directory), replace_tsc=True)
            service = Service(directory, {"jobLeaseSeconds": 3,
                                          "verification": {"typescriptDependencies": str(modules), "timeLimitSeconds": 8}})
            try:
                broken = service.job(service.blueprint("shop", SHOP), ["typescript"])
                self.assertEqual(service.wait(broken["id"])["state"], "succeeded")
                report = service.verification(broken["id"])["typescript"]
                self.assertEqual((report["status"], report["reason"]), ("failed", "`compile` exited with 2"))
                self.assertEqual([(step["name"], step["exitCode"], step["timedOut"]) for step in report["steps"]],
                                 [("compile", 2, False)])
                self.assertIn("error TS9999: injected by the verification test", report["steps"][0]["log"])
                self.assertIn("bad\ufffd", report["steps"][0]["log"])
                # Its preview cannot start: `runtime.error`, with the failed step's log.
                preview = service.server.request("POST", f"/v1/jobs/{broken['id']}/previews", {"target": "typescript"},
                                                 key=service.key).json()
                failed = service.wait_for_preview(broken["id"], preview["id"], ("stopped", "failed"))
                self.assertEqual((failed["state"], failed["error"]), ("failed", "`compile` failed before the service could start"))
                errors = service.events("runtime.error")
                self.assertEqual(len(errors), 1)
                self.assertIn("error TS9999", errors[0]["data"]["log"])
                self.check_schema(errors)

                slow = service.blueprint("slow", SHOP.replace("blueprint Shop", "blueprint Slow"))
                started = time.monotonic()
                endless = service.job(slow, ["typescript"])
                self.assertEqual(service.wait(endless["id"])["state"], "succeeded")
                self.assertLess(time.monotonic() - started, 30)
                report = service.verification(endless["id"])["typescript"]
                self.assertEqual(report["status"], "failed")
                self.assertIn("`compile` ran out of time (8 s for the project)", report["reason"])
                self.assertTrue(report["steps"][-1]["timedOut"])

                # A job cancelled while its project is being verified (another source: not from the
                # cache) stops at the next heartbeat, with its sandbox.
                slower = service.blueprint("slower", SHOP.replace("blueprint Shop", "blueprint Slow") + "// another\n")
                cancelled = service.job(slower, ["typescript"])
                deadline = time.time() + 30
                while not any(event["data"]["jobId"] == cancelled["id"] and event["data"]["step"] == "verify"
                              for event in service.events("generation.progress")):
                    self.assertLess(time.time(), deadline, "the verification did not start")
                    time.sleep(0.1)
                time.sleep(0.5)
                asked = time.monotonic()
                self.assertEqual(service.server.request("POST", f"/v1/jobs/{cancelled['id']}/cancel", key=service.key).status, 200)
                self.assertEqual(service.wait(cancelled["id"])["state"], "cancelled")
                self.assertLess(time.monotonic() - asked, 5)
                self.assertFalse(leftovers(cancelled["id"]))
                stand_ins = subprocess.run(["pgrep", "-f", "/deps/node_modules/typescript/bin/tsc"], capture_output=True, text=True)
                self.assertEqual(stand_ins.stdout, "", "a sandboxed tsc outlived its cancelled job")
            finally:
                service.stop()

    def test_a_toolchain_that_lacks_a_pinned_package_skips_the_project(self):
        with shared_directory() as directory:
            modules = modules_with(typescript_modules(), pathlib.Path(directory), without="zod")
            service = Service(directory, {"verification": {"typescriptDependencies": str(modules)}})
            try:
                job = service.job(service.blueprint("shop", SHOP), ["typescript"])
                self.assertEqual(service.wait(job["id"])["state"], "succeeded")
                report = service.verification(job["id"])["typescript"]
                self.assertEqual((report["status"], report["steps"]), ("skipped", []))
                self.assertRegex(report["reason"], r"^the prepared node_modules lacks zod \d")
            finally:
                service.stop()

    def test_the_start_is_refused_for_toolchains_that_do_not_work(self):
        with tempfile.TemporaryDirectory() as directory:
            directory = pathlib.Path(directory)
            empty_venv = directory / "venv"
            subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", str(empty_venv)], check=True)
            for verification, expected in (
                    ({"pythonEnvironment": str(empty_venv)}, "interpreter under /usr"),
                    ({"typescriptDependencies": str(directory)}, "is not a node_modules directory"),
                    ({"pythonEnvironment": "relative/venv"}, "must be an absolute path"),
                    ({"timeLimitSeconds": 60}, "names no toolchain"),
                    ({"cpp": True, "network": True}, "unknown setting `verification.network`")):
                config = directory / "settings.json"
                config.write_text(json.dumps({"verification": verification}), encoding="utf-8")
                started = subprocess.run([OPTIONS.bpc, "serve", "--data", str(directory / "data"), "--listen", "127.0.0.1:0",
                                          "--config", str(config)], capture_output=True, text=True, timeout=60)
                self.assertEqual(started.returncode, 2, started.stderr)
                self.assertIn(expected, started.stderr)

    def test_verify_is_422_on_a_service_without_toolchains(self):
        with tempfile.TemporaryDirectory() as directory:
            server = Server(OPTIONS.bpc, os.path.join(directory, "data")).start()
            try:
                tenant = server.create_tenant("plain", "pro")
                key = server.create_key(tenant, "developer")["secret"]
                shop = server.request("POST", "/v1/blueprints", {"name": "shop", "source": SHOP}, key=key).json()["id"]
                refused = server.request("POST", "/v1/jobs", {"blueprint": shop, "targets": ["openapi"],
                                                             "options": {"verify": True}}, key=key)
                self.assertEqual((refused.status, refused.json()["type"].rsplit("/", 1)[-1]), (422, "verification-unavailable"))
                wrong = server.request("POST", "/v1/jobs", {"blueprint": shop, "targets": ["openapi"],
                                                           "options": {"verify": "yes"}}, key=key)
                self.assertEqual(wrong.status, 400)
                plain = server.request("POST", "/v1/jobs", {"blueprint": shop, "targets": ["openapi"],
                                                           "options": {"verify": False}}, key=key)
                self.assertEqual((plain.status, plain.json()["options"]), (202, {}))
                refused = server.request("POST", f"/v1/jobs/{plain.json()['id']}/previews", {"target": "typescript"}, key=key)
                self.assertEqual((refused.status, refused.json()["type"].rsplit("/", 1)[-1]), (422, "preview-unavailable"))
            finally:
                server.stop()


def main():
    global OPTIONS
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--ts-deps", required=True, type=pathlib.Path)
    parser.add_argument("--work", required=True, type=pathlib.Path)
    OPTIONS, rest = parser.parse_known_args()
    OPTIONS.source = OPTIONS.source.resolve()
    OPTIONS.ts_deps = OPTIONS.ts_deps.resolve()
    OPTIONS.work = OPTIONS.work.resolve()
    OPTIONS.bpc = os.path.abspath(OPTIONS.bpc)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
