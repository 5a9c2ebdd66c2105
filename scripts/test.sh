#!/usr/bin/env bash
# Runs the whole test suite: every Rust target of the workspace, then the
# doc tests. (Python tests are appended here once the package exists.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo test --workspace --all-targets
cargo test --workspace --doc
