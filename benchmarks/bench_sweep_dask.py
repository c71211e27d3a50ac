"""A two-parameter grid of 10^6 points through a dask LocalCluster (2 workers) vs in-process.

    python benchmarks/bench_sweep_dask.py              # 1000 x 1000 grid
    python benchmarks/bench_sweep_dask.py --side 300   # a quicker 300 x 300 grid

The game is the 2 x 4 Ukraine-Russia matrix (``gametheory.models.ukraine_russia_matrix``)
with the guarantor's commitment q and the prior r of a revisionist Russia swept over [0, 1]
each, the other parameters at their defaults. The same ``gt.sweep`` call runs in process
and with ``executor=client.get_executor()`` on a ``dask.distributed.LocalCluster`` with two
worker processes (started outside the timed region). The results must be identical: the
same number of equilibria at every point and the same equilibrium rows, bit for bit.
Needs the extra ``distributed``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import gametheory as gt
from gametheory.models import ukraine_russia_matrix


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--side", type=int, default=1000, help="grid points per parameter")
    args = ap.parse_args()
    from dask.distributed import Client, LocalCluster

    game = ukraine_russia_matrix.build()
    grid = {"q": np.linspace(0, 1, args.side), "r": np.linspace(0, 1, args.side)}
    gt.sweep(game, {"q": grid["q"][:10], "r": grid["r"][:10]})      # warm caches

    t0 = time.perf_counter()
    local = gt.sweep(game, grid)
    t_local = time.perf_counter() - t0

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, \
            Client(cluster) as client:
        executor = client.get_executor()
        gt.sweep(game, {"q": grid["q"][:10], "r": grid["r"][:10]}, executor=executor)
        t0 = time.perf_counter()
        remote = gt.sweep(game, grid, executor=executor)
        t_dask = time.perf_counter() - t0

    a, b = local.batch, remote.batch
    same = (np.array_equal(a.point, b.point) and np.array_equal(a.profile, b.profile)
            and np.array_equal(a.payoffs, b.payoffs) and np.array_equal(a.complete, b.complete))
    print(f"grid {args.side} x {args.side} = {len(local):,} points, "
          f"{len(a.point):,} equilibrium rows")
    print(f"{'in process':>12}: {t_local:7.2f} s")
    print(f"{'dask (2 w)':>12}: {t_dask:7.2f} s   (in-process / dask = {t_local / t_dask:.2f})")
    print(f"identical results: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
