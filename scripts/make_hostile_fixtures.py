#!/usr/bin/env python3
"""Writes hostile inputs for the readers into fixtures/hostile/, then checks them.

Each file is small on disk (at most 200 KB; zip-bomb.docx about 1 MB, as a
1 GiB DEFLATE member cannot be smaller) and is built from the seed files
(fixtures/seed/seed.docx, seed.xlsx, seed-hant.txt) or from OOXML parts
written here as text. fixtures/hostile/README.md lists what each file is and
what a reader must do with it (a typed error kind or a bounded result).

    truncated.docx, truncated.xlsx   the first 60% of seed.docx / seed.xlsx
    not-a-docx.docx                  a valid ZIP holding only hello.txt
    missing-document.docx            seed.docx without word/document.xml
    zip-bomb.docx                    seed.docx with a 1 GiB word/document.xml
    entity-expansion.docx            seed.docx whose document.xml declares
                                     "billion laughs" entities and uses &lol9;
    encrypted.docx, encrypted.xlsx   the seed files encrypted with password
                                     "gongwen" (ECMA-376 agile encryption)
    huge-dimension.xlsx              <dimension ref="A1:XFD1048576"/>, 3 cells
    whole-sheet-merge.xlsx           a merge A1:XFD1048576 over a few cells
    overlapping-merges.xlsx          merges A1:C3 and B2:D4
    nested-tables.docx               tables nested 50 deep
    nul-bytes.txt                    UTF-8 notice text with NUL bytes
    invalid-utf8.txt                 UTF-8 notice text with a few 0xFF bytes

long-line.txt (10 MiB on one line) and many-measures.txt (a task table of
100,000 measures, about 6.5 MB) are not committed: tests generate them (the
recipes are in the README; `--long-line PATH` and `--many-measures PATH`
write them to PATH).

Python 3 standard library only, except the two encrypted files, which need
msoffcrypto-tool (PyPI). CI does not run this script: every output is
committed, so CI needs nothing. To re-run it:

    python3 -m venv /tmp/gw-venv
    /tmp/gw-venv/bin/pip install msoffcrypto-tool     # made with 6.1.0
    /tmp/gw-venv/bin/python scripts/make_hostile_fixtures.py

Without msoffcrypto-tool the encrypted files already committed are kept (and
checked); the other files need only python3. `--check` only checks the files.

Idempotent: the ZIP files are written with fixed member times and order, so a
re-run gives the same bytes; encryption is salted at random, so an encrypted
file is rewritten only when it no longer decrypts to the current seed file.
"""
import argparse
import io
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
OUT = ROOT / "fixtures" / "hostile"

PASSWORD = "gongwen"
MAX_SIZE = 200 * 1024
BOMB_SIZE = 1 << 30  # uncompressed size of zip-bomb.docx's word/document.xml
FIXED_TIME = (2024, 3, 7, 0, 0, 0)  # member time of the ZIPs built from text
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
LONG_LINE_SIZE = 10 << 20

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = R_NS + "/officeDocument"


# ---------------------------------------------------------------- ZIP helpers


def zinfo(name, date_time=FIXED_TIME):
    """A ZipInfo for a DEFLATE level 9 member with a fixed time."""
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    if hasattr(info, "compress_level"):  # Python 3.13+
        info.compress_level = 9
    else:
        info._compresslevel = 9
    return info


def write_zip(path, members):
    """Writes (name, bytes, date_time) members, in order, to path."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, date_time in members:
            z.writestr(zinfo(name, date_time), data)
    write_bytes(path, buf.getvalue())


def seed_members(name, drop=(), replace=None):
    """The members of a seed file as (name, bytes, date_time), in order."""
    replace = replace or {}
    with zipfile.ZipFile(SEED / name) as z:
        return [
            (i.filename, replace.get(i.filename, z.read(i.filename)), i.date_time)
            for i in z.infolist()
            if i.filename not in drop
        ]


def write_bytes(path, data):
    if path.exists() and path.read_bytes() == data:
        print(f"unchanged {path.name}")
        return
    path.write_bytes(data)
    print(f"wrote     {path.name} ({len(data)} bytes)")


# ------------------------------------------------------------- the fixtures


def truncated():
    for name in ("seed.docx", "seed.xlsx"):
        data = (SEED / name).read_bytes()
        write_bytes(OUT / name.replace("seed", "truncated"), data[: len(data) * 6 // 10])


def not_a_docx():
    write_zip(OUT / "not-a-docx.docx", [("hello.txt", b"hello, world\n", FIXED_TIME)])


def missing_document():
    members = seed_members("seed.docx", drop={"word/document.xml"})
    write_zip(OUT / "missing-document.docx", members)


def zip_bomb():
    """seed.docx with word/document.xml a well-formed 1 GiB document: a
    paragraph whose one w:t holds 1 GiB less a few bytes of spaces. Streamed
    to zipfile in 1 MiB chunks; DEFLATE's best ratio (~1030:1) makes the
    member about 1 MB."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        "<w:p><w:r><w:t>江西省市場監管局</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">'
    ).encode("utf-8")
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    pad = BOMB_SIZE - len(head) - len(tail)
    chunk = b" " * (1 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, date_time in seed_members("seed.docx"):
            if name != "word/document.xml":
                z.writestr(zinfo(name, date_time), data)
                continue
            with z.open(zinfo(name, date_time), "w") as f:
                f.write(head)
                left = pad
                while left:
                    n = min(left, len(chunk))
                    f.write(chunk[:n])
                    left -= n
                f.write(tail)
    write_bytes(OUT / "zip-bomb.docx", buf.getvalue())


BILLION_LAUGHS = """<!DOCTYPE w:document [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def entity_expansion():
    """seed.docx whose document.xml gets the DOCTYPE above after its XML
    declaration and a first paragraph <w:t>&lol9;</w:t> (3 GB if expanded);
    the rest of the seed document follows unchanged."""
    with zipfile.ZipFile(SEED / "seed.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    decl_end = xml.index("?>") + 2
    xml = xml[:decl_end] + "\n" + BILLION_LAUGHS + xml[decl_end:].lstrip()
    body = xml.index("<w:body>") + len("<w:body>")
    xml = xml[:body] + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" + xml[body:]
    members = seed_members("seed.docx", replace={"word/document.xml": xml.encode("utf-8")})
    write_zip(OUT / "entity-expansion.docx", members)


def encrypted():
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        msoffcrypto = None
    for name in ("seed.docx", "seed.xlsx"):
        out = OUT / name.replace("seed", "encrypted")
        plain = (SEED / name).read_bytes()
        if msoffcrypto is None:
            if not out.exists():
                sys.exit(f"error: {out.name} is missing and msoffcrypto-tool is not installed "
                         "(see this script's docstring)")
            print(f"kept      {out.name} (msoffcrypto-tool not installed)")
            continue
        if out.exists() and decrypt(out.read_bytes()) == plain:
            print(f"unchanged {out.name} (decrypts to {name})")
            continue
        buf = io.BytesIO()
        OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, buf)
        write_bytes(out, buf.getvalue())


def decrypt(data):
    import msoffcrypto

    try:
        f = msoffcrypto.OfficeFile(io.BytesIO(data))
        f.load_key(password=PASSWORD)
        out = io.BytesIO()
        f.decrypt(out)
        return out.getvalue()
    except Exception:  # any failure means "rewrite it"
        return None


def xlsx_members(sheet_xml):
    """The parts of a minimal XLSX: one sheet, no styles, inline strings."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{S_NS}" xmlns:r="{R_NS}">'
        '<sheets><sheet name="任務分工" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{R_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ]
    return [(name, text.encode("utf-8"), FIXED_TIME) for name, text in parts]


def sheet_xml(cells, dimension, merges=()):
    """A worksheet with inline-string cells {ref: text}, rows in order."""
    rows = {}
    for ref, text in cells.items():
        rows.setdefault(int(re.sub(r"[A-Z]+", "", ref)), []).append((ref, text))
    data = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in rows[r]
        )
        + "</row>"
        for r in sorted(rows)
    )
    merge = ""
    if merges:
        merge = f'<mergeCells count="{len(merges)}">' + "".join(
            f'<mergeCell ref="{m}"/>' for m in merges
        ) + "</mergeCells>"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{S_NS}" xmlns:r="{R_NS}">'
        f'<dimension ref="{dimension}"/>'
        f"<sheetData>{data}</sheetData>{merge}"
        "</worksheet>"
    )


HEADER = {"A1": "省局貫徹落實具體舉措", "B1": "完成時限", "C1": "責任單位"}


def huge_dimension():
    xml = sheet_xml(HEADER, "A1:XFD1048576")
    write_zip(OUT / "huge-dimension.xlsx", xlsx_members(xml))


def whole_sheet_merge():
    cells = {
        "A1": "江西省市場監管局貫徹落實任務分工",
        "A2": "(1)深入開展學習貫徹習近平新時代中國特色社會主義思想主題教育。",
        "B2": "長期堅持",
        "C2": "省局直屬機關黨委",
    }
    xml = sheet_xml(cells, "A1:C2", merges=["A1:XFD1048576"])
    write_zip(OUT / "whole-sheet-merge.xlsx", xlsx_members(xml))


def overlapping_merges():
    cells = {f"{c}{r}": f"{c}{r}" for r in range(1, 5) for c in "ABCD"}
    xml = sheet_xml(cells, "A1:D4", merges=["A1:C3", "B2:D4"])
    write_zip(OUT / "overlapping-merges.xlsx", xlsx_members(xml))


NESTED_DEPTH = 50


def nested_tables():
    """A minimal DOCX whose body holds one table nested 50 deep: each level
    one row, one cell with a paragraph "層N", the next table and the empty
    paragraph a cell must end with."""
    opening = "".join(
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{9000 - 100 * i}"/></w:tblGrid>'
        f"<w:tr><w:tc><w:p><w:r><w:t>層{i + 1}</w:t></w:r></w:p>"
        for i in range(NESTED_DEPTH)
    )
    closing = "<w:p/></w:tc></w:tr></w:tbl>" * NESTED_DEPTH
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        f"<w:p><w:r><w:t>江西省市場監管局</w:t></w:r></w:p>{opening}{closing}<w:p/>"
        "</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="word/document.xml"/>'
        "</Relationships>"
    )
    members = [
        ("[Content_Types].xml", content_types.encode("utf-8"), FIXED_TIME),
        ("_rels/.rels", rels.encode("utf-8"), FIXED_TIME),
        ("word/document.xml", document.encode("utf-8"), FIXED_TIME),
    ]
    write_zip(OUT / "nested-tables.docx", members)


def seed_head(lines=12):
    text = (SEED / "seed-hant.txt").read_text(encoding="utf-8")
    return text.splitlines(keepends=True)[:lines]


def nul_bytes():
    """The seed text's first 12 lines with a NUL between two characters of
    line 3 and 16 NUL bytes of padding at the end (as a pre-allocated or
    badly truncated file has)."""
    lines = [line.encode("utf-8") for line in seed_head()]
    third = lines[2].decode("utf-8")
    lines[2] = (third[:6] + "\0" + third[6:]).encode("utf-8")
    write_bytes(OUT / "nul-bytes.txt", b"".join(lines) + b"\0" * 16)


def invalid_utf8():
    """The seed text's first 12 lines with 0xFF between two characters of
    line 4 and two more 0xFF bytes in line 9."""
    lines = seed_head()
    fourth, ninth = lines[3], lines[8]
    lines = [line.encode("utf-8") for line in lines]
    lines[3] = fourth[:5].encode("utf-8") + b"\xff" + fourth[5:].encode("utf-8")
    lines[8] = ninth[:3].encode("utf-8") + b"\xff\xff" + ninth[3:].encode("utf-8")
    write_bytes(OUT / "invalid-utf8.txt", b"".join(lines))


def long_line(path):
    """10 MiB of notice text on one line, no line break: the seed's first
    measure repeated (the README gives the same recipe for tests)."""
    unit = "(1)深入開展學習貫徹習近平新時代中國特色社會主義思想主題教育。".encode("utf-8")
    data = unit * (LONG_LINE_SIZE // len(unit))  # just under 10 MiB, whole characters
    pathlib.Path(path).write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes)")


MANY_SECTIONS, MANY_TASKS, MANY_MEASURES = 100, 10, 100  # 100,000 measures


def chinese_numeral(n):
    """1-100 in Chinese numerals (一, 十二, 九十九, 一百)."""
    digits = "一二三四五六七八九"
    if n == 100:
        return "一百"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")
    return head + ("" if ones == 0 else digits[ones - 1])


def many_measures_text():
    """A task table of 100,000 measures, flattened to lines like the seed's:
    100 sections (一、 … 一百、), each of 10 tasks (1. … 10.), each of 100
    measures ((1) … (100)). The first measure of a task follows its task
    cell; every measure has its own deadline and unit. About 6.5 MB; the
    README gives the same recipe for tests."""
    out = ["江西省市场监管局重点工作任务分工\n",
           "工作任务 | 具体举措 | 完成时限 | 责任单位 |\n"]
    k = 0
    for s in range(1, MANY_SECTIONS + 1):
        out.append(f"{chinese_numeral(s)}、第{s}部分重点工作 | |||\n")
        for t in range(1, MANY_TASKS + 1):
            for m in range(1, MANY_MEASURES + 1):
                k += 1
                task = f"{t}.落实第{s}部分第{t}项任务。 | " if m == 1 else ""
                out.append(f"{task}({m})开展第{k}项具体工作。 | 2024年6月底前 | 法规处 |\n")
    return "".join(out)


def many_measures(path):
    """Writes many_measures_text() to path."""
    data = many_measures_text().encode("utf-8")
    pathlib.Path(path).write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes)")


# ------------------------------------------------------------------- checks


def is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def check():
    ok = True

    def report(cond, name, what):
        nonlocal ok
        print(("ok      " if cond else "FAILED  ") + f"{name}: {what}")
        ok &= bool(cond)

    def zip_names(name):
        with zipfile.ZipFile(OUT / name) as z:
            return z.namelist()

    expected = [
        "truncated.docx", "truncated.xlsx", "not-a-docx.docx", "missing-document.docx",
        "zip-bomb.docx", "entity-expansion.docx", "encrypted.docx", "encrypted.xlsx",
        "huge-dimension.xlsx", "whole-sheet-merge.xlsx", "overlapping-merges.xlsx",
        "nested-tables.docx", "nul-bytes.txt", "invalid-utf8.txt",
    ]
    total = 0
    for name in expected:
        path = OUT / name
        if not path.exists():
            report(False, name, "missing")
            continue
        size = path.stat().st_size
        total += size
        limit = 2 << 20 if name == "zip-bomb.docx" else MAX_SIZE
        report(size <= limit, name, f"{size} bytes on disk (limit {limit})")
    print(f"total   {total} bytes")

    for name in ("truncated.docx", "truncated.xlsx"):
        data = (OUT / name).read_bytes()
        full = (SEED / name.replace("truncated", "seed")).read_bytes()
        report(data == full[: len(full) * 6 // 10] and data.startswith(b"PK\x03\x04"), name,
               f"first {len(data)} of {len(full)} bytes, starts with a ZIP local header")
        try:
            zipfile.ZipFile(OUT / name)
            report(False, name, "opens as a ZIP (should not: no central directory)")
        except zipfile.BadZipFile as e:
            report(True, name, f"zipfile refuses it: {e}")

    report(zip_names("not-a-docx.docx") == ["hello.txt"], "not-a-docx.docx",
           f"members {zip_names('not-a-docx.docx')}")

    names = zip_names("missing-document.docx")
    report("word/document.xml" not in names and "[Content_Types].xml" in names,
           "missing-document.docx", f"{len(names)} members, no word/document.xml")

    with zipfile.ZipFile(OUT / "zip-bomb.docx") as z:
        info = z.getinfo("word/document.xml")
        report(info.file_size == BOMB_SIZE, "zip-bomb.docx",
               f"word/document.xml declares {info.file_size} bytes uncompressed, "
               f"{info.compress_size} compressed (ratio {info.file_size // info.compress_size}:1)")
        with z.open(info) as f:
            head = f.read(400)
        report(head.startswith(b"<?xml") and b"<w:document" in head, "zip-bomb.docx",
               "document.xml starts like a Word document")
        report(z.testzip() is None, "zip-bomb.docx", "every member's CRC checks (1 GiB read)")

    with zipfile.ZipFile(OUT / "entity-expansion.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    report("<!DOCTYPE w:document [" in xml and "<!ENTITY lol9 " in xml
           and "<w:t>&lol9;</w:t>" in xml, "entity-expansion.docx",
           "document.xml declares lol..lol9 and uses &lol9; in a w:t")

    for name in ("encrypted.docx", "encrypted.xlsx"):
        data = (OUT / name).read_bytes()
        report(data.startswith(OLE2_MAGIC), name, "starts with the OLE2 magic D0CF11E0A1B11AE1")
        report("EncryptionInfo".encode("utf-16-le") in data
               and "EncryptedPackage".encode("utf-16-le") in data, name,
               "has EncryptionInfo and EncryptedPackage streams")
        try:
            import msoffcrypto  # noqa: F401
        except ImportError:
            continue
        plain = (SEED / name.replace("encrypted", "seed")).read_bytes()
        report(decrypt(data) == plain, name, f'password "{PASSWORD}" decrypts it to the seed file')

    for name, want_dim, want_merges, want_cells in (
        ("huge-dimension.xlsx", "A1:XFD1048576", [], 3),
        ("whole-sheet-merge.xlsx", "A1:C2", ["A1:XFD1048576"], 4),
        ("overlapping-merges.xlsx", "A1:D4", ["A1:C3", "B2:D4"], 16),
    ):
        with zipfile.ZipFile(OUT / name) as z:
            xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
            names = z.namelist()
        dim = re.search(r'<dimension ref="([^"]+)"', xml).group(1)
        merges = re.findall(r'<mergeCell ref="([^"]+)"', xml)
        cells = len(re.findall(r"<c r=", xml))
        report(dim == want_dim and merges == want_merges and cells == want_cells
               and "xl/workbook.xml" in names, name,
               f"dimension {dim}, merges {merges}, {cells} cells, {len(names)} parts")

    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(OUT / "nested-tables.docx") as z:
        root = ET.fromstring(z.read("word/document.xml"))
    depth, node = 0, root.find(f"{{{W_NS}}}body")
    while (cell := node.find(f"{{{W_NS}}}tbl/{{{W_NS}}}tr/{{{W_NS}}}tc")) is not None:
        depth, node = depth + 1, cell
    report(depth == NESTED_DEPTH, "nested-tables.docx", f"tables nested {depth} deep")

    data = (OUT / "nul-bytes.txt").read_bytes()
    nul = data.index(b"\0")
    report(data.count(b"\0") == 17 and is_utf8(data.replace(b"\0", b"")),
           "nul-bytes.txt", f"{data.count(0)} NUL bytes, first at offset {nul} "
           f"(line {data[:nul].count(10) + 1}); UTF-8 without them")

    data = (OUT / "invalid-utf8.txt").read_bytes()
    try:
        data.decode("utf-8")
        report(False, "invalid-utf8.txt", "decodes as UTF-8 (should not)")
    except UnicodeDecodeError as e:
        report(data.count(b"\xff") == 3 and is_utf8(data.replace(b"\xff", b"")),
               "invalid-utf8.txt", f"3 bytes 0xFF, first invalid byte at offset {e.start} "
               f"(line {data[:e.start].count(10) + 1}); UTF-8 without them")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the files")
    parser.add_argument("--long-line", metavar="PATH",
                        help="only write the 10 MiB one-line text to PATH")
    parser.add_argument("--many-measures", metavar="PATH",
                        help="only write the 100,000-measure notice to PATH")
    args = parser.parse_args()
    if args.long_line or args.many_measures:
        if args.long_line:
            long_line(args.long_line)
        if args.many_measures:
            many_measures(args.many_measures)
        return
    if not args.check:
        OUT.mkdir(exist_ok=True)
        for make in (truncated, not_a_docx, missing_document, zip_bomb, entity_expansion,
                     encrypted, huge_dimension, whole_sheet_merge, overlapping_merges,
                     nested_tables, nul_bytes, invalid_utf8):
            make()
    sys.exit(0 if check() else 1)


if __name__ == "__main__":
    main()
