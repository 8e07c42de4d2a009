"""`bpc migrate` against real databases: a chain of blueprint versions (shop_v1 -> v2 -> v3 -> v4)
is migrated on SQLite and on a throwaway PostgreSQL 15 server, starting from the tables the v1
Python service makes (SQLAlchemy's create_all from its tables.py) with rows in every table. After
the chain, the schema SQLAlchemy reflects must equal the schema a fresh v4 service makes (tables,
columns with types and nullability, primary keys, foreign keys with their options, unique
constraints and indexes, all with their names), the rows must be there with their values renamed,
filled and mapped as the migrations say, and the v4 service's own mapped classes must read them.
Changes that lose data or cannot be done are refused with their diagnostic and no script.

From an empty blueprint to each hostile blueprint and every example, the script must make the
tables the service's create_all makes, on both databases: hostile names survive the DDL.

The same chain through `bpc build --migrate-from` (v2, v3, v4 built in turn into one project)
leaves the three scripts in the v4 project's migrations/, and the v4 service, started on the v1
database, applies them in order and records them; started again it applies nothing; started on an
empty database it makes the v4 tables and records the scripts as applied; a script changed after it
was applied stops it; a script that fails half-way stops it and leaves nothing behind.

The C++ and TypeScript services of v4 (built from the same chain, --target cpp and --target
typescript) keep the same tables: each, started on the v1 database a Python service made, applies
the same three scripts, serves the migrated rows (list references from their link table), writes
an order whose date-time the Python v4 classes read back, starts again without applying anything,
and leaves the schema its start on an empty database makes — which is the schema the Python v4
service makes, outbox and migration records included. (The C++ runner's failure cases are the
generated C++ project's own tests, tests/migrations_test.cpp.)

Run by ctest (tests/migrate/CMakeLists.txt) with the virtual environment of the python_deps
fixture and the npm packages of the typescript_deps one:
python3 migrate_test.py --bpc BPC --source SRC --deps BUILD/python-deps --typescript-deps BUILD/typescript-deps
"""

import argparse
import contextlib
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "backends" / "python"))
from python_project_test import fail, generate, postgresql_server, venv_for  # noqa: E402

sys.path.insert(0, str(HERE.parents[0] / "backends" / "typescript"))
import typescript_project_test  # noqa: E402

sys.path.insert(0, str(HERE.parents[0] / "backends"))
from store_checks import free_port  # noqa: E402

RENAMES_V1_V2 = ["--rename", "Customer=Client", "--rename", "Customer.name=fullName", "--rename", "Status.closed=done"]
ROWS = {"customer": {"name": ["Ada", "Grace"]}, "order": {"status": ["open", "closed"], "note": [None, "gift"]}}


def run(command, stdin=None):
    return subprocess.run(command, capture_output=True, text=True, input=stdin)


def versions(work):
    """The chain's blueprints: v1-v3 from this folder; v4 is v3 without `Client.nickname`, with a
    new required date-time with a default, and an API that reads clients and orders."""
    files = [HERE / "shop_v1.bpl", HERE / "shop_v2.bpl", HERE / "shop_v3.bpl"]
    v4 = work / "shop_v4.bpl"
    api = 'api ShopApi at "/api" {\n  resource Client { list, get }\n  resource Order { list, get, create }\n}\n'
    since = '  country: string?\n  since: datetime = "2024-05-01T09:30:00+02:00"\n'
    v4.write_text(files[2].read_text().replace("  nickname: string?\n", "").replace("  country: string?\n", since)
                  .replace('"3.0.0"', '"4.0.0"') + api)
    return files + [v4]


def migrate(bpc, old, new, dialect, *extra):
    return run([bpc, "migrate", str(old), str(new), "--dialect", dialect, *extra])


def chain_steps(chain):
    """(old, new, extra arguments) of each step of the chain."""
    return [(chain[0], chain[1], RENAMES_V1_V2), (chain[1], chain[2], []), (chain[2], chain[3], ["--allow-data-loss"])]


def scripts(bpc, chain, dialect, work):
    """The chain's migration scripts for `dialect`, written by bpc migrate."""
    out = []
    for number, (old, new, extra) in enumerate(chain_steps(chain), 1):
        result = migrate(bpc, old, new, dialect, *extra)
        if result.returncode != 0 or result.stderr:
            fail(f"bpc migrate {old.name} {new.name} --dialect {dialect} exited {result.returncode}\n{result.stderr}")
        path = work / f"{dialect}_{number}.sql"
        path.write_text(result.stdout)
        out.append(path)
    return out

def dialect_of(url):
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def schema_check(python, *arguments, stdin=None, what):
    """Runs schema_check.py in the projects' environment: its output, or the test fails with `what`."""
    step = run([str(python), str(HERE / "schema_check.py"), *map(str, arguments)], stdin=stdin)
    if step.returncode != 0:
        fail(f"{what} failed\n{step.stderr[-3000:]}")
    return step.stdout


def refused_start(python, project, url):
    """The error of a start of the project's service that must fail."""
    step = run([str(python), str(HERE / "schema_check.py"), "start", str(project), url])
    return "" if step.returncode == 0 else step.stderr


def describe(python, url):
    """The schema SQLAlchemy reflects from the database at `url`."""
    out = schema_check(python, "describe", url, what=f"reflecting the schema of {url}")
    if not out.strip():
        fail(f"reflecting the schema of {url} gave nothing")
    return json.loads(out)


def expect_same_schema(python, url, fresh_url, what):
    """The schema at `url`, which must be the one at `fresh_url`; the tables that differ otherwise."""
    migrated, fresh = describe(python, url), describe(python, fresh_url)
    if migrated != fresh:
        report = [f"{table}:\n  migrated: {json.dumps(migrated.get(table))}\n  fresh:    {json.dumps(fresh.get(table))}"
                  for table in sorted(set(migrated) | set(fresh)) if migrated.get(table) != fresh.get(table)]
        fail(f"{what}: the schema at {url} is not the fresh one\n" + "\n".join(report))
    return migrated

def check(python, url, fresh_url, v1, v4, migrations):
    schema_check(python, "create", v1, url, stdin=json.dumps(ROWS), what="creating the v1 tables")
    for script in migrations:
        schema_check(python, "apply", url, script, what=f"{script.name} on {url}")
    schema_check(python, "create", v4, fresh_url, stdin="null", what="creating the fresh v4 tables")
    expect_same_schema(python, url, fresh_url, "the v1 -> v4 scripts of bpc migrate")
    rows = json.loads(schema_check(python, "read", v4, url, what="reading the migrated rows with the v4 classes"))
    expect = {
        ("client", "fullName"): ["Ada", "Grace"],   # renamed table and column, values kept
        ("client", "vip"): [False, False],          # added, required: its default
        ("order", "status"): ["done", "open"],      # enum value renamed by the hint
        ("order", "note"): ["", "gift"],            # required in v2 (null filled with ""), optional again in v3
        ("product", "stock"): [0, 0],               # added in v3 with its default
        ("product", "tags"): [[], []],              # a JSON default
        ("product", "weight"): [1.5, 1.5],
        ("product", "active"): [True, True],
    }
    for (table, column), values in expect.items():
        found = sorted((row[column] for row in rows.get(table, [])), key=lambda v: (v is None, str(v)))
        if found != values:
            fail(f"{table}.{column} after the migrations: expected {values}, found {found}")
    since = sorted(datetime.datetime.fromisoformat(row["since"]).astimezone(datetime.UTC).isoformat() for row in rows["client"])
    if since != ["2024-05-01T07:30:00+00:00"] * 2:
        fail(f"client.since, added in v4 with a date-time default, holds {since}")
    if len(rows.get("order__items", [])) != 2 or rows.get("shipment") != []:
        fail(f"the link rows or the new table are wrong after the migrations: {json.dumps(rows)[:2000]}")
    if any("nickname" in row for row in rows["client"]):
        fail("Client.nickname is still there after v4 dropped it")


def build_chain(bpc, chain, work):
    """The v4 project, built after v2 and v3 into the same folder, each with --migrate-from."""
    out = work / "built"
    for old, new, extra in chain_steps(chain):
        result = run([bpc, "build", str(new), "--target", "python", "--target", "cpp", "--target", "typescript", "--out", str(out),
                      "--migrate-from", str(old), *extra])
        if result.returncode != 0:
            fail(f"bpc build {new.name} --migrate-from {old.name} exited {result.returncode}\n{result.stderr}")
    for target in ("python", "cpp", "typescript"):
        for dialect in ("sqlite", "postgresql"):
            found = sorted(p.name for p in (out / target / "migrations" / dialect).glob("*.sql"))
            if found != ["v2.0.0.sql", "v3.0.0.sql", "v4.0.0.sql"]:
                fail(f"the v4 {target} project's migrations/{dialect} holds {found}, not the three scripts of the chain")
    return out / "python"


def build_cpp(project, work):
    """The C++ v4 server (tests off, unoptimised), built with ccache when there is one."""
    build = work / "cpp-build"
    configure = ["cmake", "-S", str(project), "-B", str(build), "-G", "Ninja", "-DBUILD_TESTING=OFF"]  # unoptimised: it builds faster
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    for command in (configure, ["cmake", "--build", str(build), "-j", "2"]):
        result = run(command)
        if result.returncode != 0:
            fail(f"building the C++ v4 service failed: {' '.join(command)}\n{result.stdout[-10000:]}\n{result.stderr[-3000:]}")
    return build / "shop"


def build_typescript(project, deps_root):
    """The TypeScript v4 service compiled (strict tsc) with the shared npm packages: its command."""
    deps = typescript_project_test.deps_for(deps_root.resolve(), project)
    (project / "node_modules").symlink_to(deps / "node_modules", target_is_directory=True)
    result = run([str(deps / "node_modules" / ".bin" / "tsc"), "-p", str(project / "tsconfig.json")])
    if result.returncode != 0:
        fail(f"tsc failed on the TypeScript v4 service\n{result.stdout[-10000:]}\n{result.stderr[-3000:]}")
    return ["node", str(project / "dist" / "src" / "server.js")]


@contextlib.contextmanager
def serving(name, command, database):
    """The v4 service `name` of `command` on a free loopback port (yielded) with DATABASE; its log
    in a file, never an undrained pipe."""
    port = free_port()
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(command, env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "DATABASE": database},
                              stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(400):
            if server.poll() is not None:
                log.seek(0)
                fail(f"the {name} service on {database} exited {server.returncode}: {log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        else:
            fail(f"the {name} service on {database} did not answer")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def call(name, port, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        fail(f"the {name} service answered {method} {path} with {error.code}: {error.read()[:2000]}")


def check_service_runner(python, name, command, project, urls, v1):
    """The v4 service `name` (C++ or TypeScript) of `command` on the v1 database. `urls`: (SQLAlchemy
    URL, the service's DATABASE) of the v1 database, of an empty one for that service and of an
    empty one for the Python v4 service of `project`."""
    (url, database), (own_fresh, own_fresh_database), (python_fresh, _) = urls
    schema_check(python, "create", v1, url, stdin=json.dumps(ROWS), what=f"creating the v1 tables for the {name} service")
    with serving(name, command, database) as port:
        clients = call(name, port, "GET", "/api/clients")["items"]
        orders = call(name, port, "GET", "/api/orders")["items"]
    if sorted((c["fullName"], c["vip"], c["since"]) for c in clients) != [("Ada", False, "2024-05-01T07:30:00Z"), ("Grace", False, "2024-05-01T07:30:00Z")]:
        fail(f"the {name} service reads the migrated clients as {clients}")
    if sorted(o["status"] for o in orders) != ["done", "open"] or sum(len(o["items"]) for o in orders) != 2:
        fail(f"the {name} service reads the migrated orders as {orders}")
    # A record the service writes is one the Python service reads: a date-time in particular.
    with serving(name, command, database) as port:
        order = call(name, port, "POST", "/api/orders", {"customer": clients[0]["id"], "items": [], "placedAt": "2024-03-01T10:30:00.25+01:00"})
        if order["placedAt"] != "2024-03-01T09:30:00.250000Z" or call(name, port, "GET", f"/api/orders/{order['id']}") != order:
            fail(f"the {name} service wrote and read back the order {order}")
    rows = json.loads(schema_check(python, "read", project, url, what=f"reading the {name} service's rows with the Python v4 classes"))
    placed = [row["placedAt"] for row in rows["order"] if row["id"] == order["id"]]
    if placed != ["2024-03-01 09:30:00.250000+00:00"] and placed != ["2024-03-01 09:30:00.250000"]:
        fail(f"the Python v4 classes read the {name} service's date-time as {placed}")
    with serving(name, command, database):  # a second start applies nothing (v2 again would fail)
        pass
    with serving(name, command, own_fresh_database):
        pass
    schema_check(python, "start", project, python_fresh, what="the Python v4 service's start on an empty database")
    migrated = expect_same_schema(python, url, own_fresh, f"the {name} v4 service's migrations of the v1 database")
    if describe(python, python_fresh) != migrated:
        fail(f"the {name} v4 service's tables are not the Python v4 service's")

def check_runner(python, url, fresh_url, v1, project):
    schema_check(python, "create", v1, url, stdin=json.dumps(ROWS), what="creating the v1 tables")
    everything = ["v2.0.0.sql", "v3.0.0.sql", "v4.0.0.sql"]

    def expect_start(database, what):
        recorded = json.loads(schema_check(python, "start", project, database, what=what))
        if recorded != everything:
            fail(f"{what} recorded {recorded}, not {everything}")

    expect_start(url, "the v4 service's first start on the v1 database")
    expect_start(url, "the v4 service's second start on the v1 database")
    expect_start(fresh_url, "the v4 service's start on an empty database")
    migrated = expect_same_schema(python, url, fresh_url, "the v4 service's migrations")
    rows = json.loads(schema_check(python, "read", project, url, what="reading the rows the service migrated"))
    if sorted(row["fullName"] for row in rows["client"]) != ["Ada", "Grace"]:
        fail(f"the rows did not survive the service's migrations: {rows['client']}")
    folder = project / "migrations" / dialect_of(url)
    # A script that fails half-way changes nothing and is not recorded.
    broken = folder / "v9.0.0.sql"
    broken.write_text("BEGIN;\nCREATE TABLE half_done (a TEXT);\nSELECT no_such_column FROM client;\nCOMMIT;\n")
    error = refused_start(python, project, url)
    broken.unlink()
    if "no_such_column" not in error:
        fail(f"a failing script did not stop the service\n{error[-2000:]}")
    if describe(python, url) != migrated:
        fail("a failing script left its changes behind")
    expect_start(url, "the v4 service's start after a failing script")
    script = folder / "v3.0.0.sql"
    original = script.read_text()
    script.write_text(original + "-- edited\n")
    error = refused_start(python, project, url)
    script.write_text(original)
    if "v3.0.0.sql changed after it was applied" not in error:
        fail(f"a script edited after it was applied did not stop the service\n{error[-2000:]}")

# The hostile blueprints and every example: from nothing, each example's first migration.
WHOLE_SCHEMAS = ["tests/backends/python/hostile.bpl", "tests/backends/typescript/hostile.bpl", "examples/clinic.bpl", "examples/crm/crm.bpl",
                 "examples/inventory/inventory.bpl", "examples/microapps/suite.bpl", "examples/tracker/tracker.bpl"]


def check_whole_schemas(bpc, python, source, work, url_of):
    """`bpc migrate` from an empty blueprint makes the tables create_all makes, names and all."""
    empty = work / "empty.bpl"
    empty.write_text('blueprint Empty { version "0.0.1" }\n')
    dialect = dialect_of(url_of("x"))
    for number, blueprint in enumerate(WHOLE_SCHEMAS):
        project = generate(bpc, pathlib.Path(source) / blueprint, work / f"whole{number}")
        result = migrate(bpc, empty, pathlib.Path(source) / blueprint, dialect)
        if result.returncode != 0:
            fail(f"bpc migrate from nothing to {blueprint} exited {result.returncode}\n{result.stderr}")
        script = work / f"whole{number}_{dialect}.sql"
        script.write_text(result.stdout)
        migrated, fresh = url_of(f"whole{number}"), url_of(f"whole{number}_fresh")
        schema_check(python, "apply", migrated, script, what=f"the script making {blueprint} on {dialect}")
        schema_check(python, "create", project, fresh, stdin="null", what=f"create_all of {blueprint}")
        expect_same_schema(python, migrated, fresh, f"bpc migrate's tables for {blueprint}")


def refusals(bpc, chain, work):
    """Changes that lose data or cannot be done: refused with their code, nothing on stdout."""
    v3 = chain[2].read_text()
    cases = [
        ("entity renamed without a hint", chain[0], chain[1], [], "BP3101"),
        ("field removed", chain[2], chain[3], [], "BP3102"),
        ("new required field without default", chain[2], "  nickname: string?\n  phone: string\n", [], "BP3103"),
        ("column type changed", chain[2], "  price: float\n", [], "BP3104"),
        ("enum value removed", chain[2], "enum Status { open, done }", [], "BP3105"),
        ("hint naming nothing", chain[0], chain[1], ["--rename", "Nobody=Client"], "BP3106"),
    ]
    for name, old, new, extra, code in cases:
        if isinstance(new, str):
            path = work / f"refused_{code}.bpl"
            text = (v3.replace("enum Status { open, shipped, done }", new) if new.startswith("enum")
                    else v3.replace("  price: decimal\n", new) if "price" in new
                    else v3.replace("  nickname: string?\n", new))
            path.write_text(text)
            new = path
        for dialect in ("sqlite", "postgresql"):
            result = migrate(bpc, old, new, dialect, *extra)
            if result.returncode != 1 or f"[{code}]" not in result.stderr or result.stdout:
                fail(f"{name} ({dialect}): expected exit 1 with {code} and no script, got {result.returncode}\n"
                     f"{result.stderr}\n{result.stdout}")
    # --allow-data-loss lets the removal through.
    result = migrate(bpc, chain[2], chain[3], "sqlite", "--allow-data-loss")
    if result.returncode != 0 or "DROP TABLE" not in result.stdout:
        fail(f"--allow-data-loss did not write the rebuild that drops Client.nickname\n{result.stderr}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--deps", required=True)
    parser.add_argument("--typescript-deps", required=True)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bpc-migrate-") as temporary:
        work = pathlib.Path(temporary)
        chain = versions(work)
        refusals(a.bpc, chain, work)
        v1 = generate(a.bpc, chain[0], work / "v1")
        v4 = generate(a.bpc, chain[3], work / "v4")
        python = venv_for(pathlib.Path(a.deps), v1) / "bin" / "python"
        check(python, f"sqlite:///{work / 'migrated.db'}", f"sqlite:///{work / 'fresh.db'}", v1, v4,
              scripts(a.bpc, chain, "sqlite", work))
        check_whole_schemas(a.bpc, python, a.source, work, lambda name: f"sqlite:///{work / (name + '.db')}")
        project = build_chain(a.bpc, chain, work)
        check_runner(python, f"sqlite:///{work / 'started.db'}", f"sqlite:///{work / 'started-fresh.db'}", v1, project)
        services = {"C++": [str(build_cpp(work / "built" / "cpp", work))],
                    "TypeScript": build_typescript(work / "built" / "typescript", pathlib.Path(a.typescript_deps))}
        for n, (name, command) in enumerate(services.items()):
            check_service_runner(python, name, command, project,
                                 [(f"sqlite:///{work / db}", str(work / db)) for db in (f"own{n}.db", f"own{n}-fresh.db", f"py{n}-fresh.db")], v1)
        with postgresql_server() as url:
            wholes = [f"whole{n}{suffix}" for n in range(len(WHOLE_SCHEMAS)) for suffix in ("", "_fresh")]
            owns = [f"{kind}{n}" for n in range(len(services)) for kind in ("own", "own_fresh_", "py_fresh_")]
            for database in ("migrated", "fresh", "started", "started_fresh", *owns, *wholes):
                schema_check(python, "createdb", url, database, what=f"CREATE DATABASE {database}")
            check(python, url.replace("/postgres?", "/migrated?"), url.replace("/postgres?", "/fresh?"), v1, v4,
                  scripts(a.bpc, chain, "postgresql", work))
            check_runner(python, url.replace("/postgres?", "/started?"), url.replace("/postgres?", "/started_fresh?"), v1, project)
            check_whole_schemas(a.bpc, python, a.source, work, lambda name: url.replace("/postgres?", f"/{name}?"))
            libpq = url.replace("postgresql+psycopg://", "postgresql://", 1)
            for n, (name, command) in enumerate(services.items()):
                check_service_runner(python, name, command, project,
                                     [(url.replace("/postgres?", f"/{db}?"), libpq.replace("/postgres?", f"/{db}?"))
                                      for db in (f"own{n}", f"own_fresh_{n}", f"py_fresh_{n}")], v1)
    print("migrate_test: the v1 -> v4 chain gives the fresh v4 schema with the rows kept, on SQLite and PostgreSQL, "
          "by the scripts of bpc migrate and by the v4 Python, C++ and TypeScript services' own migration runners; "
          "refused changes are refused")


if __name__ == "__main__":
    main()
