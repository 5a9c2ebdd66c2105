"""The exceptions of gongwen.

They are defined in Python (not in the compiled module) so that
:class:`ParseError` can subclass both :class:`GongwenError` and
:class:`ValueError`; the compiled module imports this module to raise them.
"""

from __future__ import annotations

from typing import Any, Optional, Union

__all__ = ["GongwenError", "ParseError", "UnsupportedFormatError"]

Position = Union[int, str, None]


class GongwenError(Exception):
    """Base class of the errors gongwen raises.

    Attributes:
        kind: the short, stable name of the error's kind, as in the Rust
            library's ``Error::kind()``: ``"corrupt"``, ``"limit_exceeded"``,
            ``"binary"``, ``"unsupported_format"``,
            ``"encrypted"``; ``"internal"`` for a bug in gongwen (a Rust
            panic) and ``"invalid_json"`` for :meth:`Notice.from_json`.
        path: the input's name (file path, or the name given for bytes),
            or ``None``.
        position: where in the input, as available: a byte offset (``int``)
            for ``binary``, the damaged part (``str``,
            e.g. ``"word/document.xml"``) for ``corrupt``, the line for
            ``invalid_json``; else ``None``.

    Example:
        >>> import gongwen
        >>> try:
        ...     gongwen.parse(b"\\x00\\x01 binary", name="blob.bin")
        ... except gongwen.GongwenError as e:
        ...     print(e.kind, e.path, e.position)
        binary blob.bin 0
    """

    kind: str
    path: Optional[str]
    position: Position

    def __init__(
        self,
        message: str,
        *,
        kind: str = "unknown",
        path: Optional[str] = None,
        position: Position = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.position = position

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Keeps the keyword-only attributes through pickling
        # (exceptions pickle as ``cls(*args)`` by default).
        return (
            _rebuild,
            (type(self), str(self), self.kind, self.path, self.position),
        )


def _rebuild(
    cls: type[GongwenError], message: str, kind: str, path: Optional[str], position: Position
) -> GongwenError:
    return cls(message, kind=kind, path=path, position=position)


class ParseError(GongwenError, ValueError):
    """The input could not be parsed into a notice: a damaged file, binary
    data, text in an unknown encoding, a resource limit exceeded, or an
    internal error. A :class:`ValueError` too.

    Example:
        >>> import gongwen
        >>> try:
        ...     gongwen.parse("fixtures/hostile/truncated.docx")
        ... except ValueError as e:
        ...     print(type(e).__name__, e.kind)
        ParseError corrupt
    """


class UnsupportedFormatError(ParseError):
    """The input is in a format gongwen does not read (a legacy ``.doc``, a
    PDF …) or is encrypted (password-protected); the message says what to do.

    Example:
        >>> import gongwen
        >>> try:
        ...     gongwen.parse("fixtures/seed/renderings/seed.doc")
        ... except gongwen.UnsupportedFormatError as e:
        ...     print(e.kind)
        unsupported_format
    """
