#!/usr/bin/env python3
"""The container files of every generated service project (issue 17): each Dockerfile passes
hadolint with no finding, each compose.yaml passes `docker-compose config` (Debian's Compose,
which validates without a Docker engine), and both say what the project is:

    containers_test.py --bpc build/cli/bpc --source . --hadolint tools/venv/bin/hadolint BLUEPRINT...

Per project (TypeScript, Python, C++):
- the Dockerfile has a build stage and a runtime stage on pinned images (an explicit release, never
  `latest`), runs as a non-root user, has a HEALTHCHECK, exposes the port the service listens on;
  every file it copies from the build context exists in the project, and what it runs is what the
  project builds (the Python package, `npm start`'s script, the CMake executable);
- compose.yaml runs that image on that port with the store: for a store that can use PostgreSQL, a
  PostgreSQL service the service waits for (healthy), whose password must be given; otherwise the
  SQLite database in a volume. A compose file without its required password must be refused.

No Docker engine runs here, so the images are not built; `docker build` is the one thing the suite
cannot run (docs/containers.md says so).
"""

import argparse
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

import yaml  # Debian's python3-yaml, which docker-compose needs too

TARGETS = ("typescript", "python", "cpp")
PINNED_IMAGE = re.compile(r"^[a-z0-9./-]+:[0-9]+(\.[0-9]+)+(-[a-z0-9.-]+)?$")


def instructions(dockerfile: str) -> list:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def stages(steps: list) -> list:
    result = []
    for keyword, rest in steps:
        if keyword == "FROM":
            result.append([])
        result[-1].append((keyword, rest))
    return result


def check_dockerfile(project: pathlib.Path, target: str, failures: list) -> dict:
    where = f"{project.name}/Dockerfile"
    steps = instructions((project / "Dockerfile").read_text())
    built = stages(steps)
    facts = {}
    if len(built) < 2:
        failures.append(f"{where}: {len(built)} stage(s); a build stage and a runtime stage expected")
        return facts
    for stage in built:
        image = stage[0][1].split()[0]
        if not PINNED_IMAGE.match(image):
            failures.append(f"{where}: base image {image} is not pinned to a release")
    final = built[-1]
    users = [rest for keyword, rest in final if keyword == "USER"]
    if not users or users[-1] in ("root", "0"):
        failures.append(f"{where}: the runtime stage runs as root")
    if not any(keyword == "HEALTHCHECK" and "CMD" in rest for keyword, rest in final):
        failures.append(f"{where}: no HEALTHCHECK in the runtime stage")
    exposed = [rest for keyword, rest in final if keyword == "EXPOSE"]
    environment = " ".join(rest for keyword, rest in final if keyword == "ENV")
    port = re.search(r"\bPORT=([0-9]+)", environment)
    if not exposed or not port or exposed[-1] != port.group(1):
        failures.append(f"{where}: EXPOSE {exposed} does not match ENV PORT")
    else:
        facts["port"] = port.group(1)
    for keyword, rest in steps:
        if keyword == "COPY" and not rest.startswith("--from"):
            for source in shlex.split(rest)[:-1]:
                if source != "." and not (project / source).exists():
                    failures.append(f"{where}: COPY {source}: not in the project")
    commands = [json.loads(rest) for keyword, rest in final if keyword == "CMD"]
    if not commands:
        failures.append(f"{where}: no CMD")
        return facts
    command = commands[-1]
    if target == "python":
        package = command[-1]
        if command[:2] != ["python", "-m"] or not (project / "src" / package / "__main__.py").is_file():
            failures.append(f"{where}: CMD {command} does not run the project's package")
    elif target == "typescript":
        start = json.loads((project / "package.json").read_text())["scripts"]["start"]
        if " ".join(command) != start:
            failures.append(f"{where}: CMD {command} is not `npm start` ({start})")
    else:
        executables = re.findall(r"add_executable\((\S+) src/main\.cpp\)", (project / "CMakeLists.txt").read_text())
        if command != executables:
            failures.append(f"{where}: CMD {command} is not the server CMake builds ({executables})")
    return facts


def compose(project: pathlib.Path, environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["docker-compose", "--project-directory", str(project), "-f", str(project / "compose.yaml"),
                           "config"], capture_output=True, text=True, env=environment, cwd=project)


def check_compose(project: pathlib.Path, target: str, facts: dict, failures: list) -> None:
    where = f"{project.name}/compose.yaml"
    environment = {key: value for key, value in os.environ.items() if key not in ("POSTGRES_PASSWORD", "BPC_DEV_TOKENS")}
    resolved = compose(project, {**environment, "POSTGRES_PASSWORD": "s3cret"})
    if resolved.returncode != 0:
        failures.append(f"{where}: docker-compose config refused it:\n{resolved.stderr}")
        return
    document = yaml.safe_load(resolved.stdout)
    api = document["services"].get("api", {})
    port = facts.get("port")
    published = [str(entry.get("target")) + "->" + str(entry.get("published")) if isinstance(entry, dict) else entry
                 for entry in api.get("ports", [])]
    if port and not any(entry in (f"{port}:{port}", f"{port}->{port}") for entry in published):
        failures.append(f"{where}: the service's port {port} is not published ({published})")
    variables = api.get("environment", {})
    if port and variables.get("PORT") != port:
        failures.append(f"{where}: PORT is {variables.get('PORT')}, the Dockerfile's is {port}")
    if target == "python":
        url = variables.get("DATABASE_URL", "")
        if not url.startswith("postgresql+psycopg://") or "s3cret@postgres:5432/" not in url:
            failures.append(f"{where}: DATABASE_URL {url} is not the PostgreSQL service")
        if api.get("depends_on", {}).get("postgres", {}).get("condition") != "service_healthy":
            failures.append(f"{where}: the service does not wait for a healthy PostgreSQL")
        postgres = document["services"].get("postgres", {})
        if not PINNED_IMAGE.match(postgres.get("image", "")) or "healthcheck" not in postgres:
            failures.append(f"{where}: the PostgreSQL service is not pinned or has no health check")
        missing = compose(project, environment)
        if missing.returncode == 0 or "POSTGRES_PASSWORD" not in missing.stderr:
            failures.append(f"{where}: accepted without POSTGRES_PASSWORD")
    else:
        database = variables.get("DATABASE", "")
        volumes = [str(volume) for volume in api.get("volumes", [])]
        if not database.startswith("/data/") or not any("/data" in volume for volume in volumes):
            failures.append(f"{where}: the SQLite database {database} is not in a volume ({volumes})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--hadolint", required=True)
    parser.add_argument("blueprints", nargs="+")
    args = parser.parse_args()
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory() as scratch:
        for blueprint in args.blueprints:
            out = pathlib.Path(scratch) / pathlib.Path(blueprint).stem
            command = [args.bpc, "build", blueprint, "--out", str(out)]
            for target in TARGETS:
                command += ["--target", target]
            built = subprocess.run(command, capture_output=True, text=True)
            if built.returncode != 0:
                failures.append(f"{blueprint}: bpc build failed:\n{built.stderr}")
                continue
            for target in TARGETS:
                project = out / target
                lint = subprocess.run([args.hadolint, "--no-color", str(project / "Dockerfile")], capture_output=True, text=True)
                if lint.returncode != 0 or lint.stdout.strip():
                    failures.append(f"{blueprint} ({target}): hadolint:\n{lint.stdout}{lint.stderr}")
                facts = check_dockerfile(project, target, failures)
                check_compose(project, target, facts, failures)
                checked += 1
    print(f"containers: {checked} projects checked, {len(failures)} failures")
    for failure in failures:
        print(failure)
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
