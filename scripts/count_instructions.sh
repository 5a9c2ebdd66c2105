#!/usr/bin/env bash
# Instructions per parse of the seed text, counted by callgrind: repeatable
# whatever else the machine is doing, unlike wall time. One-time set-up
# (regex compilation, the folding table) is removed by running 1 and 21
# parses and dividing the difference by 20. Needs valgrind.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q --release -p gongwen --example parse_seed
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        target/release/examples/parse_seed "$1" 2>&1 | awk '/refs:/ { gsub(",", "", $4); print $4 }'
}
one=$(count 1)
many=$(count 21)
echo "instructions per parse of fixtures/seed/seed-hans.txt: $(( (many - one) / 20 ))"
