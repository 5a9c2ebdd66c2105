"""The pandas views: ``Notice.to_pandas()`` and ``Notice.units_frame()``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import gongwen

pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install pandas)")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
GOLD_PATH = SEED / "seed.gold.json"
INPUTS = ["seed.docx", "seed-hant.txt"]

# A small notice as a pasted table (one measure, a lead and a support unit).
SMALL = (
    "任务 | 完成时限 | 责任单位\n"
    "一、总体要求 | |\n"
    "(1)加强组织领导。 | 2024年6月底前 | 办公室牵头,财务科配合\n"
    "(2)开展督查。 | 长期坚持 | 督查室\n"
)


def _gold_measures() -> list[dict]:
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))

    def walk(headings):
        for h in headings:
            yield from h["measures"]
            yield from walk(h["children"])

    return list(gold.get("measures", [])) + list(walk(gold["outline"]))


GOLD = _gold_measures()


@pytest.fixture(scope="module", params=INPUTS)
def notice(request):
    return gongwen.parse(SEED / request.param)


@pytest.fixture(scope="module")
def frame(notice):
    return notice.to_pandas()


def _cli() -> Path | None:
    """The CLI binary, the most recently built of release and debug."""
    found = [ROOT / "target" / p / "gongwen" for p in ("release", "debug")]
    found = [p for p in found if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def test_one_row_per_measure_with_the_shared_columns(notice, frame):
    assert len(frame) == 59 == len(GOLD) == len(notice)
    assert list(frame.columns) == list(gongwen.COLUMNS)
    assert frame["measure_index"].tolist() == list(range(59))


def test_dtypes(frame):
    assert str(frame["due"].dtype) == "datetime64[ns]"
    assert pd.api.types.is_datetime64_dtype(frame["due"])
    assert str(frame["ordinal"].dtype) == "Int64"
    assert str(frame["measure_index"].dtype) == "int64"
    for col in ("ongoing", "deadline_inherited", "units_inherited"):
        assert frame[col].dtype == bool, col
    for col in ("units", "unit_roles"):
        assert frame[col].dtype == object
        assert all(isinstance(v, list) for v in frame[col]), col
    for col in (
        "text", "label", "h1_title", "deadline_raw", "lead_unit", "note", "leader", "position"
    ):
        assert str(frame[col].dtype) == "string", col


def test_attrs(notice, frame):
    assert frame.attrs["title"] == notice.meta.title
    assert frame.attrs["title"].startswith("江西省市場監管局")
    assert frame.attrs["source"] is not None
    assert Path(frame.attrs["source"]).name == Path(notice.source.path).name


def test_measure_7_matches_the_gold(frame):
    gold = GOLD[6]
    assert gold["label"] == "(7)"
    row = frame.iloc[6]
    assert row["label"] == "(7)"
    assert row["ordinal"] == 7
    assert row["due"] == pd.Timestamp("2024-06-30")
    assert row["due"] == pd.Timestamp(gold["deadline"]["due"])
    expected = ["法規處", "省局機關各處(室、局)", "省市場監管質量安全檢查中心"]
    assert row["units"] == expected
    assert row["units"] == [u["name"] for u in gold["units"]]
    assert row["lead_unit"] == "法規處"
    assert row["deadline_raw"] == "2024年6月"


def test_due_and_ongoing_follow_the_gold(frame):
    gold_ongoing = sum(1 for m in GOLD if m["deadline"] and m["deadline"]["ongoing"])
    assert int(frame["ongoing"].sum()) == gold_ongoing == 19
    gold_due = [(m["deadline"] or {}).get("due") for m in GOLD]
    got_due = [None if pd.isna(d) else d.date().isoformat() for d in frame["due"]]
    assert got_due == gold_due
    assert frame["due"].isna().sum() == sum(1 for d in gold_due if d is None)


def _as_csv_cells(frame) -> "pd.DataFrame":
    """The frame's values spelled as the CLI's CSV spells them."""

    def cell(col, v):
        if isinstance(v, list):
            return "、".join("" if x is None else str(x) for x in v)
        if v is None or v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, (bool,)) or type(v).__name__ == "bool_":
            return "true" if v else "false"
        if isinstance(v, pd.Timestamp):
            return v.date().isoformat()
        return str(v)

    return pd.DataFrame({c: [cell(c, v) for v in frame[c]] for c in frame.columns})


@pytest.mark.parametrize("name", INPUTS)
def test_frame_equals_the_cli_csv(name):
    cli = _cli()
    if cli is None:
        pytest.skip("no CLI binary at target/release/gongwen or target/debug/gongwen")
    path = SEED / name
    out = subprocess.run(
        [str(cli), "parse", str(path), "--format", "csv"], check=True, capture_output=True
    ).stdout
    import io

    csv = pd.read_csv(io.BytesIO(out), dtype=str, keep_default_na=False)
    frame = gongwen.parse(path).to_pandas()
    assert list(csv.columns) == list(frame.columns)
    pd.testing.assert_frame_equal(_as_csv_cells(frame), csv, check_dtype=False)

    # And read with types, the CSV gives the frame's dates and flags.
    typed = pd.read_csv(io.BytesIO(out), parse_dates=["due"])
    assert (typed["due"].isna() == frame["due"].isna()).all()
    assert (typed["due"].dropna() == frame["due"].dropna()).all()
    assert typed["ongoing"].tolist() == frame["ongoing"].tolist()


def test_units_frame_columns_and_dtypes(notice):
    units = notice.units_frame()
    assert list(units.columns) == [
        "measure_index", "label", "h1_title", "h2_title", "unit", "role",
        "scope", "is_lead", "due", "ongoing",
    ]
    assert str(units["due"].dtype) == "datetime64[ns]"
    assert units["is_lead"].dtype == bool and units["ongoing"].dtype == bool
    assert len(units) == sum(len(m["units"]) for m in GOLD)
    # Exactly one lead row per measure that has units.
    with_units = sum(1 for m in GOLD if m["units"])
    assert int(units["is_lead"].sum()) == with_units
    assert units.groupby("measure_index")["is_lead"].sum().eq(1).all()
    frame = notice.to_pandas()
    leads = units[units["is_lead"]].set_index("measure_index")["unit"]
    assert leads.to_dict() == frame.dropna(subset=["lead_unit"]).set_index("measure_index")["lead_unit"].to_dict()


def test_units_frame_pivot_per_unit_matches_the_gold(notice):
    units = notice.units_frame()
    per_unit = units.groupby("unit")["measure_index"].nunique()
    gold_count = sum(1 for m in GOLD if any(u["name"] == "法規處" for u in m["units"]))
    assert per_unit["法規處"] == gold_count == 31
    # "Which unit owns how many measures due in 2024."
    due_2024 = units[units["due"].dt.year == 2024]
    gold_2024 = sum(
        1
        for m in GOLD
        if any(u["name"] == "法規處" for u in m["units"])
        and ((m["deadline"] or {}).get("due") or "").startswith("2024")
    )
    assert due_2024.groupby("unit")["measure_index"].nunique()["法規處"] == gold_2024
    table = units.assign(year=units["due"].dt.year).pivot_table(
        index="unit", columns="year", values="measure_index", aggfunc="nunique", fill_value=0
    )
    assert table.loc["法規處", 2024] == gold_2024


def test_units_frame_scopes_come_from_the_model(notice):
    units = notice.units_frame()
    gold_scoped = [(u["name"], u["scope"]) for m in GOLD for u in m["units"] if u.get("scope")]
    assert gold_scoped, "the seed has scoped units (measures 37 and 50)"
    got = [(r.unit, r.scope) for r in units.itertuples() if not pd.isna(r.scope)]
    assert len(got) == len(gold_scoped)


def test_small_notice_roles_and_lead():
    notice = gongwen.parse_text(SMALL)
    df = notice.to_pandas()
    assert len(df) == 2
    assert df.loc[0, "units"] == ["办公室", "财务科"]
    assert df.loc[0, "unit_roles"] == ["lead", "support"]
    assert df.loc[0, "due"] == pd.Timestamp("2024-06-30")
    assert pd.isna(df.loc[1, "due"]) and bool(df.loc[1, "ongoing"])
    assert df.attrs["source"] == notice.source.path  # None: parsed from text
    units = notice.units_frame()
    assert units[["unit", "role", "is_lead"]].values.tolist() == [
        ["办公室", "lead", True],
        ["财务科", "support", False],
        ["督查室", "responsible", True],
    ]


def test_empty_notice_gives_empty_frames_with_the_columns():
    notice = gongwen.parse_text("这是一段没有结构的文字。")
    df = notice.to_pandas()
    assert len(df) == 0
    assert list(df.columns) == list(gongwen.COLUMNS)
    assert str(df["due"].dtype) == "datetime64[ns]"
    units = notice.units_frame()
    assert len(units) == 0 and "unit" in units.columns


def test_import_gongwen_does_not_import_pandas():
    code = "import gongwen, sys; assert 'pandas' not in sys.modules, 'pandas imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_frames_doctests():
    import doctest

    from gongwen import _display, _frames

    for module in (_frames, _display):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0
        assert result.failed == 0, module.__name__
