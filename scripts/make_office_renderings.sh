#!/usr/bin/env bash
# Writes the seed notice as other office programs save it, into
# fixtures/seed/renderings/:
#
#   seed-lo.docx    seed.docx re-saved by LibreOffice Writer as DOCX ("MS Word 2007 XML")
#   seed-lo.xlsx    seed.xlsx re-saved by LibreOffice Calc as XLSX ("Calc MS Excel 2007 XML")
#   seed.ods        seed.xlsx saved by Calc as ODF spreadsheet ("calc8")
#   seed.xls        seed.xlsx saved by Calc as Excel 97-2003 ("MS Excel 97")
#   seed-xlsx.html  seed.xlsx exported by Calc as HTML ("HTML (StarCalc)")
#   seed-docx.html  seed.docx saved by Writer as HTML ("HTML (StarWriter)", Save As > HTML)
#   seed-docx-xhtml.html  seed.docx exported by Writer as XHTML ("XHTML Writer File")
#   seed.doc        seed.docx saved by Writer as Word 97-2003 ("MS Word 97"): a legacy
#                   file that readers must refuse with a typed "unsupported, save as .docx" error
#
# fixtures/seed/renderings/README.md says what each file tests and which
# LibreOffice version made the committed files.
#
# Needs LibreOffice (headless is enough; fonts are not needed):
#   apt-get update
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui
# and python3 (standard library only) for the checks. Set SOFFICE to use
# another soffice binary.
#
# CI does NOT run this script: its outputs are committed. Run it by hand from
# anywhere (it finds the repository root itself) after changing the seed files:
#   bash scripts/make_office_renderings.sh
#
# Idempotent: LibreOffice runs with a throw-away profile, and an output whose
# content is unchanged (for ZIP files: the same members with the same bytes;
# LibreOffice stamps the ZIP entries with the time of the run) is left as it
# is, so a re-run with the same LibreOffice gives no diff. The script fails if
# an output is missing, is not the expected container, is not UTF-8 (HTML),
# or has lost the merged cells.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEED="$ROOT/fixtures/seed"
OUT="$SEED/renderings"
SOFFICE="${SOFFICE:-soffice}"

command -v "$SOFFICE" >/dev/null || {
    echo "error: $SOFFICE not found; install LibreOffice (see the top of $0)" >&2
    exit 1
}
command -v python3 >/dev/null || { echo "error: python3 not found" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A fresh profile: no dependence on (or damage to) a user's LibreOffice
# settings, and no clash with a LibreOffice already running.
export HOME="$WORK/home"
mkdir -p "$HOME" "$OUT"

"$SOFFICE" --version 2>/dev/null | head -n1

# convert SOURCE FILTER OUTPUT-NAME: converts SOURCE with "ext:Filter" into
# $OUT/OUTPUT-NAME, keeping the committed file when its content is the same.
convert() {
    local src="$1" filter="$2" name="$3"
    local dir="$WORK/out/$name"
    mkdir -p "$dir"
    "$SOFFICE" --headless --norestore \
        "-env:UserInstallation=file://$WORK/profile" \
        --convert-to "$filter" --outdir "$dir" "$src" >"$dir.log" 2>&1 || {
        cat "$dir.log" >&2
        echo "error: soffice failed on $src ($filter)" >&2
        exit 1
    }
    local made
    made="$(find "$dir" -maxdepth 1 -type f | head -n1)"
    if [[ -z "$made" ]]; then
        cat "$dir.log" >&2
        echo "error: soffice wrote nothing for $src ($filter)" >&2
        exit 1
    fi
    case "$name" in
        *.html) to_utf8 "$made" ;;
    esac
    if [[ -f "$OUT/$name" ]] && same_content "$made" "$OUT/$name"; then
        echo "unchanged $name"
    else
        mv -f "$made" "$OUT/$name"
        echo "wrote     $name ($(wc -c <"$OUT/$name") bytes)"
    fi
}

# to_utf8 FILE: re-encodes an HTML file to UTF-8 if LibreOffice wrote another
# charset, and makes its <meta> charset say so.
to_utf8() {
    python3 - "$1" <<'EOF'
import re, sys
path = sys.argv[1]
raw = open(path, "rb").read()
m = re.search(rb"""charset=["']?([A-Za-z0-9_:.-]+)""", raw[:4096], re.I)
charset = m.group(1).decode("ascii").lower() if m else "utf-8"
if charset in ("utf-8", "utf8"):
    raw.decode("utf-8")  # fails loudly if the label lies
    sys.exit(0)
text = raw.decode(charset)
text = re.sub(r"""(charset=["']?)[A-Za-z0-9_:.-]+""", r"\g<1>utf-8", text, count=1, flags=re.I)
text = re.sub(r"""(<\?xml[^>]*encoding=["'])[^"']+""", r"\g<1>UTF-8", text, count=1)
open(path, "wb").write(text.encode("utf-8"))
print(f"  re-encoded {path.rsplit('/', 1)[-1]} from {charset} to UTF-8")
EOF
}

# same_content A B: true if A and B hold the same bytes or, for ZIP files,
# the same members (in the same order) with the same bytes.
same_content() {
    cmp -s "$1" "$2" && return 0
    python3 - "$1" "$2" <<'EOF'
import sys, zipfile
try:
    a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
except zipfile.BadZipFile:
    sys.exit(1)
same = a.namelist() == b.namelist() and all(
    a.read(n) == b.read(n) and a.getinfo(n).compress_type == b.getinfo(n).compress_type
    for n in a.namelist()
)
sys.exit(0 if same else 1)
EOF
}

convert "$SEED/seed.docx" 'docx:MS Word 2007 XML'         seed-lo.docx
convert "$SEED/seed.xlsx" 'xlsx:Calc MS Excel 2007 XML'   seed-lo.xlsx
convert "$SEED/seed.xlsx" 'ods:calc8'                     seed.ods
convert "$SEED/seed.xlsx" 'xls:MS Excel 97'               seed.xls
convert "$SEED/seed.xlsx" 'html:HTML (StarCalc)'          seed-xlsx.html
convert "$SEED/seed.docx" 'html:HTML (StarWriter)'        seed-docx.html
convert "$SEED/seed.docx" 'html:XHTML Writer File'        seed-docx-xhtml.html
convert "$SEED/seed.docx" 'doc:MS Word 97'                seed.doc

# Checks: the right container, and the merged cells still there (the seed
# table has 21 vertical merges; the sheet has 34 merged regions, 21 of them
# spanning rows).
python3 - "$OUT" <<'EOF'
import re, sys, zipfile
out = sys.argv[1]
ok = True
def check(cond, what):
    global ok
    print(("ok      " if cond else "FAILED  ") + what)
    ok &= bool(cond)
def member(name, part):
    return zipfile.ZipFile(f"{out}/{name}").read(part).decode("utf-8")

doc = member("seed-lo.docx", "word/document.xml")
check(len(re.findall(r'<w:vMerge w:val="restart"/>', doc)) == 21, "seed-lo.docx: 21 w:vMerge restart")
xl = member("seed-lo.xlsx", "xl/worksheets/sheet1.xml")
check(len(re.findall(r"<mergeCell ref=", xl)) == 34, "seed-lo.xlsx: 34 <mergeCell>")
z = zipfile.ZipFile(f"{out}/seed.ods")
check(z.namelist()[0] == "mimetype"
      and z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet",
      "seed.ods: mimetype member first")
ods = z.read("content.xml").decode("utf-8")
check(len(re.findall(r'table:number-rows-spanned="([2-9]|\d\d+)"', ods)) == 21,
      "seed.ods: 21 table:number-rows-spanned > 1")
for name in ("seed.xls", "seed.doc"):
    head = open(f"{out}/{name}", "rb").read(8)
    check(head == bytes.fromhex("D0CF11E0A1B11AE1"), f"{name}: OLE2 compound file")
raw = open(f"{out}/seed.doc", "rb").read()
check("WordDocument".encode("utf-16-le") in raw, "seed.doc: has a WordDocument stream")
raw = open(f"{out}/seed.xls", "rb").read()
check("Workbook".encode("utf-16-le") in raw, "seed.xls: has a Workbook stream")
for name in ("seed-xlsx.html", "seed-docx.html", "seed-docx-xhtml.html"):
    text = open(f"{out}/{name}", "rb").read().decode("utf-8")
    check(re.search(r"charset=utf-8", text, re.I), f"{name}: UTF-8, meta says so")
    check(len(re.findall(r'rowspan="?([2-9]|\d\d+)', text)) == 21, f"{name}: 21 rowspan > 1")
sys.exit(0 if ok else 1)
EOF
