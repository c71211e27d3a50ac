"""gt.equilibrium_map and symbolic critical values on Hawk-Dove and the Ukraine model.

    python benchmarks/bench_equilibrium_map.py [--repeat 3]

Timed (best of ``--repeat``): ``gt.equilibrium_map`` of Hawk-Dove in (V, C) (Maynard
Smith 1982; V, C > 0), of :mod:`gametheory.models.ukraine_guarantees` in (q, r) and in
(q, r, V_sec), and ``gt.critical_values(ukraine, "q", symbolic=("V_sec", "C_R"))``.
Target: the two-parameter maps in a few seconds on the 2-core machine. Peer, measured in
the same run: one numeric ``gt.critical_values(ukraine, "q")``; the ratios say how many
such calls each costs.
"""

from __future__ import annotations

import argparse
import time

import gametheory as gt
from gametheory.models import ukraine_guarantees


def hawk_dove():
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                      [[(V - C) / 2, 0], [V, V / 2]],
                                      strategies=[["Hawk", "Dove"]] * 2)
    inf = float("inf")
    return g.describe(gt.Parameter("V", domain=(0, inf)), gt.Parameter("C", domain=(0, inf)))


def best(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    hd, uk = hawk_dove(), ukraine_guarantees.build()
    peer = best(lambda: gt.critical_values(uk, "q"), args.repeat)
    cases = {
        "Hawk-Dove map (V, C)": lambda: gt.equilibrium_map(hd, ["V", "C"]),
        "Ukraine map (q, r)": lambda: gt.equilibrium_map(uk, ["q", "r"]),
        "Ukraine map (q, r, V_sec)": lambda: gt.equilibrium_map(uk, ["q", "r", "V_sec"]),
        "Ukraine critical q, symbolic V_sec, C_R":
            lambda: gt.critical_values(uk, "q", symbolic=("V_sec", "C_R")),
    }
    print(f"peer: numeric critical_values(ukraine, 'q'): {peer:.3f} s")
    for name, f in cases.items():
        t = best(f, args.repeat)
        print(f"{name}: {t:.2f} s ({t / peer:.0f}x the peer)")


if __name__ == "__main__":
    main()
