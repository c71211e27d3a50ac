"""Recognising a Harsanyi tree (see :meth:`BayesianGame.from_tree`)."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ._bayesian_spec import profile_key

if TYPE_CHECKING:
    from .extensive import ExtensiveFormGame

__all__ = ["harsanyi_parts"]


def _type_names(player: str, labels: list[str]) -> tuple[bool, list[str]]:
    """(typed, type names) from a player's information set labels."""
    pattern = re.compile(re.escape(player) + r" \((.*)\)\Z", re.DOTALL)
    parsed = [m.group(1) if (m := pattern.match(lab)) else None for lab in labels]
    if len(labels) == 1 and parsed[0] is None:
        return False, []
    names = [p if p is not None else lab for p, lab in zip(parsed, labels)]
    if len(set(names)) != len(names):
        names = list(labels)
    return True, names


def _layers(tree: ExtensiveFormGame, top: int, where: str) -> list[tuple[int, int]]:
    """The (player, information set) of each depth below ``top``; GameError unless every
    player moves once, each depth is one information set and the last leads to terminals."""
    N = tree.num_players
    nodes, layers = [top], []
    for depth in range(N + 1):
        movers = {tree.mover(v) for v in nodes}
        if depth == N:
            if movers != {None}:
                raise GameError(f"not a Harsanyi tree: below {where} the game goes on after "
                                f"every player has moved once")
            return layers
        if None in movers:
            who = {tree.players[p] for p, _ in layers}
            missing = [p for p in tree.players if p not in who]
            raise GameError(f"not a Harsanyi tree: below {where} a path ends before "
                            f"{missing[0]} moves")
        if len(movers) != 1:
            raise GameError(f"not a Harsanyi tree: below {where} the nodes at depth "
                            f"{depth + 1} are not one information set (moves there are not "
                            "simultaneous)")
        p, h = movers.pop()
        if p < 0:
            raise GameError(f"not a Harsanyi tree: a chance move below {where} (chance moves "
                            "only at the root)")
        if any(p == q for q, _ in layers):
            raise GameError(f"not a Harsanyi tree: {tree.players[p]} moves twice below {where}")
        layers.append((p, h))
        nodes = [c for v in nodes for c in tree.children(v)]
    raise AssertionError("unreachable")


def harsanyi_parts(tree: ExtensiveFormGame) -> dict[str, Any]:
    """The keyword arguments of :class:`BayesianGame` for a Harsanyi tree."""
    N = tree.num_players
    arrays = tree.arrays
    payoff_at = dict(zip(arrays.terminals.tolist(), arrays.payoffs))
    root = tree.mover(0)
    if root is None:
        raise GameError("not a Harsanyi tree: the root is terminal")
    if root[0] < 0:
        tops = tree.children(0)
        probs = list(tree.chance_probabilities(0))
        names = [f"chance outcome {lab!r}" for lab in tree.action_labels(0)]
    else:
        tops, probs, names = (0,), [1], ["the root"]
    layers = [_layers(tree, top, where) for top, where in zip(tops, names)]
    infos = tree.information_sets
    own: list[list[int]] = [[] for _ in range(N)]
    for lay in layers:
        for p, h in lay:
            if h not in own[p]:
                own[p].append(h)
    for p in range(N):
        own[p].sort()
    typed, types = zip(*(_type_names(tree.players[p], [infos[h].label for h in own[p]])
                         for p in range(N)))
    profiles = []
    for lay, where in zip(layers, names):
        at = dict(lay)
        prof = tuple(own[p].index(at[p]) for p in range(N))
        if prof in profiles:
            raise GameError(f"not a Harsanyi tree: {where} gives every player the same "
                            f"information as chance outcome "
                            f"{tree.action_labels(0)[profiles.index(prof)]!r}")
        profiles.append(prof)
    keys = [profile_key(types, typed, prof) for prof in profiles]
    tables = {}
    for top, lay, prof, key in zip(tops, layers, profiles, keys):
        acts = [infos[own[p][prof[p]]].actions for p in range(N)]
        table = np.empty((N,) + tuple(len(a) for a in acts), dtype=object)
        for cell in itertools.product(*(range(len(a)) for a in acts)):
            v = top
            for p, _ in lay:
                v = tree.children(v)[cell[p]]
            table[(slice(None),) + cell] = list(payoff_at[v])
        tables[key] = table
    out: dict[str, Any] = {
        "players": list(tree.players),
        "types": {tree.players[p]: types[p] for p in range(N) if typed[p]},
        "actions": {tree.players[p]: ({types[p][t]: infos[h].actions
                                       for t, h in enumerate(own[p])} if typed[p]
                                      else infos[own[p][0]].actions) for p in range(N)},
        "payoffs": tables if any(typed) else tables[keys[0]],
        "prior": dict(zip(keys, probs)) if any(typed) else None,
    }
    if not any(typed):
        out.pop("types")
    return out
