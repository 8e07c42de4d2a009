#!/usr/bin/env python3
"""`bpc build`'s progress line (cli/build_progress.h), with stderr on a pseudo-terminal.

With two targets and stderr a terminal, stderr shows `[1/2] jsonschema: emitting...` and the rest,
each redrawn after a carriage return and "erase line", and ends with the line erased; stdout holds
exactly the summary a piped run prints. With stdout on the same terminal, the summary starts on
an erased line. Nothing is drawn for one target, under NO_COLOR or --color never, with TERM=dumb,
or when stderr is a pipe (whose output tests/golden/build/all_targets.bpl also pins).
"""
import argparse
import os
import pathlib
import pty
import subprocess
import sys
import tempfile
import tty

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "clinic.bpl")
ERASE = b"\r\x1b[K"
TWO_TARGETS = ["--target", "jsonschema", "--target", "openapi"]


def environment(**changes):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env["TERM"] = "xterm"
    env.update(changes)
    return env


def build(bpc, extra, env, stdout_on_terminal=False):
    """Runs `bpc build` in a fresh directory with stderr on a pseudo-terminal (in raw mode, so
    bytes arrive as written); returns (exit code, stdout bytes, terminal bytes)."""
    with tempfile.TemporaryDirectory(prefix="bpc-progress-") as work:
        master, slave = pty.openpty()
        tty.setraw(slave)
        with open(os.path.join(work, "stdout"), "w+b") as stdout:
            process = subprocess.Popen(
                [bpc, "build", EXAMPLE, "--out", "out"] + extra, cwd=work, env=env,
                stdin=subprocess.DEVNULL, stdout=slave if stdout_on_terminal else stdout, stderr=slave)
            os.close(slave)
            terminal = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: every writer has closed the terminal
                    break
                if not chunk:
                    break
                terminal += chunk
            os.close(master)
            code = process.wait(timeout=60)
            stdout.seek(0)
            return code, stdout.read(), terminal


def piped(bpc, extra):
    with tempfile.TemporaryDirectory(prefix="bpc-progress-") as work:
        result = subprocess.run([bpc, "build", EXAMPLE, "--out", "out"] + extra, cwd=work,
                                env=environment(), capture_output=True, stdin=subprocess.DEVNULL,
                                timeout=60)
        return result.returncode, result.stdout, result.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    bpc = str(pathlib.Path(parser.parse_args().bpc).resolve())
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    code, summary, stderr = piped(bpc, TWO_TARGETS)
    expect(code == 0, f"piped build exited {code}: {stderr!r}")
    expect(stderr == b"", f"piped build wrote to stderr: {stderr!r}")
    expect(summary.startswith(b"jsonschema: ") and b"\nopenapi: " in summary,
           f"piped build's summary: {summary!r}")

    code, stdout, terminal = build(bpc, TWO_TARGETS, environment())
    expect(code == 0, f"build on a terminal exited {code}: {terminal!r}")
    for line in (b"[1/2] jsonschema: emitting...", b"[1/2] jsonschema: writing...",
                 b"[2/2] openapi: emitting...", b"[2/2] openapi: writing..."):
        expect(ERASE + line in terminal, f"no progress line {line!r} on the terminal: {terminal!r}")
    expect(terminal.endswith(ERASE), f"the progress line is not erased at the end: {terminal!r}")
    expect(stdout == summary, f"summary with stderr on a terminal:\n{stdout!r}\npiped:\n{summary!r}")

    code, _, terminal = build(bpc, TWO_TARGETS, environment(), stdout_on_terminal=True)
    expect(code == 0, f"build with stdout on the terminal exited {code}")
    expect(terminal.rpartition(ERASE)[2] == summary,
           f"the summary is not intact after the erased progress line: {terminal!r}")

    quiet_runs = {
        "one target": (["--target", "openapi"], environment()),
        "NO_COLOR": (TWO_TARGETS, environment(NO_COLOR="1")),
        "--color never": (TWO_TARGETS + ["--color", "never"], environment()),
        "TERM=dumb": (TWO_TARGETS, environment(TERM="dumb")),
    }
    for what, (extra, env) in quiet_runs.items():
        code, _, terminal = build(bpc, extra, env)
        expect(code == 0 and terminal == b"", f"{what}: exit {code}, terminal got {terminal!r}")

    for failure in failures:
        print("FAIL " + failure)
    print(f"build_progress: {'FAILED' if failures else 'passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
