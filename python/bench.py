"""Times the Python binding on the seed notice (not part of the test suite).

Run from the repository root after installing the package:

    .venv/bin/python python/bench.py [--runs 2000]

Prints medians: ``_gongwen.parse_text`` (the Rust parse plus the handle,
no Python objects), ``gongwen.parse_text`` (the same plus the Notice wrapper),
the same plus building the typed model (``.measures``), ``to_json()``, and
``to_pandas()`` (if pandas is installed). Compare the first with
``cargo bench`` (criterion's ``parse/text``) to see the binding's overhead.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time
from typing import Callable

# Import the installed package, not the source tree next to this script
# (which has no compiled module).
HERE = pathlib.Path(__file__).resolve().parent
sys.path = [p for p in sys.path if pathlib.Path(p or ".").resolve() != HERE]

import gongwen  # noqa: E402
from gongwen import _gongwen  # noqa: E402

ROOT = HERE.parent


def median_us(fn: Callable[[], object], runs: int) -> float:
    for _ in range(min(50, runs)):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2000)
    args = ap.parse_args()
    seed = (ROOT / "fixtures" / "seed" / "seed-hans.txt").read_text("utf-8")
    n = gongwen.parse_text(seed)
    print(f"seed-hans.txt: {len(seed)} characters, {len(n)} measures; median of {args.runs} runs")
    rows = [
        ("_gongwen.parse_text (handle only)", lambda: _gongwen.parse_text(seed)),
        ("gongwen.parse_text", lambda: gongwen.parse_text(seed)),
        ("gongwen.parse_text + .measures", lambda: gongwen.parse_text(seed).measures),
        ("Notice.to_json()", n.to_json),
    ]
    try:
        import pandas  # noqa: F401

        rows.append(("Notice.to_pandas()", n.to_pandas))
    except ImportError:
        print("(pandas not installed: to_pandas() not timed)")
    for name, fn in rows:
        print(f"  {name:<36} {median_us(fn, args.runs):10.1f} µs")


if __name__ == "__main__":
    main()
