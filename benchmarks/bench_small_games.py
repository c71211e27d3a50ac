"""Per-call cost of ``gt.solve`` on small random games, beside pygambit and QuantEcon.

    python benchmarks/bench_small_games.py            # 2x2 and 3x3, 10 games each
    python benchmarks/bench_small_games.py --quick    # fewer games and repetitions

Payoffs are uniform on [0, 1) with a fixed seed (held out: not the games of the tests).
Each call is timed in a loop of ``--calls`` calls, and ours, pygambit's
``enummixed_solve(rational=False)`` (all extreme equilibria) and QuantEcon's
``support_enumeration`` (numba) are timed on the same game one after the other, in
rounds; the minimum over ``--reps`` rounds is kept for each, and the mean over the games
printed with the ratios peer / ours (above 1: we are faster). The rounds are short (10
calls, well under a millisecond) and many, so that on a loaded machine the minimum finds
rounds that no other process interrupted, for ours and the peers alike.
QuantEcon's first call (numba's JIT compilation, or loading its cache) is timed apart.
Every input is built outside the timed region; ours is ``gt.solve(game)`` on a
``NormalFormGame``, the full result (verified equilibria, labels, components).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

import gametheory as gt


def per_call(fn: Callable[[], object], calls: int) -> float:
    """Seconds per call of ``fn`` over a loop of ``calls`` calls."""
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls


def peers() -> dict[str, tuple[Callable, Callable]]:
    """``{name: (prepare(A, B), solve(prepared))}`` of the installed peers."""
    out: dict[str, tuple[Callable, Callable]] = {}
    try:
        import pygambit as gbt

        out["pygambit"] = (lambda A, B: gbt.StrategicGame.from_arrays(A, B),
                           lambda g: gbt.nash.enummixed_solve(g, rational=False))
    except ImportError:
        print("pygambit not installed")
    try:
        import quantecon.game_theory as qg

        out["quantecon"] = (lambda A, B: qg.NormalFormGame((qg.Player(A), qg.Player(B.T))),
                            qg.support_enumeration)
    except ImportError:
        print("quantecon not installed")
    return out


def measure(n: int, games: int, reps: int, calls: int, seed: int = 20261202
            ) -> tuple[dict[str, float], float | None]:
    """Mean over ``games`` random n x n games of the best per-call time of each method;
    and QuantEcon's first call (JIT) in seconds, if measured here."""
    rng = np.random.default_rng(seed + n)
    pairs = [(rng.random((n, n)), rng.random((n, n))) for _ in range(games)]
    ours = [gt.NormalFormGame.from_arrays(A, B) for A, B in pairs]
    solvers: dict[str, list[Callable[[], object]]] = {
        "ours": [lambda g=g: gt.solve(g) for g in ours]}
    jit = None
    for name, (prepare, solve) in peers().items():
        prepared = [prepare(A, B) for A, B in pairs]
        if name == "quantecon":
            t0 = time.perf_counter()
            solve(prepared[0])
            jit = time.perf_counter() - t0
        solvers[name] = [lambda g=g, solve=solve: solve(g) for g in prepared]
    best = {name: [float("inf")] * games for name in solvers}
    for _ in range(reps):
        for k in range(games):
            for name, fns in solvers.items():
                best[name][k] = min(best[name][k], per_call(fns[k], calls))
    return {name: float(np.mean(ts)) for name, ts in best.items()}, jit


def rows(quick: bool = False) -> list[tuple[str, float, str, float]]:
    """``(row, ours in seconds, peer name, peer seconds)`` for run_all.py."""
    games, reps, calls = (4, 15, 10) if quick else (10, 40, 10)
    out = []
    for n in (3, 2):
        mean, _ = measure(n, games, reps, calls)
        for peer, label in (("pygambit", "pygambit enummixed"),
                            ("quantecon", "QuantEcon support_enumeration")):
            if peer in mean:
                out.append((f"gt.solve on a {n}x{n} game, per call", mean["ours"], label,
                            mean[peer]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=10, help="random games per size")
    ap.add_argument("--reps", type=int, default=40, help="rounds (the minimum is kept)")
    ap.add_argument("--calls", type=int, default=10, help="calls per timed round")
    ap.add_argument("--quick", action="store_true", help="4 games, 15 rounds")
    args = ap.parse_args()
    if args.quick:
        args.games, args.reps, args.calls = 4, 15, 10
    print(f"{'game':>5} {'ours us':>9} {'pygambit us':>12} {'ratio':>6} "
          f"{'QuantEcon us':>13} {'ratio':>6}")
    jits = []
    for n in (2, 3):
        mean, jit = measure(n, args.games, args.reps, args.calls)
        if jit is not None:
            jits.append(jit)
        ours = mean["ours"]
        cells = []
        for peer in ("pygambit", "quantecon"):
            t = mean.get(peer)
            cells.append(f"{t * 1e6:>12.1f} {t / ours:>6.2f}" if t else f"{'-':>12} {'-':>6}")
        print(f"{n}x{n:<3} {ours * 1e6:>9.1f} " + " ".join(cells))
    print(f"best of {args.reps} rounds of {args.calls} calls, mean over {args.games} games; "
          f"ratio = peer time / our time (above 1: we are faster)")
    if jits:
        print(f"QuantEcon first call (numba JIT or its cache): {jits[0]:.2f} s")


if __name__ == "__main__":
    main()
