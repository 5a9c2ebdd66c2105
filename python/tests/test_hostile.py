"""Hostile inputs through the Python package: every file in
fixtures/hostile/ (see its README), the 10 MiB single line and the notice of
100,000 measures (written by scripts/make_hostile_fixtures.py) end in a
:class:`gongwen.ParseError` (or :class:`gongwen.UnsupportedFormatError`) of
the right kind, or in a Notice, never in a crash; each within 2 s and
512 MiB.

Each input is parsed in a child Python process, so that a crash (a Rust
abort, a stack overflow) fails the test instead of killing pytest, and so
that the child's peak resident memory (``ru_maxrss``, the interpreter
included) is the input's own. The time and memory are measured right after
the ``gongwen.parse`` call (the typed Python views of a notice are built
lazily, later, and are not part of parsing).
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import random
import subprocess
import sys
from types import ModuleType
from typing import Any, Dict, List, Optional, Tuple, Union

import pytest

import gongwen

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "fixtures" / "hostile"
SCRIPT = ROOT / "scripts" / "make_hostile_fixtures.py"

TIME_LIMIT_S = 2.0
MEMORY_LIMIT_KIB = 512 * 1024

# An error: (exception class name, kind, position or None for any); a result:
# the number of measures.
Want = Union[Tuple[str, str, Optional[Union[int, str]]], int]

CASES: Dict[str, Want] = {
    "truncated.docx": ("ParseError", "corrupt", None),
    "truncated.xlsx": ("ParseError", "corrupt", None),
    "not-a-docx.docx": ("ParseError", "corrupt", None),
    "missing-document.docx": ("ParseError", "corrupt", None),
    "zip-bomb.docx": ("ParseError", "limit_exceeded", None),
    "entity-expansion.docx": 59,
    "encrypted.docx": ("UnsupportedFormatError", "encrypted", None),
    "encrypted.xlsx": ("UnsupportedFormatError", "encrypted", None),
    "huge-dimension.xlsx": 0,
    "whole-sheet-merge.xlsx": 0,
    "overlapping-merges.xlsx": 0,
    "nested-tables.docx": ("ParseError", "limit_exceeded", None),
    "nul-bytes.txt": ("ParseError", "binary", 318),
    "invalid-utf8.txt": 4,
    # Generated (not committed).
    "long-line.txt": 0,
    "many-measures.txt": 100_000,
}

CHILD = r"""
import json, resource, sys, time
import gongwen
path = sys.argv[1]
start = time.perf_counter()
try:
    n = gongwen.parse(path)
    out = {"measures": len(n)}
except gongwen.GongwenError as e:
    n = None
    out = {"error": type(e).__name__, "kind": e.kind, "position": e.position,
           "message": str(e)}
out["seconds"] = time.perf_counter() - start
out["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if n is not None and len(n) < 1000:
    out["codes"] = sorted({d.code for d in n.diagnostics})
print(json.dumps(out))
"""


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, pathlib.Path]:
    """The two generated inputs, written by the fixture script's own code."""
    script = _script()
    tmp = tmp_path_factory.mktemp("hostile")
    long_line = tmp / "long-line.txt"
    script.long_line(long_line)
    many = tmp / "many-measures.txt"
    script.many_measures(many)
    # The same bytes as tests/generated.rs makes.
    assert long_line.stat().st_size == 10_485_720
    assert many.stat().st_size == 7_123_202
    return {"long-line.txt": long_line, "many-measures.txt": many}


def _path(name: str, generated: Dict[str, pathlib.Path]) -> pathlib.Path:
    return generated.get(name, HOSTILE / name)


def test_every_hostile_file_has_a_case() -> None:
    files = sorted(p.name for p in HOSTILE.iterdir() if p.suffix != ".md")
    assert files, HOSTILE
    assert [f for f in files if f not in CASES] == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_in_a_child_process(name: str, generated: Dict[str, pathlib.Path]) -> None:
    path = _path(name, generated)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, timeout=120
    )
    assert proc.returncode == 0, f"{name}: child ended with {proc.returncode}: {proc.stderr.decode()[-2000:]}"
    out: Dict[str, Any] = json.loads(proc.stdout)
    want = CASES[name]
    if isinstance(want, int):
        assert "error" not in out, f"{name}: {out}"
        assert out["measures"] == want, out
        if name == "invalid-utf8.txt":
            assert "invalid_text" in out["codes"]
    else:
        cls, kind, position = want
        assert (out.get("error"), out.get("kind")) == (cls, kind), out
        assert str(path) in out["message"], out
        if position is not None:
            assert out["position"] == position, out
    assert out["seconds"] < TIME_LIMIT_S, f"{name}: {out['seconds']:.2f} s"
    assert out["maxrss_kib"] < MEMORY_LIMIT_KIB, f"{name}: {out['maxrss_kib']} KiB"


@pytest.mark.parametrize("name", [n for n, w in sorted(CASES.items()) if not isinstance(w, int)])
def test_errors_are_the_documented_exception_classes(name: str) -> None:
    """In-process too: the error is a ParseError (a ValueError), an
    UnsupportedFormatError exactly where the README says."""
    cls, kind, _ = CASES[name]  # type: ignore[misc]
    with pytest.raises(gongwen.ParseError) as e:
        gongwen.parse(HOSTILE / name)
    assert isinstance(e.value, ValueError)
    assert type(e.value).__name__ == cls
    assert e.value.kind == kind
    assert e.value.path == str(HOSTILE / name)


def _mutations(seed_bytes: bytes, rng: random.Random, count: int) -> List[bytes]:
    out = []
    for _ in range(count):
        data = bytearray(seed_bytes)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            del data[rng.randrange(len(data)) :]
        out.append(bytes(data))
    return out


def test_random_and_damaged_bytes_raise_only_gongwen_errors() -> None:
    """Random bytes in every forced format and damaged copies of the seed's
    DOCX and XLSX: a Notice or a GongwenError that is no internal error."""
    rng = random.Random(7)
    inputs: List[bytes] = [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 600))) for _ in range(60)]
    inputs += [b"PK\x03\x04" + i for i in inputs[:20]]
    seed = ROOT / "fixtures" / "seed"
    inputs += _mutations((seed / "seed.docx").read_bytes(), rng, 40)
    inputs += _mutations((seed / "seed.xlsx").read_bytes(), rng, 40)
    errors = 0
    for data in inputs:
        for fmt in (None, "text", "docx", "xlsx", "xls", "ods", "html"):
            try:
                gongwen.parse(data, format=fmt, name="fuzz.bin")
            except gongwen.GongwenError as e:
                assert e.kind != "internal", e
                assert isinstance(e, gongwen.ParseError)
                errors += 1
    assert errors > 0
