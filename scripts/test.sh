#!/usr/bin/env bash
# Runs the whole test suite: every Rust target of the workspace, then the
# doc tests, then the Python package (built and installed into a virtual
# environment at ${GONGWEN_VENV:-.venv}, then tested with pytest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo test --workspace --all-targets
cargo test --workspace --doc

# Python: build the extension (maturin, release mode, fetched by pip as the
# build backend) and install it with the test extras.
venv="${GONGWEN_VENV:-.venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
py="$venv/bin/python"
"$py" --version
"$py" -m pip --version
# In-tree builds of a local directory need pip >= 21.3.
if ! "$py" -c 'import sys, pip; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (21, 3))'; then
    "$py" -m pip install --quiet --upgrade pip
fi
# pip rebuilds and reinstalls a local directory on every run (cargo's
# incremental build in target/ keeps that quick).
"$py" -m pip install --quiet "./python[test]"

status=0
"$py" -m pytest python/tests -q || status=$?
if [ "$status" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no Python tests in python/tests" >&2
    exit 1
fi

# Hostile inputs within 2 s and 512 MiB each, timed on the release binary
# (the debug one that `cargo test` ran is allowed more time).
cargo build --release -p gongwen-cli
GONGWEN_BIN="$PWD/target/release/gongwen" cargo test -p gongwen-cli --test limits -- --nocapture || status=$?
exit "$status"
