"""End-to-end tests of the `cpp` backend with the real compilers, CMake and the Debian packages.

  --blueprint FILE       generates the project twice (the bytes must be identical), configures it
                         with CMake (Ninja, ccache when installed), builds it with -Werror and
                         runs its generated GoogleTest suite with ctest: every test must pass, and
                         the tests it skips are exactly the groups the README and bpc's build
                         summary list. ctest runs the suite on each store: memory, SQLite, and
                         a throwaway PostgreSQL 15 server started here (BPC_TEST_POSTGRESQL).
                         `--compiler` picks g++ (default) or clang++, `--sanitize`
                         builds with AddressSanitizer and UndefinedBehaviorSanitizer. g++ builds
                         as the project does by default, in batches (a unity build); other
                         compilers build file by file, so that each file is checked to compile
                         on its own.
  --tidy FILE            generates the project and configures it (no build), then runs clang-tidy
                         with the project's .clang-tidy on every source, runtime and tests
                         included: it must report nothing (same `--compiler` and `--sanitize`
                         flags). It checks the batches of the unity build, as the project builds
                         them by default, with every file of the project as a header it reports
                         on: the big headers (cpp-httplib, nlohmann/json, GoogleTest) are then
                         matched once per batch, not once per file (about 3 CPU minutes instead
                         of 17).
  --regenerate FILE      generates, writes code into user-code regions, regenerates: the code must
                         survive, the project must still build and pass its tests, and the
                         hand-written operation must answer instead of 501. Then the server runs
                         on an SQLite database and on PostgreSQL (DATABASE): its records survive a
                         restart, in the tables of bpc's relational schema with the blueprint's
                         unique constraints, foreign keys and indexes, and concurrent writers all
                         land.
  --agreement            `bpc check` and the generated checks judge the texts of
                         tests/backends/agreement.py alike (lengths, patterns, exact decimals).

Build trees live under --work (one per blueprint, compiler and mode), so a second run rebuilds
only what changed; ccache, with CCACHE_BASEDIR at --work, shares the runtime's objects between
projects.
"""

import argparse
import contextlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from agreement import Agreement, texts_by_alias  # noqa: E402
from build_examples import count_from, markdown_layout_problems, read_tree, run  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from python_project_test import postgresql_server  # noqa: E402
from store_checks import check_databases, running_server  # noqa: E402


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def generate(bpc, blueprint, out, summary=None):
    result = run([bpc, "build", str(blueprint), "--target", "cpp", "--out", str(out)])
    if result.returncode != 0:
        fail(f"bpc build {blueprint} exited {result.returncode}\n{result.stderr}")
    if summary is not None:
        summary.extend(result.stdout.splitlines())
    return out / "cpp"


def environment(work):
    env = dict(os.environ)
    env["CCACHE_BASEDIR"] = str(work)
    env["CCACHE_NOHASHDIR"] = "1"
    return env


@contextlib.contextmanager
def postgresql():
    """A throwaway PostgreSQL server: the libpq URL of its database."""
    with postgresql_server() as url:
        yield url.replace("postgresql+psycopg://", "postgresql://", 1)


def configure(project, build_dir, compiler, sanitize, work, database=None, unity=True):
    command = ["cmake", "-S", str(project), "-B", str(build_dir), "-G", "Ninja", f"-DCMAKE_CXX_COMPILER={compiler}",
               f"-DBPC_SANITIZE={'ON' if sanitize else 'OFF'}", f"-DBPC_UNITY_BUILD={'ON' if unity else 'OFF'}"]
    if shutil.which("ccache"):
        command.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    env = environment(work)
    env.pop("BPC_TEST_POSTGRESQL", None)
    if database:
        env["BPC_TEST_POSTGRESQL"] = database  # registers the ctest test `postgresql`
    result = run(command, env=env)
    if result.returncode != 0:
        fail(f"cmake could not configure {project}\n{result.stdout}\n{result.stderr}")
    return env


def build(project, build_dir, compiler, sanitize, work, database=None):
    env = configure(project, build_dir, compiler, sanitize, work, database, unity=pathlib.Path(compiler).name == "g++")
    started = time.monotonic()
    result = run(["cmake", "--build", str(build_dir), "-j", "2"], env=env)
    if result.returncode != 0:
        fail(f"{compiler} could not build {project}\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}")
    return time.monotonic() - started


def test(build_dir, sanitize):
    env = dict(os.environ)
    if sanitize:
        env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
        env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    result = run(["ctest", "--test-dir", str(build_dir), "-j", "2", "--verbose", "--timeout", "600"], env=env)
    if result.returncode != 0:
        # Without the lines of tests that passed: the failures and their output.
        lines = [line for line in result.stdout.splitlines() if not re.search(r"\[ +(OK|RUN) +\]", line)]
        fail(f"generated tests failed in {build_dir}\n" + "\n".join(lines)[-30000:] + f"\n{result.stderr[-3000:]}")
    return result.stdout


def check_skips(blueprint, project, build_summary, output):
    """Every skipped test is one the README and the build summary list, with a reason; the README
    renders as it reads."""
    readme = (project / "README.md").read_text()
    if problems := markdown_layout_problems(readme):
        fail(f"{blueprint}: README.md is laid out wrong:\n" + "\n".join(problems))
    section = readme.split("## Generated tests", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in section.splitlines() if line.startswith("- ")]
    summarized = count_from(build_summary, "  tests: ", r"  tests: (\d+) groups? skipped")
    # ctest runs every test once per store (its tests `memory`, `sqlite` and `postgresql`, each the
    # whole GoogleTest binary): each store skips the same ones, and the memory store the migration
    # tests besides (it has no schema). `--verbose` prefixes each line of a test's output with the
    # test's number.
    numbers = dict(re.findall(r"^\s*Start\s+(\d+): (\w+)$", output, re.M))
    if sorted(numbers.values()) != ["memory", "postgresql", "sqlite"]:
        fail(f"{blueprint}: ctest ran {sorted(numbers.values())}, not the three stores")
    skipped = {name: 0 for name in numbers.values()}
    for number, count in re.findall(r"^(\d+): \[  SKIPPED \] (\d+) tests?, listed below", output, re.M):
        skipped[numbers[number]] = int(count)
    migration_tests = len(set(re.findall(r"\[ RUN      \] (Migrations\.\w+)", output)))
    if not migration_tests or not (len(listed) == summarized == skipped["memory"] - migration_tests == skipped["sqlite"] == skipped["postgresql"]):
        fail(f"{blueprint}: ctest skipped {skipped} tests, the README lists {len(listed)}, the build summary says {summarized}")
    if any(": " not in line for line in listed):
        fail(f"{blueprint}: a skipped test group has no reason:\n" + "\n".join(listed))


def tidy(project, build_dir):
    """clang-tidy on every translation unit of the project's unity build, reporting on the
    project's own files wherever they are included; nothing may be reported."""
    unity = re.escape(str(build_dir)) + r"/CMakeFiles/[^/]+/Unity/unity_\d+_cxx\.cxx"
    own = "^" + re.escape(str(project)) + "/"
    units = [entry["file"] for entry in json.loads((build_dir / "compile_commands.json").read_text())
             if re.match(unity, entry["file"]) or re.match(own, entry["file"])]
    sources = {str(path) for folder in ("src", "runtime/src", "tests") for path in (project / folder).glob("*.cpp")}
    included = set(units)
    for unit in units:
        if re.match(unity, unit):
            included.update(re.findall(r'^#include "([^"]+)"', pathlib.Path(unit).read_text(), re.M))
    if len(sources) < 20 or sources - included:
        fail(f"clang-tidy would not check {sorted(sources - included)} of {project} ({len(sources)} sources)")
    # A batch includes the sources it holds: clang-tidy reports on them as headers, by this filter
    # (each source is checked to match it, so that a path it cannot match fails here, not silently).
    if not all(re.match(own, source) for source in sources):
        fail(f"the header filter {own} does not match the sources of {project}")

    def check(unit):
        return run(["clang-tidy-14", "-p", str(build_dir), f"--config-file={project / '.clang-tidy'}",
                    f"--header-filter={own}", "--quiet", unit])

    findings, failures = set(), []
    for unit, result in zip(units, ThreadPoolExecutor(max_workers=2).map(check, units)):
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
        reported = [line for line in lines if re.search(r"(warning|error):", line)]
        # A batch is a list of `#include "file.cpp"`, which bugprone-suspicious-include reports in
        # the batch file CMake writes; the project's own files are held to it.
        findings.update(line for line in reported
                        if not (re.match(unity, line) and line.endswith("[bugprone-suspicious-include,-warnings-as-errors]")))
        if result.returncode != 0 and not reported:
            failures.append(f"clang-tidy exited {result.returncode} on {unit}:\n{result.stderr[-3000:]}")
    if findings or failures:
        fail(f"clang-tidy reported on {project}:\n" + "\n".join(sorted(findings)[:100]) + "\n" + "\n".join(failures))
    return len(units)


def tree_of(blueprint, work, compiler, sanitize):
    """Where the project of the blueprint, built with this compiler and mode, lives."""
    return work / f"{blueprint.stem}-{pathlib.Path(compiler).name}{'-asan' if sanitize else ''}"


def check_blueprint(bpc, blueprint, work, compiler, sanitize):
    root = tree_of(blueprint, work, compiler, sanitize)
    with tempfile.TemporaryDirectory() as temp:
        second = generate(bpc, blueprint, pathlib.Path(temp))
        summary = []
        project = generate(bpc, blueprint, root / "out", summary)
        if read_tree(project) != read_tree(second):
            fail(f"{blueprint}: two builds gave different bytes")
    with postgresql() as database:
        seconds = build(project, root / "build", compiler, sanitize, work, database)
        output = test(root / "build", sanitize)
    check_skips(blueprint, project, summary, output)
    ran = sum(int(count) for count in re.findall(r"^\d+: \[==========\] (\d+) tests? from .* ran", output, re.M))
    print(f"{blueprint.name} ({compiler}{', ASan+UBSan' if sanitize else ''}): built in {seconds:.0f} s; "
          f"{ran} tests on the three stores, all passed")


def check_tidy(bpc, blueprint, work, compiler, sanitize):
    root = work / f"{tree_of(blueprint, work, compiler, sanitize).name}-tidy"
    project = generate(bpc, blueprint, root / "out")
    configure(project, root / "build", compiler, sanitize, work, unity=True)
    started = time.monotonic()
    units = tidy(project, root / "build")
    print(f"{blueprint.name}: clang-tidy clean on {units} translation units in {time.monotonic() - started:.0f} s")


def replace_region(text, key, body):
    begin = f"// bpc:begin-user-code {key}\n"
    end = f"  // bpc:end-user-code {key}"
    start = text.index(begin) + len(begin)
    stop = text.index(end, start)
    return text[:start] + body + text[stop:]


def check_regeneration(bpc, blueprint, work):
    root = work / "regeneration"
    shutil.rmtree(root, ignore_errors=True)
    project = generate(bpc, blueprint, root / "out")
    handlers = project / "src" / "handlers.cpp"
    written = replace_region(handlers.read_text(), "handlers.searchPatients",
                             "  (void)call;\n  return Json::array();  // written by hand\n")
    handlers.write_text(written)
    generate(bpc, blueprint, root / "out")
    if "return Json::array();  // written by hand" not in handlers.read_text():
        fail("the hand-written operation did not survive regeneration")
    build(project, root / "build", "g++", False, work)
    test(root / "build", False)
    with running_server([str(root / "build" / "clinic")], {}) as server:
        status, body = server.call("GET", "/api/v1/patients/search?query=ab")
        if status != 200 or body != []:
            fail(f"the hand-written operation answered {status} {body}")
    print("regeneration: the hand-written operation survived and answers 200; SIGTERM stops the server cleanly")
    check_databases("the C++ service", [str(root / "build" / "clinic")], root)


JUDGE = r"""// Judges texts with the generated checks: for each alias, the verdict on each text as the value of
// the Holder field of that alias in a create body.
#include <iostream>

#include "agreement/descriptors.h"

int main() {
  using bpc::runtime::Json;
  const Json input = Json::parse(std::cin);
  Json out = Json::object();
  for (const Json& group : input) {
    for (const Json& alias : group["aliases"]) {
      std::string field = alias.get<std::string>();
      field[0] = static_cast<char>(field[0] - 'A' + 'a');
      Json verdicts = Json::array();
      for (const Json& text : group["texts"]) {
        Json body = Json::object();
        body[field] = text;
        bpc::runtime::FieldErrors errors;
        bpc::runtime::check_record(agreement::descriptors::holder_create, body, bpc::runtime::BodyRule::Whole, "", errors);
        verdicts.push_back(errors.empty());
      }
      out[alias.get<std::string>()] = verdicts;
    }
  }
  std::cout << out.dump() << '\n';
}
"""


def check_agreement(bpc, work):
    """`bpc check` and the generated C++ checks judge text alike (tests/backends/agreement.py)."""
    root = work / "agreement"
    with tempfile.TemporaryDirectory(prefix="bpc-cpp-agreement-") as temp:
        agreement = Agreement(bpc, temp, fail)
        project = generate(bpc, agreement.blueprint, root / "out")
    judge = root / "judge"
    judge.mkdir(parents=True, exist_ok=True)
    (judge / "judge.cpp").write_text(JUDGE)
    (judge / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.25)\nproject(judge LANGUAGES CXX)\nset(BUILD_TESTING OFF)\n"
        f"add_subdirectory({project.as_posix()} project)\n"
        "add_executable(judge judge.cpp)\ntarget_link_libraries(judge PRIVATE agreement_service agreement_options)\n")
    build(judge, root / "build", "g++", False, work)
    judged = subprocess.run([str(root / "build" / "judge")], input=json.dumps(texts_by_alias()), capture_output=True, text=True)
    if judged.returncode != 0:
        fail(f"the generated checks could not judge the texts\n{judged.stderr}")
    agreement.compare(json.loads(judged.stdout))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True, help="where the build trees live")
    parser.add_argument("--blueprint", type=pathlib.Path)
    parser.add_argument("--regenerate", type=pathlib.Path)
    parser.add_argument("--agreement", action="store_true")
    parser.add_argument("--compiler", default="g++")
    parser.add_argument("--sanitize", action="store_true")
    parser.add_argument("--tidy", type=pathlib.Path)
    args = parser.parse_args()
    work = pathlib.Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.blueprint:
        check_blueprint(args.bpc, args.blueprint.resolve(), work, args.compiler, args.sanitize)
    if args.tidy:
        check_tidy(args.bpc, args.tidy.resolve(), work, args.compiler, args.sanitize)
    if args.regenerate:
        check_regeneration(args.bpc, args.regenerate.resolve(), work)
    if args.agreement:
        check_agreement(args.bpc, work)


if __name__ == "__main__":
    main()
