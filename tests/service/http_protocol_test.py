#!/usr/bin/env python3
"""HTTP/1.1 as `bpc serve` speaks it, tried over raw sockets on loopback (the store does not matter
here: the embedded SQLite one): keep-alive and pipelining, `Expect: 100-continue`, chunked request
bodies, HEAD, what the parser refuses (400, 413, 431, 501) and that the client gets to read the
refusal, many more open connections than request threads, slow and idle clients, and a graceful
stop that does not wait for idle keep-alive connections.

Usage: http_protocol_test.py --bpc build/cli/bpc [unittest arguments]"""

import argparse
import json
import os
import socket
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_client import Server  # noqa: E402

BPC = None


class Connection:
    """A raw HTTP/1.1 connection: what is sent goes as it is; answers are parsed as they come."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buffered = b""

    def send(self, data):
        self.sock.sendall(data)

    def closed(self):
        """Whether the server closed the connection (nothing more comes)."""
        return self.buffered == b"" and self.sock.recv(100) == b""

    def close(self):
        self.sock.close()

    def response(self, head_only=False):
        """The next answer: (status, headers with lower-case names, body)."""
        while b"\r\n\r\n" not in self.buffered:
            self._receive()
        head, _, self.buffered = self.buffered.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = 0 if head_only or status in (100, 204, 304) else int(headers.get("content-length", "0"))
        while len(self.buffered) < length:
            self._receive()
        body, self.buffered = self.buffered[:length], self.buffered[length:]
        return status, headers, body

    def _receive(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed after {self.buffered[:200]!r}")
        self.buffered += chunk


class HttpProtocolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        # Two request threads: everything below must work with far more connections than that.
        cls.server = Server(BPC, os.path.join(cls.directory.name, "data"), extra_args=["--threads", "2"]).start()

    @classmethod
    def tearDownClass(cls):
        code, _ = cls.server.stop()
        cls.directory.cleanup()
        assert code == 0, f"bpc serve exited with {code} on SIGTERM"

    def connect(self):
        connection = Connection(self.server.port)
        self.addCleanup(connection.close)
        return connection

    def test_keep_alive_and_pipelining(self):
        connection = self.connect()
        for _ in range(3):
            connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            status, _, body = connection.response()
            self.assertEqual((status, json.loads(body)), (200, {"status": "ok"}))
        # Three requests in one write are answered in order, on the same connection.
        connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" * 2 + b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual([connection.response()[0] for _ in range(3)], [200, 200, 404])

    def test_http_1_0_closes_after_the_answer(self):
        connection = self.connect()
        connection.send(b"GET /healthz HTTP/1.0\r\n\r\n")
        status, _, _ = connection.response()
        self.assertEqual(status, 200)
        self.assertTrue(connection.closed())

    def test_head_gives_the_length_and_no_body(self):
        connection = self.connect()
        connection.send(b"GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
        _, got, body = connection.response()
        connection.send(b"HEAD /v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headed, nothing = connection.response(head_only=True)
        self.assertEqual(status, 200)
        self.assertEqual(headed["content-length"], str(len(body)))
        self.assertEqual(nothing + connection.buffered, b"")
        # ... and the connection goes on.
        connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(connection.response()[0], 200)

    def test_expect_100_continue(self):
        connection = self.connect()
        body = json.dumps({"operation": "check", "source": "entity A {\n  id: uuid @id\n}\n"}).encode()
        connection.send(b"POST /v1/compile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        status, _, _ = connection.response()
        self.assertEqual(status, 100)
        connection.send(body)
        status, _, answer = connection.response()
        self.assertEqual(status, 401, answer)  # the compile endpoint wants a key; the body was read

    def test_an_oversized_body_is_refused_before_it_is_sent(self):
        connection = self.connect()
        connection.send(b"POST /v1/compile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nContent-Length: 999999999999\r\n\r\n")
        status, headers, body = connection.response()
        self.assertEqual(status, 413)
        self.assertEqual(headers["content-type"], "application/problem+json")
        self.assertEqual(json.loads(body)["status"], 413)

    def test_a_client_sending_an_oversized_body_reads_the_refusal(self):
        connection = self.connect()
        body = b"x" * (9 << 20)
        connection.send(b"POST /v1/compile HTTP/1.1\r\nHost: x\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        # Sending the whole body (as most clients do) does not fail: the server reads and drops it.
        connection.send(body)
        self.assertEqual(connection.response()[0], 413)

    def test_chunked_request_bodies_are_read(self):
        connection = self.connect()
        body = json.dumps({"name": "x", "tier": "free"}).encode()
        connection.send(b"POST /v1/tenants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\nAuthorization: Bearer wrong\r\n\r\n" +
                     b"%x\r\n" % 5 + body[:5] + b"\r\n" + b"%x\r\n" % (len(body) - 5) + body[5:] + b"\r\n0\r\n\r\n")
        self.assertEqual(connection.response()[0], 401)
        connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(connection.response()[0], 200)

    def test_refusals(self):
        cases = [
            (b"GARBAGE\r\n\r\n", 400),
            (b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
            (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n", 431),
            (b"BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 501),
            (b"PATCH /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
            (b"POST /v1/compile HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ]
        for request, expected in cases:
            with self.subTest(request=request[:40]):
                connection = self.connect()
                connection.send(request)
                status, headers, body = connection.response()
                self.assertEqual(status, expected, body)
                self.assertTrue(headers["x-request-id"])
                self.assertEqual(json.loads(body)["status"], expected)

    def test_event_streams_hold_no_thread(self):
        # 60 open event streams on a server with 2 request threads: each gets a new event, and
        # other requests are still answered meanwhile.
        tenant = self.server.create_tenant("streams")
        key = self.server.create_key(tenant, "developer")["secret"]
        streams = []
        for _ in range(60):
            stream = self.connect()
            stream.send(b"GET /v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key.encode() + b"\r\n\r\n")
            streams.append(stream)
        for stream in streams:
            status, headers, _ = stream.response(head_only=True)
            self.assertEqual((status, headers["content-type"], headers["transfer-encoding"]),
                             (200, "text/event-stream", "chunked"))
        started = time.monotonic()
        self.assertEqual(self.server.request("GET", "/healthz").status, 200)
        self.assertLess(time.monotonic() - started, 5)
        created = self.server.request("POST", "/v1/blueprints", {"name": "streamed", "source": "entity A {\n  id: uuid @id\n}\n"},
                                      key=key)
        self.assertEqual(created.status, 201, created)
        for stream in streams:
            while b"event: blueprint.drafted" not in stream.buffered:
                stream._receive()

    def test_many_more_connections_than_threads(self):
        # 200 open connections (idle, and one mid-request) do not keep the 2 request threads from
        # answering a new one.
        idle = [self.connect() for _ in range(200)]
        stalled = self.connect()
        stalled.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        for connection in idle[:50]:
            connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        for connection in idle[:50]:
            self.assertEqual(connection.response()[0], 200)
        fresh = self.connect()
        started = time.monotonic()
        fresh.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(fresh.response()[0], 200)
        self.assertLess(time.monotonic() - started, 5)
        stalled.send(b"\r\n")
        self.assertEqual(stalled.response()[0], 200)


class ShutdownTest(unittest.TestCase):
    def test_stop_does_not_wait_for_idle_connections(self):
        with tempfile.TemporaryDirectory() as directory:
            server = Server(BPC, os.path.join(directory, "data")).start()
            idle = [Connection(server.port) for _ in range(20)]
            for connection in idle:
                connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertEqual(connection.response()[0], 200)
            started = time.monotonic()
            code, log = server.stop()
            self.assertEqual(code, 0, log)
            self.assertLess(time.monotonic() - started, 5)
            for connection in idle:
                self.assertTrue(connection.closed())
                connection.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    arguments, rest = parser.parse_known_args()
    BPC = os.path.abspath(arguments.bpc)
    program = unittest.main(argv=[sys.argv[0], *rest], verbosity=2, exit=False)
    sys.exit(0 if program.result.wasSuccessful() else 1)
