#!/usr/bin/env python3
"""End-to-end tests of `bpc serve` over real HTTP on loopback, on its embedded SQLite store or
(--postgres) on a throwaway PostgreSQL cluster started here: tenants,
keys and roles, blueprints and versions, the review lifecycle, tags, diffs, events (with an SSE
stream resumed by Last-Event-ID), the compile endpoint, quotas under concurrent requests, rate
limits, idempotency keys, tenant isolation on every endpoint, hostile requests, graceful
shutdown, and a kill -9 during writes.

Usage: service_test.py --bpc build/cli/bpc [--postgres] [unittest arguments]"""

import argparse
import concurrent.futures
import hashlib
import hmac
import http.server
import http.client
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_client import OPERATOR_KEY, Server, sha256  # noqa: E402
from stores import Backends  # noqa: E402

BPC = None
STORES = None  # stores.Backends: SQLite or PostgreSQL for the whole run


def new_server(data_dir):
    return Server(BPC, data_dir, store=STORES.new_store(data_dir))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLINIC = open(os.path.join(ROOT, "examples", "clinic.bpl"), encoding="utf-8").read()
SMALL = 'blueprint Shop { version "1.0.0" }\n\nentity Order {\n  id: uuid @id\n  total: int\n}\n'
SMALL_BREAKING = 'blueprint Shop { version "1.1.0" }\n\nentity Order {\n  id: uuid @id\n  total: string\n}\n'
BROKEN = 'blueprint Shop { version "1.0.0" }\n\nentity Order {\n  id: uuid @id\n  total: nosuchtype\n}\n'


class ServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.server = new_server(os.path.join(cls.directory.name, "data")).start()

    @classmethod
    def tearDownClass(cls):
        code, _ = cls.server.stop()
        cls.directory.cleanup()
        assert code == 0, f"bpc serve exited with {code} on SIGTERM"

    def tenant_with_keys(self, tier="pro"):
        tenant = self.server.create_tenant(f"tenant-{random.randrange(10**9)}", tier)
        keys = {role: self.server.create_key(tenant, role)["secret"]
                for role in ("owner", "admin", "developer", "viewer")}
        return tenant, keys

    def create_blueprint(self, key, name, source=SMALL, headers=None):
        return self.server.request("POST", "/v1/blueprints", {"name": name, "source": source, "message": "first"},
                                   key=key, headers=headers)

    # ---- health, readiness, metrics ------------------------------------------------------
    def test_health_readiness_and_metrics(self):
        self.assertEqual(self.server.request("GET", "/healthz").json(), {"status": "ok"})
        ready = self.server.request("GET", "/readyz")
        self.assertEqual(ready.status, 200)
        self.assertEqual(ready.json()["schemaVersion"], 6)
        metrics = self.server.request("GET", "/metrics")
        self.assertEqual(metrics.status, 200)
        self.assertIn("bpc_http_requests_total{route=\"/readyz\",method=\"GET\",status=\"200\"}", metrics.body.decode())
        self.assertIn("bpc_http_request_duration_seconds_bucket", metrics.body.decode())
        for gauge in ("bpc_jobs_queued", "bpc_jobs_running", "bpc_jobs_oldest_queued_seconds"):
            self.assertIn(f"\n{gauge} ", metrics.body.decode())

    # ---- keys and roles ------------------------------------------------------------------
    def test_authentication_and_roles(self):
        tenant, keys = self.tenant_with_keys()
        self.assertEqual(self.server.request("GET", "/v1/blueprints").status, 401)
        self.assertEqual(self.server.request("GET", "/v1/blueprints", key="bpc_nope_nope").status, 401)
        problem = self.server.request("GET", "/v1/blueprints", key="x" * 10000)
        self.assertIn(problem.status, (400, 401, 431))
        # The operator administers tenants and acts for none.
        self.assertEqual(self.server.request("GET", "/v1/blueprints", key=OPERATOR_KEY).status, 403)
        self.assertEqual(self.server.request("GET", "/v1/tenants", key=keys["owner"]).status, 403)
        # A viewer reads, a developer writes, an admin reviews.
        self.assertEqual(self.server.request("GET", "/v1/blueprints", key=keys["viewer"]).status, 200)
        self.assertEqual(self.create_blueprint(keys["viewer"], "nope").status, 403)
        created = self.create_blueprint(keys["developer"], "orders")
        self.assertEqual(created.status, 201, created)
        blueprint = created.json()["id"]
        self.assertEqual(self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", key=keys["developer"]).status, 403)
        self.assertEqual(self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", key=keys["admin"]).status, 200)
        # Keys never grant more than their maker holds.
        escalation = self.server.request("POST", f"/v1/tenants/{tenant}/keys", {"name": "x", "role": "owner"}, key=keys["admin"])
        self.assertEqual(escalation.status, 403)
        made = self.server.create_key(tenant, "developer", key=keys["admin"])
        self.assertTrue(made["secret"].startswith("bpc_"))
        listed = self.server.request("GET", f"/v1/tenants/{tenant}/keys", key=keys["admin"]).json()["items"]
        self.assertTrue(all("secret" not in key for key in listed))
        self.assertIn(made["id"], [key["id"] for key in listed])
        # A revoked key stops working at once.
        self.assertEqual(self.server.request("DELETE", f"/v1/tenants/{tenant}/keys/{made['id']}", key=keys["admin"]).status, 204)
        self.assertEqual(self.server.request("GET", "/v1/blueprints", key=made["secret"]).status, 401)
        self.assertEqual(self.server.request("DELETE", f"/v1/tenants/{tenant}/keys/{made['id']}", key=keys["admin"]).status, 404)

    def test_keys_are_stored_hashed(self):
        tenant, keys = self.tenant_with_keys()
        stored = [row[0] for row in self.server.store.query("SELECT secret_hash FROM api_keys WHERE tenant_id = ?", (tenant,))]
        self.assertEqual(len(stored), 4)
        for secret in keys.values():
            self.assertNotIn(secret, stored)
            self.assertIn(sha256(secret), stored)

    # ---- blueprints and versions ---------------------------------------------------------
    def test_versions_are_immutable_content_addressed_and_validated(self):
        _, keys = self.tenant_with_keys()
        created = self.create_blueprint(keys["developer"], "clinic", CLINIC)
        self.assertEqual(created.status, 201, created)
        body = created.json()
        blueprint = body["id"]
        self.assertEqual(body["status"], "draft")
        self.assertEqual(body["version"]["number"], 1)
        self.assertEqual(body["version"]["hash"], sha256(CLINIC))
        self.assertEqual(body["version"]["errors"], 0)
        self.assertEqual(created.header("location"), f"/v1/blueprints/{blueprint}")
        etag = created.header("etag")

        # A save with errors is stored, with its diagnostics.
        broken = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions",
                                     {"source": BROKEN, "message": "oops"}, key=keys["developer"], headers={"If-Match": etag})
        self.assertEqual(broken.status, 201, broken)
        version = broken.json()["version"]
        self.assertEqual(version["parent"], 1)
        self.assertGreater(version["errors"], 0)
        codes = [d["code"] for d in version["diagnostics"]["diagnostics"]]
        self.assertIn("BP2002", codes)  # unknown type
        self.assertEqual(version["diagnostics"]["diagnostics"][0]["span"]["file"], "clinic.bpl")

        # A stale If-Match is 412; an ETag of another blueprint too.
        stale = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL},
                                    key=keys["developer"], headers={"If-Match": etag})
        self.assertEqual(stale.status, 412)
        self.assertEqual(stale.header("content-type"), "application/problem+json")

        # The source comes back byte for byte, by number, `head` or tag.
        source = self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/1/source", key=keys["viewer"])
        self.assertEqual(source.body.decode(), CLINIC)
        self.assertIn("immutable", source.header("cache-control"))
        head = self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/head/source", key=keys["viewer"])
        self.assertEqual(head.body.decode(), BROKEN)
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/3", key=keys["viewer"]).status, 404)
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/0", key=keys["viewer"]).status, 404)

        # Pages.
        for n in range(3):
            saved = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL + f"// {n}\n"},
                                        key=keys["developer"])
            self.assertEqual(saved.status, 201)
        first = self.server.request("GET", f"/v1/blueprints/{blueprint}/versions?limit=2", key=keys["viewer"]).json()
        self.assertEqual([v["number"] for v in first["items"]], [1, 2])
        second = self.server.request("GET", f"/v1/blueprints/{blueprint}/versions?limit=2&cursor={first['next']}",
                                     key=keys["viewer"]).json()
        self.assertEqual([v["number"] for v in second["items"]], [3, 4])
        third = self.server.request("GET", f"/v1/blueprints/{blueprint}/versions?limit=2&cursor={second['next']}",
                                    key=keys["viewer"]).json()
        self.assertEqual([v["number"] for v in third["items"]], [5])
        self.assertIsNone(third["next"])
        self.assertNotIn("diagnostics", first["items"][0])

        # Restore makes a new version with the old content.
        restored = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions/1/restore", key=keys["developer"])
        self.assertEqual(restored.status, 201, restored)
        self.assertEqual(restored.json()["version"]["number"], 6)
        self.assertEqual(restored.json()["version"]["restoredFrom"], 1)
        self.assertEqual(restored.json()["version"]["hash"], sha256(CLINIC))

    def test_a_large_source_round_trips_byte_for_byte(self):
        # Near the size limit, with non-ASCII text, quotes and backslashes: it comes back exactly
        # (from disk, in pieces, on SQLite), and HEAD gives its length.
        _, keys = self.tenant_with_keys()
        large = CLINIC + "".join(f"// line {n} {'x' * 80} é \"quoted\" \\ {{}}\n" for n in range(9000))
        self.assertGreater(len(large.encode()), 900_000)
        created = self.create_blueprint(keys["developer"], "large", source=large)
        self.assertEqual(created.status, 201, created)
        blueprint = created.json()["id"]
        fetched = self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/1/source", key=keys["viewer"])
        self.assertEqual(fetched.body, large.encode())
        self.assertEqual(fetched.header("etag"), f'"{sha256(large)}"')
        headed = self.server.request("HEAD", f"/v1/blueprints/{blueprint}/versions/1/source", key=keys["viewer"])
        self.assertEqual((headed.status, headed.body, headed.header("content-length")), (200, b"", str(len(large.encode()))))
        restored = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions/1/restore", key=keys["developer"])
        self.assertEqual(restored.status, 201, restored)
        self.assertEqual(restored.json()["version"]["hash"], sha256(large))

    def test_names_are_unique_per_tenant_and_validated(self):
        _, keys = self.tenant_with_keys()
        _, other = self.tenant_with_keys()
        self.assertEqual(self.create_blueprint(keys["developer"], "orders").status, 201)
        self.assertEqual(self.create_blueprint(keys["developer"], "orders").status, 409)
        self.assertEqual(self.create_blueprint(other["developer"], "orders").status, 201)
        for bad in ["", "1abc", "a b", "../etc", "a/b", "x" * 101, "na\u00efve", "a\nb"]:
            response = self.create_blueprint(keys["developer"], bad)
            self.assertEqual(response.status, 400, (bad, response))

    def test_review_lifecycle(self):
        _, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "shop", BROKEN).json()["id"]
        approve = self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", key=keys["admin"])
        self.assertEqual(approve.status, 409)
        self.assertEqual(approve.json()["code"], "version-has-errors")
        self.assertEqual(self.server.request("POST", f"/v1/blueprints/{blueprint}/reject", key=keys["admin"]).status, 400)
        rejected = self.server.request("POST", f"/v1/blueprints/{blueprint}/reject", {"reason": "broken type"}, key=keys["admin"])
        self.assertEqual(rejected.status, 200)
        self.assertEqual(rejected.json()["status"], "rejected")
        self.assertEqual(rejected.json()["review"]["reason"], "broken type")
        # A new version is a draft again; a clean one can be approved.
        saved = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL}, key=keys["developer"])
        self.assertEqual(saved.json()["status"], "draft")
        approved = self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", {"reason": "lgtm"}, key=keys["admin"])
        self.assertEqual(approved.status, 200, approved)
        self.assertEqual(approved.json()["status"], "approved")
        self.assertEqual(self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", key=keys["admin"]).status, 409)
        archived = self.server.request("POST", f"/v1/blueprints/{blueprint}/archive", key=keys["admin"])
        self.assertEqual(archived.json()["status"], "archived")
        refused = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL}, key=keys["developer"])
        self.assertEqual(refused.status, 409)

    def test_tags_and_diffs(self):
        _, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "shop", SMALL).json()["id"]
        self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL_BREAKING}, key=keys["developer"])
        tag = self.server.request("PUT", f"/v1/blueprints/{blueprint}/tags/stable", {"version": 1}, key=keys["developer"])
        self.assertEqual(tag.status, 200, tag)
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/stable", key=keys["viewer"]).json()["number"], 1)
        self.server.request("PUT", f"/v1/blueprints/{blueprint}/tags/stable", {"version": 2}, key=keys["developer"])
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/stable", key=keys["viewer"]).json()["number"], 2)
        self.assertEqual(self.server.request("PUT", f"/v1/blueprints/{blueprint}/tags/stable", {"version": 9}, key=keys["developer"]).status, 404)
        self.assertEqual(self.server.request("PUT", f"/v1/blueprints/{blueprint}/tags/1x", {"version": 1}, key=keys["developer"]).status, 400)
        tags = self.server.request("GET", f"/v1/blueprints/{blueprint}/tags", key=keys["viewer"]).json()["items"]
        self.assertEqual([(t["name"], t["version"]) for t in tags], [("stable", 2)])

        diff = self.server.request("GET", f"/v1/blueprints/{blueprint}/diff?from=1&to=stable", key=keys["viewer"])
        self.assertEqual(diff.status, 200, diff)
        report = diff.json()
        self.assertIn("-  total: int", report["text"])
        self.assertIn("+  total: string", report["text"])
        self.assertGreaterEqual(report["breaking"], 1)
        self.assertTrue(any(change["breaking"] for change in report["semantic"]["changes"]))

        self.assertEqual(self.server.request("DELETE", f"/v1/blueprints/{blueprint}/tags/stable", key=keys["developer"]).status, 204)
        self.assertEqual(self.server.request("DELETE", f"/v1/blueprints/{blueprint}/tags/stable", key=keys["developer"]).status, 404)
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}/versions/stable", key=keys["viewer"]).status, 404)

    # ---- compile endpoint ----------------------------------------------------------------
    def test_compile_endpoint(self):
        _, keys = self.tenant_with_keys()
        check = self.server.request("POST", "/v1/compile", {"operation": "check", "source": BROKEN}, key=keys["viewer"]).json()
        self.assertFalse(check["ok"])
        self.assertEqual(check["diagnostics"]["diagnostics"][0]["code"], "BP2002")
        formatted = self.server.request("POST", "/v1/compile", {"operation": "format", "source": "entity   A {  id: uuid @id }"},
                                        key=keys["viewer"]).json()
        self.assertTrue(formatted["ok"])
        self.assertEqual(formatted["formatted"], "entity A { id: uuid @id }\n")
        lowered = self.server.request("POST", "/v1/compile", {"operation": "ir", "source": SMALL}, key=keys["viewer"]).json()
        self.assertTrue(lowered["ok"])
        self.assertEqual(lowered["module"]["entities"][0]["name"], "Order")
        diff = self.server.request("POST", "/v1/compile", {"operation": "diff", "before": SMALL, "source": SMALL_BREAKING},
                                   key=keys["viewer"]).json()
        self.assertTrue(diff["ok"])
        self.assertGreaterEqual(diff["breaking"], 1)
        importing = self.server.request("POST", "/v1/compile", {"operation": "check", "source": 'import "/etc/passwd"\n'},
                                        key=keys["viewer"]).json()
        self.assertFalse(importing["ok"])
        self.assertNotIn("root:", json.dumps(importing))
        self.assertEqual(self.server.request("POST", "/v1/compile", {"operation": "explode", "source": ""}, key=keys["viewer"]).status, 400)

    # ---- events --------------------------------------------------------------------------
    def test_events_are_written_with_each_change_and_stream_with_resume(self):
        tenant, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "shop", SMALL, headers={"X-Correlation-Id": "corr-123"}).json()["id"]
        self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", key=keys["admin"])
        events = self.server.request("GET", "/v1/events", key=keys["viewer"]).json()["items"]
        types = [event["type"] for event in events]
        self.assertEqual(types, ["tenant.created", "apikey.created", "apikey.created", "apikey.created", "apikey.created",
                                 "versioning.committed", "blueprint.drafted", "blueprint.approved"])
        committed = events[5]
        for field in ("id", "type", "schemaVersion", "time", "tenantId", "correlationId", "source", "subject", "data"):
            self.assertIn(field, committed)
        self.assertEqual(committed["tenantId"], tenant)
        self.assertEqual(committed["correlationId"], "corr-123")
        self.assertEqual(committed["source"], "bpc-serve")
        self.assertEqual(committed["data"]["hash"], sha256(SMALL))

        # The stream resumes after Last-Event-ID and then delivers new events as they happen.
        resume_from = events[5]["sequence"]
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        connection.request("GET", "/v1/events/stream", headers={"Authorization": f"Bearer {keys['viewer']}",
                                                                "Last-Event-ID": str(resume_from)})
        response = connection.getresponse()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Content-Type"), "text/event-stream")
        received = []

        def read_events():
            buffer = b""
            while len(received) < 4:
                chunk = response.fp.readline()
                if not chunk:
                    return
                buffer += chunk
                if chunk == b"\r\n" or chunk == b"\n":
                    pass
                for line in chunk.decode().splitlines():
                    if line.startswith("data: "):
                        received.append(json.loads(line[6:]))

        reader = threading.Thread(target=read_events, daemon=True)
        reader.start()
        time.sleep(0.5)
        self.server.request("POST", f"/v1/blueprints/{blueprint}/archive", key=keys["admin"])
        self.server.request("PUT", f"/v1/blueprints/{blueprint}/tags/v1", {"version": 1}, key=keys["developer"])
        reader.join(timeout=15)
        connection.close()
        self.assertEqual([e["type"] for e in received],
                         ["blueprint.drafted", "blueprint.approved", "blueprint.archived", "versioning.tagged"])
        self.assertEqual([e["sequence"] for e in received], sorted(e["sequence"] for e in received))

    # ---- webhooks ------------------------------------------------------------------------
    def test_webhooks_are_signed_ordered_filtered_and_retried_with_backoff(self):
        tenant, keys = self.tenant_with_keys()
        received = []
        failures_left = [2]

        class Receiver(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((time.monotonic(), dict(self.headers), body))
                status = 500 if failures_left[0] > 0 else 200
                failures_left[0] -= 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=receiver.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks?source=bpc"
            for bad in ["ftp://x/y", "http://", "http://user:pw@host/", "http://host/a b", "javascript:alert(1)"]:
                refused = self.server.request("POST", "/v1/webhooks", {"url": bad}, key=keys["admin"])
                self.assertEqual(refused.status, 400, (bad, refused))
            self.assertEqual(self.server.request("POST", "/v1/webhooks", {"url": url}, key=keys["developer"]).status, 403)
            created = self.server.request("POST", "/v1/webhooks",
                                          {"url": url, "eventTypes": ["blueprint.drafted", "blueprint.approved"]},
                                          key=keys["admin"])
            self.assertEqual(created.status, 201, created)
            webhook = created.json()
            self.assertTrue(webhook["secret"].startswith("whsec_"))

            blueprint = self.create_blueprint(keys["developer"], "shop").json()["id"]
            self.server.request("POST", f"/v1/blueprints/{blueprint}/approve", key=keys["admin"])
            deadline = time.time() + 30
            while len(received) < 4 and time.time() < deadline:
                time.sleep(0.1)
            self.assertEqual(len(received), 4, received)

            # The first event failed twice, then arrived; the second came after it; nothing else.
            bodies = [json.loads(body) for _, _, body in received]
            self.assertEqual([b["type"] for b in bodies],
                             ["blueprint.drafted"] * 3 + ["blueprint.approved"])
            self.assertEqual(bodies[0]["tenantId"], tenant)
            self.assertEqual(bodies[0]["data"]["blueprintId"], blueprint)
            self.assertGreater(received[1][0] - received[0][0], 0.7)   # ~1 s
            self.assertGreater(received[2][0] - received[1][0], 1.5)   # ~2 s
            for _, headers, body in received:
                timestamp, signature = (part.split("=", 1)[1] for part in headers["Bpc-Signature"].split(","))
                expected = hmac.new(webhook["secret"].encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
                self.assertEqual(signature, expected.hexdigest())
                self.assertLess(abs(time.time() - int(timestamp)), 60)
                self.assertEqual(headers["Bpc-Webhook-Id"], webhook["id"])

            deliveries = self.server.request("GET", f"/v1/webhooks/{webhook['id']}/deliveries", key=keys["admin"]).json()["items"]
            self.assertEqual(sorted(d["outcome"] for d in deliveries), ["delivered", "delivered", "retrying", "retrying"])
            self.assertIn(500, [d["statusCode"] for d in deliveries])

            # Another tenant sees none of it.
            _, other = self.tenant_with_keys()
            self.assertEqual(self.server.request("GET", f"/v1/webhooks/{webhook['id']}", key=other["owner"]).status, 404)
            self.assertEqual(self.server.request("DELETE", f"/v1/webhooks/{webhook['id']}", key=other["owner"]).status, 404)
            self.assertEqual(self.server.request("GET", "/v1/webhooks", key=other["owner"]).json()["items"], [])

            self.assertEqual(self.server.request("DELETE", f"/v1/webhooks/{webhook['id']}", key=keys["admin"]).status, 204)
            self.assertEqual(self.server.request("GET", f"/v1/webhooks/{webhook['id']}", key=keys["admin"]).status, 404)
        finally:
            receiver.shutdown()

    # ---- generation jobs -----------------------------------------------------------------
    def wait_for_job(self, key, job, states=("succeeded", "failed", "cancelled", "dead")):
        deadline = time.time() + 60
        while time.time() < deadline:
            answer = self.server.request("GET", f"/v1/jobs/{job}", key=key).json()
            if answer["state"] in states:
                return answer
            time.sleep(0.05)
        self.fail(f"job {job} is still {answer['state']}")

    def test_generation_jobs_run_once_and_their_artifacts_are_what_bpc_build_writes(self):
        _, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "clinic", CLINIC).json()["id"]
        created = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi", "jsonschema"]},
                                      key=keys["developer"])
        self.assertEqual(created.status, 202, created)
        job = created.json()["id"]
        self.assertEqual(created.header("location"), f"/v1/jobs/{job}")
        done = self.wait_for_job(keys["viewer"], job)
        self.assertEqual((done["state"], done["attempts"], done["fromCache"]), ("succeeded", 1, False), done)
        manifest = self.server.request("GET", f"/v1/jobs/{job}/artifacts", key=keys["viewer"]).json()
        self.assertEqual([target["name"] for target in manifest["targets"]], ["jsonschema", "openapi"])

        # Byte for byte what `bpc build` writes from the same source.
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "clinic.bpl"), "w", encoding="utf-8") as out:
                out.write(CLINIC)
            import subprocess
            subprocess.run([BPC, "build", "clinic.bpl", "--target", "openapi", "--target", "jsonschema", "--out", "out"],
                           cwd=directory, check=True, capture_output=True)
            for target in manifest["targets"]:
                for file in target["files"]:
                    fetched = self.server.request("GET", f"/v1/jobs/{job}/artifacts/file?path={target['name']}/{file['path']}",
                                                  key=keys["viewer"])
                    self.assertEqual(fetched.status, 200, (file, fetched))
                    with open(os.path.join(directory, "out", target["name"], file["path"]), "rb") as written:
                        self.assertEqual(fetched.body, written.read(), file["path"])
                    self.assertEqual(fetched.header("etag"), f'"{file["sha256"]}"')
        missing = self.server.request("GET", f"/v1/jobs/{job}/artifacts/file?path=openapi/nothing", key=keys["viewer"])
        self.assertEqual(missing.status, 404)

        # The same generation again is done at once, from the cache; other targets are not.
        again = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "version": "1",
                                                        "targets": ["jsonschema", "openapi", "openapi"]}, key=keys["developer"]).json()
        self.assertEqual((again["state"], again["fromCache"]), ("succeeded", True))
        self.assertEqual(self.server.request("GET", f"/v1/jobs/{again['id']}/artifacts", key=keys["viewer"]).json(), manifest)
        listed = self.server.request("GET", "/v1/jobs?limit=1", key=keys["viewer"]).json()
        self.assertEqual(listed["items"][0]["id"], again["id"])
        self.assertEqual(self.server.request("GET", f"/v1/jobs?limit=1&cursor={listed['next']}", key=keys["viewer"]).json()["items"][0]["id"], job)
        types = [event["type"] for event in self.server.request("GET", "/v1/events?limit=500", key=keys["viewer"]).json()["items"]]
        self.assertEqual(types.count("generation.started"), 1)
        self.assertEqual(types.count("generation.completed"), 2)
        self.assertEqual(types.count("artifacts.ready"), 2)
        self.assertGreaterEqual(types.count("generation.progress"), 2)

        # A version that does not build fails with the reason, and is not retried.
        broken = self.create_blueprint(keys["developer"], "broken", BROKEN).json()["id"]
        failed = self.wait_for_job(keys["viewer"], self.server.request(
            "POST", "/v1/jobs", {"blueprint": broken, "targets": ["openapi"]}, key=keys["developer"]).json()["id"])
        self.assertEqual((failed["state"], failed["attempts"]), ("failed", 1))
        self.assertIn("nosuchtype", failed["error"])
        self.assertEqual(self.server.request("GET", f"/v1/jobs/{failed['id']}/artifacts", key=keys["viewer"]).status, 409)
        self.assertEqual(self.server.request("POST", f"/v1/jobs/{failed['id']}/cancel", key=keys["developer"]).status, 409)

    def test_job_artifacts_download_as_one_archive(self):
        _, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "clinic", CLINIC).json()["id"]
        job = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi", "typescript"]},
                                  key=keys["developer"]).json()["id"]
        self.wait_for_job(keys["viewer"], job)
        manifest = self.server.request("GET", f"/v1/jobs/{job}/artifacts", key=keys["viewer"]).json()
        expected = {}
        for target in manifest["targets"]:
            for file in target["files"]:
                expected[f"{target['name']}/{file['path']}"] = file["sha256"]
        import io
        import tarfile
        import zipfile
        for fmt in ("tar.gz", "zip"):
            answer = self.server.request("GET", f"/v1/jobs/{job}/artifacts/archive?format={fmt}", key=keys["viewer"])
            self.assertEqual(answer.status, 200, answer)
            self.assertEqual(answer.header("content-type"), "application/gzip" if fmt == "tar.gz" else "application/zip")
            self.assertEqual(answer.header("content-disposition"), f'attachment; filename="{job}.{fmt}"')
            if fmt == "zip":
                with zipfile.ZipFile(io.BytesIO(answer.body)) as archive:
                    found = {name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()}
            else:
                with tarfile.open(fileobj=io.BytesIO(answer.body), mode="r:gz") as archive:
                    found = {member.name: hashlib.sha256(archive.extractfile(member).read()).hexdigest()
                             for member in archive.getmembers()}
            self.assertEqual(found, expected)
            # Deterministic: the same bytes again, so the ETag is a strong validator.
            again = self.server.request("GET", f"/v1/jobs/{job}/artifacts/archive?format={fmt}", key=keys["viewer"])
            self.assertEqual(again.body, answer.body)
            self.assertEqual(again.header("etag"), f'"{hashlib.sha256(answer.body).hexdigest()}"')
        self.assertEqual(self.server.request("GET", f"/v1/jobs/{job}/artifacts/archive?format=rar", key=keys["viewer"]).status, 400)

    def test_a_job_with_an_idempotency_key_is_created_once(self):
        _, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "shop").json()["id"]
        body = {"blueprint": blueprint, "targets": ["openapi"], "priority": 5}
        first = self.server.request("POST", "/v1/jobs", body, key=keys["developer"], headers={"Idempotency-Key": "run-1"})
        self.assertEqual(first.status, 202, first)
        self.assertIsNone(first.header("idempotent-replayed"))
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            retries = list(pool.map(lambda _: self.server.request(
                "POST", "/v1/jobs", body, key=keys["developer"], headers={"Idempotency-Key": "run-1"}), range(8)))
        for retry in retries:
            self.assertEqual((retry.status, retry.header("idempotent-replayed")), (202, "true"), retry)
            self.assertEqual(retry.json()["id"], first.json()["id"])
        other = self.server.request("POST", "/v1/jobs", dict(body, priority=6), key=keys["developer"],
                                    headers={"Idempotency-Key": "run-1"})
        self.assertEqual(other.status, 422, other)
        listed = self.server.request("GET", "/v1/jobs", key=keys["viewer"]).json()["items"]
        self.assertEqual([job["id"] for job in listed], [first.json()["id"]])

    def test_a_job_can_add_the_migrations_from_an_earlier_version(self):
        _, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "shop").json()["id"]
        added = SMALL.replace('"1.0.0"', '"1.1.0"').replace("total: int", "total: int\n  note: string?")
        self.assertEqual(self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": added},
                                             key=keys["developer"]).status, 201)
        for options in ({"migrateFrom": 2}, {"migrateFrom": "nope"}, {"migrateFrom": 1, "allowDataLoss": "yes"},
                        {"allowDataLoss": True}, {"color": "red"}, []):
            refused = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["typescript"],
                                                                "options": options}, key=keys["developer"])
            self.assertIn(refused.status, (400, 404), (options, refused))
        created = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["typescript"],
                                                            "options": {"migrateFrom": 1}}, key=keys["developer"]).json()
        self.assertEqual(created["options"], {"migrateFrom": 1})
        done = self.wait_for_job(keys["viewer"], created["id"])
        self.assertEqual(done["state"], "succeeded", done)
        files = self.server.request("GET", f"/v1/jobs/{created['id']}/artifacts", key=keys["viewer"]).json()["targets"][0]["files"]
        paths = [file["path"] for file in files]
        self.assertIn("migrations/sqlite/v1.1.0.sql", paths)
        self.assertIn("migrations/postgresql/v1.1.0.sql", paths)
        script = self.server.request("GET", f"/v1/jobs/{created['id']}/artifacts/file?path=typescript/migrations/postgresql/v1.1.0.sql",
                                     key=keys["viewer"]).body.decode()
        self.assertIn("note", script)
        # Without the option it is another generation, with no migrations.
        plain = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["typescript"]},
                                    key=keys["developer"]).json()
        self.assertFalse(plain["fromCache"])

    def test_jobs_are_checked_and_limited(self):
        tenant, keys = self.tenant_with_keys(tier="free")  # 100 jobs a day
        blueprint = self.create_blueprint(keys["developer"], "shop").json()["id"]
        for body in [{"targets": ["openapi"]}, {"blueprint": blueprint}, {"blueprint": blueprint, "targets": []},
                     {"blueprint": blueprint, "targets": ["cobol"]}, {"blueprint": blueprint, "targets": ["openapi"], "priority": 1000},
                     {"blueprint": blueprint, "targets": ["openapi"] * 17}]:
            self.assertEqual(self.server.request("POST", "/v1/jobs", body, key=keys["developer"]).status, 400, body)
        self.assertEqual(self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "version": "7", "targets": ["openapi"]},
                                             key=keys["developer"]).status, 404)
        self.assertEqual(self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi"]},
                                             key=keys["viewer"]).status, 403)
        # Created concurrently, the daily quota is never exceeded (from several keys, each under
        # the free tier's request rate).
        senders = [self.server.create_key(tenant, "developer")["secret"] for _ in range(8)]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda n: self.server.request(
                "POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi"]}, key=senders[n % 8]).status, range(110)))
        self.assertEqual(statuses.count(202), 100, statuses)
        self.assertEqual(statuses.count(403), 10, statuses)

    # ---- isolation -----------------------------------------------------------------------
    def test_a_tenant_never_reaches_another_tenants_data(self):
        tenant_a, a = self.tenant_with_keys()
        tenant_b, b = self.tenant_with_keys()
        blueprint = self.create_blueprint(a["developer"], "secret-plans", CLINIC).json()["id"]
        self.server.request("PUT", f"/v1/blueprints/{blueprint}/tags/stable", {"version": 1}, key=a["developer"])
        key_a = self.server.request("GET", f"/v1/tenants/{tenant_a}/keys", key=a["owner"]).json()["items"][0]["id"]
        job = self.server.request("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi"]}, key=a["developer"]).json()["id"]
        attempts = [
            ("POST", "/v1/jobs", {"blueprint": blueprint, "targets": ["openapi"]}),
            ("GET", f"/v1/jobs/{job}", None),
            ("POST", f"/v1/jobs/{job}/cancel", None),
            ("GET", f"/v1/jobs/{job}/artifacts", None),
            ("GET", f"/v1/jobs/{job}/artifacts/file?path=openapi/openapi.json", None),
            ("GET", f"/v1/tenants/{tenant_a}", None),
            ("GET", f"/v1/tenants/{tenant_a}/usage", None),
            ("GET", f"/v1/tenants/{tenant_a}/keys", None),
            ("POST", f"/v1/tenants/{tenant_a}/keys", {"name": "x", "role": "viewer"}),
            ("DELETE", f"/v1/tenants/{tenant_a}/keys/{key_a}", None),
            ("DELETE", f"/v1/tenants/{tenant_b}/keys/{key_a}", None),
            ("GET", f"/v1/blueprints/{blueprint}", None),
            ("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL}),
            ("GET", f"/v1/blueprints/{blueprint}/versions", None),
            ("GET", f"/v1/blueprints/{blueprint}/versions/1", None),
            ("GET", f"/v1/blueprints/{blueprint}/versions/head", None),
            ("GET", f"/v1/blueprints/{blueprint}/versions/stable", None),
            ("GET", f"/v1/blueprints/{blueprint}/versions/1/source", None),
            ("POST", f"/v1/blueprints/{blueprint}/versions/1/restore", None),
            ("GET", f"/v1/blueprints/{blueprint}/diff?from=1&to=1", None),
            ("POST", f"/v1/blueprints/{blueprint}/approve", None),
            ("POST", f"/v1/blueprints/{blueprint}/reject", {"reason": "x"}),
            ("POST", f"/v1/blueprints/{blueprint}/archive", None),
            ("GET", f"/v1/blueprints/{blueprint}/tags", None),
            ("PUT", f"/v1/blueprints/{blueprint}/tags/stable", {"version": 1}),
            ("DELETE", f"/v1/blueprints/{blueprint}/tags/stable", None),
        ]
        for method, path, body in attempts:
            response = self.server.request(method, path, body, key=b["owner"])
            self.assertEqual(response.status, 404, (method, path, response))
            self.assertNotIn(b"secret-plans", response.body)
        listed = self.server.request("GET", "/v1/blueprints", key=b["owner"]).json()["items"]
        self.assertEqual(listed, [])
        self.assertEqual(self.server.request("GET", "/v1/jobs", key=b["owner"]).json()["items"], [])
        events = json.dumps(self.server.request("GET", "/v1/events", key=b["owner"]).json())
        self.assertNotIn(blueprint, events)
        self.assertNotIn(tenant_a, events)
        usage = self.server.request("GET", f"/v1/tenants/{tenant_b}/usage", key=b["viewer"]).json()
        self.assertEqual(usage["blueprints"]["used"], 0)
        # Nothing changed for A.
        still = self.server.request("GET", f"/v1/blueprints/{blueprint}", key=a["viewer"]).json()
        self.assertEqual((still["head"], still["status"]), (1, "draft"))
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}/tags", key=a["viewer"]).json()["items"][0]["name"], "stable")
        self.assertEqual(self.server.request("GET", "/v1/blueprints", key=a["viewer"]).status, 200)

    # ---- quotas, rate limits, suspension, idempotency ---------------------------------------
    def test_blueprint_quota_holds_under_concurrent_creates(self):
        _, keys = self.tenant_with_keys(tier="free")
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda n: self.create_blueprint(keys["developer"], f"bp{n}").status, range(16)))
        self.assertEqual(statuses.count(201), 10, statuses)
        self.assertTrue(all(status in (201, 403, 429) for status in statuses), statuses)
        listed = self.server.request("GET", "/v1/blueprints?limit=100", key=keys["viewer"]).json()["items"]
        self.assertEqual(len(listed), 10)
        over = self.create_blueprint(keys["developer"], "onemore")
        self.assertEqual(over.status, 403)
        self.assertEqual(over.json()["code"], "quota-exceeded")

    def test_rate_limit_answers_429_with_headers(self):
        _, keys = self.tenant_with_keys(tier="free")
        statuses = []
        limited = None
        for _ in range(40):
            response = self.server.request("GET", "/v1/blueprints", key=keys["viewer"])
            statuses.append(response.status)
            self.assertIsNotNone(response.header("ratelimit-limit"))
            if response.status == 429:
                limited = response
                break
        self.assertIsNotNone(limited, statuses)
        self.assertGreaterEqual(statuses.count(200), 15)
        self.assertGreaterEqual(int(limited.header("retry-after")), 1)
        self.assertEqual(limited.header("ratelimit-remaining"), "0")
        # Another key of the same tenant has its own budget.
        self.assertEqual(self.server.request("GET", "/v1/blueprints", key=keys["admin"]).status, 200)

    def test_suspended_tenant_reads_but_does_not_write(self):
        tenant, keys = self.tenant_with_keys()
        blueprint = self.create_blueprint(keys["developer"], "shop").json()["id"]
        suspended = self.server.request("PATCH", f"/v1/tenants/{tenant}", {"status": "suspended"}, key=OPERATOR_KEY)
        self.assertEqual(suspended.json()["status"], "suspended")
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}", key=keys["viewer"]).status, 200)
        refused = self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL}, key=keys["developer"])
        self.assertEqual(refused.status, 403)
        self.assertEqual(refused.json()["code"], "tenant-suspended")
        self.server.request("PATCH", f"/v1/tenants/{tenant}", {"status": "active", "tier": "enterprise"}, key=OPERATOR_KEY)
        self.assertEqual(self.server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL},
                                             key=keys["developer"]).status, 201)
        types = [e["type"] for e in self.server.request("GET", "/v1/events", key=keys["viewer"]).json()["items"]]
        self.assertIn("tenant.suspended", types)
        self.assertIn("tenant.reactivated", types)
        self.assertIn("tenant.updated", types)
        usage = self.server.request("GET", f"/v1/tenants/{tenant}/usage", key=OPERATOR_KEY).json()
        self.assertEqual(usage["tier"], "enterprise")
        self.assertEqual(usage["versions"]["used"], 2)
        self.assertEqual(usage["storedBytes"]["used"], 2 * len(SMALL))

    def test_idempotency_keys_replay_creates(self):
        _, keys = self.tenant_with_keys()
        first = self.create_blueprint(keys["developer"], "shop", headers={"Idempotency-Key": "k-1"})
        again = self.create_blueprint(keys["developer"], "shop", headers={"Idempotency-Key": "k-1"})
        self.assertEqual(first.status, 201)
        self.assertEqual(again.status, 201)
        self.assertEqual(again.header("idempotent-replayed"), "true")
        self.assertEqual(first.json()["id"], again.json()["id"])
        other = self.create_blueprint(keys["developer"], "shop2", headers={"Idempotency-Key": "k-1"})
        self.assertEqual(other.status, 422)
        self.assertEqual(len(self.server.request("GET", "/v1/blueprints", key=keys["viewer"]).json()["items"]), 1)
        # Concurrent saves with one key make one version: the others replay it or are told to wait.
        blueprint = first.json()["id"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda _: self.server.request(
                "POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL_BREAKING},
                key=keys["developer"], headers={"Idempotency-Key": "save-1"}), range(8)))
        self.assertTrue(all(answer.status in (201, 409) for answer in answers), answers)
        created = {answer.json()["version"]["number"] for answer in answers if answer.status == 201}
        self.assertEqual(created, {2})
        self.assertEqual(self.server.request("GET", f"/v1/blueprints/{blueprint}", key=keys["viewer"]).json()["head"], 2)

    # ---- hostile requests ----------------------------------------------------------------
    def test_hostile_requests_get_4xx_and_never_crash(self):
        _, keys = self.tenant_with_keys(tier="enterprise")
        key = keys["owner"]
        bodies = [b"", b"{", b"[]", b"null", b"\xff\xfe", b'{"name": 1, "source": 2}', b'{"name": "a", "source": null}',
                  b'{"name": "a\\u0000b", "source": ""}', b'{"name":"a","source":"' + b"x" * (3 << 20) + b'"}',
                  b'{"a":' * 100000, json.dumps({"name": "deep", "source": "entity A {" * 5000}).encode()]
        for body in bodies:
            response = self.server.request("POST", "/v1/blueprints", raw=body, key=key)
            self.assertTrue(response.status < 500 and response.status != 200, (body[:40], response))
        paths = ["/v1/blueprints/..%2F..%2Fetc%2Fpasswd", "/v1/blueprints/%00", "/v1/blueprints/' OR 1=1 --",
                 "/v1/blueprints/x/versions/99999999999999999999999", "/v1/blueprints/x/versions/-1/source",
                 "/v1/tenants/../../", "/nothing", "/v1/events?after=-5", "/v1/events?after=abc",
                 "/v1/blueprints?limit=0", "/v1/blueprints?limit=99999999999999999999"]
        for path in paths:
            response = self.server.request("GET", path.replace(" ", "%20"), key=key)
            self.assertTrue(400 <= response.status < 500, (path, response))
        self.assertEqual(self.server.request("PATCH", "/v1/blueprints", key=key).status, 405)
        self.assertIn("GET", self.server.request("PATCH", "/v1/blueprints", key=key).header("allow"))
        random.seed(7)
        for _ in range(200):
            path = random.choice(["/v1/blueprints", "/v1/compile", "/v1/tenants", "/v1/events"])
            raw = bytes(random.randrange(256) for _ in range(random.randrange(64)))
            response = self.server.request(random.choice(["POST", "PUT", "GET", "DELETE"]), path, raw=raw, key=key)
            self.assertLess(response.status, 500, (path, raw, response))
        self.assertEqual(self.server.request("GET", "/healthz").status, 200)


class DurabilityTest(unittest.TestCase):
    def test_kill_during_writes_loses_no_acknowledged_version(self):
        with tempfile.TemporaryDirectory() as directory:
            data = os.path.join(directory, "data")
            server = new_server(data).start()
            store = server.store
            tenant = server.create_tenant("durable", "enterprise")
            key = server.create_key(tenant, "developer")["secret"]
            blueprint = server.request("POST", "/v1/blueprints", {"name": "shop", "source": SMALL}, key=key).json()["id"]
            acknowledged = {1: sha256(SMALL)}
            stop = threading.Event()

            def writer(worker):
                n = 0
                while not stop.is_set():
                    source = SMALL + f"// worker {worker} save {n}\n"
                    n += 1
                    try:
                        response = server.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": source}, key=key)
                    except (OSError, http.client.HTTPException):
                        return
                    if response.status == 201:
                        acknowledged[response.json()["version"]["number"]] = sha256(source)

            threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
            for thread in threads:
                thread.start()
            time.sleep(1.5)
            server.stop(signal.SIGKILL)
            stop.set()
            for thread in threads:
                thread.join()
            self.assertGreater(len(acknowledged), 5)

            self.assertTrue(store.check_integrity())
            # Every version the database has, acknowledged or not, has its whole source on disk.
            rows = dict(store.query("SELECT number, hash FROM versions WHERE blueprint_id = ?", (blueprint,)))
            for number, digest in acknowledged.items():
                self.assertEqual(rows.get(number), digest, number)
            contents = store.blobs(rows.values())
            for number, digest in rows.items():
                self.assertEqual(sha256(contents[digest]), digest, number)

            restarted = Server(BPC, data, store=store).start()
            try:
                head = restarted.request("GET", f"/v1/blueprints/{blueprint}", key=key).json()["head"]
                self.assertEqual(head, max(rows))
                # The API serves them (a sample: the key's rate limit bounds a test's requests).
                for number in sorted(acknowledged)[-50:]:
                    source = restarted.request("GET", f"/v1/blueprints/{blueprint}/versions/{number}/source", key=key)
                    self.assertEqual(source.status, 200, source)
                    self.assertEqual(sha256(source.body.decode()), acknowledged[number], number)
                saved = restarted.request("POST", f"/v1/blueprints/{blueprint}/versions", {"source": SMALL}, key=key)
                self.assertEqual(saved.json()["version"]["number"], head + 1)
            finally:
                restarted.stop()


class StartupTest(unittest.TestCase):
    def run_serve(self, *args, env=None):
        import subprocess
        full_env = dict(os.environ, **(env or {}))
        full_env.pop("BPC_OPERATOR_KEY", None) if env is None or "BPC_OPERATOR_KEY" not in env else None
        return subprocess.run([BPC, "serve", *args], capture_output=True, text=True, env=full_env, timeout=30)

    def test_prod_mode_insists_on_its_settings(self):
        with tempfile.TemporaryDirectory() as directory:
            no_key = self.run_serve("--mode", "prod", "--data", directory)
            self.assertEqual(no_key.returncode, 2)
            self.assertIn("operator key", no_key.stderr)
            key_file = os.path.join(directory, "operator.key")
            with open(key_file, "w") as out:
                out.write("k" * 40 + "\n")
            public = self.run_serve("--mode", "prod", "--data", directory, "--operator-key-file", key_file,
                                    "--listen", "0.0.0.0:0")
            self.assertEqual(public.returncode, 2)
            self.assertIn("TLS", public.stderr)
            short = self.run_serve("--data", directory, env={"BPC_OPERATOR_KEY": "short"})
            self.assertEqual(short.returncode, 2)

    def test_tls_when_given_a_certificate(self):
        import ssl
        import subprocess
        with tempfile.TemporaryDirectory() as directory:
            certificate, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                           check=True, capture_output=True)
            server = Server(BPC, os.path.join(directory, "data"), extra_args=["--tls-cert", certificate, "--tls-key", key]).start()
            try:
                context = ssl.create_default_context(cafile=certificate)
                connection = http.client.HTTPSConnection("127.0.0.1", server.port, context=context, timeout=30)
                connection.request("GET", "/healthz")
                self.assertEqual(json.loads(connection.getresponse().read()), {"status": "ok"})
                connection.close()
                plain = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
                with self.assertRaises((http.client.HTTPException, OSError)):
                    plain.request("GET", "/healthz")
                    plain.getresponse().read()
            finally:
                server.stop()

    def test_a_database_from_a_newer_bpc_is_refused(self):
        with tempfile.TemporaryDirectory() as directory:
            server = new_server(directory).start()
            code, log = server.stop()
            self.assertEqual(code, 0)
            self.assertIn('"msg":"stopped"', log)
            store = server.store
            self.assertEqual([row[0] for row in store.query("SELECT version FROM schema_migrations ORDER BY version")], [1, 2, 3, 4, 5, 6])
            store.query("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'later')")
            refused = self.run_serve("--data", directory, "--listen", "127.0.0.1:0", *store.args,
                                     env={"BPC_OPERATOR_KEY": OPERATOR_KEY})
            self.assertEqual(refused.returncode, 2)
            self.assertIn("newer than this bpc", refused.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--postgres", action="store_true", help="run on a throwaway PostgreSQL cluster")
    arguments, rest = parser.parse_known_args()
    BPC = os.path.abspath(arguments.bpc)
    with Backends("postgresql" if arguments.postgres else "sqlite") as STORES:
        program = unittest.main(argv=[sys.argv[0], *rest], verbosity=2, exit=False)
    sys.exit(0 if program.result.wasSuccessful() else 1)
