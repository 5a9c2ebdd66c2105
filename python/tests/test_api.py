"""The core Python API: parsing every format, the typed model, JSON/pickle
round trips, parity with the Rust CLI, errors and parse_many."""

from __future__ import annotations

import datetime
import io
import json
import os
import pathlib
import pickle
import shutil
import subprocess
import sys
from typing import Any, Dict, Iterator, List, Optional

import pytest

import gongwen
from gongwen import _gongwen

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
RENDERINGS = SEED / "renderings"
HOSTILE = ROOT / "fixtures" / "hostile"

# Inputs of the seed notice in traditional script, as the gold file is.
TRADITIONAL = [
    SEED / "seed.docx",
    SEED / "seed.xlsx",
    SEED / "seed-hant.txt",
    RENDERINGS / "seed-docx.html",
    RENDERINGS / "seed-docx-xhtml.html",
    RENDERINGS / "seed-xlsx.html",
    RENDERINGS / "seed-lo.docx",
    RENDERINGS / "seed-lo.xlsx",
    RENDERINGS / "seed.xls",
    RENDERINGS / "seed.ods",
    RENDERINGS / "seed-hant-crlf.txt",
    RENDERINGS / "seed-hant-clipboard.tsv",
    RENDERINGS / "seed-hant.md",
]
SIMPLIFIED = [SEED / "seed-hans.txt", RENDERINGS / "seed-hans-fullwidth.txt"]


def _gold_measures() -> List[Dict[str, Any]]:
    gold = json.loads((SEED / "seed.gold.json").read_text("utf-8"))

    def walk(h: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
        yield from h.get("measures", [])
        for c in h.get("children", []):
            yield from walk(c)

    out = list(gold.get("measures", []))
    for h in gold["outline"]:
        out.extend(walk(h))
    return out


GOLD = _gold_measures()


@pytest.mark.parametrize("path", TRADITIONAL + SIMPLIFIED, ids=lambda p: p.name)
def test_parse_every_format(path: pathlib.Path) -> None:
    n = gongwen.parse(path)
    assert len(n) == 59 == len(n.measures) == len(GOLD)
    assert n.measures[6].deadline is not None
    assert n.measures[6].deadline.due == datetime.date(2024, 6, 30)
    assert n.source.path == str(path)
    assert n.meta.date == datetime.date(2024, 3, 7)


@pytest.mark.parametrize("path", TRADITIONAL, ids=lambda p: p.name)
def test_first_measure_matches_gold(path: pathlib.Path) -> None:
    m = gongwen.parse(path).measures[0]
    g = GOLD[0]
    assert (m.label, m.ordinal, m.text) == (g["label"], g["ordinal"], g["text"])
    assert m.deadline is not None
    d = g["deadline"]
    assert m.deadline.raw == d["raw"]
    assert m.deadline.due is None and d["due"] is None
    assert (m.deadline.ongoing, m.deadline.event) == (d["ongoing"], d["event"])
    assert [u.name for u in m.units] == [u["name"] for u in g["units"]]


def test_measures_match_gold_texts() -> None:
    n = gongwen.parse(SEED / "seed.docx")
    assert [m.text for m in n.measures] == [g["text"] for g in GOLD]
    assert [m.deadline.raw if m.deadline else None for m in n.measures] == [
        g["deadline"]["raw"] if g.get("deadline") else None for g in GOLD
    ]


def test_typed_model() -> None:
    n = gongwen.parse(SEED / "seed.docx")
    assert isinstance(n.meta, gongwen.Meta)
    assert n.meta.issuer == "江西省市場監管局"
    assert n.meta.addressees == ["省局機關各處(室、局)", "省市場監管質量安全檢查中心"]
    assert n.source == gongwen.Source("docx", "traditional", None, str(SEED / "seed.docx"))
    m = n.measures[6]
    assert m.deadline == gongwen.Deadline(
        raw="2024年6月",
        due=datetime.date(2024, 6, 30),
        precision="month",
        ongoing=False,
        recurrence=None,
        event=None,
        inherited=False,
        position=m.deadline.position if m.deadline else None,
    )
    assert [h.title for h in m.path] == ["全面提升行政執法人員能力素質", "完成行政執法隊伍全員輪訓"]
    assert [h.level for h in m.path] == [1, 2]
    assert m in m.path[-1].measures
    assert all(isinstance(u, gongwen.Unit) for u in m.units)
    # Frozen, and path stays out of repr (no recursion).
    with pytest.raises(AttributeError):
        m.text = "x"  # type: ignore[misc]
    assert "path=" not in repr(m)
    repr(n.outline)
    # The flat list is the outline walked depth first.
    def walk(h: gongwen.Heading) -> Iterator[gongwen.Measure]:
        yield from h.measures
        for c in h.children:
            yield from walk(c)

    assert n.measures == [m for h in n.outline for m in walk(h)]
    for i, m in enumerate(n.measures):
        assert m.path and m in m.path[-1].measures, i


def test_measures_order_matches_rows() -> None:
    n = gongwen.parse(SEED / "seed.xlsx")
    rows = n._rows()
    assert len(rows) == len(n)
    for row, m in zip(rows, n.measures):
        assert list(row) == list(gongwen.COLUMNS)
        assert row["text"] == m.text
        assert row["heading_path"] == " / ".join(h.title for h in m.path)


TABLE_TEXT = (
    "举措 | 完成时限 | 责任单位\n"
    "(1)健全机制。 | 2024年6月 | 办公室牵头、法规处配合\n"
    "一、总体要求 | | \n"
    "(2)加强领导。 | 每年12月 | 办公室"
)


def test_recurrence_and_loose_measures() -> None:
    n = gongwen.parse(SEED / "seed.docx")
    rec = n.measures[4].deadline.recurrence if n.measures[4].deadline else None
    assert rec == gongwen.Recurrence("yearly", month=12)
    q = n.measures[3].deadline.recurrence if n.measures[3].deadline else None
    assert q == gongwen.Recurrence("yearly", quarter=1)
    # A measure under no heading comes first, with an empty path.
    n = gongwen.parse_text(TABLE_TEXT)
    assert len(n) == 2
    assert [m.text for m in n.measures] == ["健全机制。", "加强领导。"]
    assert n.measures[0].path == ()
    assert [h.title for h in n.measures[1].path] == ["总体要求"]
    assert [r["measure_index"] for r in n._rows()] == [0, 1]
    assert [r["text"] for r in n._rows()] == ["健全机制。", "加强领导。"]


def test_parse_text() -> None:
    n = gongwen.parse_text(TABLE_TEXT)
    m = n.measures[0]
    assert m.deadline is not None and m.deadline.due == datetime.date(2024, 6, 30)
    assert [(u.name, u.role) for u in m.units] == [("办公室", "lead"), ("法规处", "support")]
    assert n.source.format == "text" and n.source.path is None
    assert gongwen.parse_text("") == gongwen.parse_text("")
    assert len(gongwen.parse_text("")) == 0
    with pytest.raises(TypeError):
        gongwen.parse_text(b"x")  # type: ignore[arg-type]


def test_parse_sources_agree() -> None:
    path = SEED / "seed.docx"
    data = path.read_bytes()
    by_path = gongwen.parse(path)
    by_str = gongwen.parse(str(path))
    by_bytes = gongwen.parse(data, name=str(path))
    by_bytearray = gongwen.parse(bytearray(data), name=str(path))
    by_view = gongwen.parse(memoryview(data), name=str(path))
    with open(path, "rb") as f:
        by_file = gongwen.parse(f)
    assert by_path == by_str == by_bytes == by_bytearray == by_view == by_file
    assert gongwen.parse(data).source.path == "<bytes>"
    assert gongwen.parse(io.BytesIO(data)).source.path == "<bytes>"
    assert gongwen.parse(io.BytesIO(data), name="x.docx").source.path == "x.docx"
    with pytest.raises(TypeError):
        gongwen.parse(io.StringIO("一、总体要求"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gongwen.parse(42)  # type: ignore[arg-type]


def test_forced_format() -> None:
    n = gongwen.parse(SEED / "seed-hant.txt", format="text")
    assert len(n) == 59
    with pytest.raises(gongwen.ParseError):
        gongwen.parse(SEED / "seed-hant.txt", format="docx")
    with pytest.raises(ValueError, match="unknown format"):
        gongwen.parse(SEED / "seed-hant.txt", format="pdf")


def test_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    import gongwen._errors
    import gongwen._notice

    monkeypatch.chdir(ROOT)  # the examples use repository-relative paths
    for module in (gongwen, gongwen._notice, gongwen._errors):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


# -- JSON, dicts, pickling ------------------------------------------------------


def test_json_round_trip() -> None:
    n = gongwen.parse(SEED / "seed.xlsx")
    d = n.to_dict()
    assert next(iter(d)) == "schema" and d["schema"] == "gongwen/notice@1"
    assert list(d) == ["schema", "meta", "outline", "measures", "diagnostics", "source"]
    assert json.loads(n._handle.to_json()) == d
    assert gongwen.Notice.from_json(n.to_json()) == n
    assert gongwen.Notice.from_json(n.to_json(indent=2)) == n
    assert gongwen.Notice.from_json(n.to_json().encode()) == n
    assert gongwen.Notice.from_dict(d) == n
    assert "\n  " in n.to_json(indent=2) and "市場" in n.to_json(indent=2)
    assert n != gongwen.parse_text("一、总体要求")
    assert n != "not a notice"
    assert hash(n) == hash(gongwen.Notice.from_json(n.to_json()))
    with pytest.raises(gongwen.ParseError) as e:
        gongwen.Notice.from_json('{"schema": 1}')
    assert e.value.kind == "invalid_json"
    assert isinstance(e.value, ValueError)


def test_pickle_round_trip() -> None:
    n = gongwen.parse(SEED / "seed.docx")
    m = pickle.loads(pickle.dumps(n))
    assert m == n and m is not n
    assert m.measures[6].deadline == n.measures[6].deadline
    e = gongwen.ParseError("boom", kind="corrupt", path="a.docx", position="word/document.xml")
    f = pickle.loads(pickle.dumps(e))
    assert (type(f), str(f), f.kind, f.path, f.position) == (
        gongwen.ParseError, "boom", "corrupt", "a.docx", "word/document.xml")


def test_module_attributes() -> None:
    assert gongwen.__version__ == _gongwen.__version__
    assert gongwen.__version__.count(".") == 2
    assert gongwen.COLUMNS[0] == "measure_index" and gongwen.COLUMNS[-1] == "position"
    assert len(gongwen.COLUMNS) == 26
    assert gongwen.COLUMNS[-3:] == ("note", "leader", "position")
    for name in gongwen.__all__:
        assert getattr(gongwen, name) is not None
    for fn in (gongwen.parse, gongwen.parse_text, gongwen.parse_many, gongwen.Notice.to_dict):
        assert fn.__doc__ and "Example" in fn.__doc__
    with pytest.raises(TypeError):
        gongwen.Notice("not a handle")  # type: ignore[arg-type]


def test_repr_without_display_module(monkeypatch: pytest.MonkeyPatch) -> None:
    n = gongwen.parse_text(TABLE_TEXT)
    monkeypatch.setitem(sys.modules, "gongwen._display", None)  # import fails
    assert repr(n) == "<Notice title=None measures=2>"
    assert n._repr_html_() is None


# -- parity with the CLI --------------------------------------------------------


def _cli() -> Optional[pathlib.Path]:
    env = os.environ.get("GONGWEN_CLI")
    if env:
        return pathlib.Path(env)
    candidates = [ROOT / "target" / p / "gongwen" for p in ("debug", "release")]
    found = [c for c in candidates if c.is_file()]
    return max(found, key=lambda c: c.stat().st_mtime) if found else None


@pytest.mark.parametrize(
    "path", [SEED / "seed.docx", SEED / "seed.xlsx", SEED / "seed-hans.txt", RENDERINGS / "seed-xlsx.html"],
    ids=lambda p: p.name,
)
def test_cli_parity(path: pathlib.Path) -> None:
    cli = _cli()
    if cli is None:
        pytest.skip("no gongwen CLI binary in target/debug or target/release; run `cargo build -p gongwen-cli`")
    rel = str(path.relative_to(ROOT))
    n = gongwen.parse(rel) if os.getcwd() == str(ROOT) else None
    if n is None:
        pytest.skip("run from the repository root for CLI parity")
    out = subprocess.run([str(cli), "parse", rel], capture_output=True, check=True, cwd=ROOT)
    assert n.to_dict() == json.loads(out.stdout)
    out = subprocess.run([str(cli), "parse", rel, "--format", "jsonl"], capture_output=True, check=True, cwd=ROOT)
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert n._rows() == rows


# -- errors ---------------------------------------------------------------------


def test_missing_file() -> None:
    missing = ROOT / "fixtures" / "no-such-file.docx"
    with pytest.raises(FileNotFoundError) as e:
        gongwen.parse(missing)
    assert e.value.filename == str(missing)
    assert e.value.errno == 2
    assert e.value.kind == "io"  # type: ignore[attr-defined]
    assert e.value.path == str(missing)  # type: ignore[attr-defined]


def test_directory_is_oserror(tmp_path: pathlib.Path) -> None:
    with pytest.raises(OSError) as e:
        gongwen.parse(tmp_path)
    assert not isinstance(e.value, gongwen.GongwenError)


def test_truncated_docx() -> None:
    path = HOSTILE / "truncated.docx"
    with pytest.raises(gongwen.ParseError) as e:
        gongwen.parse(path)
    err = e.value
    assert isinstance(err, ValueError) and isinstance(err, gongwen.GongwenError)
    assert not isinstance(err, gongwen.UnsupportedFormatError)
    assert err.path == str(path)
    assert err.kind == "corrupt"
    assert isinstance(err.position, str)
    assert str(path) in str(err)


@pytest.mark.parametrize(
    "path,kind",
    [(RENDERINGS / "seed.doc", "unsupported_format"), (HOSTILE / "encrypted.docx", "encrypted")],
    ids=["doc", "encrypted"],
)
def test_unsupported(path: pathlib.Path, kind: str) -> None:
    with pytest.raises(gongwen.UnsupportedFormatError) as e:
        gongwen.parse(path)
    assert isinstance(e.value, gongwen.ParseError) and isinstance(e.value, ValueError)
    assert (e.value.kind, e.value.path, e.value.position) == (kind, str(path), None)


def test_binary_and_encoding_positions() -> None:
    with pytest.raises(gongwen.ParseError) as e:
        gongwen.parse(HOSTILE / "nul-bytes.txt")
    assert e.value.kind == "binary" and isinstance(e.value.position, int)
    with pytest.raises(gongwen.ParseError) as e:
        gongwen.parse((HOSTILE / "nul-bytes.txt").read_bytes(), name="mem.txt")
    assert e.value.path == "mem.txt"


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir() if p.suffix != ".md"))
def test_hostile_files_never_crash(name: str) -> None:
    try:
        gongwen.parse(HOSTILE / name)
    except gongwen.GongwenError as e:
        assert e.kind != "internal"


def test_panics_become_parse_errors() -> None:
    with pytest.raises(gongwen.ParseError) as e:
        _gongwen._panic_for_test(True)
    assert e.value.kind == "internal"
    from gongwen._notice import _guard

    with pytest.raises(gongwen.ParseError) as e:
        _guard(_gongwen._panic_for_test, False)
    assert e.value.kind == "internal"
    assert type(e.value.__cause__).__name__ == "PanicException"


# -- parse_many -----------------------------------------------------------------


def _many_paths() -> List[pathlib.Path]:
    good = [p for p in TRADITIONAL + SIMPLIFIED]
    paths = (good * 2)[:19]
    paths.insert(7, HOSTILE / "truncated.docx")
    assert len(paths) == 20
    return paths


def test_parse_many_collect_keeps_order() -> None:
    paths = _many_paths()
    out = gongwen.parse_many(paths, errors="collect")
    assert len(out) == 20
    for p, item in zip(paths, out):
        if p.name == "truncated.docx":
            assert isinstance(item, gongwen.ParseError) and item.path == str(p)
        else:
            assert isinstance(item, gongwen.Notice)
            assert item.source.path == str(p) and len(item) == 59
    assert out[0] == gongwen.parse(paths[0])


def test_parse_many_raise_first_error() -> None:
    paths = _many_paths()
    paths.append(ROOT / "missing.txt")
    with pytest.raises(gongwen.ParseError) as e:
        gongwen.parse_many(paths)
    assert e.value.path == str(HOSTILE / "truncated.docx")
    out = gongwen.parse_many([ROOT / "missing.txt"], errors="collect")
    assert isinstance(out[0], FileNotFoundError)


def test_parse_many_threads_agree() -> None:
    paths = [p for p in _many_paths() if p.name != "truncated.docx"]
    one = gongwen.parse_many(paths, threads=1)
    two = gongwen.parse_many(paths, threads=2)
    many = gongwen.parse_many(paths, threads=64)
    assert one == two == many
    assert gongwen.parse_many([]) == []
    assert gongwen.parse_many(iter(str(p) for p in paths[:2])) == one[:2]


def test_parse_many_bad_arguments() -> None:
    with pytest.raises(ValueError, match="errors"):
        gongwen.parse_many([SEED / "seed.docx"], errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="threads"):
        gongwen.parse_many([SEED / "seed.docx"], threads=0)


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_parse_many_is_interruptible() -> None:
    import signal
    import time

    script = (
        "import sys, gongwen\n"
        f"paths = [{str(SEED / 'seed.docx')!r}] * 200000\n"
        "print('start', flush=True)\n"
        "gongwen.parse_many(paths, threads=1)\n"
        "print('finished', flush=True)\n"
    )
    # A job started in the background of a non-interactive shell inherits
    # SIGINT ignored, and Python then installs no KeyboardInterrupt handler:
    # the child restores the default so that the test asks the binding only.
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "start\n"
        time.sleep(1.0)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        elapsed = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert "KeyboardInterrupt" in err
    assert elapsed < 10, elapsed
