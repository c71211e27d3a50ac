"""Building a 10^6-node game tree: ``ExtensiveFormGame.from_arrays`` against the
node-by-node builder, on the same tree.

    python benchmarks/bench_bulk_tree.py              # 2**20 - 1 nodes
    python benchmarks/bench_bulk_tree.py --depth 16   # a smaller tree (2**17 - 1 nodes)

The tree is complete binary: chance at the root (1/2 each), then the two players
alternately, float payoffs at the 2**depth terminal nodes (perfect information, default
labels). ``from_arrays`` is timed to its validated, compiled tree (``game.arrays`` ready,
perfect recall checked), best of ``--reps``; the builder (``decide``, ``chance``,
``payoffs`` node by node, then ``game.arrays``) once, as it is slow. Both trees are
compared after timing (same arrays and information set labels).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import gametheory as gt


def tree_arrays(depth: int, seed: int = 0) -> dict:
    """The from_arrays arguments of the complete binary tree of ``depth`` moves."""
    n = 2 ** (depth + 1) - 1
    ids = np.arange(n)
    player = np.where(ids < n // 2, ids % 2, -2)
    player[0] = -1
    return {"players": ["A", "B"], "parent": (ids - 1) // 2, "player": player,
            "payoffs": np.random.default_rng(seed).random((n - n // 2, 2)),
            "probabilities": np.full(n, 0.5)}


def bulk(kw: dict) -> gt.ExtensiveFormGame:
    """The tree by from_arrays (its arrays are compiled there)."""
    g = gt.ExtensiveFormGame.from_arrays(**kw)
    _ = g.arrays
    return g


def builder(kw: dict) -> gt.ExtensiveFormGame:
    """The same tree node by node (breadth first, so the ids agree), compiled."""
    g = gt.ExtensiveFormGame(kw["players"])
    names, parent, player = kw["players"], kw["parent"], kw["player"]
    nodes = [g.root]
    pay = kw["payoffs"].tolist()
    t = 0
    for v in range(len(parent)):
        node, p = nodes[v], int(player[v])
        if p == -1:
            nodes += node.chance({"c1": 0.5, "c2": 0.5})
        elif p >= 0:
            nodes += node.decide(names[p], ["a1", "a2"])
        else:
            node.payoffs(*pay[t])
            t += 1
    _ = g.arrays
    return g


def rows(depth: int = 19, reps: int = 3) -> list[tuple[str, float, str, float]]:
    """``(row, ours in seconds, peer name, peer seconds)`` for run_all.py."""
    kw = tree_arrays(depth)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        g = bulk(kw)
        best = min(best, time.perf_counter() - t0)
    t0 = time.perf_counter()
    ref = builder(kw)
    t_builder = time.perf_counter() - t0
    same = (g.arrays.infoset_labels == ref.arrays.infoset_labels
            and all(np.array_equal(getattr(g.arrays, f), getattr(ref.arrays, f))
                    for f in ("parent", "player", "infoset", "action", "payoffs",
                              "chance_reach")))
    if not same:
        raise AssertionError("from_arrays and the builder made different trees")
    return [(f"building a {g.num_nodes:,}-node tree (from_arrays vs node by node)",
             best, "the node-by-node builder", t_builder)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--depth", type=int, default=19, help="moves from root to leaf")
    ap.add_argument("--reps", type=int, default=3, help="from_arrays repetitions (best)")
    args = ap.parse_args()
    ((name, ours, _, peer),) = rows(args.depth, args.reps)
    print(f"{name}: from_arrays {ours:.2f} s (best of {args.reps}), builder {peer:.1f} s "
          f"(once), ratio {peer / ours:.1f}; same tree: yes")


if __name__ == "__main__":
    main()
