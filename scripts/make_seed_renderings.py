#!/usr/bin/env python3
"""Writes other renderings of the seed notice into fixtures/seed/renderings/.

Each rendering holds the same notice as fixtures/seed/seed.gold.json, so the
golden tests compare every one of them with that hand-checked gold file:

- seed-hant-crlf.txt: the traditional text with a BOM and CRLF line endings.
- seed-hans-fullwidth.txt: the simplified text with full-width punctuation
  (，（）：；) as most notices print it.
- seed-hant-clipboard.tsv: the seed.xlsx sheet as a spreadsheet program puts
  it on the clipboard: tab-separated, a merged region's value in its first
  cell and empty cells elsewhere, multi-line cells quoted.
- seed-hant.md: the same grid as a Markdown pipe table, title rows as
  paragraphs.

Only the standard library is used; run from the repository root:
    python3 scripts/make_seed_renderings.py
"""
import html
import pathlib
import re
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
OUT = SEED / "renderings"


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


def read_sheet():
    with zipfile.ZipFile(SEED / "seed.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    cells = {}
    for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*>(.*?)</c>', xml, re.S):
        texts = re.findall(r"<t[^>]*>(.*?)</t>", m.group(2), re.S)
        cells[col_index(m.group(1))] = html.unescape("".join(texts))
    rows = max(r for _, r in cells) + 1
    cols = max(c for c, _ in cells) + 1
    grid = [[cells.get((c, r), "") for c in range(cols)] for r in range(rows)]
    return grid


def tsv_cell(text):
    if any(ch in text for ch in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def main():
    OUT.mkdir(exist_ok=True)
    hant = (SEED / "seed-hant.txt").read_text(encoding="utf-8")
    hans = (SEED / "seed-hans.txt").read_text(encoding="utf-8")
    (OUT / "seed-hant-crlf.txt").write_bytes(
        b"\xef\xbb\xbf" + hant.replace("\n", "\r\n").encode("utf-8")
    )
    wide = hans.translate(str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}))
    (OUT / "seed-hans-fullwidth.txt").write_text(wide, encoding="utf-8")

    grid = read_sheet()
    lines = ["\t".join(tsv_cell(c) for c in row) for row in grid]
    (OUT / "seed-hant-clipboard.tsv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))

    header = next(i for i, row in enumerate(grid) if sum(1 for c in row if c) >= 4)
    md = [row[0] for row in grid[:header]]
    md.append("")
    esc = lambda t: t.replace("|", "\\|").replace("\n", "<br>")
    md.append("| " + " | ".join(esc(c) for c in grid[header]) + " |")
    md.append("|" + "---|" * len(grid[header]))
    for row in grid[header + 1:]:
        md.append("| " + " | ".join(esc(c) for c in row) + " |")
    (OUT / "seed-hant.md").write_text("\n".join(md) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
