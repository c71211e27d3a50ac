"""Lemke-Howson on random games, beside QuantEcon's ``lemke_howson``.

    python benchmarks/bench_lemke_howson.py            # 50x50 and 100x100
    python benchmarks/bench_lemke_howson.py --quick    # fewer games and repetitions

Payoffs are uniform on [0, 1) with a fixed seed (held out: not the games of the tests).
Ours is ``gt.solve(game, method="lemke-howson", initial_labels=0)`` on a
``NormalFormGame``: the full result (the endpoint refined by a linear solve, verified,
with labels); the peer is QuantEcon's ``lemke_howson(g, init_pivot=0)`` (numba), which
returns the profile only. Both start from the same label (0, player 1's first
strategy), so both walk the same path on these nondegenerate games; ours is given
QuantEcon's pivot limit (``max_pivots=10**6``, its ``max_iter``) because one of the
100x100 games has a path of some 110,000 pivots, beyond our default limit. "All labels" is
ours with every initial label (the default) against QuantEcon called once per label in
a loop. Each is timed on the same game one after the other, in rounds; the minimum over
``--reps`` rounds is kept, and the mean over the games printed with the ratio
peer / ours (above 1: we are faster). QuantEcon's first call (numba's JIT compilation,
or loading its cache) is timed apart and printed, and so is our first call, which
imports numba and loads (or, in a fresh installation, compiles) our compiled path.
"""

from __future__ import annotations

import argparse

import numpy as np
from _side_by_side import best_means, print_table, random_games, timed

import gametheory as gt

SEED = 20261217


def measure(n: int, games: int, reps: int, all_labels: bool
            ) -> tuple[float, float | None, float | None]:
    """Mean over ``games`` random n x n games of the best time of ours and QuantEcon's
    (None if not installed); and QuantEcon's first call in seconds."""
    ours, peers = random_games(SEED + n, n, games)
    labels = None if all_labels else 0
    solvers = {"ours": [lambda g=g: gt.solve(g, method="lemke-howson", initial_labels=labels,
                                             max_pivots=10**6) for g in ours]}
    jit = None
    if peers:
        import quantecon.game_theory as qg

        jit = timed(lambda: qg.lemke_howson(peers[0], init_pivot=0))
        ks = range(2 * n) if all_labels else [0]
        solvers["quantecon"] = [lambda g=g: [qg.lemke_howson(g, init_pivot=k) for k in ks]
                                for g in peers]
    mean = best_means(solvers, reps)
    return mean["ours"], mean.get("quantecon"), jit


def cases(quick: bool) -> list[tuple[str, int, int, int, bool]]:
    """``(row, n, games, reps, all_labels)`` of the rows measured."""
    games, reps = (3, 5) if quick else (5, 15)
    return [("Lemke-Howson, 50x50, one initial label", 50, games, reps, False),
            ("Lemke-Howson, 100x100, one initial label", 100, games, reps, False),
            ("Lemke-Howson, 100x100, all 200 labels", 100, 1, 1 if quick else 3, True)]


def rows(quick: bool = False) -> list[tuple[str, float, str, float | None]]:
    """``(row, ours in seconds, peer name, peer seconds)`` for run_all.py."""
    out = []
    for row, n, games, reps, all_labels in cases(quick):
        ours, peer, _ = measure(n, games, reps, all_labels)
        out.append((row, ours, "QuantEcon lemke_howson" + (" per label" if all_labels
                                                            else ""), peer))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer games and repetitions")
    args = ap.parse_args()
    first = gt.NormalFormGame.from_arrays(*np.random.default_rng(SEED).random((2, 30, 30)))
    print(f"our first call (imports numba and loads its cached code, or compiles it): "
          f"{timed(lambda: gt.solve(first, method='lemke-howson', initial_labels=0)):.2f} s")
    print_table([(row.removeprefix("Lemke-Howson, "), *measure(n, games, reps, every),
                  games, reps) for row, n, games, reps, every in cases(args.quick)], 42)


if __name__ == "__main__":
    main()
