"""The two stores `bpc serve` runs on, for tests that run once against each: the embedded SQLite
store in a data directory, and a throwaway PostgreSQL 15 cluster (started here on a Unix socket,
one fresh database per server). Each gives the server's extra arguments and lets a test read
the database and the blobs directly."""

import os
import pathlib
import pwd
import shutil
import sqlite3
import subprocess
import tempfile
import uuid

POSTGRESQL = pathlib.Path("/usr/lib/postgresql/15/bin")


class SqliteStore:
    kind = "sqlite"

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.args = []

    def query(self, sql, params=()):
        database = sqlite3.connect(os.path.join(self.data_dir, "service.db"))
        try:
            rows = database.execute(sql, params).fetchall()
            database.commit()
            return rows
        finally:
            database.close()

    def blobs(self, digests):
        """The contents of the blobs with these hashes, by hash."""
        contents = {}
        for digest in digests:
            with open(os.path.join(self.data_dir, "blobs", digest[:2], digest[2:]), encoding="utf-8") as blob:
                contents[digest] = blob.read()
        return contents

    def check_integrity(self):
        return self.query("PRAGMA integrity_check")[0][0] == "ok"


class PostgresStore:
    kind = "postgresql"

    def __init__(self, cluster, data_dir):
        self.cluster = cluster
        self.data_dir = data_dir
        self.database = "bpc_" + uuid.uuid4().hex[:12]
        cluster.psql("postgres", f"CREATE DATABASE {self.database}")
        self.url = f"postgresql:///{self.database}?host={cluster.root}&user=postgres"
        self.args = ["--database", self.url]

    def query(self, sql, params=()):
        # Test-controlled values only: quote them as SQL literals.
        for value in params:
            literal = str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"
            sql = sql.replace("?", literal, 1)
        output = self.cluster.psql(self.database, sql)
        return [tuple(int(cell) if cell.lstrip("-").isdigit() else cell for cell in line.split("\x1f"))
                for line in output.splitlines() if line]

    def blobs(self, digests):
        """The contents of the blobs with these hashes, by hash."""
        # As hex, since psql's rows are lines and a source has many.
        rows = self.query("SELECT hash, encode(convert_to(content, 'UTF8'), 'hex') FROM blobs")
        wanted = set(digests)
        return {digest: bytes.fromhex(str(content)).decode("utf-8") for digest, content in rows if digest in wanted}

    def check_integrity(self):
        return True  # the server was never killed, only bpc was


class PostgresCluster:
    """A throwaway cluster on a Unix socket (no TCP). As root, it runs as the `postgres` user,
    since PostgreSQL refuses to run as root."""

    def __init__(self):
        if not (POSTGRESQL / "initdb").exists():
            raise RuntimeError(f"PostgreSQL 15 is not installed ({POSTGRESQL}): scripts/bootstrap.sh installs it")
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="bpc-serve-pg-"))
        self.as_user = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o755)
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.root / "data"

    def run(self, *command):
        result = subprocess.run(self.as_user + list(command), capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self):
        self.run(str(POSTGRESQL / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--locale=C.UTF-8", "--no-sync")
        settings = f"-k {self.root} -c listen_addresses='' -c max_connections=200 -c fsync=off"
        self.run(str(POSTGRESQL / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-o", settings,
                 "-w", "start")
        return self

    def psql(self, database, sql):
        return self.run("psql", "-X", "-q", "-At", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", "-h", str(self.root),
                        "-U", "postgres", "-d", database, "-c", sql)

    def stop(self):
        self.run(str(POSTGRESQL / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


class Backends:
    """Makes stores of one kind for the tests of a run."""

    def __init__(self, kind):
        self.kind = kind
        self.cluster = None

    def __enter__(self):
        if self.kind == "postgresql":
            self.cluster = PostgresCluster().start()
        return self

    def __exit__(self, *exc):
        if self.cluster is not None:
            self.cluster.stop()

    def new_store(self, data_dir):
        if self.kind == "postgresql":
            return PostgresStore(self.cluster, data_dir)
        return SqliteStore(data_dir)
