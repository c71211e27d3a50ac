"""First-call cost of the compiled kernels: numba's compilation, and loading its cache.

    python benchmarks/bench_jit.py

For each compiled method (``vertex`` and ``support`` on a random 10x10 game,
``lemke-howson`` on 50x50, where the compiled walk is used, and ``qre`` on 4x4x4) a new
Python process with ``NUMBA_CACHE_DIR`` set to a new, empty directory times its first
``gt.solve`` (importing numba and compiling the kernels the method uses) and its second
(the kernels compiled). A second process on the same cache directory then times its first
call again: importing numba and loading the cached kernels. There is no peer: QuantEcon's
own first call is printed by ``bench_lemke_howson.py``. Without numba installed, the
figures are those of the pure-numpy path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

CHILD = r"""
import json, sys, time
import numpy as np
import gametheory as gt
method, shape = sys.argv[1], tuple(int(s) for s in sys.argv[2].split("x"))
rng = np.random.default_rng(20261203)
game = gt.NormalFormGame.from_arrays(*[rng.random(shape) for _ in shape])
times = []
for _ in range(2):
    t0 = time.perf_counter()
    gt.solve(game, method=method)
    times.append(time.perf_counter() - t0)
print(json.dumps(times))
"""

CASES = [("vertex", "10x10"), ("support", "10x10"), ("lemke-howson", "50x50"),
         ("qre", "4x4x4")]


def _first_two(method: str, shape: str, cache: str) -> tuple[float, float]:
    """The first and second ``gt.solve`` in a new process on the numba cache ``cache``."""
    env = dict(os.environ, NUMBA_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, "-c", CHILD, method, shape], env=env, check=True,
                         capture_output=True, text=True).stdout
    first, second = json.loads(out)
    return first, second


def main() -> None:
    print("| method | game | first call, empty cache | second call | first call, warm cache |")
    print("|---|---|---:|---:|---:|")
    total = 0.0
    with tempfile.TemporaryDirectory() as root:
        for k, (method, shape) in enumerate(CASES):
            cache = os.path.join(root, str(k))
            os.mkdir(cache)
            cold, second = _first_two(method, shape, cache)
            warm, _ = _first_two(method, shape, cache)
            total += cold
            print(f"| {method} | {shape} | {cold:.2f} s | {second * 1e3:.2f} ms | "
                  f"{warm:.2f} s |", flush=True)
    print(f"\nfirst calls with an empty cache: {total:.1f} s in all")


if __name__ == "__main__":
    main()
