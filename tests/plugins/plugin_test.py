#!/usr/bin/env python3
"""`bpc build --plugin` end to end (docs/plugins.md): the example plugin generates its files and
regenerates them unchanged; manifests with problems are refused with the field named; answers
that break the protocol are refused; and a hostile plugin (tests/plugins/hostile) that tries the
network, writing outside its directory, paths that leave the target's directory, a fork bomb, an
endless loop and a memory hog is stopped and reported, and harms nothing.

Usage: plugin_test.py --bpc build/cli/bpc [unittest arguments]"""

import argparse
import json
import os
import pathlib
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "plugins" / "markdown-docs" / "plugin.json"
HOSTILE = ROOT / "tests" / "plugins" / "hostile"
BPC = None

sys.path.insert(0, str(ROOT / "tests" / "service"))
from service_client import OPERATOR_KEY, Server  # noqa: E402


class PluginTest(unittest.TestCase):
    def setUp(self):
        self.directory = pathlib.Path(tempfile.mkdtemp(prefix="bpc-plugin-test-"))
        os.chmod(self.directory, 0o755)  # the sandbox's unprivileged user reads the plugins here
        self.out = self.directory / "out"

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def build(self, *arguments, blueprint=ROOT / "examples" / "clinic.bpl"):
        started = time.monotonic()
        result = subprocess.run([BPC, "build", str(blueprint), "-o", str(self.out), *arguments],
                                capture_output=True, text=True, timeout=120)
        result.seconds = time.monotonic() - started
        return result

    def hostile(self, attack, *options):
        arguments = ["--plugin", str(HOSTILE / "plugin.json"), "--plugin-option", f"attack={attack}"]
        for option in options:
            arguments += ["--plugin-option", option]
        return self.build(*arguments)

    def report(self):
        return (self.out / "hostile" / "report.txt").read_text(encoding="utf-8")

    # ---- the example plugin ---------------------------------------------------------------
    def test_the_example_plugin_generates_its_files_and_regenerates_them_unchanged(self):
        first = self.build("--plugin", str(EXAMPLE))
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("markdown-docs: 2 written", first.stdout)
        data = (self.out / "markdown-docs" / "DATA.md").read_text(encoding="utf-8")
        self.assertTrue(data.startswith("# Clinic: data dictionary\n"), data[:200])
        self.assertIn("| email | Email | unique |", data)
        self.assertIn("| ClinicApi | searchPatients | GET | /api/v1/patients/search | Receptionist |",
                      (self.out / "markdown-docs" / "API.md").read_text(encoding="utf-8"))
        self.assertFalse((self.out / "typescript").exists(), "alone, --plugin runs only the plugins")
        again = self.build("--plugin", str(EXAMPLE))
        self.assertIn("markdown-docs: 0 written, 2 unchanged", again.stdout)
        titled = self.build("--plugin", str(EXAMPLE), "--plugin-option", "title=Our | clinic")
        self.assertEqual(titled.returncode, 0, titled.stderr)
        self.assertTrue((self.out / "markdown-docs" / "DATA.md").read_text(encoding="utf-8").startswith("# Our \\| clinic\n"))
        both = self.build("--plugin", str(EXAMPLE), "--target", "openapi")
        self.assertEqual(both.returncode, 0, both.stderr)
        self.assertTrue((self.out / "openapi").is_dir())

    # ---- manifests ------------------------------------------------------------------------
    def manifest(self, **changes):
        plugin = self.directory / "plugin"
        plugin.mkdir(exist_ok=True)
        shutil.copy(HOSTILE / "plugin.py", plugin / "plugin.py")
        manifest = json.loads((HOSTILE / "plugin.json").read_text(encoding="utf-8"))
        for key, value in changes.items():
            if value is None:
                manifest.pop(key, None)
            else:
                manifest[key] = value
        (plugin / "plugin.json").write_text(json.dumps(manifest), encoding="utf-8")
        return plugin / "plugin.json"

    def test_a_manifest_with_problems_is_refused_naming_the_field(self):
        outside = self.directory / "outside.py"
        shutil.copy(HOSTILE / "plugin.py", outside)
        cases = [
            ({"id": "Not An Id"}, "`id` must be"),
            ({"protocol": 2}, "`protocol` must be 1"),
            ({"executable": "../outside.py"}, "`executable` must be a file in the manifest's directory"),
            ({"executable": "missing.py"}, "is not an executable file"),
            ({"capabilities": ["mine-bitcoin"]}, "capability `mine-bitcoin` is not known"),
            ({"capabilities": None}, "`capabilities` must list"),
            ({"sandbox": {"maxMemoryMb": 1000000}}, "`sandbox.maxMemoryMb` must be a whole number from 1 to 4096"),
            ({"permissions": {"network": "yes"}}, "`permissions.network` must be true or false"),
            ({"permissions": {"filesystem": "all"}}, "permissions: `filesystem` is not a manifest field"),
            ({"colour": "red"}, "`colour` is not a manifest field"),
        ]
        for changes, expected in cases:
            result = self.build("--plugin", str(self.manifest(**changes)))
            self.assertEqual(result.returncode, 2, (changes, result.stderr))
            self.assertIn("BP3004", result.stderr, changes)
            self.assertIn(expected, result.stderr, changes)
            self.assertFalse(self.out.exists(), "nothing is built when a manifest is refused")

    # ---- answers that break the protocol -------------------------------------------------
    def test_answers_that_break_the_protocol_are_refused(self):
        garbage = self.hostile("garbage")
        self.assertEqual(garbage.returncode, 1)
        self.assertIn("error[BP3005]: plugin `hostile` failed: its answer on stdout is not a JSON object", garbage.stderr)
        escape = self.hostile("escape")
        self.assertEqual(escape.returncode, 1)
        self.assertIn("BP3005", escape.stderr)
        self.assertIn("refuses", escape.stderr)
        self.assertFalse((self.out / "escaped.txt").exists())
        self.assertFalse((self.out / "hostile").exists(), "a refused answer writes nothing")

    # ---- a hostile plugin ------------------------------------------------------------------
    def test_the_network_is_out_of_reach(self):
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0.5)
        port = server.getsockname()[1]
        result = self.hostile("network", f"port={port}")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.report(), "host loopback: refused (ConnectionRefusedError)\n"
                                        "internet: refused (OSError)\n")
        with self.assertRaises(socket.timeout):
            server.accept()
        server.close()

    def test_writing_outside_its_directory_fails_and_changes_nothing(self):
        victim = self.directory / "victim.txt"
        victim.write_text("untouched", encoding="utf-8")
        os.chmod(victim, 0o666)  # writable by anyone on the host: only the sandbox stands in the way
        plugin_before = (HOSTILE / "plugin.py").read_bytes()
        result = self.hostile("write", f"victim={victim}")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = self.report()
        for line in ("victim: refused", "own directory: refused", "usr: refused", "root: refused", "work: DONE"):
            self.assertIn(line, report)
        self.assertEqual(victim.read_text(encoding="utf-8"), "untouched")
        self.assertEqual((HOSTILE / "plugin.py").read_bytes(), plugin_before)
        self.assertFalse(pathlib.Path("/usr/pwned").exists())
        self.assertFalse(pathlib.Path("/pwned").exists())

    def test_an_endless_loop_is_stopped_at_its_time_limit(self):
        result = self.hostile("loop")
        self.assertEqual(result.returncode, 1)
        self.assertIn("plugin `hostile` failed: it ran longer than its time limit of 3 s and was stopped", result.stderr)
        self.assertLess(result.seconds, 15)

    def test_a_fork_bomb_is_contained(self):
        result = self.hostile("forkbomb")
        self.assertEqual(result.returncode, 1)
        self.assertIn("plugin `hostile` failed", result.stderr)
        self.assertLess(result.seconds, 15)
        # The machine still forks, and nothing the bomb started is left running.
        self.assertEqual(subprocess.run(["true"]).returncode, 0)
        if os.geteuid() == 0:
            deadline = time.time() + 5
            while time.time() < deadline and self.sandbox_processes():
                time.sleep(0.1)
            self.assertEqual(self.sandbox_processes(), [])

    @staticmethod
    def sandbox_processes():
        """The hostile plugin's processes still alive: sandboxed (by their user id) and running the
        plugin (bubblewrap binds its folder, the plugin and its forks run its plugin.py). Other
        tests' sandboxes may run at the same time (ctest -j), so a sandboxed id alone is not ours."""
        found = []
        for process in pathlib.Path("/proc").glob("[0-9]*"):
            try:
                text = (process / "status").read_text()
                command = (process / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            uid = int(text.split("\nUid:\t", 1)[1].split("\t", 1)[0])
            sandboxed = 100000 <= uid <= 165535  # the ids sandboxes run as (runtime/sandbox.h)
            if sandboxed and (str(HOSTILE) in command or "plugin.py" in command):
                found.append(text.split("\n", 1)[0])
        return found

    def test_a_memory_hog_is_refused_its_memory(self):
        result = self.hostile("memory")
        self.assertEqual(result.returncode, 1)
        self.assertIn("plugin `hostile` failed: it exited with status 1", result.stderr)
        self.assertIn("MemoryError", result.stderr)


class ServicePluginTest(unittest.TestCase):
    """`bpc serve` with registered plugins (the `plugins` setting): jobs name them as targets."""

    def setUp(self):
        self.directory = pathlib.Path(tempfile.mkdtemp(prefix="bpc-serve-plugin-"))

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def config(self, plugins):
        config = self.directory / "settings.json"
        config.write_text(json.dumps({"plugins": [str(plugin) for plugin in plugins]}), encoding="utf-8")
        return config

    def test_a_job_runs_a_registered_plugin_beside_the_built_in_targets(self):
        server = Server(BPC, str(self.directory / "data"), ["--config", str(self.config([EXAMPLE]))]).start()
        try:
            tenant = server.create_tenant("docs", "pro")
            key = server.create_key(tenant, "developer")["secret"]
            source = (ROOT / "examples" / "clinic.bpl").read_text(encoding="utf-8")
            blueprint = server.request("POST", "/v1/blueprints", {"name": "clinic", "source": source}, key=key).json()["id"]
            refused = server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["other-docs"]}, key=key)
            self.assertEqual(refused.status, 400)
            self.assertIn("markdown-docs", refused.json()["detail"])
            job = server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["markdown-docs", "openapi"]},
                                 key=key).json()["id"]
            deadline = time.time() + 60
            while (state := server.request("GET", f"/v1/jobs/{job}", key=key).json())["state"] in ("queued", "running"):
                self.assertLess(time.time(), deadline)
                time.sleep(0.1)
            self.assertEqual(state["state"], "succeeded", state)
            manifest = server.request("GET", f"/v1/jobs/{job}/artifacts", key=key).json()
            self.assertEqual({target["name"]: sorted(file["path"] for file in target["files"])
                              for target in manifest["targets"]}["markdown-docs"], ["API.md", "DATA.md"])
            data = server.request("GET", f"/v1/jobs/{job}/artifacts/file?path=markdown-docs/DATA.md", key=key)
            self.assertTrue(data.body.decode().startswith("# Clinic: data dictionary"))
        finally:
            code, _ = server.stop()
            self.assertEqual(code, 0)

    def test_a_plugin_with_a_bad_manifest_stops_the_start(self):
        bad = self.directory / "bad"
        bad.mkdir()
        (bad / "plugin.json").write_text(json.dumps({"id": "typescript", "protocol": 7}), encoding="utf-8")
        result = subprocess.run([BPC, "serve", "--data", str(self.directory / "data"), "--listen", "127.0.0.1:0",
                                 "--config", str(self.config([bad / "plugin.json"]))],
                                capture_output=True, text=True, timeout=30, env=dict(os.environ, BPC_OPERATOR_KEY=OPERATOR_KEY))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("`protocol` must be 1", result.stderr)
        taken = subprocess.run([BPC, "serve", "--data", str(self.directory / "data"), "--listen", "127.0.0.1:0",
                                "--config", str(self.config([EXAMPLE, EXAMPLE]))],
                               capture_output=True, text=True, timeout=30, env=dict(os.environ, BPC_OPERATOR_KEY=OPERATOR_KEY))
        self.assertEqual(taken.returncode, 2, taken.stderr)
        self.assertIn("the id `markdown-docs` is taken", taken.stderr)


def main():
    global BPC
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True)
    arguments, rest = parser.parse_known_args()
    BPC = os.path.abspath(arguments.bpc)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
