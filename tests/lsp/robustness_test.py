#!/usr/bin/env python3
"""`bpc lsp` never crashes or hangs, whatever it is sent.

One server session is driven through:
  - every example and every conformance-corpus file (valid and invalid), opened in turn, with
    hover, definition, type definition, references, highlights, prepareRename, rename,
    completion and signature help asked at positions all over the file, and the whole-file
    requests (symbols, folding, semantic tokens, formatting, code actions);
  - edits with ranges past the end of the text, backwards ranges, text with NUL and lone
    surrogates, deep nesting and a long line;
  - malformed messages: bodies that are not JSON, JSON that is not an object, a request without
    a method, unknown methods, parameters of the wrong types.
Every request must be answered, with a result or an error other than InternalError, and the
server must end with exit code 0 after shutdown and exit.

    robustness_test.py --bpc build/cli/bpc
"""

import argparse
import json
import pathlib
import subprocess
import sys
import threading

import lsp_stream

ROOT = pathlib.Path(__file__).resolve().parents[2]
TIMEOUT = 60
POSITION_METHODS = ["textDocument/hover", "textDocument/definition", "textDocument/typeDefinition",
                    "textDocument/references", "textDocument/documentHighlight", "textDocument/prepareRename",
                    "textDocument/completion", "textDocument/signatureHelp"]
FILE_METHODS = ["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
                "textDocument/formatting", "textDocument/documentLink", "textDocument/codeLens"]


class Server:
    def __init__(self, bpc):
        self.process = subprocess.Popen([bpc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.replies = {}
        self.arrived = threading.Condition()
        self.ended = False
        self.next_id = 0
        self.sent = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for message in lsp_stream.read_messages(self.process.stdout):
            if "id" in message and "method" not in message:
                with self.arrived:
                    self.replies[json.dumps(message["id"])] = message
                    self.arrived.notify_all()
        with self.arrived:
            self.ended = True
            self.arrived.notify_all()

    def raw(self, body):
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message):
        self.process.stdin.write(lsp_stream.frame(message))
        self.process.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        self.sent += 1
        return self.next_id

    def wait(self, request_id):
        key = json.dumps(request_id)
        with self.arrived:
            if not self.arrived.wait_for(lambda: key in self.replies or self.ended, timeout=TIMEOUT):
                raise SystemExit("no answer to request %s within %d s" % (key, TIMEOUT))
            if key not in self.replies:
                raise SystemExit("the server ended before answering request %s (exit code %s)"
                                 % (key, self.process.poll()))
            return self.replies.pop(key)


def check(reply, what, failures):
    error = reply.get("error")
    if error is not None and error.get("code") == -32603:
        failures.append("%s: %s" % (what, error.get("message")))


def positions(text, step):
    lines = text.split("\n")
    for line_number, line in enumerate(lines):
        for character in range(0, len(line) + 1, step):
            yield line_number, character


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True)
    args = parser.parse_args()
    server = Server(args.bpc)
    failures = []
    server.wait(server.request("initialize", {"rootUri": "file://" + str(ROOT), "capabilities": {}}))
    server.send({"method": "initialized", "params": {}})

    files = sorted((ROOT / "examples").rglob("*.bpl")) + sorted((ROOT / "tests/corpus").rglob("*.bpl"))
    for path in files:
        uri = "file://" + str(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        server.send({"method": "textDocument/didOpen",
                     "params": {"textDocument": {"uri": uri, "languageId": "blueprint", "version": 1, "text": text}}})
        pending = []
        step = 5 if "corpus" in str(path) else 11
        for line, character in positions(text, step):
            position = {"line": line, "character": character}
            for method in POSITION_METHODS:
                params = {"textDocument": {"uri": uri}, "position": position}
                if method == "textDocument/references":
                    params["context"] = {"includeDeclaration": True}
                pending.append((server.request(method, params), "%s %s:%d:%d" % (method, path.name, line, character)))
            pending.append((server.request("textDocument/rename", {"textDocument": {"uri": uri}, "position": position,
                                                                    "newName": "renamed"}), "rename"))
        for method in FILE_METHODS:
            pending.append((server.request(method, {"textDocument": {"uri": uri}}), method + " " + path.name))
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 100000, "character": 0}}
        pending.append((server.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole,
                                                                    "context": {"diagnostics": []}}), "codeAction"))
        pending.append((server.request("textDocument/inlayHint", {"textDocument": {"uri": uri}, "range": whole}),
                        "inlayHint"))
        pending.append((server.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri}, "range": whole,
                                                                         "options": {"tabSize": 2, "insertSpaces": True}}),
                        "rangeFormatting"))
        for request_id, what in pending:
            check(server.wait(request_id), what, failures)
        server.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})

    # Hostile edits of one open document.
    uri = "file://" + str(ROOT / "hostile-edits.bpl")
    server.send({"method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "blueprint", "version": 1, "text": "entity A {}\n"}}})
    edits = [
        {"range": {"start": {"line": 50, "character": 3}, "end": {"line": 90, "character": 0}}, "text": "tail"},
        {"range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 2}}, "text": "backwards"},
        {"range": {"start": {"line": 0, "character": 4000000000}, "end": {"line": 0, "character": 4000000000}}, "text": "x"},
        {"text": "entity \u0000 { a: string }\n"},
        {"text": "type T = " + "list<" * 5000 + "int" + ">" * 5000 + "\n"},
        {"text": "entity E { " + "f: string " * 20000 + "}\n"},
        {"text": "\u202e\u2028entity Ü {}\n" * 50},
    ]
    for version, change in enumerate(edits, start=2):
        server.send({"method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        for method in POSITION_METHODS:
            check(server.wait(server.request(method, {"textDocument": {"uri": uri},
                                                      "position": {"line": 0, "character": 12}})), method, failures)
        for method in FILE_METHODS:
            check(server.wait(server.request(method, {"textDocument": {"uri": uri}})), method, failures)

    # Hostile project files (bpc.json as an unsaved buffer) governing an open blueprint beside them.
    project_dir = ROOT / "hostile-project"
    project_uri = "file://" + str(project_dir / "bpc.json")
    blueprint_uri = "file://" + str(project_dir / "main.bpl")
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": blueprint_uri, "languageId": "blueprint", "version": 1,
        "text": "blueprint B { version \"1.0.0\" }\nimport \"lib.bpl\"\nentity A { id: uuid @id @generated }\n"}}})
    projects = [
        "[" * 100000 + "]" * 100000,
        "{" + "\"k\": {" * 20000 + "}" * 20001,
        '{"sources": ["' + "x" * 500000 + '"]}',
        '{"sources": ["../../../../../../etc/passwd", "/dev/zero", "/proc/self/mem", ""], "importRoots": ["/"]}',
        r'{"importPaths": ["\u0000", "\ud800", "a\\b"], "targets": [null, {}, [], 1e999, "all"]}',
        '{"out": "/", "out": 1, "$schema": [], "\u202e": 1}',
        '/* unterminated',
        '{"sources": [] // fine\n',
        "\ufeff{}",
        "{" + ", ".join('"k%d": 1' % i for i in range(60000)) + "}",
        "{" + ", ".join(['"out": "x"'] * 80000) + "}",
        '{"sources": ["main.bpl"], "targets": ["typescript"]}',
    ]
    for version, text in enumerate(projects, start=1):
        if version == 1:
            server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": project_uri, "languageId": "json", "version": 1, "text": text}}})
        else:
            server.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": project_uri, "version": version}, "contentChanges": [{"text": text}]}})
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 100000, "character": 0}}
        for method, params in [
                ("textDocument/codeAction", {"textDocument": {"uri": project_uri}, "range": whole, "context": {"diagnostics": []}}),
                ("textDocument/hover", {"textDocument": {"uri": project_uri}, "position": {"line": 0, "character": 1}}),
                ("textDocument/hover", {"textDocument": {"uri": blueprint_uri}, "position": {"line": 2, "character": 8}}),
                ("textDocument/codeLens", {"textDocument": {"uri": blueprint_uri}})]:
            check(server.wait(server.request(method, params)), "%s (project %d)" % (method, version), failures)
    server.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": project_uri}}})
    server.send({"method": "workspace/didChangeWatchedFiles", "params": {"changes": []}})
    check(server.wait(server.request("textDocument/codeLens", {"textDocument": {"uri": blueprint_uri}})),
          "codeLens after the project file closed", failures)

    # Malformed messages: each gets an error (or, for a notification, nothing), and the server goes on.
    server.raw(b"{not json")
    server.raw(b"[1, 2, 3]")
    server.raw(b'{"jsonrpc": "2.0", "id": "lone", "method": "textDocument/hover", "params": {"x": "\\ud800"}}')
    server.send({"id": "no-method"})
    server.send({"method": "textDocument/didChange", "params": {"textDocument": 7}})
    server.send({"method": "textDocument/didOpen", "params": None})
    for method, params in [("textDocument/hover", None), ("textDocument/hover", []), ("textDocument/hover", {"textDocument": []}),
                           ("textDocument/completion", {"textDocument": {"uri": 5}, "position": {}}),
                           ("workspace/symbol", {"query": 12}), ("textDocument/rename", {"textDocument": {"uri": uri},
                                                                                          "position": {"line": 0, "character": 0},
                                                                                          "newName": None})]:
        check(server.wait(server.request(method, params)), method, failures)
    check(server.wait(server.request("workspace/symbol", {"query": ""})), "workspace/symbol", failures)

    server.wait(server.request("shutdown", None))
    server.send({"method": "exit"})
    code = server.process.wait(timeout=TIMEOUT)
    if code != 0:
        failures.append("the server exited with %d after shutdown and exit" % code)
    print("%d files, %d requests, %d internal errors" % (len(files), server.sent, len(failures)))
    for failure in failures[:50]:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
