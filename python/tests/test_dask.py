"""gongwen.dask.read_notices on a real dask.distributed cluster of two
worker processes, checked against the single-process result."""

from __future__ import annotations

import pathlib

import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

import gongwen  # noqa: E402
import gongwen.dask  # noqa: E402

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures"
FILES = [
    FIXTURES / "seed" / "seed.docx",
    FIXTURES / "seed" / "seed.xlsx",
    FIXTURES / "seed" / "seed-hant.txt",
    FIXTURES / "seed" / "renderings" / "seed-xlsx.html",
    FIXTURES / "seed" / "renderings" / "seed.ods",
]


def test_expand_paths_globs_and_lists() -> None:
    pattern = str(FIXTURES / "seed" / "*.docx")
    assert gongwen.dask.expand_paths(pattern) == [str(FIXTURES / "seed" / "seed.docx")]
    assert gongwen.dask.expand_paths(["b", "a"]) == ["b", "a"]


def test_read_notices_on_a_local_cluster_of_processes() -> None:
    single = gongwen.dask.frame_for_paths(FILES)
    assert len(single) == 59 * len(FILES)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster):
        ddf = gongwen.dask.read_notices(FILES, files_per_partition=2)
        assert ddf.npartitions == 3
        assert list(ddf.columns) == ["file", *gongwen.COLUMNS]
        df = ddf.compute().reset_index(drop=True)
    assert len(df) == len(single)
    assert list(df["file"]) == list(single["file"])
    assert list(df["text"]) == list(single["text"])
    assert list(df["due"].astype("string")) == list(single["due"].astype("string"))
    row = df[(df["file"] == str(FILES[0])) & (df["label"] == "(7)")].iloc[0]
    assert str(row["due"].date()) == "2024-06-30"
    assert row["units"] == ["法規處", "省局機關各處(室、局)", "省市場監管質量安全檢查中心"]


def test_errors_skip_and_raise(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    df = gongwen.dask.frame_for_paths([bad, FILES[0]], errors="skip")
    assert len(df) == 59
    with pytest.raises(gongwen.ParseError):
        gongwen.dask.frame_for_paths([bad])
    with pytest.raises(ValueError):
        gongwen.dask.frame_for_paths([], errors="ignore")
