"""Build a game tree from flat arrays in one go (:meth:`ExtensiveFormGame.from_arrays`).

The arrays describe the tree as the node-by-node builder numbers it: node ids in
creation order, the root 0, every node's children consecutive ids in action order, a
parent before its children. The builder's lists are filled in bulk and the compiled
:class:`~gametheory.games._tree_compile.TreeArrays` are computed with numpy, level by
level (nodes of one depth at once), in the builder's arithmetic order, so the game is
the one the builder makes: the same arrays, labels, information sets and solutions.
Perfect recall is checked by propagating each player's last own (information set,
action) down the levels; a tree that fails it (or meets an information set twice on a
path) is checked again by the builder's own depth-first walk, for its messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ._labels import check_players
from ._tree_compile import (
    _SMALL,
    CHANCE,
    TERMINAL,
    TreeArrays,
    _cast_array,
    _walk,
    unify_kinds,
)
from .values import convert_array

if TYPE_CHECKING:
    from .extensive import ExtensiveFormGame

__all__ = ["build_from_arrays"]


def _int_array(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """A 1-d int64 array (GameError for anything else, or a length other than n)."""
    a = np.asarray(values)
    if a.ndim != 1 or (a.size and a.dtype.kind not in "iu"):
        raise GameError(f"{name} must be a 1-d array of integers; got shape {a.shape} of "
                        f"{a.dtype}")
    if n is not None and len(a) != n:
        raise GameError(f"{name} has {len(a)} entries for {n} nodes")
    return a.astype(np.int64)


def _structure(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(first child, number of children)`` of every node; GameError unless parent[0]
    is -1, every other parent an earlier node, and each node's children consecutive."""
    n = len(parent)
    if n == 0 or parent[0] != -1:
        raise GameError("parent[0] must be -1 (node 0 is the root)")
    bad = np.flatnonzero((parent[1:] < 0) | (parent[1:] >= np.arange(1, n)))
    if len(bad):
        v = int(bad[0]) + 1
        raise GameError(f"parent[{v}] = {int(parent[v])}: every node but the root needs an "
                        f"earlier node as parent (ids in creation order, so no cycles)")
    count = np.bincount(parent[1:], minlength=n)
    first = np.full(n, -1, dtype=np.int64)
    if n > 1:
        starts = np.r_[1, np.flatnonzero(parent[2:] != parent[1:-1]) + 2]
        runs = parent[starts]
        vals, times = np.unique(runs, return_counts=True)
        if (times > 1).any():
            raise GameError(f"the children of node {int(vals[times > 1][0])} are not "
                            f"consecutive ids (the builder numbers a node's children "
                            f"together)")
        first[runs] = starts
    return first, count


def _blocks(first: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The ids ``first[j], ..., first[j] + k[j] - 1`` of all blocks, concatenated."""
    offsets = np.arange(int(k.sum())) - np.repeat(np.cumsum(k) - k, k)
    return np.repeat(first, k) + offsets


def _levels(first: np.ndarray, count: np.ndarray) -> list[np.ndarray]:
    """The node ids by depth, each level in id order (breadth first over the blocks)."""
    levels = [np.zeros(1, dtype=np.int64)]
    while True:
        up = levels[-1]
        k = count[up]
        up, k = up[k > 0], k[k > 0]
        if not len(up):
            return levels
        levels.append(_blocks(first[up], k))


def _default_moves(count: np.ndarray, nodes: np.ndarray, chance: bool
                   ) -> list[tuple[str, ...]]:
    """The default move labels (``a1, a2, ...``; ``c1, c2, ...`` at chance nodes) of
    ``nodes``, one shared tuple per number of moves."""
    mark = "c" if chance else "a"
    shared = {int(k): tuple(f"{mark}{j + 1}" for j in range(k)) for k in np.unique(count[nodes])}
    return [shared[k] for k in count[nodes].tolist()]


def _given_moves(actions: Any, n: int, nodes: np.ndarray, first: np.ndarray,
                 count: np.ndarray) -> list[tuple[str, ...]]:
    """The move labels of ``nodes`` from ``actions[v]``, the label of the move into v."""
    if isinstance(actions, str) or not isinstance(actions, (Sequence, np.ndarray)) \
            or len(actions) != n:
        raise GameError(f"actions must be a sequence of {n} labels, one per node (the label "
                        f"of the move into it)")
    names = [str(a) for a in actions]
    out = [tuple(names[f:f + k]) for f, k in zip(first[nodes].tolist(), count[nodes].tolist())]
    for v, labs in zip(nodes.tolist(), out):
        if len(set(labs)) != len(labs):
            dup = next(a for a in labs if labs.count(a) > 1)
            raise GameError(f"the moves at node {v} repeat the label {dup!r}")
    return out


def _probabilities(probabilities: Any, n: int, chance: np.ndarray, first: np.ndarray,
                   count: np.ndarray) -> tuple[np.ndarray | None, str | None]:
    """The branch probabilities (entry v: of the move into v), validated at the chance
    nodes; ``(None, None)`` for a tree without chance."""
    if not len(chance):
        return None, None
    if probabilities is None:
        raise GameError(f"node {int(chance[0])} is a chance node: give probabilities")
    try:
        raw = np.asarray(probabilities)
    except ValueError:
        raw = np.empty((0, 0))
    if raw.ndim != 1 or len(raw) != n:
        raise GameError(f"probabilities must be a 1-d array of {n} entries (entry v: the "
                        f"probability of the move into node v); got shape {raw.shape}")
    kids = _blocks(first[chance], count[chance])
    vals, kind = convert_array(raw[kids], lambda i: f"the probability of the move into node "
                                                    f"{int(kids[i[0]])}")
    if kind == "symbolic":
        raise GameError("probabilities must be numbers (build trees with parameters node "
                        "by node)")
    neg = np.flatnonzero(vals < 0)
    if len(neg):
        raise GameError(f"probability {vals[neg[0]]} of the move into node "
                        f"{int(kids[neg[0]])} is negative")
    starts = np.r_[0, np.cumsum(count[chance])[:-1]]
    if vals.dtype == object:
        totals = [sum(vals[s:s + k]) for s, k in zip(starts, count[chance].tolist())]
        wrong = [j for j, t in enumerate(totals) if t != 1]
    else:
        totals = np.add.reduceat(vals, starts)
        wrong = np.flatnonzero(np.abs(totals - 1) > 1e-9).tolist() if kind == "float" else \
            np.flatnonzero(totals != 1).tolist()
    if wrong:
        j = wrong[0]
        raise GameError(f"probabilities at chance node {int(chance[j])} sum to {totals[j]}, "
                        "not 1")
    out = np.empty(n, dtype=vals.dtype)
    out[:] = 1
    out[kids] = vals
    return out, kind


def _short_paths(parent: np.ndarray, action: np.ndarray, moves: Any,
                 levels: list[np.ndarray], limit: int = 12) -> dict[int, str]:
    """``{node: path}`` for the nodes at most ``limit`` moves deep (the others are named
    by id in default labels, as ``ExtensiveFormGame._path(v, limit=12)`` says);
    ``moves(v)`` gives the move labels at node v."""
    paths = {0: "root"}
    for depth, lev in enumerate(levels[1:limit + 1], start=1):
        for v, p, a in zip(lev.tolist(), parent[lev].tolist(), action[lev].tolist()):
            step = moves(p)[a]
            paths[v] = step if depth == 1 else f"{paths[p]}/{step}"
    return paths


def _default_labels(names: tuple, heads: np.ndarray, set_player: np.ndarray,
                    paths: dict[int, str]) -> list[str]:
    """The builder's default label of each set (``_default_infoset`` of its first node, in
    creation order): ``"<player>: <path>"``, ``"<player>: node <id>"`` below depth 12,
    made unique by `` #<id>``. The deep labels are formatted in bulk: they can meet no
    other label unless a path itself reads ``node <number>``; then the builder's loop
    runs over all sets."""
    heads_l, players_l = heads.tolist(), set_player.tolist()
    labels = [f"{names[p]}: node {v}" for v, p in zip(heads_l, players_l)]
    taken: set[str] = set()
    shallow = np.zeros(int(heads.max()) + 1 if len(heads) else 0, dtype=bool)
    shallow[[v for v in paths if v < len(shallow)]] = True
    for k in np.flatnonzero(shallow[heads]).tolist():
        v, p = heads_l[k], players_l[k]
        path = paths[v]
        if _NODE_PATH.search(path):       # could be some deep set's label: exact loop
            return _labels_in_order(names, heads_l, players_l, paths)
        label = f"{names[p]}: {path}"
        while label in taken:
            label += f" #{v}"
        taken.add(label)
        labels[k] = label
    return labels


_NODE_PATH = re.compile(r"(^|: )node \d+$")


def _labels_in_order(names: tuple, heads: list[int], players: list[int],
                     paths: dict[int, str]) -> list[str]:
    """:func:`_default_labels` by the builder's loop, every label against all before."""
    taken: set[str] = set()
    out = []
    for v, p in zip(heads, players):
        path = paths.get(v)
        label = f"{names[p]}: {path if path is not None else f'node {v}'}"
        while label in taken:
            label += f" #{v}"
        taken.add(label)
        out.append(label)
    return out


def _infosets(infoset: Any, n: int, decision: np.ndarray, first: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(set of each node, -1 elsewhere; the first node of each set; the key of each
    set)``, sets numbered in the builder's creation order (the order of the first child
    ids of their first nodes)."""
    order = decision[np.argsort(first[decision], kind="stable")]   # the builder's decides
    keys = order if infoset is None else _int_array(infoset, "infoset", n)[order]
    uniq, first_pos, inverse = np.unique(keys, return_index=True, return_inverse=True)
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[np.argsort(first_pos, kind="stable")] = np.arange(len(uniq))
    h_of = np.full(n, -1, dtype=np.int64)
    h_of[order] = rank[inverse.ravel()]
    pos = np.sort(first_pos)
    return h_of, order[pos], keys[pos]


def _recall_ok(levels: list[np.ndarray], parent: np.ndarray, player: np.ndarray,
               h_of: np.ndarray, action: np.ndarray, N: int, H: int) -> bool:
    """Whether every information set's nodes follow the same last own (information set,
    action) of its player: perfect recall, and then no set is met twice on a path (a
    topmost such pair would follow different last moves)."""
    n = len(parent)
    decision = np.flatnonzero(player >= 0)
    if len(decision) == H:             # every set one node: nothing to compare
        return True
    last = np.full((n, N), -1, dtype=np.int64)     # code of the last own move, -1: none
    width = int(action.max()) + 2 if n > 1 else 1
    for lev in levels[1:]:
        par = parent[lev]
        last[lev] = last[par]
        mover = player[par]
        dec = mover >= 0
        last[lev[dec], mover[dec]] = h_of[par[dec]] * width + action[lev[dec]]
    codes = last[decision, player[decision]]
    hs = h_of[decision]
    lo = np.full(H, np.iinfo(np.int64).max)
    hi = np.full(H, np.iinfo(np.int64).min)
    np.minimum.at(lo, hs, codes)
    np.maximum.at(hi, hs, codes)
    return bool((lo == hi).all())


class Pending:
    """What :func:`materialize` needs to fill the builder's lists of a bulk-built game."""

    def __init__(self, **fields: Any):
        self.__dict__.update(fields)


def build_from_arrays(cls: type, players: Sequence[str], parent: Any, player: Any,
                      payoffs: Any, *, infoset: Any = None, actions: Any = None,
                      probabilities: Any = None, infoset_labels: Any = None,
                      title: str | None = None) -> ExtensiveFormGame:
    """See :meth:`ExtensiveFormGame.from_arrays`."""
    if players is None or isinstance(players, str) or len(players) == 0:
        raise GameError(f"an extensive-form game needs a list of player names; got "
                        f"{players!r}")
    names = check_players(players, len(players))
    N = len(names)
    parent = _int_array(parent, "parent")
    n = len(parent)
    first, count = _structure(parent)
    player = _int_array(player, "player", n)
    if (player < TERMINAL).any() or (player >= N).any():
        v = int(np.flatnonzero((player < TERMINAL) | (player >= N))[0])
        raise GameError(f"player[{v}] = {int(player[v])}: expected a player index 0 to "
                        f"{N - 1}, -1 (chance) or -2 (terminal)")
    mismatch = np.flatnonzero((count > 0) == (player == TERMINAL))
    if len(mismatch):
        v = int(mismatch[0])
        what = "has children but player -2 (terminal)" if count[v] else \
            "has no children but a mover (give it player -2, terminal)"
        raise GameError(f"node {v} {what}")
    terminals = np.flatnonzero(count == 0)
    try:
        pay = np.asarray(payoffs)
        shape = str(pay.shape)
    except ValueError:                   # rows of different lengths
        pay, shape = np.empty(0), "ragged rows"
    if pay.shape != (len(terminals), N):
        raise GameError(f"payoffs must be a ({len(terminals)}, {N}) array: one row of {N} "
                        f"payoffs per terminal node, in id order; got {shape}")
    pay, pay_kind = convert_array(pay, lambda i: f"the payoff of {names[i[1]]} at terminal "
                                                 f"node {int(terminals[i[0]])}")
    if pay_kind == "symbolic":
        raise GameError("payoffs must be numbers (build trees with parameters node by node)")
    pay.setflags(write=False)
    chance = np.flatnonzero(player == CHANCE)
    decision = np.flatnonzero(player >= 0)
    probs, prob_kind = _probabilities(probabilities, n, chance, first, count)
    action = np.full(n, -1, dtype=np.int64)
    action[1:] = np.arange(1, n) - first[parent[1:]]
    levels = _levels(first, count)

    internal = np.flatnonzero(count > 0)
    given = None if actions is None else dict(zip(internal.tolist(), _given_moves(
        actions, n, internal, first, count)))
    h_of, heads, keys = _infosets(infoset, n, decision, first)
    set_player = player[heads]
    mixed = np.flatnonzero(set_player[h_of[decision]] != player[decision])
    if given is not None:
        moves = given.__getitem__
    else:
        defaults: dict[tuple[int, bool], tuple[str, ...]] = {}

        def moves(v: int) -> tuple[str, ...]:
            key = (int(count[v]), bool(player[v] == CHANCE))
            if key not in defaults:
                defaults[key] = _default_moves(count, np.array([v]), key[1])[0]
            return defaults[key]
    if given is None:
        set_actions = _default_moves(count, heads, False)
    else:
        set_actions = [given[v] for v in heads.tolist()]
    if infoset_labels is None:
        set_labels = _default_labels(names, heads, set_player,
                                     _short_paths(parent, action, moves, levels))
    else:
        set_labels = []
        for key in keys.tolist():
            try:
                set_labels.append(str(infoset_labels[key]))
            except (KeyError, IndexError, TypeError):
                raise GameError(f"infoset_labels has no label for information set "
                                f"{key}") from None
        if len(set(set_labels)) != len(set_labels):
            dup = next(lab for lab in set_labels if set_labels.count(lab) > 1)
            raise GameError(f"two information sets are labelled {dup!r}")

    game = cls(names, title=title)
    for name in BUILDER_FIELDS:
        del game.__dict__[name]
    game._bulk = Pending(parent=parent, action=action, first=first, count=count,
                         player=player, internal=internal, chance=chance, decision=decision,
                         given=given, h_of=h_of, terminals=terminals, pay=pay,
                         pay_kind=pay_kind, probs=probs, prob_kind=prob_kind,
                         set_labels=set_labels, set_player=set_player,
                         set_actions=set_actions)
    if len(mixed):
        v = int(decision[mixed[0]])
        h = int(h_of[v])
        raise GameError(f"information set {set_labels[h]!r} mixes players: "
                        f"{names[set_player[h]]} and {names[player[v]]} (at node "
                        f"{game._path(v)})")
    _check_actions(game, decision, h_of, heads, count)
    kind = unify_kinds({pay_kind} | ({prob_kind} if prob_kind else set()))
    game._compiled = _compiled(game, kind, levels)
    return game


def _check_actions(game: Any, decision: np.ndarray, h_of: np.ndarray, heads: np.ndarray,
                   count: np.ndarray) -> None:
    """Every node of an information set has the set's actions (GameError naming one)."""
    b = game._bulk
    bad = np.flatnonzero(count[decision] != count[heads[h_of[decision]]])
    if b.given is not None and not len(bad):
        acts = b.set_actions
        bad = [k for k, (v, h) in enumerate(zip(decision.tolist(), h_of[decision].tolist()))
               if b.given[v] != acts[h]]
    if len(bad):
        v = int(decision[bad[0]])
        h = int(h_of[v])
        mine = b.given[v] if b.given is not None else \
            _default_moves(count, np.array([v]), False)[0]
        raise GameError(f"information set {b.set_labels[h]!r} has actions "
                        f"{list(b.set_actions[h])} but node {game._path(v)} has "
                        f"{list(mine)}")


#: The builder's lists, filled on first use in a bulk-built game (see materialize).
BUILDER_FIELDS = ("_parent", "_action", "_children", "_move", "_labels", "_chance_probs",
                  "_outcomes", "_kind_of", "_infosets", "_infoset_index")


def materialize(game: Any) -> None:
    """Fill the builder's lists of a game made by :func:`build_from_arrays` (when code
    that walks them, or the builder, first needs them)."""
    b = game.__dict__.pop("_bulk")
    n = len(b.parent)
    d = game.__dict__
    d["_parent"] = b.parent.tolist()
    d["_action"] = b.action.tolist()
    internal = b.internal
    children: list = [None] * n
    for v, f, k in zip(internal.tolist(), b.first[internal].tolist(),
                       b.count[internal].tolist()):
        children[v] = list(range(f, f + k))
    d["_children"] = children
    if b.given is not None:
        d["_labels"] = dict(b.given)
    else:
        labels = dict(zip(b.decision.tolist(), _default_moves(b.count, b.decision, False)))
        labels.update(zip(b.chance.tolist(), _default_moves(b.count, b.chance, True)))
        d["_labels"] = {v: labels[v] for v in internal.tolist()}
    moves: list = [None] * n
    for v in b.chance.tolist():
        moves[v] = (CHANCE, -1)
    by_set = [(p, h) for h, p in enumerate(b.set_player.tolist())]
    for v, h in zip(b.decision.tolist(), b.h_of[b.decision].tolist()):
        moves[v] = by_set[h]
    d["_move"] = moves
    d["_outcomes"] = dict(zip(b.terminals.tolist(), b.pay))   # read-only rows
    d["_kind_of"] = {("o", int(b.terminals[0])): b.pay_kind}
    d["_chance_probs"] = {}
    if b.prob_kind is not None:
        d["_chance_probs"] = {v: b.probs[f:f + k].copy() for v, f, k in
                              zip(b.chance.tolist(), b.first[b.chance].tolist(),
                                  b.count[b.chance].tolist())}
        d["_kind_of"][("p", int(b.chance[0]))] = b.prob_kind
    d["_infosets"] = list(zip(b.set_labels, b.set_player.tolist(), b.set_actions))
    d["_infoset_index"] = {label: h for h, label in enumerate(b.set_labels)}


def _compiled(game: Any, kind: str, levels: list[np.ndarray]) -> TreeArrays:
    """The TreeArrays :func:`~gametheory.games._tree_compile.compile_tree` would make."""
    b = game._bulk
    parent, player, h_of, action = b.parent, b.player, b.h_of, b.action
    n, N = len(parent), len(game._players)
    if b.probs is None:                    # no chance: ones, as compile_tree stores them
        chance_prob = np.ones(n, dtype=np.float64 if kind == "float" else np.int64)
    else:
        chance_prob = _cast(b.probs, kind)
    payoffs = _cast(b.pay, kind)
    reach = chance_prob.copy()
    for lev in levels[1:]:                 # products from the root, as accumulate does
        reach[lev] = reach[parent[lev]] * chance_prob[lev]
    if _recall_ok(levels, parent, player, h_of, action, N, len(b.set_labels)):
        problems: tuple[str, ...] = ()
    else:                                  # messages (or absent-mindedness) by the walk
        problems = _walk(game, player, h_of, action)
    arrays = TreeArrays(
        parent=parent, player=player, infoset=h_of, action=action,
        chance_prob=chance_prob, terminals=b.terminals, payoffs=payoffs,
        chance_reach=reach[b.terminals], kind=kind, infoset_player=b.set_player,
        infoset_labels=tuple(b.set_labels), infoset_actions=tuple(b.set_actions),
        recall_problems=problems)
    for a in (arrays.parent, arrays.player, arrays.infoset, arrays.action,
              arrays.chance_prob, arrays.terminals, arrays.payoffs, arrays.chance_reach,
              arrays.infoset_player):
        a.setflags(write=False)
    return arrays


def _cast(arr: np.ndarray, kind: str) -> np.ndarray:
    """``arr`` stored as compile_tree stores values of ``kind`` (numeric arrays cast at
    once; object arrays entry by entry)."""
    if kind == "float":
        return arr.astype(np.float64)
    if arr.dtype.kind in "iu" and (not arr.size or int(np.abs(arr).max()) < _SMALL):
        return arr.astype(np.int64)
    return _cast_array(arr.astype(object), kind)

