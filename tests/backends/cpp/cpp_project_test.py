"""End-to-end tests of the `cpp` backend with the real compilers, CMake and the Debian packages.

  --blueprint FILE       generates the project twice (the bytes must be identical), configures it
                         with CMake (Ninja, ccache when installed), builds it with -Werror and
                         runs its generated GoogleTest suite with ctest: every test must pass, and
                         the tests it skips are exactly the groups the README and bpc's build
                         summary list. `--compiler` picks g++ (default) or clang++, `--sanitize`
                         builds with AddressSanitizer and UndefinedBehaviorSanitizer, `--tidy`
                         runs clang-tidy with the project's .clang-tidy on every source, runtime
                         and tests included: it must report nothing.
  --regenerate FILE      generates, writes code into user-code regions, regenerates: the code must
                         survive, the project must still build and pass its tests, and the
                         hand-written operation must answer instead of 501.

Build trees live under --work (one per blueprint, compiler and mode), so a second run rebuilds
only what changed; ccache, with CCACHE_BASEDIR at --work, shares the runtime's objects between
projects.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from build_examples import count_from, read_tree, run  # noqa: E402


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def generate(bpc, blueprint, out, summary=None):
    result = run([bpc, "build", str(blueprint), "--target", "cpp", "--out", str(out)])
    if result.returncode != 0:
        fail(f"bpc build {blueprint} exited {result.returncode}\n{result.stderr}")
    if summary is not None:
        summary.extend(result.stdout.splitlines())
    return out / "cpp"


def environment(work):
    env = dict(os.environ)
    env["CCACHE_BASEDIR"] = str(work)
    env["CCACHE_NOHASHDIR"] = "1"
    return env


def build(project, build_dir, compiler, sanitize, work):
    configure = ["cmake", "-S", str(project), "-B", str(build_dir), "-G", "Ninja", f"-DCMAKE_CXX_COMPILER={compiler}",
                 f"-DBPC_SANITIZE={'ON' if sanitize else 'OFF'}"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    env = environment(work)
    result = run(configure, env=env)
    if result.returncode != 0:
        fail(f"cmake could not configure {project}\n{result.stdout}\n{result.stderr}")
    started = time.monotonic()
    result = run(["cmake", "--build", str(build_dir), "-j", "2"], env=env)
    if result.returncode != 0:
        fail(f"{compiler} could not build {project}\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}")
    return time.monotonic() - started


def test(build_dir, sanitize):
    env = dict(os.environ)
    if sanitize:
        env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
        env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    result = run(["ctest", "--test-dir", str(build_dir), "-j", "2", "--output-on-failure", "--timeout", "120"], env=env)
    if result.returncode != 0:
        # Without the lines of tests that started or passed: the failures and their output.
        lines = [line for line in result.stdout.splitlines() if not re.search(r"(Passed\s+[\d.]+ sec$|^\s+Start\s+\d+:)", line)]
        fail(f"generated tests failed in {build_dir}\n" + "\n".join(lines)[-30000:] + f"\n{result.stderr[-3000:]}")
    return result.stdout


def check_skips(blueprint, project, build_summary, output):
    """Every skipped test is one the README and the build summary list, with a reason."""
    readme = (project / "README.md").read_text()
    section = readme.split("## Generated tests", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in section.splitlines() if line.startswith("- ")]
    summarized = count_from(build_summary, "  tests: ", r"  tests: (\d+) groups? skipped")
    skipped = len(re.findall(r"^\s*\d+ - .*\(Skipped\)$", output, re.M))
    if not (len(listed) == summarized == skipped):
        fail(f"{blueprint}: ctest skipped {skipped} tests, the README lists {len(listed)}, the build summary says {summarized}")
    if any(": " not in line for line in listed):
        fail(f"{blueprint}: a skipped test group has no reason:\n" + "\n".join(listed))


def tidy(project, build_dir):
    pattern = re.escape(str(project)) + "/(src|runtime|tests)/.*"
    sources = [entry["file"] for entry in json.loads((build_dir / "compile_commands.json").read_text())
               if re.search(pattern, entry["file"])]
    if len(sources) < 10:
        fail(f"clang-tidy would check only {len(sources)} sources of {project}")
    result = run(["run-clang-tidy-14", "-p", str(build_dir), "-quiet", "-j", "2", pattern])
    findings = sorted({re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()
                       if re.search(r"(warning|error):", re.sub(r"\x1b\[[0-9;]*m", "", line))})
    if result.returncode != 0 or findings:
        fail(f"clang-tidy reported on {project}:\n" + "\n".join(findings[:100]) + f"\n{result.stderr[-3000:]}")


def check_blueprint(bpc, blueprint, work, compiler, sanitize, clang_tidy=False):
    name = f"{blueprint.stem}-{pathlib.Path(compiler).name}{'-asan' if sanitize else ''}"
    root = work / name
    with tempfile.TemporaryDirectory() as temp:
        second = generate(bpc, blueprint, pathlib.Path(temp))
        summary = []
        project = generate(bpc, blueprint, root / "out", summary)
        if read_tree(project) != read_tree(second):
            fail(f"{blueprint}: two builds gave different bytes")
    seconds = build(project, root / "build", compiler, sanitize, work)
    output = test(root / "build", sanitize)
    check_skips(blueprint, project, summary, output)
    if clang_tidy:
        tidy(project, root / "build")
    passed = re.search(r"(\d+)% tests passed, (\d+) tests failed out of (\d+)", output)
    print(f"{blueprint.name} ({compiler}{', ASan+UBSan' if sanitize else ''}): built in {seconds:.0f} s; "
          f"{passed.group(3) if passed else '?'} tests, all passed{'; clang-tidy clean' if clang_tidy else ''}")


def replace_region(text, key, body):
    begin = f"// bpc:begin-user-code {key}\n"
    end = f"  // bpc:end-user-code {key}"
    start = text.index(begin) + len(begin)
    stop = text.index(end, start)
    return text[:start] + body + text[stop:]


def check_regeneration(bpc, blueprint, work):
    root = work / "regeneration"
    shutil.rmtree(root, ignore_errors=True)
    project = generate(bpc, blueprint, root / "out")
    handlers = project / "src" / "handlers.cpp"
    written = replace_region(handlers.read_text(), "handlers.searchPatients",
                             "  (void)call;\n  return Json::array();  // written by hand\n")
    handlers.write_text(written)
    generate(bpc, blueprint, root / "out")
    if "return Json::array();  // written by hand" not in handlers.read_text():
        fail("the hand-written operation did not survive regeneration")
    build(project, root / "build", "g++", False, work)
    test(root / "build", False)
    server = subprocess.Popen([str(root / "build" / "clinic")], env={**os.environ, "PORT": "18931", "BPC_DEV_TOKENS": "admin=Admin"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        request = urllib.request.Request("http://127.0.0.1:18931/api/v1/patients/search?query=ab",
                                         headers={"Authorization": "Bearer admin"})
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = json.loads(response.read())
                    if response.status != 200 or body != []:
                        fail(f"the hand-written operation answered {response.status} {body}")
                    break
            except urllib.error.URLError:
                time.sleep(0.05)
        else:
            fail("the server did not answer")
    finally:
        server.terminate()
        if server.wait(timeout=10) != 0:
            fail(f"the server did not stop cleanly on SIGTERM: exit {server.returncode}")
    print("regeneration: the hand-written operation survived and answers 200; SIGTERM stops the server cleanly")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True, help="where the build trees live")
    parser.add_argument("--blueprint", type=pathlib.Path)
    parser.add_argument("--regenerate", type=pathlib.Path)
    parser.add_argument("--compiler", default="g++")
    parser.add_argument("--sanitize", action="store_true")
    parser.add_argument("--tidy", action="store_true")
    args = parser.parse_args()
    work = pathlib.Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.blueprint:
        check_blueprint(args.bpc, args.blueprint.resolve(), work, args.compiler, args.sanitize, args.tidy)
    if args.regenerate:
        check_regeneration(args.bpc, args.regenerate.resolve(), work)


if __name__ == "__main__":
    main()
