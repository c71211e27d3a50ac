"""gt.uncertainty on the Ukraine model: 2^14 Sobol' points and Sobol' indices of 5 parameters.

    python benchmarks/bench_uncertainty.py [--n 16384] [--sobol-n 16384] [--profile]

The model is :mod:`gametheory.models.ukraine_guarantees` (a perfect-information tree with
chance, three players). Uncertain: ``q ~ U(0, 1)``, ``r ~ beta(2, 2)``,
``V_rev ~ U(2, 6)``, ``V_sec ~ U(0.5, 1.5)``, ``C_R ~ U(3, 9)``. Timed: the
``gt.uncertainty`` call with ``n`` scrambled Sobol' points (structure, outcome and
quantity estimates) and ``sobol_indices("prob:Ukraine:NEUTRAL", n=...)``, which sweeps
``n * (5 + 2)`` more points. Target: both together under 10 s on the 2-core machine.
Peer, measured in the same run: the per-point loop ``gt.solve(game.substitute(**point),
method="spe")`` on a sample of points, extrapolated to all the points solved. With
``--profile`` the cProfile top 20 (cumulative) of the whole run is printed too.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

import numpy as np
import scipy.stats as st

import gametheory as gt
from gametheory.models import ukraine_guarantees

DISTRIBUTIONS = {"q": st.uniform(0, 1), "r": st.beta(2, 2), "V_rev": st.uniform(2, 4),
                 "V_sec": st.uniform(0.5, 1), "C_R": st.uniform(3, 6)}


def run(game, n: int, sobol_n: int) -> tuple:
    t0 = time.perf_counter()
    res = gt.uncertainty(game, DISTRIBUTIONS, ["prob:Ukraine:NEUTRAL", "payoff:Ukraine"],
                         n=n, seed=1)
    t_unc = time.perf_counter() - t0
    t0 = time.perf_counter()
    si = res.sobol_indices("prob:Ukraine:NEUTRAL", n=sobol_n)
    t_sobol = time.perf_counter() - t0
    return res, si, t_unc, t_sobol


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1 << 14)
    ap.add_argument("--sobol-n", type=int, default=1 << 14)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    game = ukraine_guarantees.build()
    run(game, 64, 64)                                  # warm-up: imports, compilation
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    res, si, t_unc, t_sobol = run(game, args.n, args.sobol_n)
    if prof:
        prof.disable()
    points = args.n + args.sobol_n * (len(DISTRIBUTIONS) + 2)
    rng = np.random.default_rng(0)
    sample = [{k: float(d.ppf(rng.random())) for k, d in DISTRIBUTIONS.items()}
              for _ in range(args.sample)]
    defaults = {name: info.default for name, info in game.parameter_info.items()}
    t0 = time.perf_counter()
    for p in sample:
        gt.solve(game.substitute(**{**defaults, **p}), method="spe")
    per = (time.perf_counter() - t0) / args.sample
    total = t_unc + t_sobol
    print(f"# ukraine_guarantees, 5 uncertain parameters; {args.n:,} points for uncertainty, "
          f"Sobol' n = {args.sobol_n:,} ({args.sobol_n * 7:,} points)")
    print(f"P(NEUTRAL) = {res.quantities['prob:Ukraine:NEUTRAL'].mean:.4f}; Sobol' indices "
          "(first, total): " + ", ".join(f"{k} ({a:.3f}, {b:.3f})" for k, (a, b) in si.items()))
    print(f"{'what':<52}{'wall s':>9}")
    print(f"{'gt.uncertainty(n)':<52}{t_unc:>9.2f}")
    print(f"{'res.sobol_indices(quantity, n)':<52}{t_sobol:>9.2f}")
    print(f"{'total (target < 10 s)':<52}{total:>9.2f}  {'OK' if total < 10 else 'MISSED'}")
    print(f"{'loop: gt.solve(substitute(point), spe), extrapolated':<52}{per * points:>9.2f}  "
          f"({per * 1e3:.1f} ms per point over {args.sample} points; "
          f"{per * points / total:.0f}x ours)")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
