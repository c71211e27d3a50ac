"""Which methods accept a game: for ``"auto"``'s fall-backs and for advice in messages.

Every error or warning that suggests another method asks :func:`applicable` (or
:func:`suggest`) first, so it never recommends a method that would then refuse the game
(wrong number of players, wrong form, too large, not exact).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["applicable", "suggest"]


def _nf(game: Any):
    """The normal form ``game`` stands for (a tree's reduced normal form), or None when
    a player has more than 200 reduced strategies (then no normal-form method is
    advised for the tree)."""
    from ..games.normal import NormalFormGame

    if isinstance(game, NormalFormGame):
        return game
    from ..games._tree_reduce import reduced_strategies

    a = game.arrays
    if any(reduced_strategies(a, game._children, p, limit=200) is None
           for p in range(game.num_players)):
        return None
    return game.to_normal_form()


def _accepts(game: Any, method: str, exact: bool, normal: Callable[[], Any]) -> bool:
    """Whether ``method`` accepts ``game``; ``normal()`` gives :func:`_nf`'s game."""
    from ..games.normal import NormalFormGame
    from . import TREE_METHODS

    tree = not isinstance(game, NormalFormGame)
    if method in ("pns", "qre") and exact:
        return False
    if method in TREE_METHODS and method != "qre":
        if not tree:
            return False
        if method == "spe":
            return True
        return game.num_players == 2 and game.has_perfect_recall and (
            method == "sequence-lcp" or _zero_sum(game))
    if method == "qre":
        return not tree or game.has_perfect_recall
    g = normal()
    if g is None:
        return False
    return _nf_accepts(g, method, exact)


def _zero_sum(game: Any) -> bool:
    from .sequence_lp import sum_mismatch

    return sum_mismatch(game.arrays)[0] is None


def _nf_accepts(g: Any, method: str, exact: bool) -> bool:
    from . import enumpoly, support
    from ._enumpoly_support import count_supports
    from .polytope import predicted_seconds

    shape, N = g.shape, g.num_players
    if method in ("pure", "pns"):
        return True
    if method == "enumpoly":
        unknowns = sum(n - 1 for n in shape)
        return (count_supports(shape) <= enumpoly.MAX_SUPPORTS
                and unknowns <= enumpoly.MAX_ALGEBRAIC_UNKNOWNS
                and N <= enumpoly.MAX_ALGEBRAIC_PLAYERS)
    if N != 2:
        return False
    m, n = shape
    if method == "lemke-howson":
        return True
    if method == "support":
        return (2 ** m - 1) * (2 ** n - 1) <= support.MAX_PAIRS
    if method == "vertex":       # both polytopes: the larger one decides for a degenerate game
        return max(predicted_seconds(m, n), predicted_seconds(n, m)) <= 10.0
    if method == "lp":           # lp's own test (its tolerance, exact payoffs exactly)
        from ..errors import GameError, SolverError
        from .lp import _check_constant_sum

        try:
            _check_constant_sum(g, None, exact)
        except (GameError, SolverError):
            return False
        return True
    return False


def applicable(game: Any, methods: Sequence[str], exact: bool = False) -> list[str]:
    """Those of ``methods`` that accept ``game`` (players, form, size; ``exact``), in order.

    A method accepts a game when it would start solving it with its default options
    rather than refuse it; it may still fail later (e.g. a path that exceeds its pivot
    limit).

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays(np.zeros((200, 200)), np.zeros((200, 200)))
    >>> applicable(g, ["vertex", "support", "lemke-howson", "pns", "qre"])
    ['lemke-howson', 'pns', 'qre']
    >>> applicable(g, ["vertex", "support", "pns", "qre"], exact=True)
    []
    """
    normal = functools.cache(lambda: _nf(game))     # a tree is reduced at most once
    return [m for m in methods if _accepts(game, m, exact, normal)]


def suggest(game: Any, methods: Sequence[str], exact: bool = False,
            extra: str = "") -> str:
    """``"use method='a' or method='b'"`` for the applicable ``methods``, with ``extra``
    (another remedy, e.g. ``"raise max_pivots"``) joined by ``or``; ``""`` if nothing.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> suggest(g, ["vertex", "lp", "pns"], extra="raise max_pivots")
    "use method='vertex' or method='pns', or raise max_pivots"
    """
    ok = applicable(game, methods, exact)
    text = "use " + " or ".join(f"method={m!r}" for m in ok) if ok else ""
    if extra:
        text = f"{text}, or {extra}" if text else extra
    return text
