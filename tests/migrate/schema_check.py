"""The database side of migrate_test.py, run with the Python interpreter of the generated
projects' virtual environment (SQLAlchemy 2, psycopg 3):

  create PROJECT URL      makes the tables of the project's tables.py (SQLAlchemy's create_all,
                          as the generated service does) and puts two rows in each, with the
                          values of ROWS (JSON on stdin: {"table": {"column": [v1, v2]}}; none
                          when it is `null`)
  apply URL SCRIPT        runs a migration script as `bpc migrate` wrote it
  describe URL            prints the schema as SQLAlchemy reflects it, as JSON: every table's
                          columns, primary key, foreign keys, unique constraints and indexes
  start PROJECT URL       opens the project's SQL store on URL as the service does when it starts
                          (its migrations/ applied, migrations.py) and prints the names recorded
                          in bpc_migrations, as JSON
  createdb URL NAME       creates database NAME on the PostgreSQL server of URL
  read PROJECT URL        reads every row of every table through the project's own mapped
                          classes and prints them as JSON, by table
"""

import datetime
import importlib
import json
import pathlib
import sys
import uuid

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session


def tables_module(project):
    source = pathlib.Path(project) / "src"
    package = next(p.name for p in source.iterdir() if (p / "tables.py").exists())
    sys.path.insert(0, str(source))
    return importlib.import_module(f"{package}.tables")


def sample(column, table, row, rows, overrides):
    given = overrides.get(table.name, {}).get(column.name)
    if given is not None:
        return given[row]
    for key in column.foreign_keys:
        return rows[key.column.table.name][row][key.column.name]
    kind = type(column.type).__name__
    if kind == "String" and column.type.length == 36:
        return str(uuid.UUID(int=len(rows) * 1000 + row + 1))
    if kind == "BigInteger":
        return row
    if kind == "Boolean":
        return row == 0
    if kind == "Double":
        return row + 0.5
    if kind == "Date":
        return datetime.date(2024, 1, row + 1)
    if kind == "DateTime":
        return datetime.datetime(2024, 1, row + 1, 12, tzinfo=datetime.UTC)
    if kind == "JSON":
        return []
    return f"{column.name}-{row + 1}"


def create(project, url):
    overrides = json.load(sys.stdin)
    module = tables_module(project)
    engine = create_engine(url)
    module.Base.metadata.create_all(engine)
    if overrides is None:
        return
    rows = {}
    with engine.begin() as connection:
        for table in module.Base.metadata.sorted_tables:
            rows[table.name] = []
            for row in range(2):
                values = {c.name: sample(c, table, row, rows, overrides) for c in table.columns}
                connection.execute(table.insert().values(values))
                rows[table.name].append(values)


def apply(url, script):
    text = pathlib.Path(script).read_text()
    engine = create_engine(url)
    connection = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            connection.driver_connection.executescript(text)
        else:
            with connection.cursor() as cursor:
                cursor.execute(text)
            connection.commit()
    finally:
        connection.close()


def describe(url):
    inspector = inspect(create_engine(url))
    schema = {}
    for name in sorted(inspector.get_table_names()):
        pk = inspector.get_pk_constraint(name)
        schema[name] = {
            "columns": sorted([c["name"], str(c["type"]), c["nullable"]] for c in inspector.get_columns(name)),
            "primary_key": [pk["name"], pk["constrained_columns"]],
            "foreign_keys": sorted([fk["name"], fk["constrained_columns"], fk["referred_table"], fk["referred_columns"],
                                    sorted(fk.get("options", {}).items())] for fk in inspector.get_foreign_keys(name)),
            "unique": sorted([u["name"], u["column_names"]] for u in inspector.get_unique_constraints(name)),
            "indexes": sorted([i["name"], i["column_names"], i["unique"]] for i in inspector.get_indexes(name)),
        }
    print(json.dumps(schema, indent=1, sort_keys=True))


def start(project, url):
    module = tables_module(project)
    package = module.__name__.rsplit(".", 1)[0]
    sql_store = importlib.import_module(f"{package}.runtime.sql_store")
    model = importlib.import_module(f"{package}.model")
    sql_store.SqlStore(url, module.Base.metadata, model.ENTITIES).close()
    with create_engine(url).connect() as connection:
        names = [row[0] for row in connection.exec_driver_sql("SELECT name FROM bpc_migrations ORDER BY name")]
    print(json.dumps(names))


def createdb(url, name):
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')


def read(project, url):
    module = tables_module(project)
    out = {}
    with Session(create_engine(url)) as session:
        for mapper in sorted(module.Base.registry.mappers, key=lambda m: m.local_table.name):
            records = session.scalars(select(mapper.class_)).all()
            out[mapper.local_table.name] = [
                {c.name: getattr(record, attribute.key) for attribute in mapper.column_attrs for c in attribute.columns}
                for record in records
            ]
    print(json.dumps(out, indent=1, sort_keys=True, default=str))


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"create": create, "apply": apply, "describe": describe, "createdb": createdb, "read": read, "start": start}[command](*arguments)
