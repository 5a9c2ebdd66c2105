#!/usr/bin/env bash
# Speed and memory figures for the closing notes (not part of the test suite):
# criterion medians for parsing the seed as text, DOCX and XLSX and for the
# seed's table repeated up to 1000 times (throughput per size), and the peak
# resident memory of `gongwen parse` on each bundled seed rendering.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo bench -p gongwen --bench parse -- --warm-up-time 2 --measurement-time 5 "$@"
# Parse time against input size: the seed's table 1, 10, 100 and 1000 times.
cargo bench -p gongwen --bench scaling -- --warm-up-time 2 --measurement-time 5 "$@"

cargo build -q --release -p gongwen-cli
echo
echo "peak memory of gongwen parse (max RSS):"
for f in fixtures/seed/seed-hans.txt fixtures/seed/seed.docx fixtures/seed/seed.xlsx fixtures/seed/renderings/*; do
    [ -f "$f" ] || continue
    case "$f" in *.md|*.txt|*.tsv|*.docx|*.xlsx|*.xls|*.ods|*.html) ;; *) continue ;; esac
    rss=$(mktemp)
    /usr/bin/time -f '%M' -o "$rss" target/release/gongwen parse "$f" >/dev/null 2>&1 || true
    kb=$(tail -1 "$rss"); rm -f "$rss"
    printf '  %-48s %s KiB\n' "$f" "$kb"
done
