#!/usr/bin/env python3
"""The language server benchmark: what a user typing in an editor waits for.

    python3 bench/lsp_bench.py [--bpc build/cli/bpc] [--lines 50000] [--files 50] [--edits 300]
                               [--session-edits 1000] [--typespec tools/node_modules/.bin/tsp-server]
                               [--anchor-entities 3400] [--anchor-edits 30] [--json OUT]

Part 1, bpc on a multi-file workspace (bench/gen_workspace.py, LINES lines in FILES files):
`bpc lsp` is started, the root file and one module opened as an editor opens them, then:
  - keystroke to diagnostics: one edit at a time to the module (a `@maxLength` argument changed
    through an incremental didChange), timed from sending the change to receiving the
    publishDiagnostics for that version of the module; p50 and p99 over EDITS edits;
  - completion: a completion request at a field's type position in the module, timed to its
    response; p50 and p99 over EDITS requests;
  - memory: the server's resident set (VmRSS) after the edits, and its peak (VmHWM), against the
    workspace's source bytes;
  - a long session: SESSION_EDITS more edits; the resident set after the first tenth and at the end.
Part 2, bpc beside TypeSpec's language server (`tsp-server --stdio` from @typespec/compiler, in
tools/ through scripts/bootstrap.sh) on the same model: bench's gen_models.py writes one domain
model of ANCHOR_ENTITIES entities as `main.tsp`, and bench/model_to_bpl.py converts it to
`model.bpl`. Each server gets its file opened, then ANCHOR_EDITS edits renaming a field of a middle
entity back and forth, interleaved (one bpc edit, one TypeSpec edit), each timed from the change
to the publishDiagnostics for that file.
Medians and p99 in milliseconds; a JSON summary on stdout (and in OUT).
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "lsp"))
import lsp_stream  # noqa: E402
import model_to_bpl  # noqa: E402

GEN_MODELS = HERE.parent.parent / "shared" / "bench" / "gen_models.py"
TIMEOUT = 120


class Client:
    """A minimal LSP client: sends messages, and lets the caller wait for a matching one."""

    def __init__(self, command, cwd=None):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=cwd)
        self.inbox = []
        self.condition = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for message in lsp_stream.read_messages(self.process.stdout):
            now = time.perf_counter()
            if message.get("method") in ("workspace/configuration", "client/registerCapability",
                                         "window/workDoneProgress/create"):
                items = message["params"].get("items", []) if message["method"] == "workspace/configuration" else None
                self.send({"id": message["id"], "result": None if items is None else [None] * len(items)})
                continue
            with self.condition:
                self.inbox.append((now, message))
                self.condition.notify_all()

    def send(self, message):
        self.process.stdin.write(lsp_stream.frame(message))
        self.process.stdin.flush()

    def wait_for(self, predicate):
        """The arrival time and message of the first message (from now on) that matches."""
        deadline = time.time() + TIMEOUT
        with self.condition:
            while True:
                for index, (arrived, message) in enumerate(self.inbox):
                    if predicate(message):
                        del self.inbox[:index + 1]
                        return arrived, message
                if not self.condition.wait(timeout=max(0.0, deadline - time.time())):
                    raise SystemExit("timed out waiting for the server")

    def request(self, method, params):
        self.next_id += 1
        request_id = self.next_id
        start = time.perf_counter()
        self.send({"id": request_id, "method": method, "params": params})
        arrived, message = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)
        if "error" in message:
            raise SystemExit("%s failed: %s" % (method, message["error"]))
        return (arrived - start) * 1000, message.get("result")

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def memory_kib(self):
        fields = {}
        with open("/proc/%d/status" % self.process.pid) as status:
            for line in status:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001 - a benchmark's teardown
            self.process.kill()


def uri_of(path):
    return "file://" + urllib.parse.quote(str(path))


def initialize(client, root):
    client.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(root),
                                  "workspaceFolders": [{"uri": uri_of(root), "name": "bench"}],
                                  "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}})
    client.notify("initialized", {})


def open_document(client, path, language):
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(path), "languageId": language,
                                                            "version": 1, "text": path.read_text()}})


def position_of(text, offset):
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def quantiles(samples):
    if not samples:
        return None
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]  # noqa: E731
    return {"p50_ms": round(pick(0.5), 2), "p99_ms": round(pick(0.99), 2), "max_ms": round(ordered[-1], 2),
            "runs": len(ordered)}


def timed_edit(client, uri, version, text, start_offset, end_offset, replacement):
    """Sends one change; returns the milliseconds to the diagnostics of that version."""
    change = {"range": {"start": position_of(text, start_offset), "end": position_of(text, end_offset)},
              "text": replacement}
    start = time.perf_counter()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
    arrived, _ = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                 and m["params"]["uri"] == uri
                                 and m["params"].get("version", version) == version)
    return (arrived - start) * 1000


def bench_workspace(args, work):
    root = work / "workspace"
    subprocess.run([sys.executable, str(HERE / "gen_workspace.py"), str(root), "--lines", str(args.lines),
                    "--files", str(args.files)], check=True, stdout=subprocess.DEVNULL)
    files = sorted(root.rglob("*.bpl"))
    source_bytes = sum(f.stat().st_size for f in files)
    lines = sum(f.read_text().count("\n") for f in files)
    module = sorted((root / "modules").glob("*.bpl"))[len(files) // 2 - 1]
    client = Client([args.bpc, "lsp"])
    initialize(client, root)
    open_document(client, root / "main.bpl", "blueprint")
    client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    open_document(client, module, "blueprint")
    uri = uri_of(module)
    client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)

    text = module.read_text()
    anchor = text.index("@maxLength(120)") + len("@maxLength(")
    version = 1
    keystrokes = []
    values = ["120", "121"]
    for edit in range(args.edits):
        version += 1
        old, new = values[edit % 2], values[(edit + 1) % 2]
        keystrokes.append(timed_edit(client, uri, version, text, anchor, anchor + len(old), new))
        text = text[:anchor] + new + text[anchor + len(old):]
    # Completion at a field's type: after "  email: " in the module.
    type_at = text.index("  email: ") + len("  email: ")
    completions = []
    for _ in range(args.edits):
        elapsed, result = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                                     "position": position_of(text, type_at)})
        completions.append(elapsed)
    if not result or not result.get("items"):
        raise SystemExit("completion at a type position answered nothing")
    rss, peak = client.memory_kib()

    session = []
    rss_at_tenth = None
    for edit in range(args.session_edits):
        version += 1
        old, new = values[edit % 2], values[(edit + 1) % 2]
        session.append(timed_edit(client, uri, version, text, anchor, anchor + len(old), new))
        text = text[:anchor] + new + text[anchor + len(old):]
        if edit + 1 == max(1, args.session_edits // 10):
            rss_at_tenth = client.memory_kib()[0]
    rss_end, peak_end = client.memory_kib()
    client.close()
    return {
        "workspace": {"files": len(files), "lines": lines, "bytes": source_bytes},
        "keystroke_to_diagnostics": quantiles(keystrokes),
        "completion": quantiles(completions),
        "memory": {"rss_mib": round(rss / 1024, 1), "peak_mib": round(peak / 1024, 1),
                   "rss_over_source": round(rss * 1024 / source_bytes, 1),
                   "peak_over_source": round(peak * 1024 / source_bytes, 1)},
        "session": {"edits": args.session_edits, "keystroke_to_diagnostics": quantiles(session),
                    "rss_mib_after_first_tenth": round(rss_at_tenth / 1024, 1),
                    "rss_mib_at_end": round(rss_end / 1024, 1), "peak_mib_at_end": round(peak_end / 1024, 1)},
    }


def bench_anchor(args, work):
    model = work / "model"
    subprocess.run([sys.executable, str(GEN_MODELS), str(args.anchor_entities), "-f", "10", "--seed", "42", "-o",
                    str(model)], check=True, stdout=subprocess.DEVNULL)
    model_to_bpl.convert_file(str(model / "model.json"), str(model / "model.bpl"))
    tsp = model / "main.tsp"
    bpl = model / "model.bpl"
    # TypeSpec resolves `import "@typespec/http"` from a node_modules beside or above the file.
    os.symlink(pathlib.Path(args.typespec).resolve().parents[1], model / "node_modules")
    (model / "package.json").write_text('{"name": "bench-model", "private": true}\n')

    middle_entity = json.loads((model / "model.json").read_text())["entities"][args.anchor_entities // 2]
    servers = {}
    for name, command, path, language in [("bpc", [args.bpc, "lsp"], bpl, "blueprint"),
                                          ("typespec", [args.typespec, "--stdio"], tsp, "typespec")]:
        client = Client(command, cwd=str(model))
        initialize(client, model)
        open_document(client, path, language)
        uri = uri_of(path)
        client.wait_for(lambda m, uri=uri: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        text = path.read_text()
        # The second field of the middle entity, in each language's spelling.
        declaration = text.index(("entity %s {" if name == "bpc" else "model %s {") % middle_entity["name"])
        second_line = text.index("\n", text.index("\n", declaration) + 1) + 1
        field = second_line + 2
        servers[name] = {"client": client, "uri": uri, "text": text, "at": field, "version": 1, "samples": []}
    for edit in range(args.anchor_edits):
        for name, server in servers.items():
            server["version"] += 1
            old, new = ("", "x") if edit % 2 == 0 else ("x", "")
            server["samples"].append(timed_edit(server["client"], server["uri"], server["version"], server["text"],
                                                server["at"], server["at"] + len(old), new))
            server["text"] = server["text"][:server["at"]] + new + server["text"][server["at"] + len(old):]
    result = {"entities": args.anchor_entities,
              "bpl_lines": servers["bpc"]["text"].count("\n"), "tsp_lines": servers["typespec"]["text"].count("\n")}
    for name, server in servers.items():
        rss, peak = server["client"].memory_kib()
        result[name] = {"edit_to_diagnostics": quantiles(server["samples"]), "rss_mib": round(rss / 1024, 1),
                        "peak_mib": round(peak / 1024, 1)}
        server["client"].close()
    result["typespec_over_bpc_p50"] = round(result["typespec"]["edit_to_diagnostics"]["p50_ms"]
                                            / result["bpc"]["edit_to_diagnostics"]["p50_ms"], 1)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", default=str(HERE.parent / "build" / "cli" / "bpc"))
    parser.add_argument("--lines", type=int, default=50000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--session-edits", type=int, default=1000)
    parser.add_argument("--typespec", default=str(HERE.parent / "tools" / "node_modules" / ".bin" / "tsp-server"))
    parser.add_argument("--anchor-entities", type=int, default=3400)
    parser.add_argument("--anchor-edits", type=int, default=30)
    parser.add_argument("--json")
    args = parser.parse_args()
    args.bpc = os.path.abspath(args.bpc)
    with tempfile.TemporaryDirectory(prefix="bpc-lsp-bench-") as directory:
        work = pathlib.Path(directory)
        result = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "nproc": os.cpu_count(),
                  "load_average_at_start": os.getloadavg(), "workspace": bench_workspace(args, work)}
        if args.anchor_edits == 0:
            result["anchor"] = "skipped (--anchor-edits 0)"
        elif os.path.exists(args.typespec):
            result["anchor"] = bench_anchor(args, work)
        else:
            result["anchor"] = "no tsp-server at %s (scripts/bootstrap.sh installs it into tools/)" % args.typespec
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        pathlib.Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
