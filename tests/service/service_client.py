"""A small client for `bpc serve` in tests: starts a server on a free loopback port over a data
directory, and sends requests with http.client (no third-party packages)."""

import atexit
import hashlib
import http.client
import json
import os
import signal
import subprocess
import threading
import time

OPERATOR_KEY = "op_test_0123456789abcdef0123456789abcdef"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


class Server:
    def __init__(self, bpc, data_dir, extra_args=(), env=None, store=None):
        """`store` (stores.py) gives the database arguments; without one, SQLite in data_dir."""
        self.bpc = bpc
        self.data_dir = data_dir
        self.store = store
        self.extra_args = list(extra_args) + (store.args if store is not None else [])
        self.env = dict(os.environ, BPC_OPERATOR_KEY=OPERATOR_KEY, **(env or {}))
        self.process = None
        self.port = None
        self.log_lines = []

    def start(self):
        self.process = subprocess.Popen(
            [self.bpc, "serve", "--data", self.data_dir, "--listen", "127.0.0.1:0", *self.extra_args],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=self.env, text=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                raise RuntimeError(f"bpc serve exited with {self.process.wait()}: {self.log_lines}")
            self.log_lines.append(line)
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("msg") == "listening":
                self.port = record["port"]
                # A test that dies before stopping its server does not leave it running.
                atexit.register(self._kill)
                # Keep reading the log, or the server would block once the pipe is full.
                self.drain = threading.Thread(target=self._drain, daemon=True)
                self.drain.start()
                return self
        raise RuntimeError("bpc serve did not start listening")

    def _kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()

    def _drain(self):
        for line in self.process.stderr:
            self.log_lines.append(line)

    def stop(self, sig=signal.SIGTERM):
        """Stops the server; returns its exit code and its log after the start."""
        if self.process is None:
            return None, ""
        start = len(self.log_lines)
        self.process.send_signal(sig)
        code = self.process.wait(timeout=30)
        self.drain.join(timeout=10)
        self.process.stderr.close()
        self.process = None
        return code, "".join(self.log_lines[start:])

    def request(self, method, path, body=None, key=None, headers=None, raw=None, content_type="application/json"):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if key is not None:
            sent["Authorization"] = f"Bearer {key}"
        payload = raw
        if body is not None:
            payload = json.dumps(body).encode()
        if payload is not None and content_type:
            sent.setdefault("Content-Type", content_type)
        if payload is None and method in ("POST", "PUT", "PATCH"):
            payload = b""
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        result = Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        connection.close()
        return result

    # ---- conveniences ----
    def create_tenant(self, name, tier="pro"):
        response = self.request("POST", "/v1/tenants", {"name": name, "tier": tier}, key=OPERATOR_KEY)
        assert response.status == 201, response
        return response.json()["id"]

    def create_key(self, tenant, role, key=OPERATOR_KEY):
        response = self.request("POST", f"/v1/tenants/{tenant}/keys", {"name": role, "role": role}, key=key)
        assert response.status == 201, response
        return response.json()


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()
