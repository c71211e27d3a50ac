"""Benchmark: the logit QRE branch and its limit, ours against pygambit's logit_solve.

Ours: ``gt.solve(game, method="qre")`` (predictor-corrector in log probabilities, limit
polished by Newton and verified). pygambit 17: ``gbt.nash.logit_solve(game)`` (its
defaults: first step 0.03, acceleration 1.1, stops at regret 1e-8 times the payoff range).
Inputs: random three-player 4 x 4 x 4 and 5 x 5 x 5 games (uniform payoffs in [0, 1))
and the Kreps-Wilson chain-store tree (models/chain_store.py, reputation version, N = 3,
four players, agent form on the tree). Each side is timed over ``--repeat`` runs (the
best is printed: the machine is shared) one after the other in one process, each run on
a game object built afresh outside the timed region (so neither side's timing includes
building or parsing the game, and neither reuses what an earlier run cached on it: ours
compiles a tree into arrays on first use, and that is timed), and the ratio ours /
pygambit is printed side by side with both limits' regrets (pygambit's own
``max_regret`` of each profile). Our numba kernels are compiled or loaded from their
cache before the first timing; that one-off cost is printed separately.

Usage::

    python benchmarks/bench_qre.py        # 5 random games of each size, the chain store
    python benchmarks/bench_qre.py --games 10 --repeat 5
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pygambit as gbt

import gametheory as gt
from gametheory.models import chain_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def _best_time(solve, build, repeat: int):
    """The least time of ``solve(build())`` over ``repeat`` runs, ``build`` untimed."""
    times, out = [], None
    for _ in range(repeat):
        game = build()
        start = time.perf_counter()
        out = solve(game)
        times.append(time.perf_counter() - start)
    return min(times), out


def _first_call() -> float:
    """Seconds of the first QRE solve in this process: numba's kernels compiled, or
    loaded from their on-disk cache, plus one solve of a random 5 x 5 x 5 game whose
    branch has turning points (so that every kernel is used)."""
    arrays = np.random.default_rng(0).random((3, 5, 5, 5))
    start = time.perf_counter()
    gt.solve(gt.NormalFormGame.from_arrays(*arrays), method="qre")
    return time.perf_counter() - start


def _normal_regret(G, eq) -> float:
    prof = G.mixed_strategy_profile()
    for p, s in zip(G.players, eq.strategies, strict=True):
        prof.set_mixed_strategy(p, dict(zip(G.get_strategies(p), map(float, s), strict=True)))
    return float(prof.max_regret())


def _gambit_regret(res) -> float:
    """pygambit's regret of its own logit limit; nan when 17's logit_solve reports none
    (it ends short of its regret target, e.g. on the chain store)."""
    return float("nan") if res.equilibrium is None else float(res.equilibrium.max_regret())


def _row(name: str, ours: float, theirs: float, r_ours: float, r_theirs: float) -> None:
    print(f"{name:<28} {ours * 1e3:>9.1f} {theirs * 1e3:>12.1f} {ours / theirs:>7.2f} "
          f"{r_ours:>11.1e} {r_theirs:>11.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"first call (imports, numba kernels compiled or loaded from cache): "
          f"{_first_call():.2f} s\n")
    print(f"{'game':<28} {'ours ms':>9} {'pygambit ms':>12} {'ratio':>7} "
          f"{'our regret':>11} {'their regret':>11}")
    ratios: dict[int, list[float]] = {4: [], 5: []}
    rng = np.random.default_rng(args.seed)
    for n, k in [(n, k) for n in (5, 4) for k in range(args.games)]:
        arrays = [rng.random((n, n, n)) for _ in range(3)]
        t_ours, sol = _best_time(lambda g: gt.solve(g, method="qre"),
                                 lambda a=arrays: gt.NormalFormGame.from_arrays(*a),
                                 args.repeat)
        t_gbt, res = _best_time(gbt.nash.logit_solve,
                                lambda a=arrays: gbt.StrategicGame.from_arrays(*a),
                                args.repeat)
        G = gbt.StrategicGame.from_arrays(*arrays)
        r_ours = _normal_regret(G, sol.equilibria[0]) if sol.equilibria else float("nan")
        _row(f"random {n}x{n}x{n} #{k}", t_ours, t_gbt, r_ours, _gambit_regret(res))
        ratios[n].append(t_ours / t_gbt)
    import oracles

    def build_tree():
        return chain_store.build(N=3, reputation=True, a=2, b="1/2", delta="1/10")

    tree = build_tree()
    efg_text = gt.write_gambit(tree)
    t_ours, sol = _best_time(lambda g: gt.solve(g, method="qre"), build_tree, args.repeat)
    t_gbt, res = _best_time(gbt.nash.logit_solve,
                            lambda: gbt.read_efg(io.StringIO(efg_text)), args.repeat)
    r_ours = oracles.pygambit_regret(tree, sol.equilibria[0].behavior, rational=False)
    _row("chain store N=3 (tree)", t_ours, t_gbt, r_ours, _gambit_regret(res))
    print(f"\nmedian ratio on random 4x4x4 games: {statistics.median(ratios[4]):.2f}, "
          f"5x5x5: {statistics.median(ratios[5]):.2f}; "
          f"chain store N=3: {t_ours / t_gbt:.2f} (ours / pygambit; < 1 is faster); "
          f"neither side's timing includes building the game")


if __name__ == "__main__":
    main()
