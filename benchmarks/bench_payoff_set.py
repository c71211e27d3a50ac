"""Benchmark: the SPE payoff set of a repeated two-player game, ours against QuantEcon's.

Ours: ``gametheory.repeated.payoff_set.equilibrium_payoffs(stage, delta)`` (tol 1e-9 of
the payoff range; every vertex of every continuation set, numpy, our own hull).
QuantEcon: ``RepeatedGame(sg, delta).equilibrium_payoffs()`` (its defaults: tol 1e-12,
max_iter 500; Abreu & Sannikov's at most four points per profile, numba, Qhull). Inputs:
Abreu & Sannikov's (2014) 3 x 3 example, QuantEcon's Prisoner's Dilemma, and random
games (uniform payoffs; only those whose set is two-dimensional, since QuantEcon's Qhull
refuses a flat set). QuantEcon's numba functions are compiled before timing. Each side
is timed over ``--repeat`` runs (the fastest printed) one after the other in one process; the
last column is the Hausdorff distance between the two polygons.

Usage::

    python benchmarks/bench_payoff_set.py
    python benchmarks/bench_payoff_set.py --games 10 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np
from quantecon.game_theory import NormalFormGame, RepeatedGame

import gametheory as gt
from gametheory.repeated import _polygon
from gametheory.repeated.payoff_set import equilibrium_payoffs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_equilibrium_map import best  # noqa: E402  (benchmarks/ is on the path)

AS_GAME = [[[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 13, 3], [1, 4, 0], [0, -4, -15]]]
PD = [[[9, 1], [10, 3]], [[9, 10], [1, 3]]]


def _quantecon(U, d):
    sg = NormalFormGame(np.stack([U[0], U[1]], axis=-1).astype(float))
    hull = RepeatedGame(sg, d).equilibrium_payoffs()
    return hull.points[hull.vertices]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    _quantecon(np.array(PD, dtype=float), 0.5)                       # numba compiles
    cases = [("Abreu-Sannikov 3x3, d=0.3", AS_GAME, 0.3),
             ("Abreu-Sannikov 3x3, d=0.8", AS_GAME, 0.8),
             ("PD, d=0.5", PD, 0.5), ("PD, d=0.9", PD, 0.9)]
    rng = np.random.default_rng(args.seed)
    while len(cases) < 4 + args.games:
        U = rng.random((2, 3, 3))
        d = float(rng.choice([0.5, 0.7, 0.9]))
        if equilibrium_payoffs(gt.NormalFormGame.from_arrays(*U), d).area > 1e-3:
            cases.append((f"random 3x3 #{len(cases) - 3}, d={d}", U.tolist(), d))
    print(f"{'game':<26} {'ours ms':>9} {'QuantEcon ms':>13} {'ratio':>7} {'iters':>6} "
          f"{'distance':>10}")
    ratios = []
    for name, U, d in cases:
        U = np.asarray(U, dtype=float)
        g = gt.NormalFormGame.from_arrays(*U)
        V, P = equilibrium_payoffs(g, d), _quantecon(U, d)
        t_ours = best(lambda g=g, d=d: equilibrium_payoffs(g, d), args.repeat)
        t_qe = best(lambda U=U, d=d: _quantecon(U, d), args.repeat)
        print(f"{name:<26} {t_ours * 1e3:>9.2f} {t_qe * 1e3:>13.2f} {t_ours / t_qe:>7.2f} "
              f"{V.iterations:>6d} {_polygon.hausdorff(V.vertices, P):>10.1e}")
        ratios.append(t_ours / t_qe)
    print(f"\nmedian ratio ours / QuantEcon: {statistics.median(ratios):.2f} (< 1 is faster)")


if __name__ == "__main__":
    main()
