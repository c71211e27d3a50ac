"""Time ``import gametheory`` in fresh interpreters (target: at most 0.25 s).

    python benchmarks/bench_import.py

Prints the minimum and median wall time over 10 fresh processes, beside the time of
``import numpy`` alone (the one heavy import we need), and lists any heavy or optional
module that ``import gametheory`` pulled in (there should be none).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

HEAVY = ["scipy", "sympy", "matplotlib", "pandas", "dask", "pygambit", "nashpy", "tqdm"]


def _time_import(stmt: str, runs: int = 10) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", stmt], check=True)
        out.append(time.perf_counter() - t0)
    return out


def rows(runs: int = 10) -> list[tuple[str, float, str, float]]:
    """``(row, ours in seconds, peer name, peer seconds)`` for run_all.py: the minimum
    wall time of ``import gametheory`` and of ``import numpy`` in fresh interpreters."""
    numpy = _time_import("import numpy", runs)
    ours = _time_import("import gametheory", runs)
    return [("import gametheory (fresh interpreter)", min(ours), "import numpy alone",
             min(numpy))]


def main() -> None:
    base = _time_import("pass")
    numpy = _time_import("import numpy")
    ours = _time_import("import gametheory")
    loaded = subprocess.run(
        [sys.executable, "-c",
         f"import sys, gametheory; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"],
        check=True, capture_output=True, text=True).stdout.strip()
    for name, ts in [("python -c pass", base), ("import numpy", numpy),
                     ("import gametheory", ours)]:
        print(f"{name:20s} min {min(ts):.3f} s   median {statistics.median(ts):.3f} s")
    print(f"heavy modules imported by gametheory: {loaded or 'none'}")
    verdict = "OK" if min(ours) <= 0.25 else "OVER TARGET"
    print(f"target <= 0.250 s: {verdict}")


if __name__ == "__main__":
    main()
