"""Exact critical values of N-player normal forms and imperfect-information trees
(issue 13, section 3): time of ``gt.critical_values`` and its ratio to one exact solve.

    python benchmarks/bench_critical_games.py

Games (payoffs linear in q, fixed seeds): the 4-player guarantor tree and the 2x2x2
volunteers-with-Russia game of tests/sensitivity/test_critical_games.py, random 2x2x2 and
3x2x2 normal forms, and a random three-player tree with chance and simultaneous subgames.
Prints seconds for the candidates (the elimination or the subgame pass), for all of
``critical_values`` (candidates and the confirming solves), and the ratio of the latter to
one exact solve at an interior point. No peer: neither pygambit nor any other package
computes exact critical values of these games.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import sympy

import gametheory as gt
from gametheory.sensitivity.critical import _candidates, _confirming

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "sensitivity"))
from test_critical_games import (  # noqa: E402
    guarantor_tree,
    imperfect_tree,
    volunteers_with_russia,
)


def random_normal(shape: tuple, seed: int) -> gt.NormalFormGame:
    rng = np.random.default_rng(seed)
    q = gt.parameters("q")
    U = rng.integers(-3, 4, (len(shape), *shape)).astype(object) + \
        rng.integers(-2, 3, (len(shape), *shape)) * q
    return gt.NormalFormGame(U).describe(gt.Parameter("q", domain=(-2, 2)))


def measure(name: str, g) -> None:
    q = g.parameters[0]
    info = g.parameter_info["q"]
    lo, hi = (sympy.Integer(x) for x in info.domain)
    kind = "subgames" if g.is_tree else "polynomial"
    if g.is_tree and g.has_perfect_information:
        kind = "backward"
    t = time.perf_counter()
    cand = _candidates(g, q, kind, lo, hi)
    t_cand = time.perf_counter() - t
    t = time.perf_counter()
    cv = gt.critical_values(g, "q")
    t_all = time.perf_counter() - t
    mid = (info.domain[0] + info.domain[1]) / 2 + sympy.Rational(1, 7)
    t = time.perf_counter()
    gt.solve(g.substitute(q=mid), method=_confirming(g, "auto"), exact=True)
    t_one = time.perf_counter() - t
    print(f"{name:34s} candidates {len(cand.found):3d} in {t_cand:6.2f} s; "
          f"{len(cv):2d} critical values in {t_all:6.2f} s = {t_all / t_one:7.1f} exact solves")


def main() -> None:
    measure("guarantor tree (4 players)", guarantor_tree())
    measure("guarantor tree (5 players)", guarantor_tree(3))
    measure("volunteers with Russia (2x2x2)", volunteers_with_russia())
    measure("random 2x2x2 (seed 7)", random_normal((2, 2, 2), 7))
    measure("random 3x2x2 (seed 1)", random_normal((3, 2, 2), 1))
    measure("random imperfect tree (seed 3)", imperfect_tree(3))


if __name__ == "__main__":
    main()
