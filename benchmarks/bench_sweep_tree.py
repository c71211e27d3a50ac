"""Batched backward induction over 10^6 parameter points of a ~50-node tree (target < 2 s).

    python benchmarks/bench_sweep_tree.py [--points 1000000] [--sample 300]

A perfect-information tree with chance (three players, about 50 nodes, fixed seed) whose
payoffs and chance probabilities depend on a parameter q in [0, 1] is built and its
evaluator compiled outside the timed region. Timed: ``game.evaluator()`` on the grid and
``tree_batch`` (chunks of ``--chunk`` points), with points that have a tie solved one by one
by the fallback, as a sweep does. Peer, measured in the same run: the loop a user would
write with our own solver, ``gt.solve(game.substitute(q=v), method="spe")`` per point, timed
on a sample of points and extrapolated (and, separately, the solve alone on games
substituted beforehand); the sample's equilibria are checked against the batch. Wall and
CPU (process) time are both printed: on a shared machine the wall time includes waiting.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import sympy

import gametheory as gt
from gametheory.solvers.batch import BatchEquilibria
from gametheory.solvers.batched_backward import tree_batch


def build(nodes: int = 50, seed: int = 1) -> gt.ExtensiveFormGame:
    """A random perfect-information tree with chance, payoffs and probabilities in q."""
    q = gt.parameters("q")
    rng = np.random.default_rng(seed)
    g = gt.ExtensiveFormGame(["A", "B", "C"], title="parametric tree")
    frontier, i = [g.root], 0                  # every node made so far; [i:] unexpanded
    while len(frontier) + 2 <= nodes:
        node = frontier[i]
        i += 1
        if rng.random() < 0.25:
            p = sympy.Rational(int(rng.integers(1, 4)), 4)
            frontier += node.chance({"h": (1 - q) * p + q * (1 - p),
                                     "t": (1 - q) * (1 - p) + q * p})
        else:
            k = min(int(rng.integers(2, 4)), nodes - len(frontier))
            frontier += node.decide("ABC"[int(rng.integers(3))], ["l", "m", "r"][:k])
    for node in frontier[i:]:
        base, slope = rng.random(3), rng.normal(size=3)
        node.payoffs(*(float(b) + float(s) * q for b, s in zip(base, slope, strict=True)))
    return g.describe(gt.Parameter("q", default=0.5, domain=(0, 1)))


def batch_sweep(game: gt.ExtensiveFormGame, qs: np.ndarray, chunk: int) -> tuple:
    """Evaluator + tree_batch over ``qs`` in chunks (ties solved per point by the
    fallback); the per-chunk results and the number of points with ties."""
    ev, arrays = game.evaluator(), game.arrays
    parts, ties = [], 0
    for lo in range(0, len(qs), chunk):
        part = qs[lo:lo + chunk]

        def fallback(idx, part=part):
            return [gt.solve(game.substitute(q=float(part[k])), method="spe") for k in idx]

        pay, prob = ev({"q": part})
        res = tree_batch(arrays, pay, prob, fallback=fallback)
        ties += int((res.counts > 1).sum())
        parts.append(res)
    return parts, ties


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--chunk", type=int, default=16384)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    g = build()
    a = g.arrays
    t0 = time.perf_counter()
    g.evaluator()({"q": [0.5]})  # compile once (sympy Poly, lambdify), outside the timed region
    t_compile = time.perf_counter() - t0
    qs = np.linspace(0.0, 1.0, args.points)
    best, best_cpu = float("inf"), float("inf")
    for _ in range(args.reps):
        t0, c0 = time.perf_counter(), time.process_time()
        parts, ties = batch_sweep(g, qs, args.chunk)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    t0 = time.perf_counter()
    res = BatchEquilibria.concatenate(parts)
    t_cat = time.perf_counter() - t0

    sample = np.random.default_rng(0).choice(args.points, args.sample, replace=False)
    t0 = time.perf_counter()
    sols = [gt.solve(g.substitute(q=float(qs[k])), method="spe") for k in sample]
    per_point = (time.perf_counter() - t0) / args.sample
    for k, sol in zip(sample.tolist(), sols, strict=True):
        rows = res.rows(k)
        assert len(rows) == len(sol.equilibria), k
        for eq, r in zip(sol.equilibria, rows.tolist(), strict=True):
            assert np.allclose(eq.payoffs, res.payoffs[r], atol=1e-9), k
    peer = per_point * args.points
    fixed = [g.substitute(q=float(qs[k])) for k in sample[:100]]
    t0 = time.perf_counter()
    for h in fixed:
        gt.solve(h, method="spe")
    solve_only = (time.perf_counter() - t0) / len(fixed)

    print(f"tree: {g.num_nodes} nodes ({int((a.player >= 0).sum())} decisions, "
          f"{int((a.player == -1).sum())} chance, {len(a.terminals)} terminals), parameter q; "
          f"evaluator compiled in {t_compile * 1e3:.0f} ms (untimed)")
    print(f"{'engine':<40}{'points':>10}{'wall s':>9}{'cpu s':>8}{'per point':>12}")
    print(f"{'evaluator + tree_batch (batched)':<40}{args.points:>10,}{best:>9.3f}"
          f"{best_cpu:>8.3f}{best / args.points * 1e6:>9.2f} us")
    print(f"{'loop: gt.solve(substitute(q), spe)':<40}{args.sample:>10,}"
          f"{per_point * args.sample:>9.3f}{'':>8}{per_point * 1e6:>9.0f} us")
    print(f"{'loop: gt.solve(spe) only (substituted)':<40}{len(fixed):>10,}"
          f"{solve_only * len(fixed):>9.3f}{'':>8}{solve_only * 1e6:>9.0f} us")
    print(f"loops extrapolated to {args.points:,} points: {peer:,.0f} s and "
          f"{solve_only * args.points:,.0f} s; ratios to batched (wall): {peer / best:,.0f}x "
          f"and {solve_only * args.points / best:,.0f}x")
    print(f"best of {args.reps}, chunks of {args.chunk:,} points; {ties} points with ties "
          f"(fallback); joining the chunks' results into one BatchEquilibria: {t_cat:.3f} s "
          f"more; {len(res.point):,} equilibria; the sample of {args.sample} points agrees; "
          f"target < 2 s: {'OK' if best < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
