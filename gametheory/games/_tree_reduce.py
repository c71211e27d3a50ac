"""The reduced normal form of a game tree (Myerson 1991, sec. 2.3).

A reduced strategy of player p assigns actions only to the information sets of p that
p's own assignment does not cut off. They are enumerated directly, without listing all
pure strategies: walk the tree, visit every branch at other players' and chance nodes,
and branch on the action at the first unassigned information set of p met on the way.
"""

from __future__ import annotations

import numpy as np

from ._tree_compile import TreeArrays, subtree_any
from ._tree_util import expand_all

__all__ = ["reduced_strategies", "reduced_normal_form"]


def reduced_strategies(arrays: TreeArrays, children: list, p: int,
                       limit: int | None = None) -> np.ndarray | None:
    """Player p's reduced strategies as an int array (num_strategies, num_infosets).

    Entry ``[s, h]`` is the action index at information set h, or -1 where strategy s
    does not reach h (or h is another player's). With ``limit``, returns None as soon
    as there are more than ``limit`` strategies (a cheap size test).
    """
    below = subtree_any(arrays.parent, arrays.player == p)  # p moves at or below v
    player, infoset, H = arrays.player, arrays.infoset, len(arrays.infoset_labels)
    out: list[np.ndarray] = []
    work: list[tuple[np.ndarray, list[int]]] = [(np.full(H, -1, dtype=np.int64), [0])]
    while work:
        assign, frontier = work.pop()
        branched = False
        while frontier:
            v = frontier.pop()
            if not below[v]:
                continue
            kids = children[v]
            if player[v] != p:
                frontier.extend(reversed(kids))
                continue
            h = infoset[v]
            if assign[h] >= 0:
                frontier.append(kids[assign[h]])
                continue
            for a in range(len(kids) - 1, -1, -1):
                new = assign.copy()
                new[h] = a
                work.append((new, frontier + [kids[a]]))
            branched = True
            break
        if not branched:
            out.append(assign)
            if limit is not None and len(out) > limit:
                return None
    return np.array(out, dtype=np.int64).reshape(len(out), H)


def _labels(arrays: TreeArrays, strategies: np.ndarray, p: int) -> list[str]:
    own = np.flatnonzero(arrays.infoset_player == p)
    if len(own) == 0:
        return ["(no move)"]

    def label(s: np.ndarray, star: bool) -> str:
        parts = [arrays.infoset_actions[h][s[h]] if s[h] >= 0 else "*"
                 for h in own if star or s[h] >= 0]
        return "/".join(parts)

    short = [label(s, False) for s in strategies]
    if len(set(short)) == len(short):
        return short
    return [label(s, True) for s in strategies]


def _requirements(arrays: TreeArrays, N: int) -> list[list[tuple[list[int], list[int]]]]:
    """For each terminal and player: the (information sets, actions) on its path."""
    parent, player, infoset, action = (arrays.parent.tolist(), arrays.player.tolist(),
                                       arrays.infoset.tolist(), arrays.action.tolist())
    reqs = []
    for t in arrays.terminals.tolist():
        per = [([], []) for _ in range(N)]
        v = t
        while parent[v] >= 0:
            u = parent[v]
            if player[u] >= 0:
                per[player[u]][0].append(infoset[u])
                per[player[u]][1].append(action[v])
            v = u
        reqs.append(per)
    return reqs


def reduced_normal_form(game):
    """The reduced normal form of ``game`` as a NormalFormGame (see its docstring)."""
    from .normal import NormalFormGame

    arrays = game.arrays
    N = game.num_players
    strategies = [reduced_strategies(arrays, game._children, p) for p in range(N)]
    shape = tuple(max(len(s), 1) for s in strategies)
    exact = arrays.kind != "float"
    U = np.zeros((N,) + shape, dtype=object if exact else np.float64)
    pay = arrays.payoffs.astype(object) if exact else arrays.payoffs  # Python ints, not int64
    reach = arrays.chance_reach.astype(object) if exact else arrays.chance_reach
    for t, per in enumerate(_requirements(arrays, N)):
        idx = []
        for p, (hs, acts) in enumerate(per):
            S = strategies[p]
            ok = np.all(S[:, hs] == np.array(acts, dtype=np.int64), axis=1) if len(S) \
                else np.ones(1, dtype=bool)
            idx.append(np.flatnonzero(ok))
        if any(len(i) == 0 for i in idx):
            continue
        cells = np.ix_(*idx)
        for i in range(N):
            U[i][cells] = U[i][cells] + reach[t] * pay[t, i]
    if arrays.kind == "symbolic":
        U = expand_all(U)
    labels = [_labels(arrays, s, p) if len(s) else ["(no move)"]
              for p, s in enumerate(strategies)]
    return NormalFormGame(U, game.players, labels)
