"""gt.equilibrium_map on trees with imperfect information and N-player normal forms.

    python benchmarks/bench_equilibrium_map_games.py [--repeat 1]

Timed (best of ``--repeat``): the maps of the 4-player guarantor tree in (a, v) and the
2 x 2 x 2 game of two guarantors and Russia in (q, r) (tests/map_games.py), and of two
random three-player trees with chance and simultaneous subgames in (q, r)
(tests/sensitivity/test_equilibrium_map_games.py). Target: each in seconds on the 2-core
machine. Peer, measured in the same run: one numeric ``gt.critical_values`` of the
guarantor tree in a (v = 2); the ratios say how many such calls each map costs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import gametheory as gt

HERE = Path(__file__).resolve().parent.parent / "tests"
sys.path[:0] = [str(HERE), str(HERE / "sensitivity")]

from bench_equilibrium_map import best  # noqa: E402  (benchmarks/ is on the path)
from map_games import guarantor_tree, volunteers_with_russia  # noqa: E402
from test_equilibrium_map_games import random_tree  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    peer = best(lambda: gt.critical_values(guarantor_tree(), "a", v=2), args.repeat)
    print(f"peer: numeric critical_values(guarantor tree, 'a'): {peer:.3f} s")
    cases = [("guarantor tree map (a, v)",
              lambda: gt.equilibrium_map(guarantor_tree(), ["a", "v"])),
             ("2x2x2 guarantors and Russia map (q, r)",
              lambda: gt.equilibrium_map(volunteers_with_russia(), ["q", "r"]))]
    cases += [(f"random tree {s} map (q, r)",
               lambda s=s: gt.equilibrium_map(random_tree(s), ["q", "r"], seed=s, per_axis=6))
              for s in (1, 5)]
    for name, f in cases:
        t = best(f, args.repeat)
        print(f"{name}: {t:.2f} s ({t / peer:.0f}x the peer)")


if __name__ == "__main__":
    main()
