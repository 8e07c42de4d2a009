"""`bpc migrate` against real databases: a chain of blueprint versions (shop_v1 -> v2 -> v3 -> v4)
is migrated on SQLite and on a throwaway PostgreSQL 15 server, starting from the tables the v1
Python service makes (SQLAlchemy's create_all from its tables.py) with rows in every table. After
the chain, the schema SQLAlchemy reflects must equal the schema a fresh v4 service makes (tables,
columns with types and nullability, primary keys, foreign keys with their options, unique
constraints and indexes, all with their names), the rows must be there with their values renamed,
filled and mapped as the migrations say, and the v4 service's own mapped classes must read them.
Changes that lose data or cannot be done are refused with their diagnostic and no script.

From an empty blueprint to each hostile blueprint and the largest example, the script must make
the tables the service's create_all makes, on both databases: hostile names survive the DDL.

The same chain through `bpc build --migrate-from` (v2, v3, v4 built in turn into one project)
leaves the three scripts in the v4 project's migrations/, and the v4 service, started on the v1
database, applies them in order and records them; started again it applies nothing; started on an
empty database it makes the v4 tables and records the scripts as applied; a script changed after it
was applied stops it; a script that fails half-way stops it and leaves nothing behind.

Run by ctest (tests/migrate/CMakeLists.txt) with the virtual environment of the python_deps
fixture: python3 migrate_test.py --bpc BPC --source SRC --deps BUILD/python-deps
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "backends" / "python"))
from python_project_test import fail, generate, postgresql_server, venv_for  # noqa: E402

RENAMES_V1_V2 = ["--rename", "Customer=Client", "--rename", "Customer.name=fullName", "--rename", "Status.closed=done"]
ROWS = {"customer": {"name": ["Ada", "Grace"]}, "order": {"status": ["open", "closed"], "note": [None, "gift"]}}


def run(command, stdin=None):
    return subprocess.run(command, capture_output=True, text=True, input=stdin)


def versions(work):
    """The chain's blueprints: v1-v3 from this folder; v4 is v3 without `Client.nickname`."""
    files = [HERE / "shop_v1.bpl", HERE / "shop_v2.bpl", HERE / "shop_v3.bpl"]
    v4 = work / "shop_v4.bpl"
    v4.write_text(files[2].read_text().replace("  nickname: string?\n", "").replace('"3.0.0"', '"4.0.0"'))
    return files + [v4]


def migrate(bpc, old, new, dialect, *extra):
    return run([bpc, "migrate", str(old), str(new), "--dialect", dialect, *extra])


def scripts(bpc, chain, dialect, work):
    """The chain's migration scripts for `dialect`, written by bpc migrate."""
    steps = [(chain[0], chain[1], RENAMES_V1_V2), (chain[1], chain[2], []), (chain[2], chain[3], ["--allow-data-loss"])]
    out = []
    for number, (old, new, extra) in enumerate(steps, 1):
        result = migrate(bpc, old, new, dialect, *extra)
        if result.returncode != 0 or result.stderr:
            fail(f"bpc migrate {old.name} {new.name} --dialect {dialect} exited {result.returncode}\n{result.stderr}")
        path = work / f"{dialect}_{number}.sql"
        path.write_text(result.stdout)
        out.append(path)
    return out


def describe(python, url):
    """The schema SQLAlchemy reflects from the database at `url`."""
    step = run([str(python), str(HERE / "schema_check.py"), "describe", url])
    if step.returncode != 0 or not step.stdout.strip():
        fail(f"reflecting the schema of {url} failed\n{step.stderr[-2000:]}")
    return json.loads(step.stdout)


def check(python, url, fresh_url, v1, v4, migrations):
    helper = str(HERE / "schema_check.py")
    step = run([str(python), helper, "create", str(v1), url], stdin=json.dumps(ROWS))
    if step.returncode != 0:
        fail(f"creating the v1 tables failed\n{step.stderr}")
    for script in migrations:
        step = run([str(python), helper, "apply", url, str(script)])
        if step.returncode != 0:
            fail(f"{script.name} failed on {url}\n{step.stderr}\n{script.read_text()}")
    step = run([str(python), helper, "create", str(v4), fresh_url], stdin="null")
    if step.returncode != 0:
        fail(f"creating the fresh v4 tables failed\n{step.stderr}")
    migrated = describe(python, url)
    fresh = describe(python, fresh_url)
    if migrated != fresh:
        report = []
        for table in sorted(set(migrated) | set(fresh)):
            if migrated.get(table) != fresh.get(table):
                report.append(f"{table}:\n  migrated: {json.dumps(migrated.get(table))}\n  fresh:    {json.dumps(fresh.get(table))}")
        fail(f"the migrated schema is not the fresh v4 schema on {url}\n" + "\n".join(report))
    step = run([str(python), helper, "read", str(v4), url])
    if step.returncode != 0:
        fail(f"the v4 classes cannot read the migrated rows\n{step.stderr}")
    rows = json.loads(step.stdout)
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
    if len(rows.get("order__items", [])) != 2 or rows.get("shipment") != []:
        fail(f"the link rows or the new table are wrong after the migrations: {json.dumps(rows)[:2000]}")
    if any("nickname" in row for row in rows["client"]):
        fail("Client.nickname is still there after v4 dropped it")


def build_chain(bpc, chain, work):
    """The v4 project, built after v2 and v3 into the same folder, each with --migrate-from."""
    out = work / "built"
    steps = [(chain[0], chain[1], RENAMES_V1_V2), (chain[1], chain[2], []), (chain[2], chain[3], ["--allow-data-loss"])]
    for old, new, extra in steps:
        result = run([bpc, "build", str(new), "--target", "python", "--out", str(out), "--migrate-from", str(old), *extra])
        if result.returncode != 0:
            fail(f"bpc build {new.name} --migrate-from {old.name} exited {result.returncode}\n{result.stderr}")
    project = out / "python"
    for dialect in ("sqlite", "postgresql"):
        found = sorted(p.name for p in (project / "migrations" / dialect).glob("*.sql"))
        if found != ["v2.0.0.sql", "v3.0.0.sql", "v4.0.0.sql"]:
            fail(f"the v4 project's migrations/{dialect} holds {found}, not the three scripts of the chain")
    return project


def check_runner(python, url, fresh_url, v1, project):
    helper = str(HERE / "schema_check.py")
    step = run([str(python), helper, "create", str(v1), url], stdin=json.dumps(ROWS))
    if step.returncode != 0:
        fail(f"creating the v1 tables failed\n{step.stderr}")
    everything = ["v2.0.0.sql", "v3.0.0.sql", "v4.0.0.sql"]
    for attempt in ("first", "second"):
        step = run([str(python), helper, "start", str(project), url])
        if step.returncode != 0 or json.loads(step.stdout) != everything:
            fail(f"the v4 service's {attempt} start on the v1 database: {step.stdout}\n{step.stderr}")
    step = run([str(python), helper, "start", str(project), fresh_url])
    if step.returncode != 0 or json.loads(step.stdout) != everything:
        fail(f"the v4 service's start on an empty database: {step.stdout}\n{step.stderr}")
    migrated = describe(python, url)
    fresh = describe(python, fresh_url)
    if migrated != fresh:
        fail(f"the service's migrations did not give the fresh v4 schema on {url}\n{json.dumps(migrated)}\n{json.dumps(fresh)}")
    rows = json.loads(run([str(python), helper, "read", str(project), url]).stdout)
    if sorted(row["fullName"] for row in rows["client"]) != ["Ada", "Grace"]:
        fail(f"the rows did not survive the service's migrations: {rows['client']}")
    # A script that fails half-way changes nothing and is not recorded.
    broken = project / "migrations" / ("sqlite" if url.startswith("sqlite") else "postgresql") / "v9.0.0.sql"
    broken.write_text("BEGIN;\nCREATE TABLE half_done (a TEXT);\nSELECT no_such_column FROM client;\nCOMMIT;\n")
    step = run([str(python), helper, "start", str(project), url])
    broken.unlink()
    if step.returncode == 0 or "no_such_column" not in step.stderr:
        fail(f"a failing script did not stop the service\n{step.stderr[-2000:]}")
    after = describe(python, url)
    if "half_done" in after or after != migrated:
        fail("a failing script left its changes behind")
    step = run([str(python), helper, "start", str(project), url])
    if step.returncode != 0 or json.loads(step.stdout) != everything:
        fail(f"after a failing script, the service did not start as before: {step.stdout}\n{step.stderr[-2000:]}")
    script = project / "migrations" / ("sqlite" if url.startswith("sqlite") else "postgresql") / "v3.0.0.sql"
    original = script.read_text()
    script.write_text(original + "-- edited\n")
    step = run([str(python), helper, "start", str(project), url])
    script.write_text(original)
    if step.returncode == 0 or "v3.0.0.sql changed after it was applied" not in step.stderr:
        fail(f"a script edited after it was applied did not stop the service\n{step.stderr[-2000:]}")


WHOLE_SCHEMAS = ["tests/backends/python/hostile.bpl", "tests/backends/typescript/hostile.bpl", "examples/microapps/suite.bpl"]


def check_whole_schemas(bpc, python, source, work, url_of):
    """`bpc migrate` from an empty blueprint makes the tables create_all makes, names and all."""
    empty = work / "empty.bpl"
    empty.write_text('blueprint Empty { version "0.0.1" }\n')
    helper = str(HERE / "schema_check.py")
    dialect = "sqlite" if url_of("x").startswith("sqlite") else "postgresql"
    for number, blueprint in enumerate(WHOLE_SCHEMAS):
        project = generate(bpc, pathlib.Path(source) / blueprint, work / f"whole{number}")
        result = migrate(bpc, empty, pathlib.Path(source) / blueprint, dialect)
        if result.returncode != 0:
            fail(f"bpc migrate from nothing to {blueprint} exited {result.returncode}\n{result.stderr}")
        script = work / f"whole{number}_{dialect}.sql"
        script.write_text(result.stdout)
        migrated, fresh = url_of(f"whole{number}"), url_of(f"whole{number}_fresh")
        step = run([str(python), helper, "apply", migrated, str(script)])
        if step.returncode != 0:
            fail(f"the script making {blueprint} failed on {dialect}\n{step.stderr[-3000:]}")
        step = run([str(python), helper, "create", str(project), fresh], stdin="null")
        if step.returncode != 0:
            fail(f"create_all of {blueprint} failed\n{step.stderr[-3000:]}")
        if describe(python, migrated) != describe(python, fresh):
            fail(f"bpc migrate's tables for {blueprint} are not create_all's on {dialect}")


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
        with postgresql_server() as url:
            helper = str(HERE / "schema_check.py")
            wholes = [f"whole{n}{suffix}" for n in range(len(WHOLE_SCHEMAS)) for suffix in ("", "_fresh")]
            for database in ("migrated", "fresh", "started", "started_fresh", *wholes):
                created = run([str(python), helper, "createdb", url, database])
                if created.returncode != 0:
                    fail(f"CREATE DATABASE {database} failed\n{created.stderr}")
            check(python, url.replace("/postgres?", "/migrated?"), url.replace("/postgres?", "/fresh?"), v1, v4,
                  scripts(a.bpc, chain, "postgresql", work))
            check_runner(python, url.replace("/postgres?", "/started?"), url.replace("/postgres?", "/started_fresh?"), v1, project)
            check_whole_schemas(a.bpc, python, a.source, work, lambda name: url.replace("/postgres?", f"/{name}?"))
    print("migrate_test: the v1 -> v4 chain gives the fresh v4 schema with the rows kept, on SQLite and PostgreSQL, "
          "by the scripts of bpc migrate and by the v4 service's own migration runner; refused changes are refused")


if __name__ == "__main__":
    main()
