"""The clinic's relational store, as every target's service keeps it: run by the C++ and TypeScript
project tests (the Python service's own tests cover its store). A server started on an SQLite file
and on a throwaway PostgreSQL server keeps its records across restarts, answers a unique clash with
409 naming the field, lands every one of 160 concurrent creates, keeps them in the tables of bpc's
relational schema (columns and types, unique constraints, foreign keys, indexes and the outbox, as
the Python service makes them), and answers the next request after PostgreSQL restarts.
"""

import concurrent.futures
import contextlib
import json
import os
import pathlib
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import sys
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "python"))
from build_examples import run  # noqa: E402
from python_project_test import POSTGRESQL, fail, postgresql_server  # noqa: E402

def free_port():
    """A port nothing listens on now, from the kernel's ephemeral range: each server start gets its
    own, so tests running side by side never meet, and no port is reused while it may linger."""
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running server on a loopback port."""

    def __init__(self, process, port):
        self.process = process
        self.port = port

    def call(self, method, path, body=None):
        """Calls the server as the development caller `admin`: the status and the JSON answer."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Authorization": "Bearer admin", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@contextlib.contextmanager
def running_server(command, env):
    """The server of `command` on a free loopback port with the development token `admin` (Admin),
    stopped by SIGTERM. Its output (a JSON log line per request) goes to a file, never a pipe that
    nobody reads while it runs."""
    port = free_port()
    output = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(command, env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "BPC_DEV_TOKENS": "admin=Admin", **env},
                               stdout=output, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5):
                    break
            except urllib.error.URLError:
                if process.poll() is not None:
                    output.seek(0)
                    fail(f"the server exited {process.returncode}: {output.read()[-5000:]}")
                time.sleep(0.05)
        else:
            fail("the server did not answer")
        yield Server(process, port)
    finally:
        process.terminate()
        if process.wait(timeout=10) != 0:
            output.seek(0)
            fail(f"the server did not stop cleanly on SIGTERM: exit {process.returncode}: {output.read()[-5000:]}")
        output.close()


def check_store(command, database):
    """With DATABASE, the server keeps its records across restarts; concurrent writers all land."""
    patient = {"name": "Ada", "email": "ada@example.com", "tags": ["vip"], "address": {"line1": "1 Main St", "city": "Oslo", "country": "NO"}}
    with running_server(command, {"DATABASE": database}) as server:
        status, created = server.call("POST", "/api/v1/patients", patient)
        if status != 201:
            fail(f"creating a patient on {database} answered {status} {created}")
        status, clash = server.call("POST", "/api/v1/patients", {**patient, "name": "Bob"})
        if status != 409 or clash["errors"][0]["field"] != "email":
            fail(f"a second patient with the same e-mail answered {status} {clash}")
    with running_server(command, {"DATABASE": database}) as server:
        status, found = server.call("GET", f"/api/v1/patients/{created['id']}")
        if status != 200 or found != created:
            fail(f"after a restart the patient is {status} {found}, not {created}")
        status, page = server.call("GET", "/api/v1/patients?sort=-email")
        if status != 200 or page["total"] != 1:
            fail(f"after a restart the list is {status} {page}")
        # Concurrent writers and readers: every create lands once, nothing answers 500.
        def writer(n):
            answers = []
            for i in range(20):
                answers.append(server.call("POST", "/api/v1/patients", {"name": f"P{n}-{i}", "email": f"p{n}-{i}@example.com"})[0])
                answers.append(server.call("GET", "/api/v1/patients?limit=5")[0])
            return answers
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            statuses = [status for answers in pool.map(writer, range(8)) for status in answers]
        if statuses.count(201) != 160 or statuses.count(200) != 160:
            fail(f"concurrent requests answered {sorted(set(statuses))}: {statuses.count(201)} creates of 160")
        status, page = server.call("GET", "/api/v1/patients?limit=1")
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


def check_reconnect(command, url):
    """A server whose PostgreSQL restarted answers the next request: it connects again."""
    with running_server(command, {"DATABASE": url}) as server:
        if server.call("GET", "/api/v1/patients?limit=1")[0] != 200:
            fail("listing patients on PostgreSQL failed")
        restart_postgresql(url)
        status, body = server.call("GET", "/api/v1/patients?limit=1")
        if status != 200 or server.call("GET", "/ready")[0] != 200:
            fail(f"after PostgreSQL restarted the server answered {status} {body}")


def check_databases(name, command, root):
    """The clinic's service `name` of `command` on an SQLite file in `root` and on a throwaway
    PostgreSQL server."""
    database = root / "clinic.db"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{database}{suffix}").unlink(missing_ok=True)
    check_store(command, str(database))
    check_sqlite_tables(database)
    with postgresql_server() as sqlalchemy_url:
        url = sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://", 1)
        check_store(command, url)
        check_postgresql_tables(url)
        check_reconnect(command, url)
    print(f"{name}, on sqlite and postgresql: records persist across restarts in the relational schema's tables (columns, unique, "
          "foreign keys, indexes, outbox); 160 concurrent creates all land; a restart of PostgreSQL costs no request")
