"""gongwen (公文): parse Chinese government notices — pasted text, Word
(DOCX), spreadsheets (XLSX, XLS, ODS) and web pages (HTML) — into a typed,
traceable :class:`Notice`: document elements, an outline of headings, and
measures with their deadlines and responsible units.

Example:
    >>> import gongwen
    >>> notice = gongwen.parse("fixtures/seed/seed.docx")
    >>> len(notice)
    59
    >>> m = notice.measures[6]
    >>> m.deadline.due
    datetime.date(2024, 6, 30)

Parsing runs in Rust with the GIL released; :func:`parse_many` parses many
files on several threads.
"""

from __future__ import annotations

import os
from typing import IO, Iterable, List, Literal, Optional, Union, overload

from gongwen import _gongwen
from gongwen._errors import GongwenError, ParseError, UnsupportedFormatError
from gongwen._model import (
    CatalogEntry,
    Deadline,
    DefaultUnits,
    Diagnostic,
    Heading,
    Measure,
    Meta,
    Passage,
    Recurrence,
    Source,
    Unit,
)
from gongwen._notice import Notice, _guard

__all__ = [
    "COLUMNS",
    "CatalogEntry",
    "Deadline",
    "DefaultUnits",
    "Diagnostic",
    "GongwenError",
    "Heading",
    "Measure",
    "Meta",
    "Notice",
    "ParseError",
    "Passage",
    "Recurrence",
    "Source",
    "Unit",
    "UnsupportedFormatError",
    "__version__",
    "parse",
    "parse_many",
    "parse_text",
]

__version__: str = _gongwen.__version__

#: The columns of the one-row-per-measure view, in order: the CLI's
#: ``--format csv``/``jsonl`` columns and those of :meth:`Notice.to_pandas`.
COLUMNS: tuple[str, ...] = _gongwen.COLUMNS


def parse(
    source: Union[str, os.PathLike[str], bytes, bytearray, memoryview, IO[bytes]],
    *,
    format: Optional[str] = None,
    name: Optional[str] = None,
) -> Notice:
    """Parses a notice in any supported format.

    Args:
        source: a path (``str`` or :class:`os.PathLike`); the file's content
            as ``bytes``, ``bytearray`` or ``memoryview``; or a binary file
            object (anything with ``.read()``, e.g. ``open(p, "rb")`` or
            :class:`io.BytesIO`).
        format: the input format, one of ``text``, ``docx``, ``xlsx``,
            ``xls``, ``ods``, ``html``; ``None`` (default) detects it from
            the content. An unknown name raises :class:`ValueError`.
        name: the input's name in errors and in ``notice.source.path`` for
            bytes and file objects (default: the file object's ``.name``, else
            ``"<bytes>"``).

    Returns:
        The :class:`Notice`.

    Raises:
        FileNotFoundError: the path does not exist (other read failures
            raise :class:`OSError`).
        UnsupportedFormatError: a format gongwen does not read (legacy
            ``.doc``, PDF …) or an encrypted file.
        ParseError: a damaged file, binary data, an unknown text encoding,
            a resource limit exceeded. ``ParseError`` is a ``ValueError``.

    Example:
        >>> import gongwen, pathlib
        >>> n = gongwen.parse("fixtures/seed/seed.xlsx")
        >>> n.source.format, len(n)
        ('xlsx', 59)
        >>> data = pathlib.Path("fixtures/seed/seed.docx").read_bytes()
        >>> len(gongwen.parse(data))
        59
        >>> with open("fixtures/seed/seed-hant.txt", "rb") as f:
        ...     gongwen.parse(f).source.path
        'fixtures/seed/seed-hant.txt'
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not isinstance(path, str):
            path = os.fsdecode(path)
        return Notice(_guard(_gongwen.parse_path, path, format))
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(
                "parse() needs a binary file object (open it with 'rb'); "
                f"read() returned {type(data).__name__}"
            )
        data = bytes(data)
        if name is None:
            file_name = getattr(source, "name", None)
            if isinstance(file_name, (str, os.PathLike)):
                name = os.fsdecode(os.fspath(file_name))
    else:
        raise TypeError(
            "parse() takes a path, bytes or a binary file object, "
            f"not {type(source).__name__}"
        )
    return Notice(_guard(_gongwen.parse_bytes, data, name or "<bytes>", format))


def parse_text(text: str) -> Notice:
    """Parses a notice given as text (e.g. pasted from a web page); never
    fails: what cannot be understood becomes a diagnostic.

    Example:
        >>> import gongwen
        >>> n = gongwen.parse_text(
        ...     "举措 | 完成时限 | 责任单位\\n"
        ...     "一、总体要求 | |\\n"
        ...     "(1)健全机制。 | 2024年6月 | 办公室牵头、法规处配合")
        >>> m = n.measures[0]
        >>> m.deadline.due, m.units[0].name, m.units[0].role
        (datetime.date(2024, 6, 30), '办公室', 'lead')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_text() takes a str, not {type(text).__name__}")
    return Notice(_guard(_gongwen.parse_text, text))


@overload
def parse_many(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    threads: Optional[int] = ...,
    errors: Literal["raise"] = ...,
) -> List[Notice]: ...


@overload
def parse_many(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    threads: Optional[int] = ...,
    errors: Literal["collect"],
) -> List[Union[Notice, Exception]]: ...


def parse_many(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    threads: Optional[int] = None,
    errors: str = "raise",
) -> Union[List[Notice], List[Union[Notice, Exception]]]:
    """Parses many files in parallel (in Rust, with the GIL released).

    Args:
        paths: file paths.
        threads: the number of threads (default: the number of CPUs).
        errors: ``"raise"`` (default) raises the error of the first failing
            path (in input order) after all are parsed; ``"collect"`` puts
            the exception instance (e.g. a :class:`ParseError` or
            :class:`FileNotFoundError`, with ``.path`` set) in place of each
            failing notice instead.

    Returns:
        One item per path, in input order.

    Ctrl-C interrupts it: the threads stop after their current file and
    :class:`KeyboardInterrupt` is raised.

    Example:
        >>> import gongwen
        >>> ns = gongwen.parse_many(
        ...     ["fixtures/seed/seed.docx", "missing.docx"], errors="collect")
        >>> len(ns[0]), type(ns[1]).__name__
        (59, 'FileNotFoundError')
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    names: List[str] = []
    for p in paths:
        s = os.fspath(p)
        names.append(s if isinstance(s, str) else os.fsdecode(s))
    items = _guard(_gongwen.parse_many, names, threads)
    out: List[Union[Notice, Exception]] = []
    for item in items:
        if isinstance(item, BaseException):
            if errors == "raise":
                raise item
            assert isinstance(item, Exception)
            out.append(item)
        else:
            out.append(Notice(item))
    return out
