"""Kuhn's theorem both ways, beliefs by Bayes' rule, and the agent normal form.

Under perfect recall a mixed strategy over the reduced normal form and a behaviour
strategy are interchangeable (Kuhn 1953). Mixed to behaviour goes through the
realisation plan: ``x[h, a]`` is the total probability of the reduced strategies that
play a at h (exactly those consistent with the sequence (h, a)), and the behaviour at h
is ``x[h, a] / sum_b x[h, b]``; an information set the player's own plan never reaches
gets its first action (any choice there is payoff-irrelevant). Behaviour to mixed gives
each reduced strategy the product of the behaviour probabilities of the actions it
assigns.

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information. *Contributions to the
Theory of Games II*, 193-216. von Stengel, B. (1996). Efficient computation of behavior
strategies. *Games and Economic Behavior* 14, 220-246. Myerson, R. B. (1991). *Game
Theory: Analysis of Conflict*, sec. 2.6 (agent form) and 4.3 (beliefs). Harvard UP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from ._labels import is_sequence
from ._tree_compile import cast_values
from ._tree_reduce import _labels, reduced_strategies
from ._tree_util import behavior_table, check_distribution, expand_all
from .values import as_entry_array, convert_array

__all__ = ["MAX_AGENT_CELLS", "beliefs", "mixed_to_behavior", "behavior_to_mixed",
           "agent_form"]

#: Largest number of pure profiles (cells) :func:`agent_form` builds.
MAX_AGENT_CELLS = 10**6


def _need_recall(game: Any, what: str) -> None:
    if not game.has_perfect_recall:
        raise GameError(f"{what} needs perfect recall (Kuhn's theorem): "
                        + game.recall_problems()[0])


def beliefs(game: Any, behavior: Mapping[str, Any]) -> dict[str, dict[str, Any] | None]:
    """Bayes' rule at every information set; None where it is reached with probability 0."""
    reach = game.realization_probabilities(behavior, nodes=True)
    a = game.arrays
    nodes = np.flatnonzero(a.player >= 0)
    order = np.argsort(a.infoset[nodes], kind="stable")
    nodes = nodes[order]
    bounds = np.searchsorted(a.infoset[nodes], np.arange(len(a.infoset_labels) + 1))
    out: dict[str, dict[str, Any] | None] = {}
    for h, label in enumerate(a.infoset_labels):
        members = nodes[bounds[h]:bounds[h + 1]].tolist()
        r = [reach[v] for v in members]
        total = sum(r[1:], r[0])
        if total == 0 or (reach.dtype != object and total <= 0):
            out[label] = None
            continue
        probs = [x / total for x in r]
        if reach.dtype == object and a.kind == "symbolic":
            import sympy

            probs = [sympy.simplify(x) for x in probs]
        elif reach.dtype != object:
            probs = [float(x) for x in probs]
        out[label] = {game._path(v): p for v, p in zip(members, probs, strict=True)}
    return out


def _reduced(game: Any) -> list[np.ndarray]:
    a = game.arrays
    return [reduced_strategies(a, game._children, p) for p in range(game.num_players)]


def _mixed(vec: Any, labels: list[str], who: str) -> tuple[np.ndarray, bool]:
    """One player's mixed strategy (vector, label or index) and whether it is exact."""
    n = len(labels)
    if isinstance(vec, (str, int, np.integer)) and not isinstance(vec, bool):
        k = labels.index(vec) if isinstance(vec, str) and vec in labels else vec
        if isinstance(k, str) or not 0 <= int(k) < n:
            raise GameError(f"{who} has no reduced strategy {vec!r}; strategies are "
                            f"{', '.join(labels)}")
        out = np.array([Fraction(0)] * n, dtype=object)
        out[int(k)] = Fraction(1)
        return out, True
    if not is_sequence(vec):
        raise GameError(f"the strategy of {who} is {vec!r}; expected a probability vector "
                        f"over the {n} reduced strategies, a label or an index")
    arr, kind = convert_array(as_entry_array(vec, f"the strategy of {who} is ragged"),
                              lambda i: f"the probability of strategy {i} of {who}")
    if arr.shape != (n,):
        raise GameError(f"the strategy of {who} has shape {arr.shape}; expected ({n},), one "
                        f"probability per reduced strategy ({', '.join(labels)})")
    if kind == "symbolic":
        raise GameError(f"the strategy of {who} is symbolic; give numbers")
    arr = cast_values(arr, kind)
    check_distribution(arr, kind, f"the strategy of {who}")
    return arr, kind == "exact"


def mixed_to_behavior(game: Any, strategies: Sequence[Any]) -> dict[str, dict[str, Any]]:
    """Behaviour profile equivalent to mixed strategies over the reduced normal form."""
    _need_recall(game, "mixed_to_behavior")
    strategies = getattr(strategies, "strategies", strategies)
    N = game.num_players
    if isinstance(strategies, str) or not is_sequence(strategies) or len(strategies) != N:
        raise GameError(f"give one mixed strategy per player ({N}); got {strategies!r}")
    a = game.arrays
    offsets = np.cumsum([0] + [len(x) for x in a.infoset_actions], dtype=np.int64)
    out: dict[str, dict[str, Any]] = {}
    for p, (S, vec) in enumerate(zip(_reduced(game), strategies, strict=True)):
        probs, exact = _mixed(vec, _labels(a, S, p) if len(S) else ["(no move)"],
                              game.players[p])
        own = np.flatnonzero(a.infoset_player == p)
        x = np.zeros(int(offsets[-1]), dtype=object if exact else np.float64)
        if exact:
            x[:] = Fraction(0)
        rows, cols = np.nonzero(S[:, own] >= 0)
        hs = own[cols]
        np.add.at(x, offsets[hs] + S[rows, hs], probs[rows])
        for h in own.tolist():
            seg = x[offsets[h]:offsets[h + 1]]
            total = seg.sum()
            if total > 0:
                seg = seg / total
                if not exact:
                    seg = np.clip(seg, 0.0, None)
                    seg = (seg / seg.sum()).tolist()
            else:
                seg = [Fraction(1) if exact else 1.0] + [Fraction(0) if exact else 0.0] \
                    * (len(seg) - 1)
            out[a.infoset_labels[h]] = dict(zip(a.infoset_actions[h], seg, strict=True))
    return {h: out[h] for h in a.infoset_labels}


def behavior_to_mixed(game: Any, behavior: Mapping[str, Any]) -> tuple[np.ndarray, ...]:
    """Mixed strategies over the reduced normal form equivalent to a behaviour profile."""
    _need_recall(game, "behavior_to_mixed")
    flat, offsets, kind = behavior_table(game, behavior)
    if kind == "symbolic":
        raise GameError("behavior_to_mixed needs numeric probabilities; this profile is "
                        "symbolic")
    flat = cast_values(flat, kind)
    out = []
    for S in _reduced(game):
        if S.shape[1] == 0:
            out.append(cast_values([1] * len(S), kind))
            continue
        mask = S >= 0
        cols = np.broadcast_to(np.arange(S.shape[1]), S.shape)
        idx = np.where(mask, offsets[cols] + S, 0)
        factors = np.where(mask, flat[idx], 1)
        out.append(cast_values(np.prod(factors, axis=1), kind))
    return tuple(out)


def agent_form(game: Any):
    """The agent normal form: one player per information set (see the game's method)."""
    from .normal import NormalFormGame

    a = game.arrays
    H = len(a.infoset_labels)
    if H == 0:
        raise GameError("the agent form needs at least one information set; this tree has "
                        "only chance moves")
    sizes = [len(x) for x in a.infoset_actions]
    cells = int(np.prod(sizes, dtype=object))
    if cells > MAX_AGENT_CELLS:
        raise GameError(f"the agent form of this tree has {cells:,} cells ({H} information "
                        f"sets), more than {MAX_AGENT_CELLS:,}; use to_normal_form() or "
                        f"the behaviour methods instead")
    exact = a.kind != "float"
    U = np.zeros((H, *sizes), dtype=object if exact else np.float64)
    if exact:
        U[...] = 0
    pay = a.payoffs.astype(object) if exact else a.payoffs
    reach = a.chance_reach.astype(object) if exact else a.chance_reach
    parent, player, infoset, action = (a.parent.tolist(), a.player.tolist(),
                                       a.infoset.tolist(), a.action.tolist())
    owner = a.infoset_player
    tail = (1,) * H
    for t, v in enumerate(a.terminals.tolist()):
        index: list[Any] = [slice(None)] * H
        while parent[v] >= 0:
            u = parent[v]
            if player[u] >= 0:
                index[infoset[u]] = action[v]
            v = u
        gain = (reach[t] * pay[t, owner]).reshape((H,) + tail[:H - sum(
            isinstance(i, int) for i in index)])
        U[(slice(None), *index)] += gain
    if a.kind == "symbolic":
        U = expand_all(U)
    return NormalFormGame(U, a.infoset_labels, a.infoset_actions)
