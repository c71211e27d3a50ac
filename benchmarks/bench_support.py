"""Support enumeration on random 8x8 to 12x12 games, beside QuantEcon's.

    python benchmarks/bench_support.py            # 8x8, 10x10, 12x12
    python benchmarks/bench_support.py --quick    # one game per size, fewer repetitions

Payoffs are uniform on [0, 1) with a fixed seed (held out: not the games of the tests).
Ours is ``gt.solve(game, method="support")`` on a ``NormalFormGame`` (all equilibria,
verified, with labels and the completeness check); the peer is QuantEcon's
``support_enumeration`` (numba), which returns the equilibria of equal-size supports
only (all of them in these nondegenerate games). Each is timed on the same game one
after the other, in rounds; the minimum over ``--reps`` rounds is kept and the mean over
the games printed with the ratio peer / ours (above 1: we are faster). QuantEcon's first
call (numba's JIT compilation, or loading its cache) is timed apart and printed.
"""

from __future__ import annotations

import argparse

import numpy as np
from _side_by_side import best_means, print_table, random_games, timed

import gametheory as gt

SEED = 20261218


def measure(n: int, games: int, reps: int) -> tuple[float, float | None, float | None]:
    """Mean over ``games`` random n x n games of the best time of ours and QuantEcon's
    (None if not installed); and QuantEcon's first call in seconds."""
    ours, peers = random_games(SEED + n, n, games)
    solvers = {"ours": [lambda g=g: gt.solve(g, method="support") for g in ours]}
    jit = None
    if peers:
        import quantecon.game_theory as qg

        jit = timed(lambda: qg.support_enumeration(
            qg.NormalFormGame((qg.Player(np.eye(2)), qg.Player(np.eye(2))))))
        solvers["quantecon"] = [lambda g=g: qg.support_enumeration(g) for g in peers]
    mean = best_means(solvers, reps)
    return mean["ours"], mean.get("quantecon"), jit


def cases(quick: bool) -> list[tuple[int, int, int]]:
    """``(n, games, reps)`` of the sizes measured."""
    if quick:
        return [(8, 2, 3), (10, 1, 2), (12, 1, 1)]
    return [(8, 4, 5), (10, 2, 3), (12, 1, 2)]


def rows(quick: bool = False) -> list[tuple[str, float, str, float | None]]:
    """``(row, ours in seconds, peer name, peer seconds)`` for run_all.py."""
    out = []
    for n, games, reps in cases(quick):
        ours, peer, _ = measure(n, games, reps)
        out.append((f"support enumeration, random {n}x{n}", ours,
                    "QuantEcon support_enumeration", peer))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer games and repetitions")
    args = ap.parse_args()
    print_table([(f"{n}x{n}", *measure(n, games, reps), games, reps)
                 for n, games, reps in cases(args.quick)], 8)


if __name__ == "__main__":
    main()
