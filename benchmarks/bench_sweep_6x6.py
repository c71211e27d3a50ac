"""A random 6 x 6 bimatrix game with payoffs linear in q swept over 20,001 points.

    python benchmarks/bench_sweep_6x6.py [--points 20001] [--sample 200] [--seed 6]
    python benchmarks/bench_sweep_6x6.py --no-regions       # the sweep only
    python benchmarks/bench_sweep_6x6.py --integer          # integer a, b: degenerate

The game (fixed seed): every payoff is ``a + b q`` with two-decimal numbers ``a`` in
[0, 10) and ``b`` in [-5, 5] (so no two payoffs are equal on an interval), q in [0, 1].
Timed: ``gt.sweep(game, {"q": grid})`` (all equilibria at every point; batched support
enumeration, support pairs that cannot be equilibria anywhere on the swept interval
pruned once) and ``sw.regions("q")``. Peers, measured in the same
run on a sample of evenly spaced points and extrapolated to all points: the per-point loop
``gt.solve(game.substitute(q=v))`` (what the sweep replaces) and a pygambit loop
(``StrategicGame.from_arrays`` + ``enummixed_solve(rational=False)`` per point, given the
evaluated payoff arrays). The sample's equilibrium counts are checked against the sweep.
Ratios are peer / ours in wall-clock time of this process (the machine may be shared).
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

import gametheory as gt


def build(seed: int = 6, m: int = 6, n: int = 6, integer: bool = False) -> gt.NormalFormGame:
    """The random game: payoffs ``a + b q``, a in [0, 10), b in [-5, 5], two decimals;
    with ``integer``, integers a in 0..9 and b in -5..5 (then some payoffs of a player
    are equal for every q, and most points are degenerate)."""
    import sympy

    q = gt.parameters("q")
    rng = np.random.default_rng(seed)
    unit = 1 if integer else 100
    base = rng.integers(0, 10 * unit, size=(2, m, n))
    slope = rng.integers(-5 * unit, 5 * unit + 1, size=(2, m, n))
    A, B = ([[sympy.Rational(int(base[p, i, j]), unit)
              + sympy.Rational(int(slope[p, i, j]), unit) * q for j in range(n)]
             for i in range(m)] for p in range(2))
    return gt.NormalFormGame.from_arrays(A, B).describe(
        gt.Parameter("q", default=0.5, domain=(0, 1)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=20_001)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--no-regions", action="store_true")
    ap.add_argument("--integer", action="store_true",
                    help="integer a, b: a game degenerate at most points (per-point fallback)")
    args = ap.parse_args()
    import pygambit as gbt

    game = build(args.seed, integer=args.integer)
    qs = np.linspace(0.0, 1.0, args.points)
    game.evaluator()({"q": qs[:2]})                         # compile outside the timing
    gt.sweep(game, {"q": qs[:3]})                           # warm-up (imports)
    t0 = time.perf_counter()
    sw = gt.sweep(game, {"q": qs})
    t_sweep = time.perf_counter() - t0
    t_regions, regions = None, None
    if not args.no_regions:
        t0 = time.perf_counter()
        regions = sw.regions("q")
        t_regions = time.perf_counter() - t0

    idx = np.unique(np.linspace(0, args.points - 1, args.sample).astype(np.int64))
    t0 = time.perf_counter()
    sols = [gt.solve(game.substitute(q=float(qs[k])))
            for k in idx]
    t_loop = (time.perf_counter() - t0) / len(idx)
    P = game.evaluator()({"q": qs[idx]})
    arrays = [(P[i, 0].copy(), P[i, 1].copy()) for i in range(len(idx))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        gam = [len(gbt.nash.enummixed_solve(gbt.StrategicGame.from_arrays(A, B),
                                            rational=False).equilibria) for A, B in arrays]
        t_gbt = (time.perf_counter() - t0) / len(idx)
    ours = sw.counts[idx]
    same_loop = int(sum(len(s.equilibria) == c for s, c in zip(sols, ours, strict=True)))
    same_gbt = int(sum(g == c for g, c in zip(gam, ours, strict=True)))
    n = args.points
    counts = np.bincount(sw.counts)
    kind = "integer" if args.integer else "two-decimal"
    print(f"# 6 x 6 game, seed {args.seed}, payoffs a + b q ({kind}); {n:,} points of q in "
          f"[0, 1]; "
          f"equilibria per point: " + ", ".join(f"{c}: {k:,}" for c, k in enumerate(counts) if k)
          + f"; methods {', '.join(sw.methods) if hasattr(sw, 'methods') else '?'}")
    print(f"{'what':<48}{'points':>8}{'wall s':>10}{'x ours':>9}")
    print(f"{'ours: gt.sweep(game, {q: grid})':<48}{n:>8,}{t_sweep:>10.2f}{1.0:>9.1f}")
    if t_regions is not None:
        print(f"{'ours: sw.regions(q)':<48}{'':>8}{t_regions:>10.2f}"
              f"{'':>9}  ({len(regions)} regions)")
    print(f"{'loop: gt.solve(substitute(q=v)) (extrapolated)':<48}{len(idx):>8,}"
          f"{t_loop * n:>10.2f}{t_loop * n / t_sweep:>9.1f}  "
          f"(same counts at {same_loop}/{len(idx)})")
    print(f"{'pygambit enummixed per point (extrapolated)':<48}{len(idx):>8,}"
          f"{t_gbt * n:>10.2f}{t_gbt * n / t_sweep:>9.1f}  "
          f"(same counts at {same_gbt}/{len(idx)})")


if __name__ == "__main__":
    main()
