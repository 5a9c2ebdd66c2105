"""Times ``Notice.to_pandas()`` (and ``units_frame()``) on the seed notice.

Not a test: run ``python python/bench_frames.py`` (from anywhere) with
gongwen and pandas installed. Prints the median of 200 runs of each.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

try:
    import gongwen
except ImportError:
    # Run as `python python/bench_frames.py`, the source folder (without the
    # compiled module) shadows the installed package: use the installed one.
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p and str(Path(p).resolve()) != here]
    for name in [m for m in sys.modules if m == "gongwen" or m.startswith("gongwen.")]:
        del sys.modules[name]
    import gongwen

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "seed.docx"
RUNS = 200


def median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm up: imports pandas, builds the typed views
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    notice = gongwen.parse(SEED)
    print(f"seed: {SEED.name}, {len(notice)} measures, {RUNS} runs each")
    print(f"to_pandas()   median {median_ms(notice.to_pandas):.3f} ms")
    print(f"units_frame() median {median_ms(notice.units_frame):.3f} ms")
    print(f"_rows()       median {median_ms(notice._rows):.3f} ms")


if __name__ == "__main__":
    main()
