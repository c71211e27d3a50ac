"""All the benchmark rows of issue 17 in one table: row, ours, peer, peer / ours.

    python benchmarks/run_all.py            # every row (several minutes)
    python benchmarks/run_all.py --quick    # fewer games and repetitions

Each row's ours and peer are measured side by side in the same run (best of several
repetitions where the benchmark says so), so a loaded machine slows both. Rows come from
the benchmark modules here: ``bench_small_games`` (``gt.solve`` per call on 2x2 and 3x3
games against pygambit's enummixed and QuantEcon's support_enumeration),
``bench_support`` and ``bench_lemke_howson`` (against QuantEcon's support_enumeration
and lemke_howson), ``bench_import``, ``bench_bulk_tree``, and, run as scripts with
their output read,
``bench_bimatrix`` (vertex enumeration at 10x10 against QuantEcon's), ``bench_qre`` (logit
QRE against pygambit's logit_solve) and ``bench_sequence_lp`` (Kuhn poker against
pygambit's lp_solve). Rows with no benchmark here print "not measured". peer / ours
above 1 means we are faster.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

Row = tuple[str, float | None, str, float | None]


def _script(name: str, *args: str) -> str:
    """The standard output of ``python benchmarks/<name> args``."""
    return subprocess.run([sys.executable, str(HERE / name), *args], check=True,
                          capture_output=True, text=True).stdout


def small_games(quick: bool) -> list[Row]:
    import bench_small_games

    return bench_small_games.rows(quick)


def bimatrix_10(quick: bool) -> list[Row]:
    out = _script("bench_bimatrix.py", "--sizes", "10", "--games", "4", "--reps",
                  "2" if quick else "3", "--nashpy-budget", "0")
    line = next(x for x in out.splitlines() if re.match(r"\s*10\s", x))
    cells = [c.split() for c in line.split("|")]
    vertex_ms, qe_ms = float(cells[1][0]), float(cells[2][0])
    return [("all equilibria, random 10x10 (4 games), vertex", vertex_ms / 1e3,
             "QuantEcon vertex_enumeration", qe_ms / 1e3)]


def qre(quick: bool) -> list[Row]:
    out = _script("bench_qre.py", "--games", "3" if quick else "5", "--repeat", "3")
    random: dict[str, tuple[list[float], list[float]]] = {}
    tree = None
    for line in out.splitlines():
        m = re.match(r"(random (\dx\dx\d) #\d+|chain store N=3 \(tree\))\s+([\d.]+)\s+"
                     r"([\d.]+)", line)
        if m and m.group(2):
            ours, theirs = random.setdefault(m.group(2), ([], []))
            ours.append(float(m.group(3)) / 1e3)
            theirs.append(float(m.group(4)) / 1e3)
        elif m:
            tree = (float(m.group(3)) / 1e3, float(m.group(4)) / 1e3)
    rows: list[Row] = [(f"logit QRE, random {size} (median of games)",
                        statistics.median(ours), "pygambit logit_solve",
                        statistics.median(theirs))
                       for size, (ours, theirs) in sorted(random.items())]
    if tree:
        rows.append(("logit QRE, chain store N=3 tree", tree[0], "pygambit logit_solve",
                     tree[1]))
    return rows


def sequence_lp(quick: bool) -> list[Row]:
    out = _script("bench_sequence_lp.py", "--reps", "3")
    line = next(x for x in out.splitlines() if x.startswith("Kuhn poker"))
    nums = re.findall(r"\d+\.\d+", line)
    return [("sequence-form LP, Kuhn poker", float(nums[0]), "pygambit lp_solve",
             float(nums[1]))]


def import_time(quick: bool) -> list[Row]:
    import bench_import

    return bench_import.rows(5 if quick else 10)


def tree_building(quick: bool) -> list[Row]:
    import bench_bulk_tree

    return bench_bulk_tree.rows(depth=19, reps=2 if quick else 3)


def support_enumeration(quick: bool) -> list[Row]:
    import bench_support

    return bench_support.rows(quick)


def lemke_howson(quick: bool) -> list[Row]:
    import bench_lemke_howson

    return bench_lemke_howson.rows(quick)


def not_measured(row: str, peer: str) -> Callable[[bool], list[Row]]:
    return lambda quick: [(row, None, peer, None)]


SECTIONS: list[Callable[[bool], list[Row]]] = [
    small_games,
    bimatrix_10,
    support_enumeration,
    lemke_howson,
    qre,
    sequence_lp,
    import_time,
    tree_building,
]


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "not measured"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer games and repetitions")
    args = ap.parse_args()
    rows: list[Row] = []
    t0 = time.perf_counter()
    for section in SECTIONS:
        try:
            rows += section(args.quick)
        except Exception as exc:          # one broken benchmark must not hide the others
            rows.append((f"{section.__name__}: failed ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0][:60] if str(exc) else ''})", None, "",
                         None))
    print("| row | ours | peer | peer/ours |")
    print("|---|---|---|---|")
    for row, ours, peer, theirs in rows:
        ratio = f"{theirs / ours:.2f}" if ours and theirs else "-"
        print(f"| {row} | {_fmt(ours)} | {peer} {_fmt(theirs) if peer else ''} | {ratio} |")
    print(f"\nmeasured side by side in one run ({time.perf_counter() - t0:.0f} s); "
          f"peer/ours above 1: we are faster")


if __name__ == "__main__":
    main()
