"""Notices beyond one machine: a ``dask.dataframe`` of measure rows.

``read_notices`` spreads the parsing of many files over a Dask cluster (for
example ``dask.distributed`` worker processes on several machines that see
the same files) and returns one lazy DataFrame with the columns of
``Notice.to_pandas()`` plus ``file`` first, the same rows as
``gongwen convert --format jsonl``. Dask is imported only when this module
is used (``pip install "dask[distributed]"``).

The same with Spark: map partitions of a DataFrame of paths through
``gongwen.dask.frame_for_paths``::

    paths = spark.createDataFrame([(p,) for p in files], ["path"])
    schema = ...  # a Spark schema for ["file"] + list(gongwen.COLUMNS)
    rows = paths.mapInPandas(
        lambda batches: (gongwen.dask.frame_for_paths(list(b["path"])) for b in batches),
        schema=schema,
    )
"""

from __future__ import annotations

import glob
import os
from typing import Any, Iterable, List, Sequence, Union

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["read_notices", "frame_for_paths", "expand_paths"]


def expand_paths(paths_or_glob: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    """The files to read: a glob pattern (``"archive/**/*.docx"``, recursive)
    expanded and sorted, a single path, or an iterable of paths kept in order.

    >>> expand_paths(["b.txt", "a.txt"])
    ['b.txt', 'a.txt']
    """
    if isinstance(paths_or_glob, (str, os.PathLike)):
        pattern = os.fspath(paths_or_glob)
        if any(ch in pattern for ch in "*?["):
            return sorted(glob.glob(pattern, recursive=True))
        return [pattern]
    return [os.fspath(p) for p in paths_or_glob]


def frame_for_paths(paths: Sequence[PathLike], errors: str = "raise") -> Any:
    """Parses ``paths`` (in this process) into one pandas DataFrame: a
    ``file`` column, then the columns of ``Notice.to_pandas()``. With
    ``errors="skip"`` a file that fails contributes no rows.

    >>> frame_for_paths([]).columns[0]
    'file'
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    import gongwen
    from gongwen._frames import measures_frame

    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    frames = []
    for path in paths:
        try:
            notice = gongwen.parse(path)
        except (gongwen.GongwenError, OSError):
            if errors == "raise":
                raise
            continue
        df = measures_frame(notice)
        df.insert(0, "file", pd.array([os.fspath(path)] * len(df), dtype="string"))
        frames.append(df)
    if not frames:
        empty = measures_frame(gongwen.parse_text(""))
        empty.insert(0, "file", pd.array([], dtype="string"))
        return empty
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {}
    return out


def read_notices(
    paths_or_glob: Union[PathLike, Iterable[PathLike]],
    *,
    files_per_partition: int = 64,
    errors: str = "raise",
) -> Any:
    """A lazy ``dask.dataframe.DataFrame`` of the measures of many notices,
    one partition per ``files_per_partition`` files, parsed wherever Dask
    runs the tasks (a ``dask.distributed`` cluster, if a client is active).

    >>> import gongwen.dask
    >>> ddf = gongwen.dask.read_notices("fixtures/seed/*.docx")  # doctest: +SKIP
    >>> ddf.groupby("lead_unit").size().compute()  # doctest: +SKIP
    """
    import dask
    import dask.dataframe as dd

    if files_per_partition < 1:
        raise ValueError("files_per_partition must be at least 1")
    paths = expand_paths(paths_or_glob)
    chunks = [
        paths[i : i + files_per_partition]
        for i in range(0, len(paths), files_per_partition)
    ] or [[]]
    meta = frame_for_paths([])
    # Keep ``units`` and ``unit_roles`` as Python lists: Dask would turn
    # object columns into strings.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(  # type: ignore[no-untyped-call,unused-ignore]
            frame_for_paths, chunks, errors=errors, meta=meta
        )
