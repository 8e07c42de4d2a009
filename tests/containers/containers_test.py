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

The suite (`bpc compose` over every blueprint given, all three targets): docker-compose accepts its
compose.yaml (and refuses it without the password); it runs one service per blueprint and target,
each built from that project's folder, on the project's port, published on a host port no other
service has; the services on PostgreSQL each have their own database, which postgres-init.sql
makes, and wait for the server; the others each have their own volume. Two blueprints of one name
are refused, and a second run writes nothing.

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
# The targets whose store can use PostgreSQL: the variable that names the database and its URL's scheme.
POSTGRESQL_STORES = {"python": ("DATABASE_URL", "postgresql+psycopg://"), "cpp": ("DATABASE", "postgresql://"),
                     "typescript": ("DATABASE", "postgresql://")}
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
    if target in POSTGRESQL_STORES:
        variable, scheme = POSTGRESQL_STORES[target]
        url = variables.get(variable, "")
        if not url.startswith(scheme) or "s3cret@postgres:5432/" not in url:
            failures.append(f"{where}: {variable} {url} is not the PostgreSQL service")
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


def check_suite(bpc: str, blueprints: list, scratch: pathlib.Path, failures: list) -> int:
    """`bpc compose` over the blueprints: returns how many services its compose file runs."""
    out = scratch / "suite"
    command = [bpc, "compose", *blueprints, "--out", str(out)]
    for target in TARGETS:
        command += ["--target", target]
    built = subprocess.run(command, capture_output=True, text=True)
    if built.returncode != 0:
        failures.append(f"bpc compose failed:\n{built.stderr}")
        return 0
    again = subprocess.run(command, capture_output=True, text=True)
    if again.returncode != 0 or "compose: 0 written, 2 unchanged" not in again.stdout:
        failures.append(f"bpc compose run again changed the suite:\n{again.stdout}{again.stderr}")
    twice = subprocess.run([bpc, "compose", blueprints[0], blueprints[0], "--out", str(scratch / "twice"), "--target", "cpp"],
                           capture_output=True, text=True)
    if twice.returncode != 2 or "another blueprint of the suite has the name" not in twice.stderr:
        failures.append(f"bpc compose accepted one blueprint twice ({twice.returncode}):\n{twice.stderr}")
    environment = {key: value for key, value in os.environ.items() if key not in ("POSTGRES_PASSWORD", "BPC_DEV_TOKENS")}
    if compose(out, environment).returncode == 0:
        failures.append("suite compose.yaml: accepted without POSTGRES_PASSWORD")
    resolved = compose(out, {**environment, "POSTGRES_PASSWORD": "s3cret"})
    if resolved.returncode != 0:
        failures.append(f"suite compose.yaml: docker-compose config refused it:\n{resolved.stderr}")
        return 0
    services = yaml.safe_load(resolved.stdout)["services"]
    created = re.findall(r'^CREATE DATABASE "([a-z0-9-]+)";$', (out / "postgres-init.sql").read_text(), re.M)
    postgres = services.pop("postgres", None)
    if postgres is None or not PINNED_IMAGE.match(postgres.get("image", "")) or "healthcheck" not in postgres:
        failures.append("suite compose.yaml: no pinned PostgreSQL service with a health check")
    expected = len(blueprints) * len(TARGETS)
    if len(services) != expected:
        failures.append(f"suite compose.yaml: {len(services)} services, not {expected}: {sorted(services)}")
    published, volumes, databases = set(), set(), []
    for name, service in services.items():
        where = f"suite compose.yaml: {name}"
        context = pathlib.Path(service.get("build", {}).get("context", ""))
        target = context.name
        if not (context / "Dockerfile").is_file() or target not in TARGETS or name != f"{context.parent.name}-{target}":
            failures.append(f"{where}: built from {context}, which is not its project")
            continue
        variables = service.get("environment", {})
        own = yaml.safe_load((context / "compose.yaml").read_text())["services"]["api"]["environment"]
        if variables.get("PORT") != str(own.get("PORT")):
            failures.append(f"{where}: PORT {variables.get('PORT')} is not its project's {own.get('PORT')}")
        for entry in service.get("ports", []):
            host = entry.get("published") if isinstance(entry, dict) else str(entry).split(":")[0]
            if str(entry.get("target") if isinstance(entry, dict) else str(entry).split(":")[1]) != variables.get("PORT"):
                failures.append(f"{where}: publishes {entry}, not its port {variables.get('PORT')}")
            if str(host) in published:
                failures.append(f"{where}: host port {host} is another service's too")
            published.add(str(host))
        if target in POSTGRESQL_STORES:
            variable, scheme = POSTGRESQL_STORES[target]
            url = variables.get(variable, "")
            database = url.rsplit("/", 1)[-1]
            databases.append(database)
            if not url.startswith(scheme) or "s3cret@postgres:5432/" not in url or database not in created:
                failures.append(f"{where}: {variable} {url} is not a database postgres-init.sql makes")
            if service.get("depends_on", {}).get("postgres", {}).get("condition") != "service_healthy":
                failures.append(f"{where}: does not wait for a healthy PostgreSQL")
        else:
            mounted = [str(volume.get("source") if isinstance(volume, dict) else volume).split(":")[0] for volume in service.get("volumes", [])]
            if len(mounted) != 1 or mounted[0] in volumes:
                failures.append(f"{where}: not one volume of its own ({mounted})")
            volumes.update(mounted)
    if sorted(databases) != sorted(created) or len(set(created)) != len(created):
        failures.append(f"suite postgres-init.sql makes {created}, the services use {databases}")
    return len(services)


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
        suite = check_suite(args.bpc, args.blueprints, pathlib.Path(scratch), failures)
    print(f"containers: {checked} projects checked, a suite of {suite} services, {len(failures)} failures")
    for failure in failures:
        print(failure)
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
