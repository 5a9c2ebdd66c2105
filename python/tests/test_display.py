"""How a notice shows itself: ``repr()`` and Jupyter's ``_repr_html_``."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

import gongwen
from gongwen import _display

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
TITLE = "江西省市場監管局貫徹落實《江西省提升行政執法質量三年行動計劃實施方案(2023-2025年)》任務分工"

# A table whose first deadline cannot be understood: one diagnostic.
WITH_DIAGNOSTIC = (
    "任务 | 完成时限 | 责任单位\n"
    "一、总体要求 | |\n"
    "(1)加强组织领导。 | 视情况而定 | 办公室\n"
    "(2)开展督查。 | 2024年6月 | 督查室\n"
)

VOID = {"br", "hr", "img", "meta", "input", "wbr", "col", "link"}


class _Checker(HTMLParser):
    """Collects tags and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert not checker.problems, checker.problems
    assert not checker.stack, f"unclosed: {checker.stack}"
    return checker


@pytest.fixture(scope="module")
def seed():
    return gongwen.parse(SEED / "seed.docx")


def test_repr_summarizes(seed):
    text = repr(seed)
    assert TITLE in text
    assert "59" in text
    assert "59 measures" in text
    assert "江西省市場監管局, 2024-03-07" in text
    assert "0 diagnostics" in text
    assert "19 ongoing" in text
    assert len(text.splitlines()) >= 5


def test_repr_of_an_empty_notice():
    text = repr(gongwen.parse_text(""))
    assert "0 measures" in text and "title:" in text


def test_html_is_well_formed_and_shows_the_notice(seed):
    page = seed._repr_html_()
    checker = check_html(page)
    assert "<table" in page
    assert TITLE in "".join(checker.text)
    # The first 50 measures in the table, the rest counted.
    assert "… 9 more measures" in page
    # A long text is cut, the whole text is in the cell's title.
    long_text = seed.measures[0].text
    titled = [a["title"] for t, a in checker.tags if t == "td" and "title" in a]
    assert len(titled) == _display.MAX_ROWS
    assert seed.measures[4].text in titled
    assert len(seed.measures[4].text) > _display.TEXT_CHARS
    assert seed.measures[4].text not in "".join(checker.text)
    assert long_text in titled
    # Deadline as printed and its date; units.
    assert "2024年6月" in page and "due 2024-06-30" in page
    assert "法規處" in page
    assert "No diagnostics" in page
    # No external resources; colours inherit.
    assert "<script" not in page and "<link" not in page and "<style" not in page
    assert "color: inherit" in page


def test_html_escapes_measure_text(seed):
    data = seed.to_dict()
    measure = data["outline"][0]["children"][0]["measures"][0]
    measure["text"] = '<script>alert("x")</script> & \'q\''
    measure["units"][0]["name"] = "<b>单位</b>"
    data["meta"]["title"] = "标题 <i>&amp;</i>"
    notice = gongwen.Notice.from_json(json.dumps(data, ensure_ascii=False))
    page = notice._repr_html_()
    checker = check_html(page)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;" in page
    assert "<b>单位</b>" not in page and "&lt;b&gt;单位&lt;/b&gt;" in page
    assert "<i>&amp;</i>" not in page and "标题 &lt;i&gt;&amp;amp;&lt;/i&gt;" in page
    assert not any(t in ("script", "b") for t, _ in checker.tags)
    text = "".join(checker.text)
    assert '<script>alert("x")</script>' in text  # shown as text, not markup
    titles = [a.get("title") for t, a in checker.tags if t == "td" and "title" in a]
    assert '<script>alert("x")</script> & \'q\'' in titles


def test_html_highlights_diagnostics():
    notice = gongwen.parse_text(WITH_DIAGNOSTIC)
    assert len(notice.diagnostics) == 1
    diag = notice.diagnostics[0]
    assert diag.code == "deadline_not_understood"
    page = notice._repr_html_()
    checker = check_html(page)
    items = [a for t, a in checker.tags if t == "li" and "gongwen-diagnostic" in a.get("class", "")]
    assert len(items) == 1
    assert "background" in items[0]["style"] and "border-left" in items[0]["style"]
    assert "deadline_not_understood" in page
    assert "视情况而定" in page
    assert "table 1 row 3 column 2" in page
    assert "1 diagnostic" in page
    assert "1 diagnostic" in repr(notice)


def test_format_position():
    f = _display.format_position
    assert f({"kind": "cell", "table": 0, "row": 2, "col": 1}) == "table 1 row 3 column 2"
    assert f({"kind": "paragraph", "index": 4}) == "paragraph 5"
    assert f({"kind": "sheet_cell", "sheet": "表1", "cell": "B3"}) == "sheet 表1 cell B3"
    assert f("line 3") == "line 3"
    assert f(None) == ""


def test_html_without_measures():
    page = gongwen.parse_text("只有一段话。")._repr_html_()
    check_html(page)
    assert "0 measures" in page
