"""Backward induction ("spe") on a large perfect-information tree (target: 10^6 nodes < 2 s).

    python benchmarks/bench_backward.py [--nodes 1000000]

Builds a random tree (three players, 3 actions per decision, 10% chance nodes, float
payoffs, fixed seed) with ``ExtensiveFormGame.from_arrays`` outside the timed region
(a few seconds; the node-by-node builder, kept as ``build_by_nodes``, took about 16 s),
compiles its arrays outside it too, then
times ``gt.solve(tree, method="spe")`` over several repetitions (minimum kept). No peer:
pygambit has no backward-induction solver for trees of this size; its enumpure_solve works
on the (astronomically large) normal form.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import gametheory as gt


def build(nodes: int, seed: int = 1) -> gt.ExtensiveFormGame:
    """A random perfect-information tree with about ``nodes`` nodes, by
    :meth:`~gametheory.ExtensiveFormGame.from_arrays`: nodes are expanded in id order
    (breadth first), each a chance node (h, t at 1/2) with probability 0.1, else a
    decision of a random player among l, m, r, until ``nodes`` exist; the rest are
    terminal with uniform payoffs. :func:`build_by_nodes` builds the same tree with the
    node-by-node builder."""
    rng = np.random.default_rng(seed)
    parent, player, actions = [-1], [], [""]
    i = 0
    while len(parent) < nodes:
        if rng.random() < 0.1:
            player.append(-1)
            moves = ["h", "t"]
        else:
            player.append(int(rng.integers(3)))
            moves = ["l", "m", "r"]
        parent += [i] * len(moves)
        actions += moves
        i += 1
    n = len(parent)
    player += [-2] * (n - i)
    return gt.ExtensiveFormGame.from_arrays(
        ["A", "B", "C"], parent, player, rng.random((n - i, 3)), actions=actions,
        probabilities=np.full(n, 0.5))


def build_by_nodes(nodes: int, seed: int = 1) -> gt.ExtensiveFormGame:
    """:func:`build`'s tree, node by node (the same random draws in the same order)."""
    rng = np.random.default_rng(seed)
    g = gt.ExtensiveFormGame(["A", "B", "C"])
    frontier, i = [g.root], 0
    while len(frontier) < nodes:
        node = frontier[i]
        i += 1
        if rng.random() < 0.1:
            frontier += node.chance({"h": 0.5, "t": 0.5})
        else:
            frontier += node.decide("ABC"[int(rng.integers(3))], ["l", "m", "r"])
    for node in frontier[i:]:
        node.payoffs(*rng.random(3))
    return g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    g = build(args.nodes)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = g.arrays  # compile once, outside the timed region
    t_compile = time.perf_counter() - t0
    best = float("inf")
    for _ in range(args.reps):
        t0 = time.perf_counter()
        sol = gt.solve(g, method="spe")
        best = min(best, time.perf_counter() - t0)
    print(f"tree: {g.num_nodes:,} nodes (built in {t_build:.1f} s, compiled in "
          f"{t_compile:.1f} s, both untimed)")
    print(f"spe: {best:.3f} s (best of {args.reps}); {len(sol)} equilibrium; "
          f"target < 2 s: {'OK' if best < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
