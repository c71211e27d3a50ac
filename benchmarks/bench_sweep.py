"""A parametric 3 x 3 bimatrix game swept over 10^5 values of q: ours against peer loops.

Run from a checkout with the test extra installed (pygambit, nashpy)::

    python benchmarks/bench_sweep.py                 # 10^5 points
    python benchmarks/bench_sweep.py --quick         # 10^4 points, smaller peer samples

All equilibria at every point. Our path: evaluate the symbolic payoffs at every point at
once (``game.evaluator()``, compiled once outside the timed region) and solve the batch
with ``bimatrix_batch`` (batched support enumeration; degenerate points, if any, go to
the vertex method). The full ``gt.sweep`` call (which adds grid handling and the
result object) is timed too. The peers are the loops a user would write: per point,
``pygambit.StrategicGame.from_arrays`` + ``gbt.nash.enummixed_solve(rational=False)``, and
``nashpy.Game`` + ``support_enumeration``. They are timed on evenly spaced samples of the
points (given the already evaluated payoff arrays, so their time excludes evaluation)
and extrapolated to all points. Our time is the minimum over --reps repetitions; every
ratio is peer time / our time measured in the same run ("x" > 1: we are faster).
Each peer's equilibria are compared with ours at its sampled points (profiles within
1e-6); pygambit's enummixed is complete, nashpy's support enumeration (floating point,
equal-size supports) can miss equilibria.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import warnings

import numpy as np

import gametheory as gt
from gametheory.solvers.batched_support import bimatrix_batch, vertex_fallback


def parametric_game() -> gt.NormalFormGame:
    """A 3 x 3 game whose equilibrium set changes with q in [0, 1] (3, 5 or 7 equilibria:
    7 is the most a nondegenerate 3 x 3 game can have)."""
    q = gt.parameters("q")
    A = [[3, 0, 2 * q], [1 + q, 2, 0], [0, 1, 3 - 2 * q]]
    B = [[2, 1, 0], [0, 3 * q, 1], [1 - q, 0, 2 + q]]
    return gt.NormalFormGame.from_arrays(A, B)


def _best(fn, reps: int) -> tuple[float, float, object]:
    """Minimum wall-clock and minimum CPU time (this process) over ``reps`` runs."""
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(reps):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, out


def _agree(ours, k: int, theirs: list[np.ndarray]) -> bool:
    """Same equilibrium set at point k (profiles within 1e-6)."""
    got = ours.profile[ours.rows(k)]
    if len(got) != len(theirs):
        return False
    return all(np.abs(got - t).max(axis=1).min() <= 1e-6 for t in theirs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=100_000)
    ap.add_argument("--gambit-sample", type=int, default=500)
    ap.add_argument("--nashpy-sample", type=int, default=100)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="10^4 points, samples 100 and 20")
    args = ap.parse_args()
    if args.quick:
        args.points, args.gambit_sample, args.nashpy_sample, args.reps = 10_000, 100, 20, 3

    import nashpy
    import pygambit as gbt

    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"numpy {np.__version__}, pygambit {gbt.__version__}, nashpy {nashpy.__version__}, "
          f"gametheory {gt.__version__}")
    game = parametric_game()
    values = np.linspace(0.0, 1.0, args.points)
    t0 = time.perf_counter()
    ev = game.evaluator()
    ev({"q": values[:2]})
    compile_s = time.perf_counter() - t0

    asked: list[int] = []

    def ours():
        P = ev({"q": values})
        fallback = vertex_fallback(P)

        def counted(idx):
            asked.extend(int(i) for i in idx)
            return fallback(idx)

        return bimatrix_batch(P, 1e-9, counted)

    t0 = time.perf_counter()
    ours()                     # warm-up: the vertex fallback's first call imports SciPy
    warm_s = time.perf_counter() - t0
    timings = {"ours": _best(ours, args.reps)}
    res = timings["ours"][2]
    timings["eval"] = _best(lambda: ev({"q": values}), args.reps)
    P = timings["eval"][2]
    timings["sweep"] = _best(lambda: gt.sweep(game, {"q": values}), max(1, args.reps // 2))
    sw = timings["sweep"][2]
    counts = np.bincount(res.counts)
    degenerate = sorted(set(asked))
    print(f"# {args.points:,} points of q in [0, 1]; equilibria per point: "
          + ", ".join(f"{c}: {n:,}" for c, n in enumerate(counts) if n)
          + f"; degenerate points (solved by the vertex fallback): {len(degenerate)} "
          f"(q = {', '.join(f'{values[i]:.6g}' for i in degenerate[:4])}); incomplete: "
          f"{int((~res.complete).sum())}; gt.sweep same counts: "
          f"{np.array_equal(sw.counts, res.counts)}")
    print(f"# evaluator compiled once in {compile_s * 1e3:.0f} ms; first (warm-up) run "
          f"{warm_s:.2f} s; both outside the timed region")

    peers = {}
    for name, size in (("pygambit", args.gambit_sample), ("nashpy", args.nashpy_sample)):
        idx = np.unique(np.linspace(0, args.points - 1, size).astype(np.int64))
        arrays = [(P[i, 0].copy(), P[i, 1].copy()) for i in idx]
        if name == "pygambit":
            def run(A, B):
                g = gbt.StrategicGame.from_arrays(A, B)
                eqs = gbt.nash.enummixed_solve(g, rational=False).equilibria
                return [np.array([float(eq[p][s]) for p in g.players
                                  for s in g.get_strategies(p)]) for eq in eqs]
        else:
            def run(A, B):
                return [np.concatenate(e) for e in nashpy.Game(A, B).support_enumeration()]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wall, cpu, out = _best(lambda run=run, arrays=arrays: [run(A, B) for A, B in arrays],
                                   1)
        same = [_agree(res, int(i), o) for i, o in zip(idx, out, strict=True)]
        fewer = sum(len(o) < len(res.rows(int(i)))
                    for i, o, ok in zip(idx, out, same, strict=True) if not ok)
        note = f"same equilibria as ours at {sum(same)}/{len(idx)}"
        if not all(same):
            note += f"; fewer at {fewer} of the others"
        peers[name] = (len(idx), wall, cpu, note)

    header = (f"{'method':<42} {'points':>8} {'wall s':>8} {'per point':>10} "
              f"{'all pts s':>10} {'x ours':>7} | {'cpu s':>7} {'all pts s':>10} {'x ours':>7}")
    print(header)
    print("-" * len(header))
    n = args.points
    ours_wall, ours_cpu = timings["ours"][:2]

    def row(name, timed, wall, cpu, extra=""):
        all_wall, all_cpu = wall / timed * n, cpu / timed * n
        print(f"{name:<42} {timed:>8,} {wall:>8.3f} {wall / timed * 1e6:>8.2f}us "
              f"{all_wall:>10.3f} {all_wall / ours_wall:>7.1f} | {cpu:>7.3f} {all_cpu:>10.3f} "
              f"{all_cpu / ours_cpu:>7.1f}{extra}")

    row("ours: evaluate + bimatrix_batch", n, *timings["ours"][:2])
    row("  of which evaluate (game.evaluator())", n, *timings["eval"][:2])
    row("ours: gt.sweep(game, {'q': values})", n, *timings["sweep"][:2])
    for name, label in (("pygambit", "pygambit from_arrays + enummixed (float)"),
                        ("nashpy", "nashpy support_enumeration")):
        timed, wall, cpu, note = peers[name]
        row(label, timed, wall, cpu, f"  ({note})")
    print(f"\nours: {ours_wall:.3f} s wall ({ours_cpu:.3f} s CPU) for {n:,} points (target: at "
          f"most 1 s). Peers timed on evenly spaced samples and extrapolated to all points; "
          f"x ours = peer / ours (target: at least 100). Wall and CPU time of this process "
          f"are both shown because the machine may be shared.")


if __name__ == "__main__":
    main()
