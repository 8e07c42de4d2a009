"""End-to-end tests of the `typescript` backend with real npm packages, tsc and node.

  --install-deps         installs the dependencies every generated project pins (read from a
                         generated package.json) once into --deps; later runs reuse them. This is
                         the ctest fixture the other modes need.
  --blueprint FILE       generates the project twice (the bytes must be identical), links the
                         shared node_modules into it, runs strict `tsc`, ESLint with
                         typescript-eslint's strict-type-checked rules and the generated tests
                         (`node --test`) on every store — memory, SQLite and a throwaway
                         PostgreSQL 15 server started here (BPC_TEST_POSTGRESQL): every test must
                         pass, and tests must have run on PostgreSQL. Tests are never dropped silently:
                         the skipped tests node counts are the groups bpc's build summary and
                         the README list. The blueprint's `// EXPECT-TEST: NAME` lines name test
                         groups that must run, and `// EXPECT-SKIPPED: N` how many are skipped.
  --regenerate FILE      generates, writes code into user-code regions, changes the blueprint,
                         regenerates: the regions' code must survive, and tsc and the tests must
                         still pass, with the hand-written operation answering instead of 501.
  --databases            the clinic's service on an SQLite file and on a throwaway PostgreSQL
                         server (tests/backends/store_checks.py): records survive restarts in the
                         relational schema's tables (columns, unique constraints, foreign keys,
                         indexes, outbox), 160 concurrent creates all land, a unique clash is 409,
                         and a restart of PostgreSQL costs no request.
  --agreement            `bpc check` and the generated service judge text the same way: for
                         each constraint (lengths in code points, patterns in the dialect) and
                         each text ("é", "😀", "e" + U+0301, NBSP, line breaks, non-ASCII
                         digits...), the checker's verdict on it as a default equals the
                         generated Zod schema's verdict on it as input.
"""

import argparse
import fcntl
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from agreement import Agreement, texts_by_alias  # noqa: E402
from build_examples import count_from, markdown_layout_problems, read_tree, run  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from python_project_test import postgresql_server  # noqa: E402
from store_checks import check_databases  # noqa: E402


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def generate(bpc, blueprint, out, summary=None):
    result = run([bpc, "build", str(blueprint), "--target", "typescript", "--out", str(out)])
    if result.returncode != 0:
        fail(f"bpc build {blueprint} exited {result.returncode}\n{result.stderr}")
    if summary is not None:
        summary.extend(result.stdout.splitlines())
    return out / "typescript"


def dependencies(project):
    package = json.loads((project / "package.json").read_text())
    return {key: package[key] for key in ("dependencies", "optionalDependencies", "devDependencies")}


def npm_environment():
    env = dict(os.environ)
    # better-sqlite3 compiles against Node's headers; Debian's nodejs installs them under /usr.
    if pathlib.Path("/usr/include/node/node.h").exists():
        env.setdefault("npm_config_nodedir", "/usr")
    env.setdefault("npm_config_fund", "false")
    env.setdefault("npm_config_audit", "false")
    return env


def install_deps(deps_root, project):
    wanted = dependencies(project)
    key = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()[:16]
    target = deps_root / key
    deps_root.mkdir(parents=True, exist_ok=True)
    with open(deps_root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / ".complete").exists():
            return target
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        (target / "package.json").write_text(json.dumps({"name": "bpc-typescript-deps", "private": True, **wanted}, indent=2))
        result = run(["npm", "install", "--no-package-lock"], cwd=target, env=npm_environment())
        if result.returncode != 0:
            fail(f"npm install failed\n{result.stdout}\n{result.stderr}")
        (target / ".complete").write_text("ok\n")
    return target


def deps_for(deps_root, project):
    key = hashlib.sha256(json.dumps(dependencies(project), sort_keys=True).encode()).hexdigest()[:16]
    target = deps_root / key
    if not (target / ".complete").exists():
        fail(f"the dependencies are not installed in {target}: run with --install-deps first")
    return target


def failure_details(tap, count=5, lines_each=30):
    """The TAP diagnostics (error, expected, actual, stack) of the first failed subtests that have them."""
    details = []
    lines = tap.splitlines()
    for i, line in enumerate(lines):
        if len(details) >= count:
            break
        if not line.lstrip().startswith("not ok"):
            continue
        block = [line]
        for following in lines[i + 1:]:
            if following.strip() == "...":
                break
            block.append(following)
        if any("error:" in b for b in block):
            details.append("\n".join(block[:lines_each]))
    return details


def compile_and_test(project, deps, database=None):
    link = project / "node_modules"
    if not link.exists():
        link.symlink_to(deps / "node_modules", target_is_directory=True)
    tsc = run([str(deps / "node_modules" / ".bin" / "tsc"), "-p", "tsconfig.json"], cwd=project)
    if tsc.returncode != 0:
        fail(f"tsc failed in {project}\n{tsc.stdout}\n{tsc.stderr}")
    eslint = run([str(deps / "node_modules" / ".bin" / "eslint"), "--max-warnings", "0", "."], cwd=project)
    if eslint.returncode != 0:
        fail(f"eslint (typescript-eslint strict-type-checked) failed in {project}\n{eslint.stdout}\n{eslint.stderr}")
    test_files = sorted(str(p.relative_to(project)) for p in (project / "dist/test").glob("*.test.js"))
    env = dict(os.environ)
    env.pop("BPC_TEST_POSTGRESQL", None)
    if database:
        env["BPC_TEST_POSTGRESQL"] = database.replace("postgresql+psycopg://", "postgresql://", 1)
    tests = run(["node", "--test", *test_files], cwd=project, env=env)
    summary = [line for line in tests.stdout.splitlines() if line.startswith("# ")]
    if tests.returncode != 0:
        failed = [line for line in tests.stdout.splitlines() if "not ok" in line]
        fail(f"generated tests failed in {project}\n" + "\n".join(failed[:40]) + "\n" + "\n".join(summary) +
             "\n\nThe first failures:\n" + "\n".join(failure_details(tests.stdout)))
    if database and not re.search(r"^# Subtest: .*postgresql", tests.stdout, re.M):
        fail(f"no test ran on PostgreSQL in {project}")
    print(f"{project.name}: " + ", ".join(line[2:] for line in summary if line.split()[1] in ("tests", "pass", "fail", "skipped")))
    return tests.stdout


def check_readme_tokens(bpc, blueprint, project):
    """The README's development-token example names only the blueprint's own roles."""
    ir = run([bpc, "ir", "--format", "json", str(blueprint)])
    roles = {role["name"] for role in json.loads(ir.stdout)["roles"]}
    readme = (project / "README.md").read_text()
    if not roles:
        if "BPC_DEV_TOKENS=" in readme or "declares no role" not in readme:
            fail(f"{blueprint}: the README offers development tokens, but the blueprint has no roles")
        return
    example = readme.split("BPC_DEV_TOKENS=", 1)[1].split("`", 1)[0]
    # `token=Role+Role;tenant=...;subject=...`: the roles come before the first `;`.
    named = {role for token in example.split(",") for role in token.split(";", 1)[0].split("=", 1)[1].split("+")}
    if not named or not named <= roles:
        fail(f"{blueprint}: the README's token example names {sorted(named - roles)}, not roles of the blueprint")


def check_skips(blueprint, project, build_summary, output):
    """Every skipped test is one the README and the build summary list, with a reason; the README
    renders as it reads."""
    readme = (project / "README.md").read_text()
    if problems := markdown_layout_problems(readme):
        fail(f"{blueprint}: README.md is laid out wrong:\n" + "\n".join(problems))
    section = readme.split("## Generated tests", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in section.splitlines() if line.startswith("- ")]
    summarized = count_from(build_summary, "  tests: ", r"  tests: (\d+) groups? skipped")
    skipped = count_from(output.splitlines(), "# skipped", r"# skipped (\d+)")
    if not (len(listed) == summarized == skipped):
        fail(f"{blueprint}: node skipped {skipped} tests, the README lists {len(listed)}, the build summary says {summarized}")
    if any(": " not in line for line in listed):
        fail(f"{blueprint}: a skipped test group has no reason:\n" + "\n".join(listed))
    source = blueprint.read_text()
    expected = re.search(r"^// EXPECT-SKIPPED: (\d+)$", source, re.M)
    if expected and int(expected.group(1)) != skipped:
        fail(f"{blueprint}: {skipped} test groups skipped, expected {expected.group(1)}:\n" + "\n".join(listed))
    ran = set(re.findall(r"^# Subtest: (.*)$", output, re.M))
    for name in re.findall(r"^// EXPECT-TEST: (.*)$", source, re.M):
        if name not in ran:
            fail(f"{blueprint}: the generated tests have no group `{name}`")


def check_blueprint(bpc, deps_root, blueprint, temp):
    build_summary = []
    first = generate(bpc, blueprint, temp / "a", build_summary)
    second = generate(bpc, blueprint, temp / "b")
    if read_tree(first) != read_tree(second):
        fail(f"two builds of {blueprint} differ")
    check_readme_tokens(bpc, blueprint, first)
    with postgresql_server() as database:
        output = compile_and_test(first, deps_for(deps_root, first), database)
    check_skips(blueprint, first, build_summary, output)


def replace_region(text, key, body):
    begin = f"// bpc:begin-user-code {key}\n"
    end = f"// bpc:end-user-code {key}"
    start = text.index(begin) + len(begin)
    stop = text.index(end, start)
    line_start = text.rfind("\n", 0, stop) + 1
    return text[:start] + body + text[line_start:]


def check_regeneration(bpc, deps_root, blueprint, temp):
    source = temp / "blueprint.bpl"
    shutil.copy(blueprint, source)
    project = generate(bpc, source, temp / "out")
    handlers = project / "src/api/clinic_api/handlers.ts"
    written = "  () => Promise.resolve([]) // hand-written\n"
    handlers.write_text(replace_region(handlers.read_text(), "ClinicApi.searchPatients", written))
    guards = project / "src/handlers/guards.ts"
    guard = "      (record: { status: string }) => record.status === 'requested' // hand-written\n"
    guards.write_text(replace_region(guards.read_text(), "Booking.guards.slotIsFree", guard))
    # A blueprint change: a new field, and the operation moves to another file position.
    text = source.read_text().replace("  tags: list<string> = []\n", "  tags: list<string> = []\n  nickname: string? @maxLength(40)\n")
    source.write_text(text)
    project = generate(bpc, source, temp / "out")
    if written not in handlers.read_text() or guard not in guards.read_text():
        fail("regeneration lost the code written in user-code regions")
    if "nickname" not in (project / "src/model.ts").read_text():
        fail("regeneration did not apply the blueprint change")
    output = compile_and_test(project, deps_for(deps_root, project))
    if "operation searchPatients validates its arguments" not in output:
        fail("the custom operation's test did not run")


def check_stores(bpc, source, deps_root, temp):
    project = generate(bpc, source / "examples/clinic.bpl", temp / "clinic")
    deps = deps_for(deps_root, project)
    (project / "node_modules").symlink_to(deps / "node_modules", target_is_directory=True)
    tsc = run([str(deps / "node_modules" / ".bin" / "tsc"), "-p", "tsconfig.json"], cwd=project)
    if tsc.returncode != 0:
        fail(f"tsc failed in {project}\n{tsc.stdout}\n{tsc.stderr}")
    check_databases("the TypeScript service", ["node", str(project / "dist" / "src" / "server.js")], temp)


def check_agreement(bpc, deps_root, temp):
    agreement = Agreement(bpc, temp, fail)
    project = generate(bpc, agreement.blueprint, temp / "agreement")
    deps = deps_for(deps_root, project)
    (project / "node_modules").symlink_to(deps / "node_modules", target_is_directory=True)
    tsc = run([str(deps / "node_modules" / ".bin" / "tsc"), "-p", "tsconfig.json"], cwd=project)
    if tsc.returncode != 0:
        fail(f"tsc failed in {project}\n{tsc.stdout}\n{tsc.stderr}")
    eslint = run([str(deps / "node_modules" / ".bin" / "eslint"), "--max-warnings", "0", "."], cwd=project)
    if eslint.returncode != 0:
        fail(f"eslint (typescript-eslint strict-type-checked) failed in {project}\n{eslint.stdout}\n{eslint.stderr}")
    script = """
import fs from 'node:fs';
const model = await import(process.argv[1]);
const groups = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
for (const group of groups) {
  for (const name of group.aliases) out[name] = group.texts.map((t) => model[name + 'Schema'].safeParse(t).success);
}
process.stdout.write(JSON.stringify(out));
"""
    service = subprocess.run(["node", "--input-type=module", "-e", script, (project / "dist/src/model.js").as_uri()],
                             input=json.dumps(texts_by_alias()), capture_output=True, text=True, cwd=project)
    if service.returncode != 0:
        fail(f"node could not judge the texts\n{service.stderr}")
    agreement.compare(json.loads(service.stdout))


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
    mode.add_argument("--databases", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bpc-ts-") as temp_name:
        temp = pathlib.Path(temp_name)
        if args.install_deps:
            project = generate(args.bpc, args.source / "examples/clinic.bpl", temp / "deps")
            print(f"dependencies in {install_deps(args.deps, project)}")
        elif args.agreement:
            check_agreement(args.bpc, args.deps, temp)
        elif args.databases:
            check_stores(args.bpc, args.source, args.deps, temp)
        elif args.blueprint:
            check_blueprint(args.bpc, args.deps, args.blueprint, temp)
        else:
            check_regeneration(args.bpc, args.deps, args.regenerate, temp)
    print("ok")


if __name__ == "__main__":
    main()
