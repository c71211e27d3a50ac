"""Benchmark: one equilibrium of a two-player tree by Lemke's algorithm on the sequence form.

Ours (``solve_sequence_lcp``, float) against pygambit's ``gbt.nash.lcp_solve(game,
rational=False)`` on the same random general-sum trees (``random_tree``, float payoffs,
chance moves, information sets, perfect recall). On a tree pygambit (16.7 and 17) runs Lemke's
algorithm on the sequence form once and refuses ``stop_after`` ("can only be used on the
strategic representation"), so both sides compute exactly one equilibrium.

Inputs (our game object, pygambit's game read from our .efg text) are built outside the
timed region; our timing includes compiling the tree and its sequence form (a fresh game
per repetition, so nothing is cached). pygambit runs in a child process with a time
limit, since it is far slower on large trees; a run that hits the limit is reported as
"> limit". Both sides run one after the other, never at the same time.

Usage::

    python benchmarks/bench_sequence_lcp.py                  # 10^3 and 10^4 nodes
    python benchmarks/bench_sequence_lcp.py --sizes 1000 3000 --repeat 5 --limit 120
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import statistics
import time

from gametheory.games.generators import random_tree
from gametheory.io.gambit import write_gambit
from gametheory.solvers.sequence_lcp import solve_sequence_lcp


def _ours(nodes: int, seed: int) -> tuple[float, str]:
    game = random_tree(nodes, seed=seed, payoffs="float")   # fresh: nothing cached
    start = time.perf_counter()
    sol = solve_sequence_lcp(game)
    return time.perf_counter() - start, sol.notes[0]


def _gambit_child(text: str, out: mp.Queue) -> None:
    import pygambit as gbt

    game = gbt.read_efg(io.StringIO(text))
    start = time.perf_counter()
    res = gbt.nash.lcp_solve(game, rational=False)
    out.put((time.perf_counter() - start, int(res.equilibrium is not None)))


def _gambit(text: str, limit: float) -> float | None:
    """Seconds pygambit's lcp_solve took, or None when it passed ``limit``."""
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    proc = ctx.Process(target=_gambit_child, args=(text, out))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    seconds, found = out.get()
    if found != 1:
        raise RuntimeError(f"pygambit returned {found} equilibria")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=600.0,
                        help="seconds allowed to one pygambit run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{'nodes':>7} {'sequences':>9} {'ours s':>9} {'pygambit s':>11} "
          f"{'ratio':>8}  pivots")
    for nodes in args.sizes:
        game = random_tree(nodes, seed=args.seed, payoffs="float")
        text = write_gambit(game)
        sequences = sum(game.sequence_form().sizes)
        ours, note = [], ""
        theirs: list[float] = []
        timed_out = False
        for _ in range(args.repeat):
            seconds, note = _ours(nodes, args.seed)
            ours.append(seconds)
            if not timed_out:
                t = _gambit(text, args.limit)
                if t is None:
                    timed_out = True   # no point in repeating a run that hit the limit
                else:
                    theirs.append(t)
        mine = statistics.median(ours)
        if theirs:
            peer, ratio = f"{statistics.median(theirs):11.3f}", \
                f"{statistics.median(theirs) / mine:8.1f}"
        else:
            peer, ratio = f"{'> ' + format(args.limit, 'g'):>11}", \
                f"{'> ' + format(args.limit / mine, '.1f'):>8}"
        pivots = note.split("(")[-1].rstrip(")")
        print(f"{game.num_nodes:>7} {sequences:>9} {mine:9.3f} {peer} {ratio}  {pivots}",
              flush=True)
    print(f"median of {args.repeat} runs (pygambit: runs until one hit the limit); "
          f"ratio = pygambit time / our time")


if __name__ == "__main__":
    main()
