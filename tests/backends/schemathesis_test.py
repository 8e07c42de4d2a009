#!/usr/bin/env python3
"""Every generated TypeScript, Python and C++ service conforms to the OpenAPI documents it serves, as
judged by schemathesis (PyPI, tools/venv), an independent property-based API tester.

For one blueprint and target (`--target typescript`, the default, `python` or `cpp`): generates
the project, compiles it (strict tsc; CMake and g++ for C++, its build tree under --deps) or finds
its virtual environment, starts the real service on a
loopback port (the C++ service on an SQLite database) with a development token holding every
role of the blueprint, and runs
`schemathesis run` with every check (all are on by default: status codes, response schemas,
content types and headers, valid data accepted, invalid data refused, missing auth refused,
undeclared methods, use after delete...) and every phase against each document the service serves at
/openapi.json. Runs are reproducible (`--seed`). Exits non-zero with schemathesis' report on any
failure.

`--self-check` shows that a disagreement is found: it serves the clinic with a document that
says a page's `total` is a string, and requires schemathesis to fail.

One check is turned off for one kind of operation, with reason: custom operations answer 501 Not
Implemented until their handler is written (their documents declare it), which the
`not_a_server_error` check counts as a failure by definition; it stays on for every other
operation, so a 500 anywhere else fails.
"""

import argparse
import contextlib
import json
import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "typescript"), str(HERE / "python"), str(HERE / "cpp")]
from build_examples import run  # noqa: E402
import cpp_project_test  # noqa: E402
import python_project_test  # noqa: E402
from typescript_project_test import deps_for, fail, generate  # noqa: E402

SEED = 20261204
MAX_EXAMPLES = 25


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@contextlib.contextmanager
def service(project, port, tokens, command, log_path, extra_env):
    """Runs the service in `project`, its output in `log_path` (never inside a project another
    test compares byte for byte)."""
    env = dict(os.environ, PORT=str(port), PYTHONPATH="src", PYTHONDONTWRITEBYTECODE="1", **extra_env)
    if tokens:
        env["BPC_DEV_TOKENS"] = tokens
    log = open(log_path, "w")
    process = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        # Up to 30 seconds: a Python service imports FastAPI, Pydantic and SQLAlchemy first, which
        # takes long on a loaded 2-core machine.
        for _ in range(300):
            try:
                fetch_json(f"http://127.0.0.1:{port}/health")
                break
            except OSError:
                if process.poll() is not None:
                    fail(f"the service exited:\n{log_path.read_text()}")
                time.sleep(0.1)
        else:
            fail(f"the service did not answer /health in 30 seconds; its output:\n{log_path.read_text()}")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def documents(port):
    """{name: document} as the service serves them."""
    index = fetch_json(f"http://127.0.0.1:{port}/openapi.json")
    if "documents" not in index:
        return {"api": index}
    return {name: fetch_json(f"http://127.0.0.1:{port}{path}") for name, path in index["documents"].items()}


def unwritten_operations(document):
    """The operationIds of custom operations: those that answer 501 until written."""
    return sorted(operation["operationId"] for item in document["paths"].values() for operation in item.values()
                  if "501" in operation.get("responses", {}))


def claim_value(ir, flag):
    """The `;tenant=`/`;subject=` part of the development token for a blueprint whose entities are
    scoped (`@tenant`, `@owner`): a value of the scope fields' type. A reference gets an id no
    record has, so creates of scoped records answer 409 (documented) and reads find nothing."""
    field = next((f for f in ir["fields"] if f["constraints"][flag]), None)
    if field is None:
        return ""
    def resolved(type_index):  # through aliases
        type_ = ir["types"][type_index]
        while type_["kind"] == "alias":
            type_ = ir["types"][ir["aliases"][type_["declaration"]]["target"]]
        return type_

    type_ = resolved(field["type"])
    if type_["kind"] == "entity":
        type_ = resolved(ir["fields"][ir["entities"][type_["declaration"]]["idField"]]["type"])
    value = {"uuid": "00000000-0000-4000-8000-00000000000a", "int": "1"}.get(type_.get("scalar"), "schemathesis")
    return f";{'tenant' if flag == 'tenant' else 'subject'}={value}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--deps", required=True, type=pathlib.Path)
    parser.add_argument("--blueprint", required=True, type=pathlib.Path)
    parser.add_argument("--target", choices=["typescript", "python", "cpp"], default="typescript")
    parser.add_argument("--self-check", action="store_true")
    args = parser.parse_args()
    schemathesis = args.source.resolve() / "tools" / "venv" / "bin" / "schemathesis"
    if not schemathesis.exists():
        fail(f"{schemathesis} is missing: run scripts/bootstrap.sh")
    ir = json.loads(run([args.bpc, "ir", "--format", "json", str(args.blueprint)]).stdout)
    roles = [role["name"] for role in ir["roles"]]
    with tempfile.TemporaryDirectory(prefix="bpc-schemathesis-") as temp_name:
        temp = pathlib.Path(temp_name)
        if args.target == "cpp":
            # The project cpp_project_test built (its ctest fixture; sanitized or not), when it is
            # the one this bpc generates; else a build tree of its own under --deps, kept so a
            # rerun compiles only what changed.
            fresh = cpp_project_test.read_tree(cpp_project_test.generate(args.bpc, args.blueprint, temp / "fresh"))
            built = next((tree for tree in (args.deps.resolve() / f"{args.blueprint.stem}-g++{kind}" for kind in ("", "-asan"))
                          if not args.self_check and (tree / "out" / "cpp").is_dir()
                          and cpp_project_test.read_tree(tree / "out" / "cpp") == fresh), None)
            reuse = built is not None
            sanitized = reuse and built.name.endswith("-asan")
            root = built if reuse else args.deps.resolve() / f"{args.blueprint.stem}-schemathesis{'-self-check' if args.self_check else ''}"
            project = built / "out" / "cpp" if reuse else cpp_project_test.generate(args.bpc, args.blueprint, root / "out")
            served = project / "src" / "openapi.cpp"
        elif args.target == "python":
            project = python_project_test.generate(args.bpc, args.blueprint, temp / "out")
            package = next(project.glob("src/*/__main__.py")).parent.name
            venv = python_project_test.venv_for(args.deps, project)
            command = [str(venv / "bin" / "python"), "-m", package]
            served = next(project.glob("src/*/openapi/*.json"))
        else:
            project = generate(args.bpc, args.blueprint, temp / "out")
            command = ["node", "dist/src/server.js"]
            served = project / "src" / "openapi.ts"
        if args.self_check:
            text = served.read_text(encoding="utf-8")
            total = '"total":{"description":"The number of records that match the filters.","type":"integer"'
            if total not in text:
                fail("--self-check: the served document has no page total to falsify")
            served.write_text(text.replace(total, total.replace('"integer"', '"string"')), encoding="utf-8")
        if args.target == "cpp":
            build_dir = root / "build"
            cpp_project_test.build(project, build_dir, "g++", sanitized, args.deps.resolve())
            name = re.search(r"^project\((\w+) ", (project / "CMakeLists.txt").read_text(), re.M).group(1)
            command = [str(build_dir / name)]
        if args.target == "typescript":
            deps = deps_for(args.deps, project)
            (project / "node_modules").symlink_to(deps / "node_modules", target_is_directory=True)
            tsc = run([str(deps / "node_modules" / ".bin" / "tsc"), "-p", "tsconfig.json"], cwd=project)
            if tsc.returncode != 0:
                fail(f"tsc failed\n{tsc.stdout}{tsc.stderr}")
        port = free_port()
        failures = []
        claims = claim_value(ir, "tenant") + claim_value(ir, "owner")
        # The C++ service keeps its records in SQLite here (its generated tests run both stores).
        extra_env = {"DATABASE": str(temp / "service.db")} if args.target == "cpp" else {}
        with service(project, port, f"schemathesis={'+'.join(roles)}{claims}" if roles else "", command, temp / "server.log", extra_env):
            for name, document in documents(port).items():
                path = temp / f"{name}.openapi.json"
                path.write_text(json.dumps(document), encoding="utf-8")
                config = temp / f"{name}.schemathesis.toml"
                unwritten = unwritten_operations(document)
                config.write_text("" if not unwritten else
                                  "[[operations]]\n" + f"include-operation-id = {json.dumps(unwritten)}\n" +
                                  "checks.not_a_server_error.enabled = false\n", encoding="utf-8")
                base = document["servers"][0]["url"].rstrip("/")
                command = [str(schemathesis), "--no-color", "--config-file", str(config), "run", str(path),
                           "--url", f"http://127.0.0.1:{port}{base}", "--seed", str(SEED),
                           "--max-examples", str(MAX_EXAMPLES)]
                if roles:
                    command += ["--header", "Authorization: Bearer schemathesis"]
                result = run(command, cwd=temp)
                summary = [line for line in result.stdout.splitlines() if "passed" in line or "failures" in line]
                print(f"{args.blueprint.name} ({args.target}) {name}: {summary[-1] if summary else result.stdout[-400:]}")
                if result.returncode != 0:
                    failures.append(f"{name}:\n{result.stdout[-12000:]}\n{result.stderr[-2000:]}")
        if args.self_check:
            if not failures:
                fail("--self-check: schemathesis accepted a document that misstates the responses")
            print("ok: schemathesis found the falsified document")
            return
        if failures:
            fail("schemathesis found the service and its documents disagree\n" + "\n".join(failures))
    print("ok")


if __name__ == "__main__":
    main()
