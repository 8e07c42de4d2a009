"""End-to-end tests of the `python` backend with the real PyPI packages, mypy, ruff and pytest.

  --install-deps         makes a virtual environment with the exact versions every generated
                         project pins (its requirements.lock) once per lock file in --deps; later
                         runs reuse it. This is the ctest fixture the other modes need.
  --blueprint FILE       generates the project twice (the bytes must be identical), then runs
                         `ruff check`, `ruff format --check`, `mypy` (strict, from the project's
                         pyproject.toml) and the
                         generated tests (`pytest`, both stores): every test must pass. Tests are
                         never dropped silently: the tests pytest skips are the groups bpc's build
                         summary and the README list.
  --regenerate FILE      generates, writes code into user-code regions, changes the blueprint,
                         regenerates: the regions' code must survive, and mypy and the tests must
                         still pass, with the hand-written operation answering instead of 501.
  --agreement            `bpc check` and the generated service judge text the same way
                         (tests/backends/agreement.py): each constraint's verdict on each text as
                         a default equals the verdict of its Pydantic type in model.py on the text
                         as input (strict JSON validation, as the service validates bodies).
"""

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import pathlib
import pwd
import re
import shutil
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from agreement import Agreement, texts_by_alias  # noqa: E402
from build_examples import count_from, markdown_layout_problems, read_tree, run  # noqa: E402


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def generate(bpc, blueprint, out, summary=None):
    result = run([bpc, "build", str(blueprint), "--target", "python", "--out", str(out)])
    if result.returncode != 0:
        fail(f"bpc build {blueprint} exited {result.returncode}\n{result.stderr}")
    if summary is not None:
        summary.extend(result.stdout.splitlines())
    return out / "python"


def venv_for(deps_root, project, install=False, interpreter=sys.executable):
    lock = (project / "requirements.lock").read_bytes()
    target = deps_root / hashlib.sha256(lock).hexdigest()[:16]
    if not install:
        if not (target / ".complete").exists():
            fail(f"the virtual environment is not made in {target}: run with --install-deps first")
        return target
    deps_root.mkdir(parents=True, exist_ok=True)
    with open(deps_root / ".lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        if (target / ".complete").exists():
            return target
        shutil.rmtree(target, ignore_errors=True)
        result = run([interpreter, "-m", "venv", str(target)])
        if result.returncode != 0:
            fail(f"python3 -m venv failed\n{result.stderr}")
        pip = [str(target / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
        result = run(pip + ["-r", str(project / "requirements.lock")])
        if result.returncode != 0:
            fail(f"pip install failed\n{result.stdout}\n{result.stderr}")
        (target / ".complete").write_text("ok\n")
    return target


def tool(venv, name, project, *args, environment=None):
    return run([str(venv / "bin" / name), *args], cwd=project,
               env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(environment or {})))


POSTGRESQL = pathlib.Path("/usr/lib/postgresql/15/bin")


@contextlib.contextmanager
def postgresql_server():
    """A throwaway PostgreSQL 15 cluster on a Unix socket (no TCP), for the generated tests'
    third store: yields the SQLAlchemy URL of its database. As root, the server runs as the
    `postgres` user, since PostgreSQL refuses to run as root."""
    if not (POSTGRESQL / "initdb").exists():
        fail(f"PostgreSQL 15 is not installed ({POSTGRESQL}): scripts/bootstrap.sh installs it")
    root = pathlib.Path(tempfile.mkdtemp(prefix="bpc-pg-"))
    as_user = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chmod(root, 0o755)
        os.chown(root, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = root / "data", root / "log"
    initdb = run(as_user + [str(POSTGRESQL / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                            "--locale=C.UTF-8", "--no-sync"])
    if initdb.returncode != 0:
        fail(f"initdb failed\n{initdb.stdout}\n{initdb.stderr}")
    settings = f"-k {root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    start = run(as_user + [str(POSTGRESQL / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", settings, "-w", "start"])
    if start.returncode != 0:
        fail(f"pg_ctl start failed\n{start.stdout}\n{start.stderr}\n{log.read_text() if log.exists() else ''}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={root}"
    finally:
        run(as_user + [str(POSTGRESQL / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def check_and_test(project, venv, database=None):
    ruff = tool(venv, "ruff", project, "check", "--no-cache", "--output-format", "concise", ".")
    if ruff.returncode != 0:
        fail(f"ruff check failed in {project}\n{ruff.stdout}\n{ruff.stderr}")
    formatted = tool(venv, "ruff", project, "format", "--no-cache", "--check", "--diff", ".")
    if formatted.returncode != 0:
        fail(f"ruff format --check failed in {project}\n{formatted.stdout[-6000:]}\n{formatted.stderr[-2000:]}")
    mypy = tool(venv, "mypy", project, "--no-incremental", "--cache-dir", "/dev/null")
    if mypy.returncode != 0:
        fail(f"mypy --strict failed in {project}\n{mypy.stdout}\n{mypy.stderr}")
    tests = tool(venv, "pytest", project, "-q", "-rfEs", "-p", "no:cacheprovider",
                 environment={"BPC_TEST_POSTGRESQL": database} if database else None)
    summary = tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else ""
    if tests.returncode != 0:
        failed = [line for line in tests.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
        fail(f"generated tests failed in {project}\n" + "\n".join(failed[:40]) + f"\n{summary}\n{tests.stderr[-2000:]}")
    if database:  # the third store was in the run
        collected = tool(venv, "pytest", project, "-q", "--collect-only", "-k", "postgresql", "-p", "no:cacheprovider",
                         environment={"BPC_TEST_POSTGRESQL": database})
        if collected.returncode != 0:
            fail(f"no test ran on PostgreSQL in {project}\n{collected.stdout[-2000:]}")
    print(f"{project.name}: {summary}")
    return tests.stdout


def check_skips(blueprint, project, build_summary, output):
    """Every skipped test is one the README and the build summary list, with a reason; the README
    renders as it reads."""
    readme = (project / "README.md").read_text()
    if problems := markdown_layout_problems(readme):
        fail(f"{blueprint}: README.md is laid out wrong:\n" + "\n".join(problems))
    section = readme.split("## Generated tests", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in section.splitlines() if line.startswith("- ")]
    summarized = count_from(build_summary, "  tests: ", r"  tests: (\d+) groups? skipped")
    match = re.search(r"(\d+) skipped", output.strip().splitlines()[-1])
    skipped = int(match.group(1)) if match else 0
    if not (len(listed) == summarized == skipped):
        fail(f"{blueprint}: pytest skipped {skipped} tests, the README lists {len(listed)}, the build summary says {summarized}")
    if any(": " not in line for line in listed):
        fail(f"{blueprint}: a skipped test group has no reason:\n" + "\n".join(listed))
    expected = re.search(r"^// EXPECT-SKIPPED: (\d+)$", blueprint.read_text(), re.M)
    if expected and int(expected.group(1)) != skipped:
        fail(f"{blueprint}: {skipped} test groups skipped, expected {expected.group(1)}:\n" + "\n".join(listed))


def check_blueprint(bpc, deps_root, blueprint, temp):
    build_summary = []
    first = generate(bpc, blueprint, temp / "a", build_summary)
    second = generate(bpc, blueprint, temp / "b")
    if read_tree(first) != read_tree(second):
        fail(f"two builds of {blueprint} differ")
    with postgresql_server() as database:
        output = check_and_test(first, venv_for(deps_root, first), database)
    check_skips(blueprint, first, build_summary, output)


def replace_region(text, key, body):
    begin = f"# bpc:begin-user-code {key}\n"
    end = f"# bpc:end-user-code {key}"
    start = text.index(begin) + len(begin)
    stop = text.index(end, start)
    line_start = text.rfind("\n", 0, stop) + 1
    return text[:start] + body + text[line_start:]


def check_regeneration(bpc, deps_root, blueprint, temp):
    source = temp / "blueprint.bpl"
    shutil.copy(blueprint, source)
    project = generate(bpc, source, temp / "out")
    package = project / "src" / "clinic_api"
    handlers = package / "api/clinic_api/handlers.py"
    written = "    return []  # hand-written\n"
    handlers.write_text(replace_region(handlers.read_text(), "ClinicApi.searchPatients", written))
    guards = package / "handlers/guards.py"
    guard = '        return record.get("status") == "requested"  # hand-written\n'
    guards.write_text(replace_region(guards.read_text(), "Booking.guards.slotIsFree", guard))
    # A blueprint change: a new field, and the operation moves to another file position.
    text = source.read_text().replace("  tags: list<string> = []\n", "  tags: list<string> = []\n  nickname: string? @maxLength(40)\n")
    source.write_text(text)
    project = generate(bpc, source, temp / "out")
    if written not in handlers.read_text() or guard not in guards.read_text():
        fail("regeneration lost the code written in user-code regions")
    if "nickname" not in (package / "model.py").read_text():
        fail("regeneration did not apply the blueprint change")
    venv = venv_for(deps_root, project)
    output = check_and_test(project, venv)
    if "passed" not in output:
        fail("the tests did not run")
    # The written operation answers: the generated test accepts 200 as well as 501, so ask it.
    probe = tool(venv, "pytest", project, "-q", "-p", "no:cacheprovider", "-k", "searchPatients")
    if probe.returncode != 0 or "passed" not in probe.stdout:
        fail(f"the custom operation's test did not pass\n{probe.stdout}")


# Judges each text with each alias's type in the generated model, as the service validates input.
JUDGE = """
import json, sys
from pydantic import TypeAdapter, ValidationError
from agreement import model

def accepts(adapter, text):
    try:
        adapter.validate_json(json.dumps(text), strict=True)
    except ValidationError:
        return False
    return True

out = {}
for group in json.load(sys.stdin):
    for name in group["aliases"]:
        adapter = TypeAdapter(getattr(model, name))
        out[name] = [accepts(adapter, text) for text in group["texts"]]
print(json.dumps(out))
"""


def check_agreement(bpc, deps_root, temp):
    agreement = Agreement(bpc, temp, fail)
    project = generate(bpc, agreement.blueprint, temp / "agreement")
    venv = venv_for(deps_root, project)
    check_and_test(project, venv)
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(project / "src"))
    judged = run([str(venv / "bin" / "python"), "-c", JUDGE], input=json.dumps(texts_by_alias()), cwd=project,
                 env=environment)
    if judged.returncode != 0:
        fail(f"the generated model could not judge the texts\n{judged.stderr}")
    agreement.compare(json.loads(judged.stdout))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--deps", required=True, type=pathlib.Path)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--install-deps", action="store_true")
    mode.add_argument("--blueprint", type=pathlib.Path)
    mode.add_argument("--regenerate", type=pathlib.Path)
    mode.add_argument("--agreement", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bpc-py-") as temp_name:
        temp = pathlib.Path(temp_name)
        if args.install_deps:
            project = generate(args.bpc, args.source / "examples/clinic.bpl", temp / "deps")
            print(f"virtual environment in {venv_for(args.deps, project, install=True)}")
        elif args.agreement:
            check_agreement(args.bpc, args.deps, temp)
        elif args.blueprint:
            check_blueprint(args.bpc, args.deps, args.blueprint, temp)
        else:
            check_regeneration(args.bpc, args.deps, args.regenerate, temp)
    print("ok")


if __name__ == "__main__":
    main()
