"""The LSP's framing for the Python test drivers and the benchmark: `Content-Length` headers
before each JSON body. Shared by run_transcripts.py, robustness_test.py and bench/lsp_bench.py."""

import json


def frame(message):
    """The bytes of one message (a dict; `jsonrpc` added)."""
    body = json.dumps(dict(message, jsonrpc="2.0"), ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_messages(stream):
    """Yields each message read from a binary stream, until it ends."""
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                return
            if not line.strip():
                break
            name, _, value = line.decode().partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        yield json.loads(stream.read(length))
