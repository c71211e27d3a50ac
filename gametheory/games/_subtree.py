"""Proper subgames of a game tree, and copies of subtrees with subgames cut off.

A node v roots a proper subgame when it is a decision or chance node and every
information set that meets the subtree of v lies inside it (a decision node's own
information set is then a single node, since without absent-mindedness its other nodes
are not below it). With nodes numbered in preorder, the subtree of v is the interval
``[pre[v], pre[v] + size[v])``, so v qualifies exactly when the smallest and largest
preorder index of every information set met below v fall in that interval; both are
aggregated over subtrees level by level with numpy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._tree_compile import CHANCE, _levels

if TYPE_CHECKING:
    from .extensive import ExtensiveFormGame

__all__ = ["preorder", "proper_subgame_roots", "subtree_game", "terminal_payoffs"]


def preorder(parent: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Preorder index and subtree size of every node (children in action order).

    Examples
    --------
    >>> import numpy as np
    >>> parent = np.array([-1, 0, 0, 1, 1])
    >>> action = np.array([-1, 0, 1, 0, 1])
    >>> pre, size = preorder(parent, action)
    >>> pre.tolist(), size.tolist()
    ([0, 1, 4, 2, 3], [5, 3, 1, 1, 1])
    """
    n = len(parent)
    levels = _levels(parent)
    size = np.ones(n, dtype=np.int64)
    for lev in reversed(levels[1:]):
        np.add.at(size, parent[lev], size[lev])
    pre = np.zeros(n, dtype=np.int64)
    if n == 1:
        return pre, size
    kids = np.lexsort((action[1:], parent[1:])) + 1      # grouped by parent, in action order
    par = parent[kids]
    csum = np.cumsum(size[kids])
    start = np.flatnonzero(np.concatenate(([True], par[1:] != par[:-1])))
    before = np.concatenate(([0], csum[:-1]))            # sizes of all earlier siblings ...
    group_base = np.repeat(before[start], np.diff(np.append(start, len(kids))))
    edge = np.zeros(n, dtype=np.int64)
    edge[kids] = 1 + before - group_base                 # ... of the same parent only
    for lev in levels[1:]:
        pre[lev] = pre[parent[lev]] + edge[lev]
    return pre, size


def proper_subgame_roots(game: ExtensiveFormGame) -> np.ndarray:
    """The nodes that root proper subgames, in preorder (the root comes first).

    Parameters
    ----------
    game : ExtensiveFormGame

    Returns
    -------
    ndarray of int
        Node ids (``node.id``) of the decision and chance nodes v such that every
        information set meeting the subtree of v lies entirely inside it.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Osborne, M. J. &
    Rubinstein, A. (1994). *A Course in Game Theory*, sec. 6.2 and 11.1. MIT Press.

    Examples
    --------
    The entrant moves; then the two firms choose prices without seeing each other's:

    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["E", "I"])
    >>> out, enter = g.root.decide("E", ["out", "in"])
    >>> _ = out.payoffs(0, 2)
    >>> for e in enter.decide("E", ["hi", "lo"]):
    ...     for n in e.decide("I", ["hi", "lo"], infoset="I prices"):
    ...         _ = n.payoffs(1, 1)
    >>> [g.path(v) for v in proper_subgame_roots(g)]
    ['root', 'in']
    """
    a = game.arrays
    n = len(a.parent)
    pre, size = preorder(a.parent, a.action)
    dec = np.flatnonzero(a.infoset >= 0)
    H = len(a.infoset_labels)
    lo_h = np.full(H, n, dtype=np.int64)
    hi_h = np.full(H, -1, dtype=np.int64)
    np.minimum.at(lo_h, a.infoset[dec], pre[dec])
    np.maximum.at(hi_h, a.infoset[dec], pre[dec])
    lo, hi = pre.copy(), pre.copy()
    lo[dec], hi[dec] = lo_h[a.infoset[dec]], hi_h[a.infoset[dec]]
    for lev in reversed(_levels(a.parent)[1:]):
        np.minimum.at(lo, a.parent[lev], lo[lev])
        np.maximum.at(hi, a.parent[lev], hi[lev])
    ok = (a.player >= CHANCE) & (lo >= pre) & (hi < pre + size)
    roots = np.flatnonzero(ok)
    return roots[np.argsort(pre[roots], kind="stable")]


def terminal_payoffs(game: ExtensiveFormGame, exact: bool = False) -> dict[int, list]:
    """``{terminal node id: payoff list}`` (Fractions when ``exact``), for
    :func:`subtree_game` calls on many subtrees of one game."""
    from .values import to_fraction

    a = game.arrays
    rows = a.payoffs.tolist()
    if exact:
        rows = [[to_fraction(x) for x in row] for row in rows]
    return dict(zip(a.terminals.tolist(), rows, strict=True))


def subtree_game(game: ExtensiveFormGame, v: int,
                 replace: Mapping[int, Sequence[Any]] | None = None,
                 exact: bool = False, terminals: Mapping[int, list] | None = None):
    """The subtree under node v as a game of its own, with chosen nodes made terminal.

    Parameters
    ----------
    game : ExtensiveFormGame
    v : int
        The node whose subtree is copied (``node.id``); v becomes the root.
    replace : mapping, optional
        ``{node id: payoff vector}``: nodes below v that become terminal nodes with these
        payoffs (e.g. the equilibrium payoffs of the subgames they root).
    exact : bool
        Store payoffs and chance probabilities as exact Fractions (floats are read as
        the decimals they print as).
    terminals : mapping, optional
        ``terminal_payoffs(game, exact)``, computed once when many subtrees are copied.

    Returns
    -------
    ExtensiveFormGame
        Same players, information set labels and action labels; each terminal carries
        the payoffs of the original terminal (the sum of the outcomes along its whole
        path, so constants from above v are included).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> x, y = g.root.decide("A", ["x", "y"])
    >>> _ = x.payoffs(1, 0)
    >>> l, r = y.decide("B", ["l", "r"])
    >>> _ = l.payoffs(0, 1), r.payoffs(2, 2)
    >>> print(subtree_game(g, y.id))
    ExtensiveFormGame (A, B)
    root: B [B: y]
      l -> (0, 1)
      r -> (2, 2)
    >>> print(subtree_game(g, 0, replace={y.id: (2, 2)}))
    ExtensiveFormGame (A, B)
    root: A [A: root]
      x -> (1, 0)
      y -> (2, 2)
    """
    from .values import to_fraction

    replace = dict(replace or {})
    conv = to_fraction if exact else (lambda x: x)
    pay = terminal_payoffs(game, exact) if terminals is None else terminals
    new = type(game)(game.players, title=game.title)   # no import of extensive: no loop
    stack = [(v, new.root)]
    while stack:
        u, node = stack.pop()
        if u in replace:
            node.payoffs(*(conv(x) for x in replace[u]))
            continue
        move = game._move[u]
        if move is None:
            node.payoffs(*pay[u])
            continue
        labels = game._labels[u]
        if move[0] == CHANCE:
            probs = game._chance_probs[u].tolist()
            kids = node.chance({lab: conv(p) for lab, p in zip(labels, probs, strict=True)})
        else:
            label, p, _ = game._infosets[move[1]]
            kids = node.decide(game.players[p], labels, infoset=label)
        stack.extend(zip(game._children[u], kids, strict=True))
    return new
