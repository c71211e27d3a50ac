"""Best responses and regrets of behaviour profiles: one pass over the tree arrays.

For each player i the others' moves and chance are fixed by the profile. Every terminal
t then carries the weight ``w_i(t) = reach_{-i}(t) * u_i(t)`` (its reach probability
without i's own moves, times i's payoff), and each of i's *sequences* (the empty one, or
an information set h with an action a) collects the weights of the terminals it leads to
directly. Under perfect recall i's information sets form a forest ordered by their
parent sequences, so the value of a sequence is its own weight plus, for every
information set that follows it, the best (or the profile's average) value over that
set's actions. All players are handled together, one *own depth* (number of own earlier
moves) at a time from the deepest, each level a few numpy calls over all its information
sets; no pure strategy is ever listed.

References
----------
von Stengel, B. (1996). Efficient computation of behavior strategies. *Games and Economic
Behavior* 14, 220-246 (sequences and realisation weights). Osborne, M. J. & Rubinstein,
A. (1994). *A Course in Game Theory*, sec. 11.4 (perfect recall). MIT Press.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from typing import Any

import numpy as np

from ..errors import GameError
from ._tree_compile import CHANCE, _levels, cast_values, unify_kinds
from ._tree_util import behavior_table

__all__ = ["Sequences", "sequences", "behavior_pass", "regrets", "best_response"]

_PLAIN = {float, int, np.float64, np.int64}
_MAX_BITS = 4096   # integer mode while D ** depth has at most this many bits


@dataclass(frozen=True)
class Sequences:
    """Structure shared by every pass over one compiled tree (cached on the game).

    Sequence ids are global: ``p`` is player p's empty sequence (p < N), and
    ``N + offsets[h] + a`` the sequence (information set h, action a).
    """

    labels: list               # information set labels
    action_labels: list        # the action labels of all information sets, flat
    offsets: np.ndarray        # (H + 1,) first flat action index of each information set
    levels: list               # node ids by depth, root excluded (parents first)
    chance_nodes: np.ndarray   # nodes entered from a chance node
    dec_nodes: np.ndarray      # nodes entered from a decision node
    dec_flat: np.ndarray       # flat action index of the edge into each dec_node
    dec_who: np.ndarray        # player moving at the parent of each dec_node
    term_seq: np.ndarray       # (T, N) each player's last sequence before each terminal
    term_depth: np.ndarray     # (T,) depth of each terminal
    iset_parent: np.ndarray    # (H,) the owner's sequence leading to each information set
    passes: list               # deepest own depth first: (isets, seqs, starts)


def sequences(game: Any) -> Sequences:
    """The :class:`Sequences` of ``game`` (GameError without perfect recall)."""
    a = game.arrays
    cached = getattr(game, "_behavior_struct", None)
    if cached is not None and cached[0] is a:
        return cached[1]
    if a.recall_problems:
        raise GameError("behaviour strategies need perfect recall (Kuhn's theorem): "
                        + a.recall_problems[0])
    n, N = len(a.parent), game.num_players
    sizes = np.fromiter(map(len, a.infoset_actions), dtype=np.int64,
                        count=len(a.infoset_actions))
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    levels = _levels(a.parent)[1:]
    v = np.arange(1, n)
    pp = a.parent[v]
    who = a.player[pp]
    dec = who >= 0
    dec_nodes = v[dec]
    dec_flat = offsets[a.infoset[pp[dec]]] + a.action[dec_nodes]
    seq_in = np.full(n, -1, dtype=np.int64)
    who_in = np.full(n, -1, dtype=np.int64)
    seq_in[dec_nodes] = N + dec_flat
    who_in[dec_nodes] = who[dec]
    node_seq = np.empty((n, N), dtype=np.int64)
    node_seq[0] = np.arange(N)
    depth = np.zeros(n, dtype=np.int64)
    for k, lev in enumerate(levels):
        depth[lev] = k + 1
        node_seq[lev] = node_seq[a.parent[lev]]
        lm = lev[who_in[lev] >= 0]
        node_seq[lm, who_in[lm]] = seq_in[lm]
    H = len(sizes)   # information sets are numbered in creation order: parents first
    decision = np.flatnonzero(a.player >= 0)
    iset_parent = np.zeros(H, dtype=np.int64)
    iset_parent[a.infoset[decision]] = node_seq[decision, a.player[decision]]
    # own depth (earlier own moves) of each information set: 0 after an empty sequence,
    # else one more than the set of its parent sequence, which the builder created first
    seq_iset = np.repeat(np.arange(H), sizes)
    above = np.where(iset_parent >= N, seq_iset[np.maximum(iset_parent - N, 0)], -1)
    own_depth = [0] * H
    for h, up in enumerate(above.tolist()):
        if up >= 0:
            own_depth[h] = own_depth[up] + 1
    iset_depth = np.array(own_depth, dtype=np.int64)
    passes = []
    for d in range(int(iset_depth.max()) if H else -1, -1, -1):
        isets = np.flatnonzero(iset_depth == d)
        if not len(isets):
            continue
        lens = sizes[isets]
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
        seqs = np.repeat(N + offsets[isets] - starts, lens) + np.arange(int(lens.sum()))
        passes.append((isets, seqs, starts))
    out = Sequences(list(a.infoset_labels), list(chain.from_iterable(a.infoset_actions)),
                    offsets, levels, v[who == CHANCE], dec_nodes, dec_flat, who[dec],
                    node_seq[a.terminals], depth[a.terminals], iset_parent, passes)
    game._behavior_struct = (a, out)
    return out


def _fast_table(game: Any, behavior: Any) -> tuple[np.ndarray, str] | None:
    """Flat probabilities of a profile given as full ``{action: int or float}`` dicts,
    actions in the game's order, that pass validation; None for anything else (then
    :func:`behavior_table` checks and names the problem)."""
    st = sequences(game)
    if not isinstance(behavior, dict) or len(behavior) != len(st.labels):
        return None
    try:
        keys = list(behavior)
        dicts = list(behavior.values()) if keys == st.labels \
            else list(map(behavior.__getitem__, st.labels))
        if list(chain.from_iterable(map(dict.keys, dicts))) != st.action_labels:
            return None
    except (KeyError, TypeError):
        return None
    vals = list(chain.from_iterable(map(dict.values, dicts)))
    if not set(map(type, vals)) <= _PLAIN:
        return None
    flat = np.array(vals) if vals else np.zeros(0, dtype=np.int64)  # no moves: exact
    if flat.dtype.kind not in "fi" or (flat.dtype.kind == "f" and not np.isfinite(flat).all()):
        return None
    sums = np.add.reduceat(flat, st.offsets[:-1]) if len(st.labels) else flat
    if (flat < 0).any() or (np.abs(sums - 1) > (1e-9 if flat.dtype.kind == "f" else 0)).any():
        return None
    return flat, "float" if flat.dtype.kind == "f" else "exact"


def _numbers(game: Any, behavior: Mapping[str, Any]):
    """Behaviour, chance and payoff arrays in one numeric dtype, and the exact scale.

    The scale is None for floats and int64 (exact pure profiles without chance). Other
    exact inputs become Python integers over common denominators: ``(D, Dp)`` when the
    probabilities are ``k / D`` and the payoffs ``u / Dp`` (integer arithmetic is much
    faster than Fractions); ``(1, 1)`` with Fractions where the numbers would be huge.
    """
    a = game.arrays
    fast = _fast_table(game, behavior)
    flat, bkind = fast if fast is not None else behavior_table(game, behavior)[::2]
    kind = unify_kinds({a.kind, bkind})
    if kind == "symbolic":
        names = ", ".join(str(p) for p in game.parameters) or "irrational numbers"
        raise GameError(f"regrets need numeric payoffs and probabilities; this tree depends "
                        f"on {names}; fix them with game.substitute(...)")
    if kind == "float":
        return (flat.astype(np.float64), a.chance_prob.astype(np.float64),
                a.payoffs.astype(np.float64), None)
    if flat.dtype == np.int64 and a.chance_prob.dtype == np.int64 \
            and a.payoffs.dtype == np.int64 and np.abs(a.payoffs).max(initial=0) < 2**62:
        return flat, a.chance_prob, a.payoffs, None    # pure profile, no chance: int64
    pay = cast_values(a.payoffs.ravel(), "exact").reshape(a.payoffs.shape)
    flat, chance = cast_values(flat, "exact"), cast_values(a.chance_prob, "exact")
    D = math.lcm(*{x.denominator for x in chain(flat, chance)})
    Dp = math.lcm(*{x.denominator for x in pay.flat})
    if len(sequences(game).levels) * D.bit_length() > _MAX_BITS:
        return flat, chance, pay, (1, 1)
    return _ints(flat, D), _ints(chance, D), _ints(pay, Dp), (D, Dp)


def _ints(values: np.ndarray, D: int) -> np.ndarray:
    """Exact values times D, as an object array of Python ints."""
    out = np.empty(values.shape, dtype=object)
    out.flat[:] = [x.numerator * (D // x.denominator) for x in values.flat]
    return out


def _segment_first(values: np.ndarray, best: np.ndarray, lens: np.ndarray,
                   starts: np.ndarray) -> np.ndarray:
    """Offset within each segment of the first entry equal to its best value."""
    hit = values == np.repeat(best, lens)
    pos = np.arange(len(values))
    return np.minimum.reduceat(np.where(hit, pos, len(values)), starts) - starts


def behavior_pass(game: Any, behavior: Mapping[str, Any], choices: bool = False):
    """Best-response values and current payoffs (lists, one per player; Fractions when
    exact, floats otherwise), the first best action at every information set (when
    ``choices``), and whether the arithmetic is exact."""
    st = sequences(game)
    a = game.arrays
    flat, chance, pay, scale = _numbers(game, behavior)
    n, N = len(a.parent), game.num_players
    one = scale[0] if scale else 1
    reach = np.full((n, N + 1), one, dtype=flat.dtype)    # column N: every move counts
    reach[st.chance_nodes] = chance[st.chance_nodes][:, None]
    reach[st.dec_nodes] = flat[st.dec_flat][:, None]
    reach[st.dec_nodes, st.dec_who] = one
    reach[0] = 1
    for lev in st.levels:
        reach[lev] *= reach[a.parent[lev]]
    R = reach[a.terminals]
    if scale and scale[0] > 1:      # bring every terminal to the deepest level's units
        D, top = scale[0], len(st.levels)
        powers = np.array([D ** k for k in range(top + 1)], dtype=object)
        R = R * powers[top - st.term_depth][:, None]
    w = R[:, :N] * pay
    current = (R[:, N:] * pay).sum(axis=0)
    S = N + len(flat)
    V = np.zeros(S, dtype=w.dtype)
    if w.dtype == np.float64:
        V += np.bincount(st.term_seq.ravel(), weights=w.ravel(), minlength=S)
    else:
        np.add.at(V, st.term_seq.ravel(), w.ravel())
    choice = np.zeros(len(st.offsets) - 1, dtype=np.int64)
    for isets, seqs, starts in st.passes:
        vals = V[seqs]
        best = np.maximum.reduceat(vals, starts)
        if choices:
            lens = np.diff(np.append(starts, len(seqs)))
            choice[isets] = _segment_first(vals, best, lens, starts)
        np.add.at(V, st.iset_parent[isets], best)
    if scale is None and w.dtype == np.float64:
        return [float(x) for x in V[:N]], [float(x) for x in current], choice, False
    denom = scale[1] * scale[0] ** len(st.levels) if scale else 1
    return ([Fraction(x) / denom for x in V[:N].tolist()],
            [Fraction(x) / denom for x in current.tolist()], choice, True)


def regrets(game: Any, behavior: Mapping[str, Any]) -> tuple:
    """Each player's best-response value minus current expected payoff."""
    best, cur, _, exact = behavior_pass(game, behavior)
    if exact:
        return tuple(b - c for b, c in zip(best, cur, strict=True))
    return tuple(max(b - c, 0.0) for b, c in zip(best, cur, strict=True))


def best_response(game: Any, behavior: Mapping[str, Any], player: Any
                  ) -> tuple[dict[str, dict[str, Any]], Any]:
    """``behavior`` with ``player``'s information sets set to a pure best response
    (the first best action at each), and that response's value."""
    N = game.num_players
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
        if not 0 <= player < N:
            raise GameError(f"player index {player} is out of range; the game has {N} "
                            f"players ({', '.join(game.players)})")
        player = int(player)
    else:
        player = game._player_index(player)
    best, _, choice, exact = behavior_pass(game, behavior, choices=True)
    a = game.arrays
    out = {h: dict(behavior[h]) if isinstance(behavior[h], Mapping) else behavior[h]
           for h in a.infoset_labels}
    for h in np.flatnonzero(a.infoset_player == player).tolist():
        acts = a.infoset_actions[h]
        out[a.infoset_labels[h]] = {x: int(k == choice[h]) for k, x in enumerate(acts)}
    return out, best[player]
