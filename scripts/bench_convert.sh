#!/usr/bin/env bash
# Batch throughput of `gongwen convert` (not part of the test suite):
# converts 2,000 copies of the seed as text and 2,000 as DOCX with 1 and 2
# jobs, and prints files/s and peak memory (max RSS) for each run. Then
# 4,000 text copies, to show memory stays flat in the number of files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q --release -p gongwen-cli
bin=target/release/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_copies() { # kind count source
    mkdir -p "$work/$1-$2"
    for i in $(seq -w 1 "$2"); do cp "$3" "$work/$1-$2/n$i.${3##*.}"; done
}
make_copies text 2000 fixtures/seed/seed-hans.txt
make_copies docx 2000 fixtures/seed/seed.docx
make_copies text 4000 fixtures/seed/seed-hans.txt

run() { # dir jobs
    local rss; rss=$(mktemp)
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$rss" "$bin" convert --quiet --jobs "$2" -o "$work/out.jsonl" "$work/$1" 2>/dev/null
    end=$(date +%s.%N)
    local n; n=$(find "$work/$1" -type f | wc -l)
    awk -v n="$n" -v s="$start" -v e="$end" -v kb="$(tail -1 "$rss")" -v d="$1" -v j="$2" \
        'BEGIN { printf "  %-10s jobs=%s  %5d files  %6.2f s  %7.0f files/s  peak %6.1f MB\n", d, j, n, e-s, n/(e-s), kb/1024 }'
    rm -f "$rss"
}
echo "gongwen convert throughput (release build, $(nproc) cores):"
for d in text-2000 docx-2000; do
    for j in 1 2; do run "$d" "$j"; done
done
run text-4000 2
