"""End-to-end tests of the `cpp` backend with the real compilers, CMake and the Debian packages.

  --blueprint FILE       generates the project twice (the bytes must be identical), configures it
                         with CMake (Ninja, ccache when installed), builds it with -Werror and
                         runs its generated GoogleTest suite with ctest: every test must pass, and
                         the tests it skips are exactly the groups the README and bpc's build
                         summary list. ctest runs the suite on each store: memory, SQLite, and
                         a throwaway PostgreSQL 15 server started here (BPC_TEST_POSTGRESQL).
                         `--compiler` picks g++ (default) or clang++, `--sanitize`
                         builds with AddressSanitizer and UndefinedBehaviorSanitizer, `--tidy`
                         runs clang-tidy with the project's .clang-tidy on every source, runtime
                         and tests included: it must report nothing.
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
import concurrent.futures
import contextlib
import json
import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from agreement import Agreement, texts_by_alias  # noqa: E402
from build_examples import count_from, read_tree, run  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from python_project_test import POSTGRESQL, postgresql_server  # noqa: E402


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


def build(project, build_dir, compiler, sanitize, work, database=None):
    configure = ["cmake", "-S", str(project), "-B", str(build_dir), "-G", "Ninja", f"-DCMAKE_CXX_COMPILER={compiler}",
                 f"-DBPC_SANITIZE={'ON' if sanitize else 'OFF'}"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    env = environment(work)
    env.pop("BPC_TEST_POSTGRESQL", None)
    if database:
        env["BPC_TEST_POSTGRESQL"] = database  # registers the ctest test `postgresql`
    result = run(configure, env=env)
    if result.returncode != 0:
        fail(f"cmake could not configure {project}\n{result.stdout}\n{result.stderr}")
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
    """Every skipped test is one the README and the build summary list, with a reason."""
    readme = (project / "README.md").read_text()
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
    pattern = re.escape(str(project)) + "/(src|runtime|tests)/.*"
    sources = [entry["file"] for entry in json.loads((build_dir / "compile_commands.json").read_text())
               if re.search(pattern, entry["file"])]
    if len(sources) < 10:
        fail(f"clang-tidy would check only {len(sources)} sources of {project}")
    result = run(["run-clang-tidy-14", "-p", str(build_dir), "-quiet", "-j", "2", pattern])
    findings = sorted({re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()
                       if re.search(r"(warning|error):", re.sub(r"\x1b\[[0-9;]*m", "", line))})
    if result.returncode != 0 or findings:
        fail(f"clang-tidy reported on {project}:\n" + "\n".join(findings[:100]) + f"\n{result.stderr[-3000:]}")


def check_blueprint(bpc, blueprint, work, compiler, sanitize, clang_tidy=False):
    name = f"{blueprint.stem}-{pathlib.Path(compiler).name}{'-asan' if sanitize else ''}"
    root = work / name
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
    if clang_tidy:
        tidy(project, root / "build")
    ran = sum(int(count) for count in re.findall(r"^\d+: \[==========\] (\d+) tests? from .* ran", output, re.M))
    print(f"{blueprint.name} ({compiler}{', ASan+UBSan' if sanitize else ''}): built in {seconds:.0f} s; "
          f"{ran} tests on the three stores, all passed{'; clang-tidy clean' if clang_tidy else ''}")


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
    with running_server(root / "build" / "clinic", {}):
        status, body = call("GET", "/api/v1/patients/search?query=ab")
        if status != 200 or body != []:
            fail(f"the hand-written operation answered {status} {body}")
    print("regeneration: the hand-written operation survived and answers 200; SIGTERM stops the server cleanly")
    check_databases(root / "build" / "clinic", root)


PORT = 18931


def call(method, path, body=None):
    """Calls the server on PORT as the development caller `admin`: the status and the JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=data, method=method,
                                     headers={"Authorization": "Bearer admin", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@contextlib.contextmanager
def running_server(executable, env):
    """The server on PORT with the development token `admin` (Admin), stopped by SIGTERM. Its output
    (a JSON log line per request) goes to a file, never a pipe that nobody reads while it runs."""
    output = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen([str(executable)], env={**os.environ, "PORT": str(PORT), "BPC_DEV_TOKENS": "admin=Admin", **env},
                              stdout=output, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=5):
                    break
            except urllib.error.URLError:
                if server.poll() is not None:
                    output.seek(0)
                    fail(f"the server exited {server.returncode}: {output.read()[-5000:]}")
                time.sleep(0.05)
        else:
            fail("the server did not answer")
        yield server
    finally:
        server.terminate()
        if server.wait(timeout=10) != 0:
            output.seek(0)
            fail(f"the server did not stop cleanly on SIGTERM: exit {server.returncode}: {output.read()[-5000:]}")
        output.close()


def check_store(executable, database):
    """With DATABASE, the server keeps its records across restarts; concurrent writers all land."""
    patient = {"name": "Ada", "email": "ada@example.com", "tags": ["vip"], "address": {"line1": "1 Main St", "city": "Oslo", "country": "NO"}}
    with running_server(executable, {"DATABASE": database}):
        status, created = call("POST", "/api/v1/patients", patient)
        if status != 201:
            fail(f"creating a patient on {database} answered {status} {created}")
        status, clash = call("POST", "/api/v1/patients", {**patient, "name": "Bob"})
        if status != 409 or clash["errors"][0]["field"] != "email":
            fail(f"a second patient with the same e-mail answered {status} {clash}")
    with running_server(executable, {"DATABASE": database}):
        status, found = call("GET", f"/api/v1/patients/{created['id']}")
        if status != 200 or found != created:
            fail(f"after a restart the patient is {status} {found}, not {created}")
        status, page = call("GET", "/api/v1/patients?sort=-email")
        if status != 200 or page["total"] != 1:
            fail(f"after a restart the list is {status} {page}")
        # Concurrent writers and readers: every create lands once, nothing answers 500.
        def writer(n):
            answers = []
            for i in range(20):
                answers.append(call("POST", "/api/v1/patients", {"name": f"P{n}-{i}", "email": f"p{n}-{i}@example.com"})[0])
                answers.append(call("GET", "/api/v1/patients?limit=5")[0])
            return answers
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            statuses = [status for answers in pool.map(writer, range(8)) for status in answers]
        if statuses.count(201) != 160 or statuses.count(200) != 160:
            fail(f"concurrent requests answered {sorted(set(statuses))}: {statuses.count(201)} creates of 160")
        status, page = call("GET", "/api/v1/patients?limit=1")
        if page["total"] != 161:
            fail(f"after 160 concurrent creates the list has {page['total']} patients, not 161")


# The tables of bpc's relational schema the clinic's records are in (as a Python service makes them).
PATIENT_COLUMNS = {"sqlite": {"id": "VARCHAR(36)", "name": "TEXT", "email": "TEXT", "phone": "TEXT", "birthDate": "DATE", "address": "JSON",
                              "tags": "JSON"},
                   "postgresql": {"id": "character varying", "name": "text", "email": "text", "phone": "text", "birthDate": "date",
                                  "address": "jsonb", "tags": "jsonb"}}
APPOINTMENT_KEYS = [("doctor", "doctor", "id"), ("patient", "patient", "id")]


def check_sqlite_tables(database):
    with contextlib.closing(sqlite3.connect(database)) as db:
        columns = {row[1]: row[2] for row in db.execute('PRAGMA table_info("patient")')}
        if columns != PATIENT_COLUMNS["sqlite"]:
            fail(f"the patient table has the columns {columns}, not {PATIENT_COLUMNS['sqlite']}")
        unique = [db.execute(f'PRAGMA index_info("{row[1]}")').fetchall() for row in db.execute('PRAGMA index_list("patient")') if row[2]]
        if not any([column[2] for column in info] == ["email"] for info in unique):
            fail(f"the patient table has no unique constraint on email: {unique}")
        keys = sorted((row[3], row[2], row[4]) for row in db.execute('PRAGMA foreign_key_list("appointment")'))
        if keys != APPOINTMENT_KEYS:
            fail(f"the appointment table's foreign keys are {keys}")
        indexes = [row[1] for row in db.execute('PRAGMA index_list("doctor")')]
        if "ix_doctor_specialty" not in indexes:
            fail(f"the doctor table's indexes are {indexes}")
        events = [row[0] for row in db.execute('SELECT "name" FROM "bpc_outbox" ORDER BY rowid')]
        if events != ["Patient.created"] * 161:
            fail(f"the outbox holds {len(events)} events: {sorted(set(events))}")


def psql(database, query):
    result = run([str(POSTGRESQL / "psql"), "-X", "-A", "-t", "-F", "|", "-d", database, "-c", query])
    if result.returncode != 0:
        fail(f"psql failed: {result.stderr}")
    return [line.split("|") for line in result.stdout.splitlines() if line]


def check_postgresql_tables(database):
    columns = dict(psql(database, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'patient'"))
    if columns != PATIENT_COLUMNS["postgresql"]:
        fail(f"the patient table has the columns {columns}, not {PATIENT_COLUMNS['postgresql']}")
    constraints = dict(psql(database, "SELECT conname, contype FROM pg_constraint WHERE conrelid IN ('patient'::regclass, 'appointment'::regclass)"))
    expected = {"pk_patient": "p", "uq_patient_email": "u", "pk_appointment": "p", "fk_appointment_doctor": "f", "fk_appointment_patient": "f"}
    if any(constraints.get(name) != kind for name, kind in expected.items()):
        fail(f"the patient and appointment tables have the constraints {constraints}, not {expected}")
    if ["ix_doctor_specialty"] not in psql(database, "SELECT indexname FROM pg_indexes WHERE tablename = 'doctor'"):
        fail("the doctor table has no index ix_doctor_specialty")
    events = psql(database, 'SELECT "name", count(*) FROM "bpc_outbox" GROUP BY "name"')
    if events != [["Patient.created", "161"]]:
        fail(f"the outbox holds {events}")


def restart_postgresql(url):
    """Restarts the throwaway server of `url` (postgresql_server: its socket folder holds its data)."""
    folder = pathlib.Path(url.split("host=", 1)[1].split("&", 1)[0])
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    result = run(as_user + [str(POSTGRESQL / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-m", "fast", "-w", "restart"])
    if result.returncode != 0:
        fail(f"pg_ctl restart failed\n{result.stdout}\n{result.stderr}")


def check_reconnect(executable, url):
    """A server whose PostgreSQL restarted answers the next request: it connects again."""
    with running_server(executable, {"DATABASE": url}):
        if call("GET", "/api/v1/patients?limit=1")[0] != 200:
            fail("listing patients on PostgreSQL failed")
        restart_postgresql(url)
        status, body = call("GET", "/api/v1/patients?limit=1")
        if status != 200 or call("GET", "/ready")[0] != 200:
            fail(f"after PostgreSQL restarted the server answered {status} {body}")


def check_databases(executable, root):
    database = root / "clinic.db"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{database}{suffix}").unlink(missing_ok=True)
    check_store(executable, str(database))
    check_sqlite_tables(database)
    with postgresql() as url:
        check_store(executable, url)
        check_postgresql_tables(url)
        check_reconnect(executable, url)
    print("sqlite and postgresql: records persist across restarts in the relational schema's tables (columns, unique, "
          "foreign keys, indexes, outbox); 160 concurrent creates all land; a restart of PostgreSQL costs no request")


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
    parser.add_argument("--tidy", action="store_true")
    args = parser.parse_args()
    work = pathlib.Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.blueprint:
        check_blueprint(args.bpc, args.blueprint.resolve(), work, args.compiler, args.sanitize, args.tidy)
    if args.regenerate:
        check_regeneration(args.bpc, args.regenerate.resolve(), work)
    if args.agreement:
        check_agreement(args.bpc, work)


if __name__ == "__main__":
    main()
