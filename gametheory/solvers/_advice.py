"""Which methods accept a game: for ``"auto"``'s fall-backs and for advice in messages.

Every error or warning that suggests another method asks :func:`applicable` (or
:func:`suggest`) first, so it never recommends a method that would then refuse the game
(wrong number of players, wrong form, too large, not exact). The rules are the
registry's (:data:`~gametheory.solvers.registry.METHODS`: forms, players, exact, requires
and each method's ``accepts``), not a list kept here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["applicable", "suggest"]


def _nf(game: Game):
    """The normal form ``game`` stands for (a tree's reduced normal form), or None when
    a player has more than 200 reduced strategies (then no normal-form method is
    advised for the tree)."""
    if not game.is_tree:
        return game
    from ..games._tree_reduce import reduced_strategies

    kids = [game.children(v) for v in range(len(game.arrays.parent))]
    if any(reduced_strategies(game.arrays, kids, p, limit=200) is None
           for p in range(game.num_players)):
        return None
    return game.to_normal_form()


def _accepts(game: Game, name: str, exact: bool, normal: Callable[[], Any]) -> bool:
    """Whether the registered method ``name`` accepts ``game``: its exactness, forms,
    players, requires and own ``accepts`` rule (on the form it solves); ``normal()``
    gives :func:`_nf`'s game. An unknown name accepts nothing."""
    from .registry import METHODS, REQUIREMENTS

    m = METHODS.get(name)
    if m is None or (exact and not m.exact):
        return False
    if game.is_tree and "tree" in m.forms:
        g = game
    elif "normal" in m.forms:
        g = normal() if game.is_tree else game
        if g is None:
            return False
    else:
        return False
    if m.players is not None and g.num_players != m.players:
        return False
    if not all(REQUIREMENTS[r](g) for r in m.requires):
        return False
    return m.accepts_game(g, exact)


def applicable(game: Game, methods: Sequence[str], exact: bool = False) -> list[str]:
    """Those of ``methods`` that accept ``game`` (players, form, size; ``exact``), in order.

    A method accepts a game when it would start solving it with its default options
    rather than refuse it; it may still fail later (e.g. a path that exceeds its pivot
    limit). Read from the registry, so a registered method is judged by its entry.

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


def suggest(game: Game, methods: Sequence[str], exact: bool = False,
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
