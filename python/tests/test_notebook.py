"""Runs ``examples/quickstart.ipynb`` on a real Jupyter kernel and checks
what its cells show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"
TITLE = "江西省市場監管局貫徹落實《江西省提升行政執法質量三年行動計劃實施方案(2023-2025年)》任務分工"

for _module in ("nbformat", "nbclient", "ipykernel", "pandas", "matplotlib"):
    pytest.importorskip(_module, reason=f"{_module} is not installed (pip install 'gongwen[test]')")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402


def _ensure_kernel() -> None:
    """Makes sure a ``python3`` kernel spec (this interpreter's) exists."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        subprocess.run(
            [sys.executable, "-m", "ipykernel", "install", "--sys-prefix"],
            check=True,
            capture_output=True,
        )


def _tagged(nb, tag):
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"one cell tagged {tag!r}"
    return cells[0]


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], "clear the notebook's outputs before committing"
            assert cell.execution_count is None


@pytest.fixture(scope="module")
def executed():
    _ensure_kernel()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return nb


def test_notebook_runs_without_errors(executed):
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{cell.source!r}: {errors[0].get('ename')}: {errors[0].get('evalue')}"


def test_display_cell_shows_the_notice_as_html(executed):
    cell = _tagged(executed, "display")
    html = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
    assert html, cell.outputs
    assert TITLE in html[0]
    assert "<table" in html[0]
    plain = [o["data"]["text/plain"] for o in cell.outputs if "text/plain" in o.get("data", {})]
    assert plain and "59 measures" in plain[0]


def test_frame_cell_shows_a_table(executed):
    cell = _tagged(executed, "frame")
    html = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
    assert html and "measure_index" in html[0] and "<table" in html[0]


def test_plot_cell_has_a_png(executed):
    cell = _tagged(executed, "plot")
    assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.outputs


def test_pivot_cells_name_the_units(executed):
    for tag in ("per-unit", "per-year"):
        cell = _tagged(executed, tag)
        text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert "法規處" in text, tag


def test_check_cell_counts_59_measures(executed):
    cell = _tagged(executed, "check")
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert results and results[0]["data"]["text/plain"] == "59"
