"""Sequence-form LP ("sequence-lp") against pygambit's lp_solve on poker trees.

    python benchmarks/bench_sequence_lp.py [--reps 3] [--games kuhn leduc poker]

Games: Kuhn poker (55 nodes), Leduc poker (9,451 nodes) and ``poker(ranks=13, suits=2,
raises=1)`` (9,751 nodes), all from ``gametheory.models.poker``. Outside the timed region
each game is built (one fresh copy per repetition, its arrays compiled, so our timing
includes building the sequence form) and read by pygambit from our .efg text. Timed:
``solve_sequence_lp(game)`` (floats, HiGHS) and ``pygambit.nash.lp_solve(game,
rational=False)`` (Gambit's own sequence-form LP in floats), best of ``--reps``
repetitions each, side by side in one run. So both sides time building the sequence form
from a game already read, the LP, and the result (ours also verifies it); neither times
reading the game. Targets: at least 5x faster on the large trees, and no slower on Kuhn
poker. pygambit takes about 30 s per repetition on each large tree (``--games kuhn``
runs Kuhn poker alone).
"""

from __future__ import annotations

import argparse
import io
import time

import pygambit as gbt

import gametheory as gt
from gametheory.models.poker import kuhn_poker, leduc_poker, poker
from gametheory.solvers.sequence_lp import solve_sequence_lp

GAMES = {   # name: (short name for --games, builder)
    "Kuhn poker": ("kuhn", kuhn_poker),
    "Leduc poker": ("leduc", leduc_poker),
    "poker(13, 2, raises=1)": ("poker", lambda: poker(ranks=13, suits=2, raises=1)),
}


def best_of(reps: int, run, inputs) -> tuple[float, object]:
    """Minimum wall time of ``run(inputs[k])`` over the repetitions, and the last result."""
    best, out = float("inf"), None
    for k in range(reps):
        t0 = time.perf_counter()
        out = run(inputs[k])
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--games", nargs="+", choices=[k for k, _ in GAMES.values()],
                    default=[k for k, _ in GAMES.values()], help="which trees (default: all)")
    args = ap.parse_args()
    solve_sequence_lp(kuhn_poker())               # warm up imports (scipy, HiGHS)
    print(f"{'game':<24}{'nodes':>7}{'seqs':>10}{'ours (s)':>11}{'pygambit (s)':>14}"
          f"{'ratio':>9}{'|value diff|':>14}")
    for name, (key, build) in GAMES.items():
        if key not in args.games:
            continue
        games = [build() for _ in range(args.reps)]
        for g in games:
            _ = g.arrays                              # compile outside the timed region
        theirs = gbt.read_efg(io.StringIO(gt.write_gambit(games[0])))
        t_ours, sol = best_of(args.reps, solve_sequence_lp, games)
        t_gbt, res = best_of(args.reps, lambda pg: gbt.nash.lp_solve(pg, rational=False),
                             [theirs] * args.reps)
        v_gbt = res.equilibrium.payoffs[list(theirs.players)[0]]
        sizes = "x".join(str(s) for s in games[0].sequence_form().sizes)
        print(f"{name:<24}{games[0].num_nodes:>7,}{sizes:>10}{t_ours:>11.4f}{t_gbt:>14.4f}"
              f"{t_gbt / t_ours:>8.1f}x{abs(sol.value - v_gbt):>14.1e}")
    print(f"best of {args.reps} repetitions; ratio = pygambit time / our time "
          "(target >= 5x on the ~10^4-node trees)")


if __name__ == "__main__":
    main()
