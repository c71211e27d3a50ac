"""A 4-player tree with simultaneous subgames swept over 10^4 values of q (target >= 50x).

    python benchmarks/bench_sweep_subgames.py [--points 10000] [--sample 100]

The tree is the test tree of ``tests/sensitivity/test_sweep_subgames.py`` with
``bloc_war=1`` (no interval on which Ukraine is indifferent): Ukraine picks a track,
chance Russia's type, Russia escalates or concedes, and after an escalation two
guarantors choose defend/abandon simultaneously (four simultaneous 2 x 2 pieces, one
mixed equilibrium each for 1/4 < q < 1). Ours: ``gt.sweep(game, {"q": grid})`` with
``method="auto"``, which is subgame perfection by the batched engine
(``gametheory.solvers.batched_subgames``; points with ties go to the per-point solver).
Peers, measured in the same run on evenly spaced samples and extrapolated to all points:
the per-point loop ``gt.solve(game.substitute(q=v), method="spe")`` (what the sweep
replaces; its equilibria are checked against the sweep's), and a pygambit loop: per point
the game read from our .efg text and ``gbt.nash.logit_solve`` on the tree. pygambit 17 has
no subgame-perfect solver in Python (the command-line tools' ``-P`` is not exposed), and
its tree solvers for more than two players are logit (one equilibrium, the limit of the
agent logit QRE path: a sequential, hence subgame-perfect, equilibrium) and enumpoly; so
the pygambit time is for one equilibrium per point, ours for all of them. Ratios are
peer / ours in wall-clock time of this process (the machine may be shared).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import pathlib
import time

import numpy as np

import gametheory as gt
from gametheory.io.gambit import write_gambit


def build() -> gt.ExtensiveFormGame:
    """The test tree (imported from the test module, so the two never drift apart)."""
    path = pathlib.Path(__file__).resolve().parents[1] / "tests" / "sensitivity" \
        / "test_sweep_subgames.py"
    spec = importlib.util.spec_from_file_location("_subgames_tree", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.guarantors_tree(bloc_war=1)


def _vectors(game, sol) -> list[np.ndarray]:
    a = game.arrays
    return [np.array([float(eq.behavior[h][x]) for h, acts in
                      zip(a.infoset_labels, a.infoset_actions) for x in acts])
            for eq in sol.equilibria]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--gambit-sample", type=int, default=20)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    import pygambit as gbt

    game = build()
    qs = np.linspace(0.0, 1.0, args.points)
    gt.sweep(game, {"q": qs[:64]})                          # warm-up: compile, imports
    best, sw = float("inf"), None
    for _ in range(args.reps):
        t0 = time.perf_counter()
        sw = gt.sweep(game, {"q": qs})
        best = min(best, time.perf_counter() - t0)

    idx = np.unique(np.linspace(0, args.points - 1, args.sample).astype(np.int64))
    t0 = time.perf_counter()
    sols = [gt.solve(game.substitute(q=float(qs[k])), method="spe") for k in idx]
    per_point = (time.perf_counter() - t0) / len(idx)
    agree = 0
    for k, sol in zip(idx.tolist(), sols, strict=True):
        ours, ref = _vectors(game, sw.solution(k)), _vectors(game, sol)
        agree += len(ours) == len(ref) and all(
            min(np.abs(u - v).max() for v in ours) < 1e-9 for u in ref)

    gidx = idx[np.linspace(0, len(idx) - 1, args.gambit_sample).astype(np.int64)]
    texts = [write_gambit(game.substitute(q=float(qs[k]))) for k in gidx]
    t0 = time.perf_counter()
    for text in texts:
        g = gbt.read_efg(io.StringIO(text))
        gbt.nash.logit_solve(g)
    per_gambit = (time.perf_counter() - t0) / len(gidx)

    n = args.points
    fallback = int((sw.counts != 1).sum())
    print(f"# {game.title}: {game.num_nodes} nodes, {game.num_players} players, "
          f"{len(game.arrays.infoset_labels)} information sets; {n:,} points of q in [0, 1]; "
          f"methods {', '.join(sw.methods)}; points with several equilibria: {fallback}")
    print(f"{'what':<52}{'points':>8}{'wall s':>10}{'x ours':>9}")
    print(f"{'ours: gt.sweep(game, {q: grid}) (auto: spe, batched)':<52}{n:>8,}{best:>10.3f}"
          f"{1.0:>9.1f}")
    print(f"{'loop: gt.solve(substitute(q=v), spe), extrapolated':<52}{len(idx):>8,}"
          f"{per_point * n:>10.2f}{per_point * n / best:>9.1f}  "
          f"(same equilibria at {agree}/{len(idx)})")
    print(f"{'pygambit: read_efg + logit_solve (1 eq.), extrap.':<52}{len(gidx):>8,}"
          f"{per_gambit * n:>10.2f}{per_gambit * n / best:>9.1f}")
    print(f"best of {args.reps}; per point: ours {best / n * 1e6:.0f} us, loop "
          f"{per_point * 1e3:.1f} ms, pygambit {per_gambit * 1e3:.1f} ms; target >= 50x the "
          f"loop: {'OK' if per_point * n / best >= 50 else 'MISSED'}")


if __name__ == "__main__":
    main()
