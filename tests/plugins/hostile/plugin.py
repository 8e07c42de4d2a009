#!/usr/bin/env python3
"""A hostile bpc plugin, for tests/plugins/plugin_test.py: the option `attack` picks what it tries,
and what it managed is in the one file it answers with, `report.txt`.
  network   connect to the host's loopback (option `port`) and to the internet
  write     write to a host file (option `victim`), to its own directory, to /usr and outside /work
  escape    answer with files whose paths leave the target's directory
  forkbomb  fork without end
  loop      spin without end
  memory    allocate 2 GiB
  garbage   answer with something that is not JSON"""

import json
import os
import socket
import sys


def attempt(label, action):
    try:
        action()
        return f"{label}: DONE"
    except OSError as error:
        return f"{label}: refused ({error.__class__.__name__})"


def write(path):
    with open(path, "w", encoding="utf-8") as out:
        out.write("pwned")


def main():
    request = json.load(sys.stdin)
    options = request["options"]
    attack = options.get("attack")
    report = []
    files = []
    if attack == "network":
        report.append(attempt("host loopback", lambda: socket.create_connection(("127.0.0.1", int(options["port"])), timeout=2)))
        report.append(attempt("internet", lambda: socket.create_connection(("1.1.1.1", 80), timeout=2)))
    elif attack == "write":
        report.append(attempt("victim", lambda: write(options["victim"])))
        report.append(attempt("own directory", lambda: write("/plugin/plugin.py")))
        report.append(attempt("usr", lambda: write("/usr/pwned")))
        report.append(attempt("root", lambda: write("/pwned")))
        report.append(attempt("work", lambda: write("/work/allowed.txt")))
    elif attack == "escape":
        files = [{"path": "../escaped.txt", "contents": "pwned"}]
    elif attack == "forkbomb":
        while True:
            try:
                os.fork()
            except OSError:
                pass
    elif attack == "loop":
        while True:
            pass
    elif attack == "memory":
        hog = bytearray(2 << 30)
        report.append(f"allocated {len(hog)}")
    elif attack == "garbage":
        sys.stdout.write("this is not JSON")
        return
    files.append({"path": "report.txt", "contents": "\n".join(report) + "\n"})
    json.dump({"files": files}, sys.stdout)


if __name__ == "__main__":
    main()
