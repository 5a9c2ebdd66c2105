"""Stubs of the compiled module ``gongwen._gongwen`` (see ``python/src/lib.rs``)."""

from os import PathLike
from typing import Final, Optional, Union, final

__all__ = [
    "__version__",
    "COLUMNS",
    "NoticeHandle",
    "parse_path",
    "parse_bytes",
    "parse_text",
    "parse_many",
    "from_json",
    "_panic_for_test",
]

__version__: Final[str]
COLUMNS: Final[tuple[str, ...]]

@final
class NoticeHandle:
    """A parsed notice, held in Rust."""

    def to_json(self) -> str: ...
    def rows_json(self) -> str: ...
    def measure_count(self) -> int: ...

def parse_path(
    path: Union[str, PathLike[str]], format: Optional[str] = None
) -> NoticeHandle: ...
def parse_bytes(data: bytes, name: str, format: Optional[str] = None) -> NoticeHandle: ...
def parse_text(text: str) -> NoticeHandle: ...
def parse_many(
    paths: list[Union[str, PathLike[str]]], threads: Optional[int] = None
) -> list[Union[NoticeHandle, BaseException]]: ...
def from_json(s: str) -> NoticeHandle: ...
def _panic_for_test(guarded_: bool) -> None: ...
