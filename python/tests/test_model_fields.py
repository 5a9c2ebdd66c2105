"""The model fields added with heading bodies: ``Heading.body`` (``Passage``),
``Measure.leader`` (and the ``leader`` column), ``Meta.plan_title`` and
``Meta.default_units`` (``DefaultUnits``), ``Meta.catalog`` (``CatalogEntry``);
notice JSON written before they existed still loads."""

from __future__ import annotations

import dataclasses
import json
import pathlib
from typing import Any, Dict

import pytest

import gongwen

# A cover notice that sends a plan: the cover's own numbered instructions,
# then 附件 and the plan's title, the units named once for every task, a
# section's introduction and one task with label lines.
COVER = (
    "关于印发《测试工作方案》的通知\n"
    "各区人民政府：\n"
    "一、请认真组织实施。\n"
    "二、请于年底前报送进展。\n"
    "附件\n"
    "测试工作方案\n"
    "一、重点任务\n"
    "以下各项任务均需各区人民政府落实，不再列出。\n"
    "本部分说明性文字。\n"
    "（一）推进改革。\n"
    "牵头单位：市发展改革委\n"
    "配合单位：市财政局\n"
    "牵头负责领导：张三\n"
    "完成时限：2024年6月底前\n"
)


@pytest.fixture(scope="module")
def cover() -> gongwen.Notice:
    return gongwen.parse_text(COVER)


def test_plan_title_and_cover_instructions(cover: gongwen.Notice) -> None:
    meta = cover.meta
    assert meta.title == "关于印发《测试工作方案》的通知"
    assert meta.plan_title == "测试工作方案"
    assert meta.addressees == ["各区人民政府"]
    # The cover's instructions are body text, not the plan's outline; so is
    # the attachment line that starts the plan.
    assert meta.body == ["一、请认真组织实施。", "二、请于年底前报送进展。", "附件"]
    assert [h.title for h in cover.outline] == ["重点任务"]
    assert cover.diagnostics == []


def test_default_units(cover: gongwen.Notice) -> None:
    default = cover.meta.default_units
    assert isinstance(default, gongwen.DefaultUnits)
    assert default.raw.startswith("以下各项任务均需各区人民政府落实")
    assert default.units == [gongwen.Unit("各区人民政府")]
    assert default.units[0].name == "各区人民政府"
    assert default.position == {"kind": "line", "line": 8}
    # Kept once, not copied into the measures.
    assert [u.name for u in cover.measures[0].units] == ["市发展改革委", "市财政局"]


def test_heading_body(cover: gongwen.Notice) -> None:
    heading = cover.outline[0]
    assert heading.body == (
        gongwen.Passage("本部分说明性文字。", {"kind": "line", "line": 9}),
    )
    assert isinstance(heading.body, tuple)
    assert all(isinstance(p, gongwen.Passage) for p in heading.body)
    # Neither the default-units sentence nor the task is body text.
    assert [m.text for m in heading.measures] == ["推进改革。"]
    assert not heading.children


def test_leader(cover: gongwen.Notice) -> None:
    (m,) = cover.measures
    assert m.leader == "张三"
    assert m.note is None
    # A person, never a unit.
    assert "张三" not in [u.name for u in m.units]
    assert [(u.name, u.role) for u in m.units] == [("市发展改革委", "lead"), ("市财政局", "support")]
    assert m.deadline is not None and str(m.deadline.due) == "2024-06-30"
    assert cover._rows()[0]["leader"] == "张三"


def test_leader_column() -> None:
    pd = pytest.importorskip("pandas")
    n = gongwen.parse_text(COVER)
    df = n.to_pandas()
    assert list(df.columns) == list(gongwen.COLUMNS)
    assert list(gongwen.COLUMNS).index("leader") == list(gongwen.COLUMNS).index("note") + 1
    assert str(df["leader"].dtype) == "string" == str(df["note"].dtype)
    assert df.loc[0, "leader"] == "张三"
    assert df.loc[0, "note"] is pd.NA
    # Missing leaders are <NA>, as missing notes are.
    table = gongwen.parse_text(
        "任务 | 完成时限 | 责任单位\n一、总体要求 | |\n(1)加强组织领导。 | 2024年6月 | 办公室\n"
    ).to_pandas()
    assert table["leader"].isna().all() and str(table["leader"].dtype) == "string"


def test_round_trip(cover: gongwen.Notice) -> None:
    assert gongwen.Notice.from_json(cover.to_json()) == cover
    assert gongwen.Notice.from_dict(cover.to_dict()) == cover
    again = gongwen.Notice.from_json(cover.to_json(indent=2))
    assert again.meta == cover.meta
    assert again.outline == cover.outline
    assert again.measures == cover.measures
    d = cover.to_dict()
    assert d["meta"]["plan_title"] == "测试工作方案"
    assert d["meta"]["default_units"]["units"] == [
        {"name": "各区人民政府", "role": None, "scope": None}
    ]
    assert d["outline"][0]["body"] == [
        {"text": "本部分说明性文字。", "position": {"kind": "line", "line": 9}}
    ]
    assert d["outline"][0]["measures"][0]["leader"] == "张三"


def _strip_new_fields(d: Dict[str, Any]) -> Dict[str, Any]:
    """``d`` as notice JSON written before the new fields existed."""
    old = json.loads(json.dumps(d))
    del old["meta"]["plan_title"], old["meta"]["default_units"]

    def walk(h: Dict[str, Any]) -> None:
        del h["body"]
        for m in h["measures"]:
            del m["leader"]
        for c in h["children"]:
            walk(c)

    for h in old["outline"]:
        walk(h)
    for m in old["measures"]:
        del m["leader"]
    return old


def test_json_from_before_the_fields(cover: gongwen.Notice) -> None:
    old = _strip_new_fields(cover.to_dict())
    n = gongwen.Notice.from_dict(old)
    assert n.meta.plan_title is None and n.meta.default_units is None
    assert n.outline[0].body == ()
    assert n.measures[0].leader is None
    assert n.measures[0].text == "推进改革。"
    # Written back, the defaults are explicit.
    d = n.to_dict()
    assert d["meta"]["plan_title"] is None and d["meta"]["default_units"] is None
    assert d["outline"][0]["body"] == [] and d["outline"][0]["measures"][0]["leader"] is None
    # The model classes alone accept the old objects too.
    assert gongwen.Meta.from_dict(old["meta"]).default_units is None
    assert gongwen.Heading.from_dict(old["outline"][0]).body == ()
    assert gongwen.Measure.from_dict(old["outline"][0]["measures"][0]).leader is None


def test_model_classes_from_dict() -> None:
    p = gongwen.Passage.from_dict({"text": "说明。", "position": None})
    assert p == gongwen.Passage("说明。") and p.position is None
    du = gongwen.DefaultUnits.from_dict(
        {"raw": "以下均需各设区市落实，不再列出", "units": [{"name": "各设区市"}]}
    )
    assert du.units == [gongwen.Unit("各设区市")] and du.position is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.text = "x"  # type: ignore[misc]
    for cls in (gongwen.Passage, gongwen.DefaultUnits):
        assert cls.__name__ in gongwen.__all__
        assert dataclasses.is_dataclass(cls)


def test_display_shows_plan_title_and_default_units(cover: gongwen.Notice) -> None:
    text = repr(cover)
    assert "plan title:  测试工作方案" in text
    page = cover._repr_html_()
    assert "plan title" in page and "测试工作方案" in page
    assert "default units" in page and "各区人民政府" in page
    # Without them, no rows for them.
    plain = gongwen.parse_text("一、总体要求")
    assert "plan title" not in repr(plain)
    assert "default units" not in plain._repr_html_()


def test_catalog_of_a_stored_web_page() -> None:
    page = (
        pathlib.Path(__file__).resolve().parents[2]
        / "fixtures"
        / "real"
        / "govcn_guofa_2018_39_jiuye.page.html"
    )
    n = gongwen.parse(page)
    assert n.meta.title == "国务院关于做好当前和今后一个时期促进就业工作的若干意见"
    assert n.meta.doc_number == "国发〔2018〕39号"
    entries = {"".join(e.label.split()): e.value for e in n.meta.catalog}
    assert all(isinstance(e, gongwen.CatalogEntry) for e in n.meta.catalog)
    assert entries["索引号："] == "000014349/2018-00212"
    assert n.diagnostics == []
    assert gongwen.Notice.from_json(n.to_json()) == n
