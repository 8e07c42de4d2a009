#!/usr/bin/env bash
# Installs every Debian package bpc needs to build, test and benchmark, and nothing that is
# already there. Safe to run any number of times; does nothing when all is present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build ccache git
  clang-14 libclang-rt-14-dev
  antlr4 libantlr4-runtime-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  protobuf-compiler python3 time
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
