#!/usr/bin/env bash
# Fuzzes gongwen with cargo-fuzz (nightly): installs cargo-fuzz if missing,
# seeds fuzz/corpus/<target>/ from fixtures/ (files under 200 KB; the XML
# targets get the parts of the seed packages), then runs each target in turn
# for SECONDS seconds (default 600), one job at a time, in fork mode so a
# crash, timeout or OOM is saved under fuzz/artifacts/<target>/ and the run
# goes on. Logs go to fuzz/logs/<target>.log.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # all targets by default
#   scripts/fuzz.sh --seed-only               # only (re)build the corpora
#
# New findings become regression fixtures in fixtures/fuzz-regressions/
# (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ALL_TARGETS=(text docx xlsx xls ods html pipeline interpret_text docx_xml xlsx_sheet_xml)
MAX_SEED=$((200 * 1024))

seed_only=0
seconds=600
if [ "${1:-}" = "--seed-only" ]; then
    seed_only=1
    shift
elif [ $# -gt 0 ]; then
    seconds="$1"
    shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi

# Copies the fixtures matching the globs (if small) into a corpus folder.
seed() {
    local dir="fuzz/corpus/$1"
    shift
    mkdir -p "$dir"
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        [ "$(stat -c %s "$f")" -lt "$MAX_SEED" ] || continue
        cp "$f" "$dir/$(basename "$f")"
    done
}

text_files=(fixtures/seed/*.txt fixtures/seed/renderings/*.txt fixtures/seed/renderings/*.tsv
    fixtures/seed/renderings/*.md fixtures/real/*.txt fixtures/hostile/*.txt)
html_files=(fixtures/seed/renderings/*.html fixtures/real/*.html)
docx_files=(fixtures/seed/*.docx fixtures/seed/renderings/*.docx fixtures/hostile/*.docx)
xlsx_files=(fixtures/seed/*.xlsx fixtures/seed/renderings/*.xlsx fixtures/hostile/*.xlsx)
xls_files=(fixtures/seed/renderings/*.xls fixtures/seed/renderings/*.doc)
ods_files=(fixtures/seed/renderings/*.ods)

seed text "${text_files[@]}"
seed interpret_text "${text_files[@]}"
seed html "${html_files[@]}"
seed docx "${docx_files[@]}"
seed xlsx "${xlsx_files[@]}"
seed xls "${xls_files[@]}"
seed ods "${ods_files[@]}"
seed pipeline "${text_files[@]}" "${html_files[@]}" "${docx_files[@]}" "${xlsx_files[@]}" \
    "${xls_files[@]}" "${ods_files[@]}" fixtures/seed/renderings/seed.doc
# The XML targets: the parts of the seed packages, joined with 0xFF as
# fuzz/src/targets.rs splits them.
python3 - "$MAX_SEED" "${docx_files[@]}" -- "${xlsx_files[@]}" <<'PY'
import os, sys, zipfile
limit = int(sys.argv[1])
args = sys.argv[2:]
cut = args.index("--")
groups = {
    "docx_xml": (args[:cut], ["word/document.xml", "word/numbering.xml", "word/styles.xml"]),
    "xlsx_sheet_xml": (args[cut + 1:], ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]),
}
for target, (files, names) in groups.items():
    out = os.path.join("fuzz", "corpus", target)
    os.makedirs(out, exist_ok=True)
    for f in files:
        try:
            z = zipfile.ZipFile(f)
            present = set(z.namelist())
            parts = []
            for name in names:
                if name not in present:
                    break
                parts.append(z.read(name))
        except Exception:
            continue
        # Drop trailing parts until the input is small enough.
        while parts and sum(len(p) + 1 for p in parts) > limit:
            parts.pop()
        if parts:
            base = os.path.splitext(os.path.basename(f))[0] + "-" + os.path.splitext(f)[1][1:]
            with open(os.path.join(out, base), "wb") as fh:
                fh.write(b"\xff".join(parts))
PY
# The regression fixtures are seeds too.
for t in "${ALL_TARGETS[@]}"; do
    if [ -d "fixtures/fuzz-regressions/$t" ]; then
        seed "$t" "fixtures/fuzz-regressions/$t"/*
    fi
done
[ "$seed_only" -eq 0 ] || exit 0

dict_of() {
    case "$1" in
        text | interpret_text | pipeline) echo fuzz/dict/text.dict ;;
        html) echo fuzz/dict/html.dict ;;
        docx_xml) echo fuzz/dict/docx_xml.dict ;;
        xlsx_sheet_xml) echo fuzz/dict/xlsx_sheet_xml.dict ;;
    esac
}

(cd fuzz && cargo +nightly fuzz build)
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
    dict="$(dict_of "$t")"
    args=(-max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    [ -z "$dict" ] || args+=(-dict="$PWD/$dict")
    echo "== $t: ${seconds}s, started $(date -u +%FT%TZ)"
    (cd fuzz && cargo +nightly fuzz run "$t" -- "${args[@]}") >"fuzz/logs/$t.log" 2>&1 || true
    echo "== $t: done $(date -u +%FT%TZ); $(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l) file(s) in fuzz/artifacts/$t"
done
