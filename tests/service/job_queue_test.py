#!/usr/bin/env python3
"""The generation queue of `bpc serve` under load and failure (issue 16):

- fairness: while one tenant floods the queue, another tenant's job starts at the next claim,
  so at most one job per worker of the flooding tenant starts between its creation and its start;
- chaos, on PostgreSQL: 1,000 jobs from 20 tenants run by three worker processes that are
  killed with SIGKILL at random moments and restarted, while every connection to the database is
  cut now and then; afterwards every job is in a final state, no job ran to completion twice, and
  every succeeded job's artifacts are complete (every file its manifest names is stored, with the
  hash the manifest gives).

Usage: job_queue_test.py --bpc build/cli/bpc [unittest arguments]"""

import argparse
import collections
import concurrent.futures
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_client import Server  # noqa: E402
from stores import Backends  # noqa: E402

BPC = None
FINAL = ("succeeded", "failed", "cancelled", "dead")


def source_for(name, variant):
    """A small blueprint; each (name, variant) has its own source, so its own cache key."""
    return (f'blueprint {name} {{ version "1.{variant}.0" }}\n\n'
            f'entity Order{variant} {{\n  id: uuid @id\n  total: int\n  note: string\n}}\n\n'
            f'entity Customer {{\n  id: uuid @id\n  name: string\n}}\n\n'
            f'api Shop at "/api" {{\n  resource Order{variant} {{ list, get, create }}\n  resource Customer {{ get }}\n}}\n')


def post(server, key, path, body, headers=None):
    """POSTs as a careful client does: waits out the tenant's rate limit (429), and retries when the
    store could not answer (503) — safe for jobs, which are created under an Idempotency-Key."""
    while True:
        answer = server.request("POST", path, body, key=key, headers=headers)
        if answer.status == 429:
            time.sleep(float(answer.header("retry-after") or 1) / 4)
        elif answer.status == 503:
            time.sleep(0.1)
        else:
            return answer


def get(server, key, path):
    """GETs as a careful client does: a 503 (the store could not answer, as on the first use of a
    pooled connection the chaos cut) is asked again."""
    while True:
        answer = server.request("GET", path, key=key)
        if answer.status != 503:
            return answer
        time.sleep(0.1)


def create_tenant(server, name, tier):
    tenant = server.create_tenant(name, tier)
    return tenant, server.create_key(tenant, "developer")["secret"]


def add_versions(server, key, name, count):
    """A blueprint with `count` versions; returns its id."""
    created = post(server, key, "/v1/blueprints", {"name": name, "source": source_for(name, 0)})
    assert created.status == 201, created
    blueprint = created.json()["id"]
    for variant in range(1, count):
        saved = post(server, key, f"/v1/blueprints/{blueprint}/versions", {"source": source_for(name, variant)})
        assert saved.status == 201, saved
    return blueprint


def enqueue(server, key, blueprint, version, targets, idempotency_key=None):
    created = post(server, key, "/v1/jobs", {"blueprint": blueprint, "version": str(version), "targets": targets},
                   headers={"Idempotency-Key": idempotency_key} if idempotency_key else None)
    assert created.status == 202, created
    return created.json()


def wait_until(condition, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class FairnessTest(unittest.TestCase):
    """One tenant floods the queue of a two-worker instance; another queues one job."""

    WORKERS = 2

    def test_a_flooded_queue_starts_another_tenants_job_at_the_next_claim(self):
        with tempfile.TemporaryDirectory() as directory, Backends("sqlite") as stores:
            data = os.path.join(directory, "data")
            server = Server(BPC, data, ["--workers", str(self.WORKERS)], store=stores.new_store(data)).start()
            try:
                flooder, flooder_key = create_tenant(server, "flooder", "enterprise")
                other, other_key = create_tenant(server, "other", "free")
                blueprint = add_versions(server, flooder_key, "Flood", 60)
                flood = [enqueue(server, flooder_key, blueprint, 1 + index % 60, ["typescript", "python"])
                         for index in range(300)]
                wait_until(lambda: server.store.query(
                    "SELECT COUNT(*) FROM jobs WHERE tenant_id = ? AND state = 'succeeded'", (flooder,))[0][0] >= 10,
                    60, "the flood to get going")
                mine = enqueue(server, other_key, add_versions(server, other_key, "Mine", 1), 1, ["openapi"])
                wait_until(lambda: server.request("GET", f"/v1/jobs/{mine['id']}", key=other_key).json()["state"]
                           in FINAL, 60, "the other tenant's job")
                job = server.request("GET", f"/v1/jobs/{mine['id']}", key=other_key).json()
                self.assertEqual(job["state"], "succeeded", job)
                # Started after my job was queued and before it started: at most one per worker
                # (the claims already under way when it arrived).
                overtaking = server.store.query(
                    "SELECT COUNT(*) FROM jobs WHERE tenant_id = ? AND claimed_at > ? AND claimed_at < ?",
                    (flooder, job["createdAt"], job["startedAt"]))[0][0]
                print(f"fairness: {overtaking} of the flooding tenant's jobs started between the other's "
                      f"creation and its start ({job['createdAt']} -> {job['startedAt']})", file=sys.stderr)
                self.assertLessEqual(overtaking, self.WORKERS, job)
                waiting = server.store.query(
                    "SELECT COUNT(*) FROM jobs WHERE tenant_id = ? AND state = 'queued'", (flooder,))[0][0]
                self.assertGreater(waiting, 0, "the flood ended before the other tenant's job: no contention")
                self.assertEqual(len(flood), 300)
            finally:
                code, _ = server.stop()
                self.assertEqual(code, 0)


class ChaosTest(unittest.TestCase):
    """Three worker processes on one PostgreSQL store, killed and cut off at random."""

    TENANTS = 20
    JOBS = 1000
    WORKER_PROCESSES = 3
    TARGETS = [["typescript"], ["python"], ["openapi", "typescript"], ["jsonschema", "python"], ["cpp"]]

    def test_killed_workers_and_cut_connections_lose_no_job_and_finish_none_twice(self):
        rng = random.Random(16)
        with tempfile.TemporaryDirectory() as directory, Backends("postgresql") as stores:
            config = os.path.join(directory, "settings.json")
            with open(config, "w", encoding="utf-8") as out:
                json.dump({"jobLeaseSeconds": 3}, out)
            store = stores.new_store(os.path.join(directory, "api"))
            api = Server(BPC, os.path.join(directory, "api"), ["--workers", "0", "--config", config],
                         store=store).start()

            def start_worker(index):
                data = os.path.join(directory, f"worker{index}")
                return Server(BPC, data, ["--workers", "2", "--threads", "2", "--config", config, *store.args]).start()

            workers = []
            try:
                tenants = []
                for index in range(self.TENANTS):
                    tier = ("free", "pro", "enterprise")[index % 3]
                    tenant, key = create_tenant(api, f"chaos-{index}", tier)
                    tenants.append((tenant, key, add_versions(api, key, f"Chaos{index}", 5)))

                # Queued from 8 clients at once while the workers start, are killed and restarted.
                def queue_one(number):
                    tenant, key, blueprint = tenants[number % self.TENANTS]
                    return enqueue(api, key, blueprint, 1 + (number // self.TENANTS) % 5,
                                   self.TARGETS[(number // (self.TENANTS * 5)) % len(self.TARGETS)], f"chaos-{number}")

                workers = [start_worker(index) for index in range(self.WORKER_PROCESSES)]
                pool = concurrent.futures.ThreadPoolExecutor(8)
                queued = pool.map(queue_one, range(self.JOBS))

                def unfinished():
                    return store.query("SELECT COUNT(*) FROM jobs WHERE state NOT IN "
                                       "('succeeded', 'failed', 'cancelled', 'dead')")[0][0]

                # Chaos while jobs remain (for at most a minute).
                kills = cuts = 0
                chaos_until = time.time() + 60
                while time.time() < chaos_until and (kills < 10 or unfinished() > 0):
                    time.sleep(rng.uniform(0.2, 0.8))
                    if rng.random() < 0.25:
                        store.cluster.psql(store.database,
                                           "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                           f"WHERE datname = '{store.database}' AND pid <> pg_backend_pid()")
                        cuts += 1
                    else:
                        victim = rng.randrange(len(workers))
                        workers[victim].process.send_signal(signal.SIGKILL)
                        workers[victim].process.wait()
                        workers[victim].process = None
                        workers[victim] = start_worker(victim)
                        kills += 1
                jobs = list(queued)
                pool.shutdown()
                self.assertEqual(len({job["id"] for job in jobs}), self.JOBS)
                self.assertGreater(kills, 5)
                self.assertGreater(cuts, 0)

                print(f"chaos: {kills} workers killed, connections cut {cuts} times", file=sys.stderr)
                wait_until(lambda: unfinished() == 0, 240, "every job to reach a final state")
                # Workers were killed under running jobs, whose leases lapsed, and others took them up.
                recovered = store.query("SELECT COUNT(*) FROM jobs WHERE attempts > 1")[0][0]
                print(f"{recovered} jobs taken up again after their worker was killed", file=sys.stderr)
                self.assertGreater(recovered, 0)
                self.check_outcome(store, [job["id"] for job in jobs])
                for tenant, key, _ in tenants[:3]:
                    self.check_downloads(api, store, tenant, key)
            finally:
                for worker in workers:
                    if worker.process is not None:
                        worker.process.kill()
                        worker.process.wait()
                api.stop()

    def check_outcome(self, store, job_ids):
        states = collections.Counter(state for (state,) in store.query("SELECT state FROM jobs"))
        self.assertEqual(sum(states.values()), len(job_ids), "jobs lost or made up")
        # The blueprints build, so nothing fails; a job whose workers were all killed under it
        # may die, with its reason, but not more than a few.
        self.assertEqual(states["failed"], 0, store.query("SELECT id, error FROM jobs WHERE state = 'failed'"))
        self.assertLessEqual(states["dead"], 10, states)
        for job, error in store.query("SELECT id, error FROM jobs WHERE state = 'dead'"):
            self.assertIn("stopped answering", error, job)
        completions = collections.Counter(
            subject for (subject,) in store.query("SELECT subject FROM events WHERE type = 'generation.completed'"))
        succeeded = {job for (job,) in store.query("SELECT id FROM jobs WHERE state = 'succeeded'")}
        self.assertEqual({subject.removeprefix("jobs/") for subject in completions}, succeeded)
        self.assertEqual([subject for subject, count in completions.items() if count != 1], [],
                         "a job completed twice")
        # Every succeeded job's manifest names files that are all stored, each with its hash.
        manifests = {manifest for (manifest,) in store.query(
            "SELECT DISTINCT manifest FROM jobs WHERE state = 'succeeded'")}
        self.assertEqual(store.query("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded' AND manifest IS NULL"),
                         [(0,)])
        stored = dict(store.query(
            "SELECT hash, encode(sha256(convert_to(content, 'UTF8')), 'hex') FROM blobs"))
        texts = store.blobs(manifests)
        for manifest in manifests:
            self.assertEqual(stored.get(manifest), manifest, "a manifest is missing")
            targets = json.loads(texts[manifest])["targets"]
            self.assertTrue(all(target["files"] for target in targets), texts[manifest])
            for file in (file for target in targets for file in target["files"]):
                self.assertEqual(stored.get(file["sha256"]), file["sha256"], f"{file['path']} is missing")

    def check_downloads(self, api, store, tenant, key):
        """The artifacts of a few jobs, through the API, byte for byte."""
        rows = store.query("SELECT id FROM jobs WHERE tenant_id = ? AND state = 'succeeded' LIMIT 3", (tenant,))
        for (job,) in rows:
            manifest = get(api, key, f"/v1/jobs/{job}/artifacts").json()
            target = manifest["targets"][0]
            for file in target["files"][:5]:
                fetched = get(api, key, f"/v1/jobs/{job}/artifacts/file?path={target['name']}/{file['path']}")
                self.assertEqual(fetched.status, 200)
                self.assertEqual(hashlib.sha256(fetched.body).hexdigest(), file["sha256"])


def main():
    global BPC
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True)
    arguments, rest = parser.parse_known_args()
    BPC = os.path.abspath(arguments.bpc)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
