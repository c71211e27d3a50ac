"""Shared timing of ours beside a peer for bench_support and bench_lemke_howson."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

import gametheory as gt


def random_games(seed: int, n: int, count: int) -> tuple[list[gt.NormalFormGame], list]:
    """``count`` random n x n games (payoffs uniform on [0, 1)) as ours and as
    QuantEcon's ``NormalFormGame`` (an empty list if QuantEcon is not installed)."""
    rng = np.random.default_rng(seed)
    pairs = [(rng.random((n, n)), rng.random((n, n))) for _ in range(count)]
    ours = [gt.NormalFormGame.from_arrays(A, B) for A, B in pairs]
    try:
        import quantecon.game_theory as qg
    except ImportError:
        print("quantecon not installed")
        return ours, []
    return ours, [qg.NormalFormGame((qg.Player(A), qg.Player(B.T))) for A, B in pairs]


def timed(fn: Callable[[], object]) -> float:
    """Seconds taken by one call of ``fn``."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def best_means(solvers: dict[str, list[Callable[[], object]]], reps: int
               ) -> dict[str, float]:
    """Each solver's mean over its games of the best of ``reps`` rounds; in a round every
    solver runs on game k before any runs on game k + 1 (side by side)."""
    games = len(next(iter(solvers.values())))
    best = {name: [float("inf")] * games for name in solvers}
    for _ in range(reps):
        for k in range(games):
            for name, fns in solvers.items():
                best[name][k] = min(best[name][k], timed(fns[k]))
    return {name: float(np.mean(ts)) for name, ts in best.items()}


def print_table(lines: list[tuple[str, float, float | None, float | None, int, int]],
                width: int) -> None:
    """Print ``(case, ours s, peer s, peer's first call s, games, reps)`` as a table."""
    print(f"{'case':<{width}} {'ours ms':>10} {'QuantEcon ms':>13} {'ratio':>6}")
    for case, ours, peer, _, games, reps in lines:
        cell = f"{peer * 1e3:>13.3f} {peer / ours:>6.3f}" if peer else f"{'-':>13} {'-':>6}"
        print(f"{case:<{width}} {ours * 1e3:>10.3f} {cell}   ({games} games, best of {reps})")
    print("ratio = peer time / our time (above 1: we are faster)")
    jits = [line[3] for line in lines if line[3] is not None]
    if jits:
        print(f"QuantEcon first call (numba JIT or its cache): {jits[0]:.2f} s")
