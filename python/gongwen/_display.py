"""How a notice shows itself: ``repr()`` in a terminal, HTML in Jupyter.

``notice_repr`` is a short multi-line summary; ``notice_html`` is the
notebook view: the notice's elements, counts, a table of the first
``MAX_ROWS`` measures and the diagnostics. The HTML escapes every value
(notices contain ``<``, ``&`` and quotes), uses inline styles only (no
external CSS or JavaScript) and inherits the notebook's text and background
colours, so it reads in light and dark themes alike.
"""

from __future__ import annotations

import datetime
import html
from typing import Any, Dict, Iterable, List

#: Measures shown in the HTML table; the rest are counted in a "… N more" line.
MAX_ROWS = 50
#: Characters of a measure's text shown in the HTML table (all of it is in
#: the cell's tooltip).
TEXT_CHARS = 60

_BORDER = "1px solid rgba(128, 128, 128, 0.35)"
_MUTED = "opacity: 0.7;"


def _headings(outline: Iterable[Any]) -> Iterable[Any]:
    for heading in outline or ():
        yield heading
        yield from _headings(getattr(heading, "children", ()) or ())


def _enum(value: Any) -> str:
    """An enum-like value (a str, an Enum, or anything) as its name."""
    if value is None:
        return ""
    inner = getattr(value, "value", value)
    return str(inner)


def format_position(position: Any) -> str:
    """A position as words, like the Rust ``Display``: ``table 1 row 3 column 2``.

    Accepts what the model may hold: ``None``, a string, a dict of notice
    JSON (``{"kind": "cell", "table": 0, …}``) or an object with those
    attributes.

    >>> format_position({"kind": "cell", "table": 0, "row": 2, "col": 1, "line": 3})
    'table 1 row 3 column 2 (line 3)'
    >>> format_position({"kind": "line", "line": 7})
    'line 7'
    >>> format_position(None)
    ''
    """
    if position is None:
        return ""
    if isinstance(position, str):
        return position
    if not isinstance(position, dict) and not hasattr(position, "kind"):
        return str(position)

    def get(key: str) -> Any:
        if isinstance(position, dict):
            return position.get(key)
        return getattr(position, key, None)

    kind = _enum(get("kind"))
    try:
        if kind == "line":
            return f"line {get('line')}"
        if kind == "cell":
            table, row, col = (int(get(k)) + 1 for k in ("table", "row", "col"))
            text = f"table {table} row {row} column {col}"
            if get("line") is not None:
                text += f" (line {get('line')})"
            return text
        if kind == "paragraph":
            return f"paragraph {int(get('index')) + 1}"
        if kind == "sheet_cell":
            return f"sheet {get('sheet')} cell {get('cell')}"
    except (TypeError, ValueError):
        pass
    return str(position)


def _counts(notice: Any) -> Dict[str, int]:
    measures = list(getattr(notice, "measures", ()) or ())
    units = set()
    with_deadline = ongoing = 0
    for measure in measures:
        deadline = getattr(measure, "deadline", None)
        if deadline is not None:
            with_deadline += 1
            if getattr(deadline, "ongoing", False):
                ongoing += 1
        for unit in getattr(measure, "units", ()) or ():
            units.add(getattr(unit, "name", unit))
    return {
        "headings": sum(1 for _ in _headings(getattr(notice, "outline", ()))),
        "measures": len(measures),
        "with_deadline": with_deadline,
        "ongoing": ongoing,
        "units": len(units),
        "diagnostics": len(getattr(notice, "diagnostics", ()) or ()),
    }


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _date(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _issued(meta: Any) -> str:
    issuer = getattr(meta, "issuer", None) or ""
    date = _date(getattr(meta, "date", None))
    return ", ".join(part for part in (issuer, date) if part)


def _source(notice: Any) -> str:
    source = getattr(notice, "source", None)
    if source is None:
        return ""
    parts = [_enum(getattr(source, "format", None)), _enum(getattr(source, "script", None))]
    encoding = getattr(source, "encoding", None)
    if encoding:
        parts.append(str(encoding))
    text = ", ".join(p for p in parts if p)
    path = getattr(source, "path", None)
    return f"{path} ({text})" if path else text


def _default_units(meta: Any) -> str:
    """The units a notice names once for every measure, joined with 、 (the
    sentence as printed if it names none)."""
    default = getattr(meta, "default_units", None)
    if default is None:
        return ""
    names = [str(getattr(u, "name", u)) for u in getattr(default, "units", ()) or ()]
    return "、".join(names) or str(getattr(default, "raw", "") or "")


def notice_repr(notice: Any) -> str:
    """A readable multi-line summary of ``notice`` (``repr(notice)``); a
    ``plan title:`` line follows the title when the notice has one.

    >>> import gongwen
    >>> print(repr(gongwen.parse_text(  # doctest: +ELLIPSIS
    ...     "任务 | 完成时限 | 责任单位\\n"
    ...     "一、总体要求 | |\\n"
    ...     "(1)加强组织领导。 | 2024年6月底前 | 办公室牵头,财务科配合\\n")))
    <gongwen.Notice>
      title:       —
      doc number:  —
      issued:      —
      source:      ...text, simplified...
      1 heading, 1 measure (1 with a deadline, 0 ongoing), 2 distinct units
      0 diagnostics
    """
    meta = getattr(notice, "meta", None)
    c = _counts(notice)
    lines = [
        "<gongwen.Notice>",
        f"  title:       {getattr(meta, 'title', None) or '—'}",
    ]
    plan_title = getattr(meta, "plan_title", None)
    if plan_title:
        lines.append(f"  plan title:  {plan_title}")
    lines += [
        f"  doc number:  {getattr(meta, 'doc_number', None) or '—'}",
        f"  issued:      {_issued(meta) or '—'}",
        f"  source:      {_source(notice) or '—'}",
        f"  {_plural(c['headings'], 'heading')}, {_plural(c['measures'], 'measure')}"
        f" ({c['with_deadline']} with a deadline, {c['ongoing']} ongoing),"
        f" {_plural(c['units'], 'distinct unit')}",
        f"  {_plural(c['diagnostics'], 'diagnostic')}",
    ]
    return "\n".join(lines)


def _e(value: Any) -> str:
    """``value`` as escaped HTML text (``None`` as nothing)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _deadline_cell(deadline: Any) -> str:
    if deadline is None:
        return ""
    parts = [_e(getattr(deadline, "raw", ""))]
    due = getattr(deadline, "due", None)
    marks = []
    if due is not None:
        marks.append(f"due {_e(_date(due))}")
    if getattr(deadline, "ongoing", False):
        marks.append("ongoing")
    recurrence = getattr(deadline, "recurrence", None)
    if recurrence is not None:
        marks.append(_e(_enum(getattr(recurrence, "freq", recurrence))))
    if getattr(deadline, "inherited", False):
        marks.append("inherited")
    if marks:
        parts.append(f'<br><span style="{_MUTED} font-size: 0.9em;">{" · ".join(marks)}</span>')
    return "".join(parts)


def _units_cell(units: Iterable[Any]) -> str:
    items = []
    for unit in units or ():
        name = _e(getattr(unit, "name", unit))
        role = _enum(getattr(unit, "role", None))
        # "responsible" (no finer role stated) is the common case: not shown.
        if role and role != "responsible":
            name += f' <span style="{_MUTED} font-size: 0.85em;">({_e(role)})</span>'
        items.append(name)
    return "、".join(items)


def _measure_rows(measures: List[Any]) -> str:
    td = f'style="border: {_BORDER}; padding: 2px 6px; text-align: left; vertical-align: top;"'
    out = []
    for index, measure in enumerate(measures[:MAX_ROWS]):
        text = str(getattr(measure, "text", "") or "")
        short = text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"
        out.append(
            "<tr>"
            f'<td {td}><span style="{_MUTED}">{index}</span></td>'
            f"<td {td}>{_e(getattr(measure, 'label', None))}</td>"
            f'<td {td} title="{_e(text)}">{_e(short)}</td>'
            f"<td {td}>{_deadline_cell(getattr(measure, 'deadline', None))}</td>"
            f"<td {td}>{_units_cell(getattr(measure, 'units', ()))}</td>"
            "</tr>"
        )
    return "".join(out)


def _diagnostics_block(diagnostics: List[Any]) -> str:
    if not diagnostics:
        return f'<div style="{_MUTED} margin-top: 4px;">No diagnostics.</div>'
    items = []
    for diag in diagnostics:
        code = _e(_enum(getattr(diag, "code", "")))
        message = _e(getattr(diag, "message", ""))
        where = format_position(getattr(diag, "position", None))
        where_html = f' <span style="{_MUTED}">at {_e(where)}</span>' if where else ""
        items.append(
            '<li class="gongwen-diagnostic" style="margin: 2px 0; padding: 2px 6px;'
            " background: rgba(230, 140, 0, 0.14); border-left: 3px solid #d97706;"
            ' list-style: none;">'
            f'<code style="color: #d97706; background: none;">{code}</code> {message}{where_html}'
            "</li>"
        )
    title = _plural(len(diagnostics), "diagnostic")
    return (
        '<div class="gongwen-diagnostics" style="margin-top: 6px;">'
        f'<div style="font-weight: bold; color: #d97706;">⚠ {title}</div>'
        f'<ul style="margin: 2px 0; padding: 0;">{"".join(items)}</ul>'
        "</div>"
    )


def notice_html(notice: Any) -> str:
    """The notice as HTML for Jupyter (``Notice._repr_html_``).

    Shows the document elements (with the plan title and the units named
    once for every measure, when the notice has them), the counts, a table of the first
    ``MAX_ROWS`` measures (label, text cut to ``TEXT_CHARS`` characters with
    the whole text as the cell's tooltip, the deadline as printed with its
    date, the units with their roles), a "… N more" line, and the
    diagnostics, highlighted. Every value is HTML-escaped.

    >>> import gongwen
    >>> page = gongwen.parse_text(
    ...     "任务 | 完成时限 | 责任单位\\n"
    ...     "一、总体要求 | |\\n"
    ...     "(1)加强<b>组织领导</b>。 | 视情况而定 | 办公室\\n")._repr_html_()
    >>> "<table" in page, "&lt;b&gt;" in page, "<b>" in page
    (True, True, False)
    >>> "deadline_not_understood" in page
    True
    """
    meta = getattr(notice, "meta", None)
    measures = list(getattr(notice, "measures", ()) or ())
    diagnostics = list(getattr(notice, "diagnostics", ()) or ())
    c = _counts(notice)

    th = (
        f'style="border: {_BORDER}; padding: 2px 6px; text-align: left;'
        ' background: rgba(128, 128, 128, 0.12);"'
    )
    meta_rows = []
    for name, value in (
        ("plan title", getattr(meta, "plan_title", None)),
        ("doc number", getattr(meta, "doc_number", None)),
        ("addressees", "、".join(getattr(meta, "addressees", ()) or ())),
        ("default units", _default_units(meta)),
        ("issued", _issued(meta)),
        ("annotation", getattr(meta, "annotation", None)),
        ("cc", "、".join(getattr(meta, "cc", ()) or ())),
        ("source", _source(notice)),
    ):
        if value:
            meta_rows.append(
                f'<tr><td style="{_MUTED} padding: 0 8px 0 0; text-align: left;">{_e(name)}</td>'
                f'<td style="text-align: left;">{_e(value)}</td></tr>'
            )
    title = getattr(meta, "title", None)
    counts = (
        f"{_plural(c['headings'], 'heading')} · {_plural(c['measures'], 'measure')}"
        f" · {c['with_deadline']} with a deadline ({c['ongoing']} ongoing)"
        f" · {_plural(c['units'], 'distinct unit')}"
        f" · {_plural(c['diagnostics'], 'diagnostic')}"
    )
    more = len(measures) - MAX_ROWS
    parts = [
        '<div class="gongwen-notice" style="color: inherit; background: transparent;'
        ' font-size: 0.95em; line-height: 1.4;">',
        f'<div style="{_MUTED} font-size: 0.85em;">gongwen.Notice</div>',
        f'<div style="font-weight: bold; font-size: 1.1em;">{_e(title) if title else "<i>(no title)</i>"}</div>',
        f'<table style="border-collapse: collapse; margin: 2px 0; border: none;">{"".join(meta_rows)}</table>'
        if meta_rows
        else "",
        f'<div style="margin: 4px 0;">{_e(counts)}</div>',
    ]
    if measures:
        parts.append(
            '<table class="gongwen-measures" style="border-collapse: collapse; border: '
            f'{_BORDER}; margin-top: 4px;">'
            f"<thead><tr><th {th}>#</th><th {th}>label</th><th {th}>text</th>"
            f"<th {th}>deadline</th><th {th}>units</th></tr></thead>"
            f"<tbody>{_measure_rows(measures)}</tbody></table>"
        )
        if more > 0:
            parts.append(
                f'<div style="{_MUTED} margin-top: 2px;">… {more} more'
                f" {'measure' if more == 1 else 'measures'} (notice.to_pandas() has all)</div>"
            )
    parts.append(_diagnostics_block(diagnostics))
    parts.append("</div>")
    return "".join(parts)
