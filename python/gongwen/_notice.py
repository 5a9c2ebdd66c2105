"""The :class:`Notice` class: a parsed notice, held in Rust, viewed as typed
Python objects built lazily from its notice JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple, TypeVar, cast

from gongwen import _gongwen
from gongwen._errors import ParseError
from gongwen._model import Diagnostic, Heading, Measure, Meta, Source

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped,unused-ignore]

__all__ = ["Notice"]

_T = TypeVar("_T")


def _guard(fn: Callable[..., _T], *args: Any) -> _T:
    """Calls into the compiled module, turning pyo3's ``PanicException`` (a
    ``BaseException`` raised for a Rust panic that escaped the Rust-side
    guard) into a :class:`ParseError` of kind ``internal``."""
    try:
        return fn(*args)
    except BaseException as e:
        if type(e).__name__ == "PanicException":
            raise ParseError(
                f"internal error (a bug in gongwen): {e}", kind="internal"
            ) from e
        raise


class _Views:
    """The typed views of a notice, built together on first use."""

    __slots__ = ("meta", "outline", "measures", "diagnostics", "source")

    def __init__(self, data: Dict[str, Any]) -> None:
        self.meta = Meta.from_dict(data["meta"])
        self.outline: List[Heading] = [Heading.from_dict(h) for h in data["outline"]]
        self.diagnostics = [Diagnostic.from_dict(d) for d in data["diagnostics"]]
        self.source = Source.from_dict(data["source"])
        # Document order, as Rust's Notice::measures_with_path: measures
        # under no heading first, then the outline depth first.
        measures = [Measure.from_dict(m) for m in data["measures"]]

        def walk(h: Heading) -> None:
            measures.extend(h.measures)
            for c in h.children:
                walk(c)

        for h in self.outline:
            walk(h)
        self.measures = measures


class Notice:
    """A parsed notice.

    Made by :func:`gongwen.parse`, :func:`gongwen.parse_text`,
    :func:`gongwen.parse_many`, :meth:`Notice.from_json` or
    :meth:`Notice.from_dict`. The notice itself is held in Rust; the typed
    views (``meta``, ``outline``, ``measures``, ``diagnostics``, ``source``)
    are built once, on first use. Notices compare equal when their notice
    JSON is equal, pickle (as their JSON), and ``len()`` is the number of
    measures.

    Example:
        >>> import gongwen
        >>> n = gongwen.parse_text(
        ...     "举措 | 完成时限 | 责任单位\\n"
        ...     "一、总体要求 | |\\n"
        ...     "(1)健全机制。 | 2024年6月 | 办公室牵头、法规处配合")
        >>> len(n), n.outline[0].title
        (1, '总体要求')
        >>> m = n.measures[0]
        >>> m.text, [u.name for u in m.units], [h.title for h in m.path]
        ('健全机制。', ['办公室', '法规处'], ['总体要求'])
    """

    __slots__ = ("_handle", "_views")

    def __init__(self, handle: _gongwen.NoticeHandle) -> None:
        """Wraps a handle of the compiled module (use the parse functions
        rather than calling this)."""
        if not isinstance(handle, _gongwen.NoticeHandle):
            raise TypeError(
                "Notice() takes a NoticeHandle; use gongwen.parse(), "
                "gongwen.parse_text() or Notice.from_json()"
            )
        self._handle = handle
        self._views: Optional[_Views] = None

    # -- typed views -------------------------------------------------------

    def _v(self) -> _Views:
        if self._views is None:
            self._views = _Views(json.loads(self._handle.to_json()))
        return self._views

    @property
    def meta(self) -> Meta:
        """The document elements: title, document number, addressees, issuer,
        date (a :class:`datetime.date`), annotation, cc, body, plan title and
        the units named once for every measure (``default_units``)."""
        return self._v().meta

    @property
    def outline(self) -> List[Heading]:
        """The headings as a tree (each with ``children``, ``measures`` and
        its ``body`` paragraphs)."""
        return self._v().outline

    @property
    def measures(self) -> List[Measure]:
        """All measures, flat, in document order: those under no heading
        first, then depth first through the outline. Each has ``.path``, the
        headings above it."""
        return self._v().measures

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """What could not be understood or placed, in document order."""
        return self._v().diagnostics

    @property
    def source(self) -> Source:
        """What the input was: format, script, encoding, path."""
        return self._v().source

    # -- JSON --------------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The notice as a notice JSON v1 dict (a fresh copy; ``"schema"``
        first).

        Example:
            >>> import gongwen
            >>> d = gongwen.parse_text("一、总体要求").to_dict()
            >>> next(iter(d)), d["schema"]
            ('schema', 'gongwen/notice@1')
        """
        result: Dict[str, Any] = json.loads(self._handle.to_json())
        return result

    def to_json(self, indent: Optional[int] = None) -> str:
        """The notice as notice JSON v1: compact, or indented by ``indent``
        spaces; non-ASCII characters are kept.

        Example:
            >>> import gongwen
            >>> s = gongwen.parse_text("一、总体要求").to_json()
            >>> s.startswith('{"schema":"gongwen/notice@1"')
            True
        """
        if indent is None:
            return self._handle.to_json()
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, s: str | bytes) -> Notice:
        """Builds a notice from notice JSON v1 (as written by
        :meth:`to_json` or ``gongwen parse --format json``); raises
        :class:`gongwen.ParseError` (kind ``invalid_json``) if it is not.

        Example:
            >>> import gongwen
            >>> n = gongwen.parse_text("一、总体要求")
            >>> gongwen.Notice.from_json(n.to_json()) == n
            True
        """
        if isinstance(s, (bytes, bytearray)):
            s = bytes(s).decode("utf-8")
        return cls(_guard(_gongwen.from_json, s))

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Notice:
        """Builds a notice from a notice JSON v1 dict (see :meth:`to_dict`).

        Example:
            >>> import gongwen
            >>> n = gongwen.parse_text("一、总体要求")
            >>> gongwen.Notice.from_dict(n.to_dict()) == n
            True
        """
        return cls.from_json(json.dumps(d, ensure_ascii=False))

    # -- rows and pandas -----------------------------------------------------

    def _rows(self) -> List[Dict[str, Any]]:
        """One dict per measure with the columns of :data:`gongwen.COLUMNS`
        (the CLI's csv/jsonl rows): lists as lists, missing values ``None``."""
        rows: List[Dict[str, Any]] = json.loads(self._handle.rows_json())
        return rows

    def to_pandas(self) -> pandas.DataFrame:
        """One row per measure as a :class:`pandas.DataFrame`, with the
        columns of :data:`gongwen.COLUMNS` (needs pandas:
        ``pip install "gongwen[pandas]"``).

        Example:
            >>> import gongwen
            >>> df = gongwen.parse("fixtures/seed/seed.docx").to_pandas()
            >>> len(df)
            59
        """
        from gongwen._frames import measures_frame

        return cast("pandas.DataFrame", measures_frame(self))

    def units_frame(self) -> pandas.DataFrame:
        """One row per (measure, unit) as a :class:`pandas.DataFrame` (needs
        pandas).

        Example:
            >>> import gongwen
            >>> df = gongwen.parse("fixtures/seed/seed.docx").units_frame()
        """
        from gongwen._frames import units_frame

        return cast("pandas.DataFrame", units_frame(self))

    # -- protocols -----------------------------------------------------------

    def __len__(self) -> int:
        """The number of measures."""
        return self._handle.measure_count()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Notice):
            return NotImplemented
        return self is other or self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        # Equal notices have equal (canonical) JSON.
        return hash(self._handle.to_json())

    def __reduce__(self) -> Tuple[Callable[[str], Notice], Tuple[str]]:
        return (Notice.from_json, (self._handle.to_json(),))

    def __repr__(self) -> str:
        try:
            from gongwen._display import notice_repr
        except ImportError:
            return f"<Notice title={self.meta.title!r} measures={len(self)}>"
        return notice_repr(self)

    def _repr_html_(self) -> Optional[str]:
        try:
            from gongwen._display import notice_html
        except ImportError:
            return None
        return notice_html(self)
