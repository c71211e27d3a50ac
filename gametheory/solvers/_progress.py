"""One progress bar and deadline for long solver runs (support, enumpoly, pns, ...).

A solver makes one :class:`Budget` for its main loop, calls :meth:`Budget.step` once per
unit of work (a support profile, a pivot, a step on a path) and asks
:attr:`Budget.expired` when it can stop cleanly. The bar is tqdm's (``tqdm.auto``), as
in :func:`gametheory.sweep`, shown only with ``progress=True``.
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import SolverError

__all__ = ["Budget", "check_time_limit"]


def check_time_limit(time_limit: Any, method: str) -> float | None:
    """``time_limit`` as a positive float or None; SolverError otherwise.

    Examples
    --------
    >>> check_time_limit(2, "support"), check_time_limit(None, "support")
    (2.0, None)
    """
    if time_limit is None:
        return None
    if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) or \
            not time_limit > 0:
        raise SolverError(f"{method}: time_limit must be a positive number of seconds or "
                          f"None; got {time_limit!r}")
    return float(time_limit)


class Budget:
    """A deadline (``time_limit`` seconds from now, or none) and an optional tqdm bar.

    Examples
    --------
    >>> b = Budget(3, "support", time_limit=60)
    >>> for _ in range(3):
    ...     b.step()
    >>> b.done, b.expired
    (3, False)
    >>> b.close()
    """

    def __init__(self, total: int | None, desc: str, progress: bool = False,
                 time_limit: float | None = None, unit: str = "it"):
        self.time_limit = check_time_limit(time_limit, desc)
        self.start = time.perf_counter()
        self.done = 0
        self.bar = None
        if progress:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc=desc, unit=unit, leave=False)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    @property
    def expired(self) -> bool:
        """True once more than ``time_limit`` seconds have passed."""
        return self.time_limit is not None and self.elapsed > self.time_limit

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Budget:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
