#!/usr/bin/env python3
"""Transcript tests of `bpc lsp`, in the style of clangd's lit tests.

Each `transcripts/*.test` file is a scripted session: the workspace files it needs, the messages
a client sends, and after each one what the server answers. Blocks start with a marker line:

    === file NAME          a workspace file (NAME relative to the session's root directory),
                           written before the server starts; the text runs to the next marker
    >>> {JSON}             a message to send (the JSON may span lines). A request (it has an
                           `id`) waits for its response; a notification waits until the server has
                           answered a sync request sent right after it, so every diagnostics
                           publication it caused has arrived. In the JSON, ${root} is the root
                           directory and ${uri:NAME} the file URI of a workspace file.
    <<<                    what arrived in reply: one JSON value per message, in order (the
                           response last); `jsonrpc` left out, paths shown as ${root}.
    # ...                  a comment (only outside blocks of JSON and file text)

The `<<<` blocks are generated: run with --autoupdate to rewrite them from what the server does,
and review the diff like code. Without it, any difference fails the test with a unified diff.

    run_transcripts.py --bpc build/cli/bpc [--autoupdate] [FILE.test ...]
"""

import argparse
import difflib
import json
import os
import pathlib
import queue
import subprocess
import sys
import tempfile
import threading
import urllib.parse

import lsp_stream

HERE = pathlib.Path(__file__).resolve().parent
TIMEOUT_SECONDS = 30
SYNC_QUERY = "\u2063bpc-transcript-sync"


def parse_transcript(text):
    """Blocks as (kind, header, body) with kind in file/send/expect/comment."""
    blocks = []
    for line in text.splitlines(keepends=True):
        if line.startswith("=== file "):
            blocks.append(["file", line[len("=== file "):].strip(), ""])
        elif line.startswith(">>> "):
            blocks.append(["send", "", line[4:]])
        elif line.rstrip("\n") == "<<<":
            blocks.append(["expect", "", ""])
        elif blocks and blocks[-1][0] in ("file", "send", "expect") and not (
                line.startswith("#") and blocks[-1][0] != "file"):
            blocks[-1][2] += line
        else:
            blocks.append(["comment", "", line])
    return blocks


class Session:
    def __init__(self, bpc, root):
        self.root = root
        self.process = subprocess.Popen([bpc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 1000
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for message in lsp_stream.read_messages(self.process.stdout):
            self.messages.put(message)
        self.messages.put(None)

    def send(self, message):
        self.process.stdin.write(lsp_stream.frame(message))
        self.process.stdin.flush()

    def until_response(self, request_id):
        received = []
        while True:
            message = self.messages.get(timeout=TIMEOUT_SECONDS)
            if message is None:
                received.append({"server": "exited", "code": self.process.wait(timeout=TIMEOUT_SECONDS)})
                return received
            received.append(message)
            if message.get("id") == request_id and "method" not in message:
                return received

    def exchange(self, message):
        self.send(message)
        if "id" in message and "method" in message:
            return self.until_response(message["id"])
        if message.get("method") == "exit":
            return [{"server": "exited", "code": self.process.wait(timeout=TIMEOUT_SECONDS)}]
        self.next_id += 1
        sync = {"jsonrpc": "2.0", "id": "sync-%d" % self.next_id, "method": "workspace/symbol",
                "params": {"query": SYNC_QUERY}}
        self.send(sync)
        return self.until_response(sync["id"])[:-1]

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def substitute(text, root):
    def file_uri(name):
        return "file://" + urllib.parse.quote(str(root / name))
    out = text.replace("${root}", str(root))
    while "${uri:" in out:
        start = out.index("${uri:")
        end = out.index("}", start)
        out = out[:start] + file_uri(out[start + 6:end]) + out[end + 1:]
    return out


def pretty(value, indent=0):
    """JSON with keys sorted, each value on one line when it fits in 100 columns."""
    compact = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if indent + len(compact) <= 100 or not isinstance(value, (dict, list)) or not value:
        return compact
    pad = " " * (indent + 1)
    if isinstance(value, list) and all(isinstance(item, int) for item in value):
        # Semantic tokens: five integers per token, one token per line.
        rows = [", ".join(str(item) for item in value[i:i + 5]) for i in range(0, len(value), 5)]
        return "[\n" + ",\n".join(pad + row for row in rows) + "\n" + " " * indent + "]"
    if isinstance(value, dict):
        items = [pad + json.dumps(key, ensure_ascii=False) + ": " + pretty(value[key], indent + 1).lstrip()
                 for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + pretty(item, indent + 1).lstrip() for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def normalize(message, root):
    message = {key: value for key, value in message.items() if key != "jsonrpc"}
    text = pretty(message)
    quoted = urllib.parse.quote(str(root))
    return text.replace("file://" + quoted, "file://${root}").replace(str(root), "${root}")


def run_file(path, bpc, autoupdate):
    blocks = parse_transcript(path.read_text())
    with tempfile.TemporaryDirectory(prefix="bpc-lsp-") as directory:
        root = pathlib.Path(directory).resolve()
        for kind, header, body in blocks:
            if kind == "file":
                target = root / header
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(body)
        session = Session(bpc, root)
        out = []
        try:
            last_replies = None
            for kind, header, body in blocks:
                if kind == "file":
                    out.append("=== file " + header + "\n" + body)
                elif kind == "comment":
                    out.append(body)
                elif kind == "send":
                    out.append(">>> " + body)
                    message = json.loads(substitute(body, root))
                    message.setdefault("jsonrpc", "2.0")
                    last_replies = session.exchange(message)
                    out.append("<<<\n" + "".join(normalize(m, root) + "\n" for m in last_replies))
                # expect blocks are regenerated from the replies
        finally:
            session.close()
    actual = "".join(out)
    expected = path.read_text()
    if actual == expected:
        return True
    if autoupdate:
        path.write_text(actual)
        print("updated", path)
        return True
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                               str(path), str(path) + " (actual)"))
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--autoupdate", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = [pathlib.Path(f) for f in args.files] or sorted((HERE / "transcripts").glob("*.test"))
    failed = [f for f in files if not run_file(f, os.path.abspath(args.bpc), args.autoupdate)]
    print("%d transcripts, %d failed" % (len(files), len(failed)))
    if failed:
        print("to accept the new output: python3 tests/lsp/run_transcripts.py --bpc build/cli/bpc --autoupdate")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
