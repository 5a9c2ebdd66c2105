"""The typed, read-only notice model, built from notice JSON v1.

Every class is a frozen dataclass (with ``__slots__`` on Python 3.10+). The
field names and meanings are those of notice JSON v1
(``schema/notice-v1.schema.json``); dates are :class:`datetime.date`,
positions stay plain dicts such as ``{"kind": "line", "line": 12}``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
import datetime as _dt
from typing import Any, Dict, List, Optional, Tuple

__all__ = [
    "Meta",
    "CatalogEntry",
    "DefaultUnits",
    "Heading",
    "Passage",
    "Measure",
    "Deadline",
    "Recurrence",
    "Unit",
    "Diagnostic",
    "Source",
    "Position",
]

#: A position as in notice JSON: ``{"kind": "line", "line": 3}``,
#: ``{"kind": "cell", "table": 0, "row": 2, "col": 1}``,
#: ``{"kind": "paragraph", "index": 5}`` or
#: ``{"kind": "sheet_cell", "sheet": "Sheet1", "cell": "B3"}``.
Position = Dict[str, Any]

_SLOTS: Dict[str, bool] = {"slots": True} if sys.version_info >= (3, 10) else {}


def _date(value: Optional[str]) -> Optional[_dt.date]:
    return None if value is None else _dt.date.fromisoformat(value)


@dataclass(frozen=True, **_SLOTS)
class Recurrence:
    """A repeating deadline: ``freq`` is ``yearly``, ``half_yearly``,
    ``quarterly``, ``monthly`` or ``weekly``; ``month`` (1–12), ``quarter``
    (1–4) and ``day`` are set when the notice names them (每年12月 →
    ``Recurrence("yearly", month=12)``)."""

    freq: str
    month: Optional[int] = None
    quarter: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Recurrence:
        """Builds it from its notice JSON object."""
        return cls(d["freq"], d.get("month"), d.get("quarter"), d.get("day"))


@dataclass(frozen=True, **_SLOTS)
class Deadline:
    """A deadline as printed (``raw``) and as understood: ``due`` is the last
    day of the named period, ``precision`` how precise it is (``day``,
    ``month``, ``quarter``, ``half_year``, ``year``); ``ongoing`` for work that
    continues indefinitely, ``recurrence`` for a repeating deadline, ``event``
    for one that follows an event; ``inherited`` if it came from a merged cell
    above."""

    raw: str
    due: Optional[_dt.date]
    precision: Optional[str]
    ongoing: bool
    recurrence: Optional[Recurrence]
    event: Optional[str]
    inherited: bool
    position: Optional[Position]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Deadline:
        """Builds it from its notice JSON object."""
        rec = d.get("recurrence")
        return cls(
            raw=d["raw"],
            due=_date(d.get("due")),
            precision=d.get("precision"),
            ongoing=d.get("ongoing", False),
            recurrence=None if rec is None else Recurrence.from_dict(rec),
            event=d.get("event"),
            inherited=d.get("inherited", False),
            position=d.get("position"),
        )


@dataclass(frozen=True, **_SLOTS)
class Unit:
    """A responsible unit: its ``name`` as printed, its ``role`` (``lead``,
    ``support``, ``guide``, ``responsible`` or ``None``) and the ``scope`` of
    the measure it answers for."""

    name: str
    role: Optional[str] = None
    scope: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Unit:
        """Builds it from its notice JSON object."""
        return cls(d["name"], d.get("role"), d.get("scope"))


@dataclass(frozen=True, **_SLOTS)
class Measure:
    """The smallest item a deadline or a responsibility applies to.

    ``note`` is prose found among the units that names no unit; ``leader``
    the leading official named for the measure (``牵头负责领导：X``), as
    printed — a person, never a unit (``None`` in JSON written before the
    field existed). ``path`` holds the headings above the measure, outermost
    first (empty for a measure under no heading); it is left out of ``repr``
    and ``==``.
    """

    label: Optional[str]
    ordinal: Optional[int]
    text: str
    deadline: Optional[Deadline]
    units: List[Unit]
    units_raw: Optional[str]
    units_inherited: bool
    note: Optional[str]
    position: Optional[Position]
    path: Tuple[Heading, ...] = field(default=(), repr=False, compare=False)
    leader: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any], path: Tuple[Heading, ...] = ()) -> Measure:
        """Builds it from its notice JSON object, standing under ``path``."""
        deadline = d.get("deadline")
        return cls(
            label=d.get("label"),
            ordinal=d.get("ordinal"),
            text=d["text"],
            deadline=None if deadline is None else Deadline.from_dict(deadline),
            units=[Unit.from_dict(u) for u in d.get("units", [])],
            units_raw=d.get("units_raw"),
            units_inherited=d.get("units_inherited", False),
            note=d.get("note"),
            position=d.get("position"),
            path=path,
            leader=d.get("leader"),
        )


@dataclass(frozen=True, **_SLOTS)
class Passage:
    """A paragraph of running text kept where it stands: its ``text`` as
    printed and its ``position``."""

    text: str
    position: Optional[Position] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Passage:
        """Builds it from its notice JSON object."""
        return cls(d["text"], d.get("position"))


@dataclass(frozen=True, **_SLOTS)
class Heading:
    """A heading of the outline (一、 / 1. / （一） …) with its sub-headings
    (``children``), the measures directly under it and its ``body``: the
    paragraphs under it that are neither sub-headings nor measures (a
    section's introduction, a closing section's prose), in printed order
    (empty in JSON written before the field existed)."""

    level: int
    label: str
    ordinal: int
    title: str
    text: str
    children: List[Heading]
    measures: List[Measure]
    position: Optional[Position]
    body: Tuple[Passage, ...] = ()

    @classmethod
    def from_dict(cls, d: Dict[str, Any], path: Tuple[Heading, ...] = ()) -> Heading:
        """Builds it (and its subtree) from its notice JSON object; ``path``
        is the headings above it, outermost first."""
        children: List[Heading] = []
        measures: List[Measure] = []
        heading = cls(
            level=d["level"],
            label=d["label"],
            ordinal=d["ordinal"],
            title=d["title"],
            text=d["text"],
            children=children,
            measures=measures,
            position=d.get("position"),
            body=tuple(Passage.from_dict(p) for p in d.get("body", [])),
        )
        inner = path + (heading,)
        children.extend(Heading.from_dict(c, inner) for c in d.get("children", []))
        measures.extend(Measure.from_dict(m, inner) for m in d.get("measures", []))
        return heading


@dataclass(frozen=True, **_SLOTS)
class DefaultUnits:
    """Units a notice names once for all its measures (``以下均需各设区市落实，
    不再列出``): the sentence as printed (``raw``), the ``units`` it names in
    printed order, and where it stands. They are kept here rather than
    copied into each measure."""

    raw: str
    units: List[Unit]
    position: Optional[Position] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> DefaultUnits:
        """Builds it from its notice JSON object."""
        return cls(
            raw=d["raw"],
            units=[Unit.from_dict(u) for u in d.get("units", [])],
            position=d.get("position"),
        )


@dataclass(frozen=True, **_SLOTS)
class CatalogEntry:
    """One entry of the catalogue table a government site prints above a
    notice (``索 引 号：`` ``000014349/2018-00212``): the ``label`` and
    ``value`` as printed, and where the value stands."""

    label: str
    value: str
    position: Optional[Position] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> CatalogEntry:
        """Builds it from its notice JSON object."""
        return cls(label=d["label"], value=d["value"], position=d.get("position"))


@dataclass(frozen=True, **_SLOTS)
class Meta:
    """The notice's document elements (GB/T 9704), as far as it has them.

    ``body`` holds the cover notice's paragraphs that are not structure: those
    before the first heading or measure, and a cover's own numbered
    instructions to its recipients once the plan it sends starts.
    ``plan_title`` is the title of the plan the notice sends (``附件`` …
    ``XX实施方案``) when it stands apart from the cover's ``title``;
    ``default_units`` the units the notice names once for every measure. Both
    are ``None`` in JSON written before the fields existed. ``catalog`` holds
    a web page's catalogue table entry by entry (empty for other inputs).
    """

    title: Optional[str]
    doc_number: Optional[str]
    addressees: List[str]
    issuer: Optional[str]
    date: Optional[_dt.date]
    annotation: Optional[str]
    cc: List[str]
    body: List[str]
    plan_title: Optional[str] = None
    default_units: Optional[DefaultUnits] = None
    catalog: Tuple[CatalogEntry, ...] = ()

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Meta:
        """Builds it from its notice JSON object."""
        default_units = d.get("default_units")
        return cls(
            title=d.get("title"),
            doc_number=d.get("doc_number"),
            addressees=list(d.get("addressees", [])),
            issuer=d.get("issuer"),
            date=_date(d.get("date")),
            annotation=d.get("annotation"),
            cc=list(d.get("cc", [])),
            body=list(d.get("body", [])),
            plan_title=d.get("plan_title"),
            default_units=None if default_units is None else DefaultUnits.from_dict(default_units),
            catalog=tuple(CatalogEntry.from_dict(e) for e in d.get("catalog", [])),
        )


@dataclass(frozen=True, **_SLOTS)
class Diagnostic:
    """Something the parser could not understand or place: a ``code``, a
    human-readable ``message``, where, and the text concerned."""

    code: str
    message: str
    position: Optional[Position]
    text: Optional[str]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Diagnostic:
        """Builds it from its notice JSON object."""
        return cls(d["code"], d["message"], d.get("position"), d.get("text"))


@dataclass(frozen=True, **_SLOTS)
class Source:
    """What the input was: its ``format`` (``text``, ``docx``, ``xlsx``,
    ``xls``, ``ods``, ``html``), ``script`` (``simplified``, ``traditional``,
    ``unknown``), text ``encoding`` and ``path``."""

    format: str
    script: str
    encoding: Optional[str]
    path: Optional[str]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Source:
        """Builds it from its notice JSON object."""
        return cls(d["format"], d["script"], d.get("encoding"), d.get("path"))
