"""Optional compiled kernels (numba): found lazily, with a pure-numpy fallback.

:func:`kernel` imports a module of numba-compiled functions on first use only (never
with ``import gametheory``) and returns the function asked for, or None when numba is
not installed or ``GAMETHEORY_NO_NUMBA`` is set in the environment; callers then run
their numpy code. Compiled code is cached on disk (``cache=True``): the first call in a
fresh installation compiles it (seconds), later processes load it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["kernel", "numpy_only"]

_FOUND: dict[tuple[str, str], Any] = {}


def kernel(module: str, name: str) -> Any:
    """The function ``name`` of ``gametheory.solvers.<module>``, or None (see above).

    >>> with numpy_only():
    ...     kernel("_support_numba", "solve_last") is None
    True
    """
    if os.environ.get("GAMETHEORY_NO_NUMBA"):
        return None
    key = (module, name)
    if key not in _FOUND:
        try:
            mod = importlib.import_module(f"{__package__}.{module}")
        except ImportError:
            _FOUND[key] = None
        else:
            _FOUND[key] = getattr(mod, name)
    return _FOUND[key]


@contextmanager
def numpy_only(on: bool = True) -> Iterator[None]:
    """Within the block, (if ``on``) no compiled kernel runs: the numpy code does.

    >>> with numpy_only():
    ...     kernel("_lh_numba", "path") is None
    True
    """
    old = os.environ.get("GAMETHEORY_NO_NUMBA")
    if on:
        os.environ["GAMETHEORY_NO_NUMBA"] = "1"
    try:
        yield
    finally:
        if on and old is None:
            del os.environ["GAMETHEORY_NO_NUMBA"]
        elif on:
            os.environ["GAMETHEORY_NO_NUMBA"] = old
