"""All equilibria of random nondegenerate n x n bimatrix games: ours against the peers.

Run from a checkout with the bench extra installed::

    pip install -e ".[bench]"
    python benchmarks/bench_bimatrix.py            # n = 4, 6, 8, 10, 12
    python benchmarks/bench_bimatrix.py --quick    # smaller, for a smoke run

Payoffs are uniform on [0, 1) with fixed seeds (nondegenerate with probability one).
Every input is built outside the timed region; each (method, game) is timed over several
repetitions and the minimum is kept; the table prints milliseconds per game (mean over
the games of a size) and each peer's time divided by ours ("x" > 1 means we are faster).
nashpy's vertex enumeration takes minutes per 10 x 10 game, so it runs on fewer games
(and is skipped where it would take longer than --nashpy-budget seconds in total).
Peers: QuantEcon ``vertex_enumeration`` (JIT warmed first), pygambit ``enummixed_solve``
(float), nashpy ``vertex_enumeration``.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable

import numpy as np

import gametheory as gt


def _time(fn: Callable[[], object], reps: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def _nashpy_affordable(last: float, spent: float, budget: float) -> bool:
    """nashpy's time grows about 10x per two strategies: skip what would bust the budget."""
    return spent + 10.0 * last <= budget


def _peers():
    peers = {}
    try:
        import quantecon.game_theory as qg

        def qe_prepare(A, B):
            return qg.NormalFormGame((qg.Player(A), qg.Player(B.T)))

        peers["quantecon"] = (qe_prepare, lambda g: qg.vertex_enumeration(g))
    except ImportError:
        print("quantecon not installed: pip install -e '.[bench]'")
    try:
        import pygambit as gbt

        peers["pygambit"] = (lambda A, B: gbt.StrategicGame.from_arrays(A, B),
                             lambda g: gbt.nash.enummixed_solve(g, rational=False).equilibria)
    except ImportError:
        print("pygambit not installed")
    try:
        import nashpy

        peers["nashpy"] = (lambda A, B: nashpy.Game(A, B),
                           lambda g: list(g.vertex_enumeration()))
    except ImportError:
        print("nashpy not installed")
    return peers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[4, 6, 8, 10, 12])
    ap.add_argument("--games", type=int, default=5, help="games per size")
    ap.add_argument("--reps", type=int, default=5, help="repetitions per game (min kept)")
    ap.add_argument("--nashpy-budget", type=float, default=300.0,
                    help="seconds nashpy may use in total")
    ap.add_argument("--quick", action="store_true", help="sizes 4 6 8, 3 games, 3 reps")
    args = ap.parse_args()
    if args.quick:
        args.sizes, args.games, args.reps = [4, 6, 8], 3, 3

    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"numpy {np.__version__}, gametheory {gt.__version__}")
    peers = _peers()
    ours = {"vertex": lambda g: gt.solve(g, method="vertex"),
            "support": lambda g: gt.solve(g, method="support")}
    if "quantecon" in peers:  # warm the JIT outside the timed region
        prep, run = peers["quantecon"]
        run(prep(np.eye(3), np.eye(3)))

    nashpy_spent, last_nashpy = 0.0, 0.0
    header = (f"{'n':>3} {'eqs':>5} | {'vertex ms':>10} {'support ms':>11} | "
              f"{'quantecon ms':>12} {'x':>6} | {'pygambit ms':>11} {'x':>7} | "
              f"{'nashpy ms':>11} {'x':>9}")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        rng = np.random.default_rng(12345 + n)
        games = [(rng.random((n, n)), rng.random((n, n))) for _ in range(args.games)]
        times: dict[str, list[float]] = {k: [] for k in [*ours, *peers]}
        counts: dict[str, list[int]] = {k: [] for k in times}
        for A, B in games:
            g = gt.NormalFormGame.from_arrays(A, B)
            for name, fn in ours.items():
                t, sol = _time(lambda fn=fn, g=g: fn(g), args.reps)
                times[name].append(t)
                counts[name].append(len(sol.equilibria))
            for name, (prep, run) in peers.items():
                if name == "nashpy" and not _nashpy_affordable(last_nashpy, nashpy_spent,
                                                              args.nashpy_budget):
                    continue
                obj = prep(A, B)
                reps = 1 if name == "nashpy" else args.reps
                t, res = _time(lambda run=run, obj=obj: run(obj), reps)
                if name == "nashpy":
                    nashpy_spent += t
                    last_nashpy = t
                times[name].append(t)
                counts[name].append(len(res))
        mean = {k: 1e3 * float(np.mean(v)) if v else float("nan") for k, v in times.items()}
        ok = all(counts[k][: len(counts["vertex"])] == counts["vertex"][: len(counts[k])]
                 for k in counts if counts[k])
        eqs = f"{np.mean(counts['vertex']):.1f}" + ("" if ok else "!")

        def ratio(peer: str, times: dict = times) -> str:
            if not times.get(peer):
                return "-"
            k = len(times[peer])  # compare on the same games
            return f"{np.mean(times[peer]) / np.mean(times['vertex'][:k]):.1f}"

        nashpy_cell = (f"{mean['nashpy']:11.1f}" if times.get("nashpy") else f"{'skipped':>11}")
        nashpy_note = f" ({len(times.get('nashpy', []))} g)" if times.get("nashpy") else ""
        print(f"{n:3d} {eqs:>5} | {mean['vertex']:10.2f} {mean['support']:11.2f} | "
              f"{mean.get('quantecon', float('nan')):12.2f} {ratio('quantecon'):>6} | "
              f"{mean.get('pygambit', float('nan')):11.1f} {ratio('pygambit'):>7} | "
              f"{nashpy_cell} {ratio('nashpy'):>9}{nashpy_note}")
    print("\nx = peer time / our vertex time on the same games (higher is better for us).")
    print("eqs = mean number of equilibria; '!' marks a disagreement between methods.")


if __name__ == "__main__":
    main()
