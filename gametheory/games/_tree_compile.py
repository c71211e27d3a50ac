"""Compile a game tree into flat numpy arrays; check absent-mindedness and perfect recall.

Nodes are numbered in creation order, which the builder guarantees is topological (a
parent before its children), so every pass below is one loop without recursion.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from .values import to_fraction

__all__ = ["TreeArrays", "compile_tree", "cast_values", "unify_kinds", "accumulate",
           "subtree_any"]

CHANCE = -1
TERMINAL = -2
_SMALL = 2**40  # int64 path sums of smaller payoffs cannot overflow


@dataclass(frozen=True)
class TreeArrays:
    """A game tree as flat arrays (node ids in topological order, root 0).

    Attributes
    ----------
    parent : ndarray of int, shape (n,)
        Parent node, -1 for the root.
    player : ndarray of int, shape (n,)
        Player index at a decision node, -1 at a chance node, -2 at a terminal node.
    infoset : ndarray of int, shape (n,)
        Information set index at a decision node, else -1.
    action : ndarray of int, shape (n,)
        Index of the action (or chance outcome) at the parent leading here; -1 at the root.
    chance_prob : ndarray, shape (n,)
        Probability of the branch into the node when its parent is a chance node, else 1.
    terminals : ndarray of int
        The terminal nodes, in creation order.
    payoffs : ndarray, shape (num_terminals, N)
        Payoff of each player at each terminal: the sum of the outcomes along its path.
    chance_reach : ndarray, shape (num_terminals,)
        Product of the chance probabilities along the path to each terminal.
    kind : str
        ``"float"``, ``"exact"`` (int64 arrays, or object arrays of Fraction) or
        ``"symbolic"`` (object arrays of sympy expressions).
    infoset_player : ndarray of int
        The player of each information set.
    infoset_labels, infoset_actions : tuple
        Label and action labels of each information set.
    recall_problems : tuple of str
        Why perfect recall fails (empty when the game has perfect recall).
    """

    parent: np.ndarray
    player: np.ndarray
    infoset: np.ndarray
    action: np.ndarray
    chance_prob: np.ndarray
    terminals: np.ndarray
    payoffs: np.ndarray
    chance_reach: np.ndarray
    kind: str
    infoset_player: np.ndarray
    infoset_labels: tuple[str, ...]
    infoset_actions: tuple[tuple[str, ...], ...]
    recall_problems: tuple[str, ...]


def unify_kinds(kinds: set[str]) -> str:
    """The storage kind of values drawn from arrays of the given kinds."""
    if "symbolic" in kinds:
        return "symbolic"
    if "float" in kinds:
        return "float"
    return "exact"


def cast_values(values: Any, kind: str) -> np.ndarray:
    """A 1-d array of ``values`` as float64 (``"float"``), Fractions or sympy numbers."""
    vals = list(values)
    if kind == "float":
        return np.array([float(v) for v in vals], dtype=np.float64)
    out = np.empty(len(vals), dtype=object)
    if kind == "exact":
        out[:] = [to_fraction(v) for v in vals]
        return out
    import sympy

    # trusted: strict sympify, text raises; stored tree values, classified by values._classify
    out[:] = [sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction)
              else sympy.sympify(v, strict=True) for v in vals]
    return out


def accumulate(parent: np.ndarray, edge: np.ndarray, op: str) -> np.ndarray:
    """Path products (``op="mul"``) or sums (``op="add"``) of ``edge`` from the root.

    ``edge`` may have extra trailing dimensions (one row per node). Works level by level
    (nodes of equal depth at once), so deep trees need no recursion.
    """
    out = edge.copy()
    for level in _levels(parent)[1:]:
        if op == "mul":
            out[level] = out[parent[level]] * edge[level]
        else:
            out[level] = out[parent[level]] + edge[level]
    return out


def subtree_any(parent: np.ndarray, flag: np.ndarray) -> np.ndarray:
    """``out[v]``: ``flag`` holds at v or at some node below v (level by level).

    >>> subtree_any(np.array([-1, 0, 0, 1]), np.array([False, False, False, True])).tolist()
    [True, True, False, True]
    """
    out = flag.astype(np.int64)
    for lev in reversed(_levels(parent)[1:]):
        np.maximum.at(out, parent[lev], out[lev])
    return out.astype(bool)


def _levels(parent: np.ndarray) -> list[np.ndarray]:
    """The node ids grouped by depth (parents precede children in id order)."""
    par = parent.tolist()
    depth = [0] * len(par)
    for v in range(1, len(par)):
        depth[v] = depth[par[v]] + 1
    d = np.array(depth, dtype=np.int64)
    order = np.argsort(d, kind="stable")
    return np.split(order, np.cumsum(np.bincount(d))[:-1])


def compile_tree(game: Any) -> TreeArrays:
    """Validate the builder's lists of ``game`` and return its :class:`TreeArrays`."""
    n = len(game._parent)
    N = len(game._players)
    parent = np.array(game._parent, dtype=np.int64)
    player = np.full(n, TERMINAL, dtype=np.int64)
    infoset = np.full(n, -1, dtype=np.int64)
    action = np.array(game._action, dtype=np.int64)
    for v, move in enumerate(game._move):
        if move is not None:
            player[v] = move[0]
            infoset[v] = move[1]
    terminals = np.flatnonzero(player == TERMINAL)
    _check_payoffs(game, parent, terminals)
    kind = unify_kinds(set(game._kind_of.values()))

    chance_prob = np.empty(n, dtype=np.float64 if kind == "float" else object)
    chance_prob[:] = 1
    probs = game._chance_probs
    for v in range(1, n):
        p = parent[v]
        if player[p] == CHANCE:
            chance_prob[v] = probs[p][action[v]]
    chance_prob = _cast_array(chance_prob, kind)

    edge = np.zeros((n, N), dtype=np.float64 if kind == "float" else object)
    if kind != "float":
        edge[:] = 0
    for v, vals in game._outcomes.items():
        edge[v] = vals
    edge = _cast_array(edge, kind)
    total = accumulate(parent, edge, "add")
    reach = accumulate(parent, chance_prob, "mul")
    info = game._infosets
    arrays = TreeArrays(
        parent=parent, player=player, infoset=infoset, action=action,
        chance_prob=chance_prob, terminals=terminals, payoffs=total[terminals],
        chance_reach=reach[terminals], kind=kind,
        infoset_player=np.array([h[1] for h in info], dtype=np.int64),
        infoset_labels=tuple(h[0] for h in info),
        infoset_actions=tuple(h[2] for h in info),
        recall_problems=_walk(game, player, infoset, action))
    for a in (arrays.parent, arrays.player, arrays.infoset, arrays.action,
              arrays.chance_prob, arrays.terminals, arrays.payoffs, arrays.chance_reach):
        a.setflags(write=False)
    return arrays


def _cast_array(arr: np.ndarray, kind: str) -> np.ndarray:
    """Cast to ``kind``; exact integers stay int64 (fast) when they are small."""
    if kind == "exact" and _small_ints(arr):
        return np.array([int(v) for v in arr.ravel()], dtype=np.int64).reshape(arr.shape)
    return cast_values(arr.ravel(), kind).reshape(arr.shape)


def _small_ints(arr: np.ndarray) -> bool:
    if arr.dtype.kind in "iu":
        return True
    return all(isinstance(v, (int, np.integer)) or (isinstance(v, Fraction) and v.denominator == 1)
               for v in arr.flat) and all(abs(v) < _SMALL for v in arr.flat)


def _check_payoffs(game: Any, parent: np.ndarray, terminals: np.ndarray) -> None:
    """Every terminal needs payoffs at itself or on its path (GameError naming it)."""
    has = np.zeros(len(parent), dtype=bool)
    for v in game._outcomes:
        has[v] = True
    par = parent.tolist()
    for v in range(1, len(par)):
        if has[par[v]]:
            has[v] = True
    missing = terminals[~has[terminals]]
    if len(missing):
        raise GameError(f"terminal node {game._path(int(missing[0]))} has no payoffs; "
                        "set them with node.payoffs(...)")


def _walk(game: Any, player: np.ndarray, infoset: np.ndarray, action: np.ndarray
          ) -> tuple[str, ...]:
    """One iterative depth-first pass: raise on absent-mindedness, list recall failures.

    Perfect recall holds when, for every information set, all its nodes are reached after
    the same last own (information set, action) of its player: by induction they then
    share the player's whole history of own moves (Kuhn 1953; Osborne & Rubinstein 1994,
    def. 203.3).
    """
    N = len(game._players)
    children = game._children
    labels = [h[0] for h in game._infosets]
    on_path = [0] * len(labels)
    first: dict[int, tuple] = {}
    problems: dict[int, str] = {}
    last: list[tuple | None] = [None] * N
    stack: list[tuple] = [(0, None)]
    while stack:
        v, restore = stack.pop()
        if restore is not None:             # leaving decision node v
            h = int(infoset[v])
            on_path[h] -= 1
            last[int(player[v])] = restore[0]
            continue
        p = int(player[v])
        par = game._parent[v]
        if par >= 0 and player[par] >= 0:
            last[int(player[par])] = (int(infoset[par]), int(action[v]))
        if p >= 0:
            h = int(infoset[v])
            if on_path[h]:
                raise GameError(f"information set {labels[h]!r} is met twice on one path "
                                f"(at node {game._path(v)}): absent-mindedness is not "
                                "supported")
            seen = first.setdefault(h, (last[p], v))
            if seen[0] != last[p] and h not in problems:
                problems[h] = _recall_message(game, labels, h, seen, (last[p], v))
            on_path[h] += 1
            stack.append((v, (last[p],)))
        for c in reversed(children[v] or ()):
            stack.append((c, None))
    return tuple(problems[h] for h in sorted(problems))


def _recall_message(game: Any, labels: list, h: int, a: tuple, b: tuple) -> str:
    def history(last):
        if last is None:
            return "no earlier move"
        h2, act = last
        return f"{game._infosets[h2][2][act]!r} at {labels[h2]!r}"

    who = game._players[game._infosets[h][1]]
    return (f"information set {labels[h]!r} of {who}: node {game._path(a[1])} follows "
            f"{history(a[0])} but node {game._path(b[1])} follows {history(b[0])}, so "
            f"{who} forgets own earlier moves")
