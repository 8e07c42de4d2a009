#!/usr/bin/env bash
# Installs every Debian package bpc needs to build, test and benchmark, the npm packages of the
# independent validators the tests use (tools/package.json, pinned by its lock file) and the PyPI
# ones (tools/requirements.txt into the virtual environment tools/venv, pinned by
# tools/requirements.lock), the pinned tree-sitter CLI from crates.io (into tools/cargo, for
# grammar/tree-sitter-blueprint/ and its conformance test), and nothing that is already there.
# Safe to run any number of times; does nothing when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

install_npm_tools() {
  # tools/node_modules is (re)installed when missing or older than the lock file.
  if [[ ! -d tools/node_modules || tools/package-lock.json -nt tools/node_modules ]]; then
    echo "bootstrap: installing npm tools (tools/package.json)" >&2
    npm ci --prefix tools --no-audit --no-fund --loglevel=error
    touch tools/node_modules
  fi
  # editors/vscode/node_modules (the VS Code extension's build and test tools: tsc, esbuild, vsce,
  # vscode-textmate) likewise, from editors/vscode/package-lock.json.
  if [[ ! -d editors/vscode/node_modules || editors/vscode/package-lock.json -nt editors/vscode/node_modules ]]; then
    echo "bootstrap: installing the VS Code extension's npm packages (editors/vscode/package.json)" >&2
    npm ci --prefix editors/vscode --no-audit --no-fund --loglevel=error
    touch editors/vscode/node_modules
  fi
}

install_python_tools() {
  # tools/venv is (re)made when missing or older than the requirements or their lock file.
  if [[ ! -x tools/venv/bin/python || tools/requirements.txt -nt tools/venv || tools/requirements.lock -nt tools/venv ]]; then
    echo "bootstrap: installing PyPI tools (tools/requirements.txt)" >&2
    rm -rf tools/venv
    python3 -m venv tools/venv
    tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/requirements.txt -c tools/requirements.lock
    touch tools/venv
  fi
}

# tree-sitter-cli 0.27.1 needs rustc 1.90 or later.
tree_sitter_cli_version=0.27.1
tree_sitter_cli_rustc=1.90

install_cargo_tools() {
  # tools/cargo/bin/tree-sitter is (re)installed when missing or not the pinned version. Debian's
  # Rust is too old for it, so this takes the cargo on PATH (or rustup's in ~/.cargo/bin); without
  # one recent enough it says so and goes on (only the treesitter_conformance test needs it).
  local installed cargo rustc_version
  installed=$(tools/cargo/bin/tree-sitter --version 2>/dev/null || true)
  if [[ $installed == "tree-sitter $tree_sitter_cli_version" || $installed == "tree-sitter $tree_sitter_cli_version "* ]]; then
    return
  fi
  cargo=$(command -v cargo || echo "$HOME/.cargo/bin/cargo")
  rustc_version=$("$(dirname "$cargo")/rustc" --version 2>/dev/null | awk '{print $2}' || true)
  if [[ ! -x $cargo || -z $rustc_version ||
        $(printf '%s\n' "$tree_sitter_cli_rustc" "$rustc_version" | sort -V | head -n1) != "$tree_sitter_cli_rustc" ]]; then
    echo "bootstrap: warning: tree-sitter-cli $tree_sitter_cli_version needs cargo and rustc >= $tree_sitter_cli_rustc (https://rustup.rs); not installed, so the treesitter_conformance test will fail" >&2
    return
  fi
  echo "bootstrap: installing tree-sitter-cli $tree_sitter_cli_version (crates.io, into tools/cargo)" >&2
  "$cargo" install --locked --quiet tree-sitter-cli --version "$tree_sitter_cli_version" --root tools/cargo
}

packages=(
  build-essential cmake pkg-config ninja-build ccache git
  clang-14 libclang-rt-14-dev clang-tidy-14 libclang-14-dev libclang-cpp14-dev
  antlr4 libantlr4-runtime-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev libboost-graph-dev libssl-dev libmimalloc-dev libre2-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libbrotli-dev zlib1g-dev libsqlite3-dev libtomlplusplus-dev libarchive-dev
  protobuf-compiler python3 python3-venv time
  docker-compose
  postgresql-15 libpq-dev
  nodejs
  neovim
  wrk openssl
  bubblewrap
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# npm: Debian's package, unless an npm already came with the installed Node.js (as NodeSource's
# nodejs package ships it, which conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if ((${#missing[@]} == 0)); then
  install_npm_tools
  install_python_tools
  install_cargo_tools
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_npm_tools
install_python_tools
install_cargo_tools
