"""The type stubs match the compiled module (mypy's stubtest), and typed
code using the package passes ``mypy --strict``."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("mypy")

HERE = pathlib.Path(__file__).resolve().parent

USAGE = textwrap.dedent(
    '''
    import datetime
    import io
    import pathlib
    from typing import List, Optional, Union

    import gongwen
    from gongwen import _gongwen


    def due_dates(path: pathlib.Path) -> List[Optional[datetime.date]]:
        notice: gongwen.Notice = gongwen.parse(path, format=None)
        return [m.deadline.due if m.deadline else None for m in notice.measures]


    def titles(n: gongwen.Notice) -> List[str]:
        return [h.title for m in n.measures for h in m.path]


    def collect(paths: List[str]) -> List[Union[gongwen.Notice, Exception]]:
        return gongwen.parse_many(paths, threads=2, errors="collect")


    def strict(paths: List[str]) -> List[gongwen.Notice]:
        return gongwen.parse_many(paths)


    def other() -> None:
        n = gongwen.parse(io.BytesIO(b""), name="x")
        m = gongwen.parse_text("x")
        d: dict[str, object] = n.to_dict()
        s: str = m.to_json(indent=2)
        k: gongwen.Notice = gongwen.Notice.from_json(s)
        cols: tuple[str, ...] = gongwen.COLUMNS
        h: _gongwen.NoticeHandle = _gongwen.parse_text("x")
        count: int = h.measure_count() + len(k)
        issued: Optional[datetime.date] = n.meta.date
        plan: Optional[str] = n.meta.plan_title
        default: Optional[gongwen.DefaultUnits] = n.meta.default_units
        names: List[str] = [u.name for u in default.units] if default else []
        body: tuple[gongwen.Passage, ...] = n.outline[0].body
        first: str = body[0].text
        leader: Optional[str] = n.measures[0].leader
        try:
            gongwen.parse("x.docx")
        except gongwen.ParseError as e:
            kind: str = e.kind
            where: Optional[str] = e.path
        print(d, cols, count, issued, plan, names, first, leader)
    '''
)


def _run(args: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPY_FORCE_COLOR="0")
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_stubtest(tmp_path: pathlib.Path) -> None:
    allowlist = HERE / "stubtest-allowlist.txt"
    args = ["mypy.stubtest", "gongwen._gongwen", "--mypy-config-file", str(tmp_path / "none.ini")]
    if allowlist.exists():
        args += ["--allowlist", str(allowlist)]
    (tmp_path / "none.ini").write_text("[mypy]\n")
    out = _run(args, tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_usage(tmp_path: pathlib.Path) -> None:
    (tmp_path / "usage.py").write_text(USAGE, encoding="utf-8")
    out = _run(["mypy", "--strict", "--no-incremental", "usage.py"], tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
