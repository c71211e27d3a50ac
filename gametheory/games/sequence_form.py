"""The sequence form of a game tree with perfect recall (Koller, Megiddo & von Stengel 1996).

A *sequence* of player p is the empty sequence or a pair (information set h of p, action
a at h); under perfect recall every node determines, for each player, the last sequence
of that player on its path. A *realisation plan* x of p gives each sequence the
probability that p's own moves follow it; it satisfies ``E x = e, x >= 0`` with one row
for the empty sequence (x[0] = 1) and one per information set h
(``sum_a x[h, a] = x[parent(h)]``). Expected payoffs are bilinear in the plans: with two
players, ``x @ A @ y`` where ``A[s1, s2]`` sums chance reach times payoff over the
terminals reached by the pair of sequences.

References
----------
D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of equilibria for
extensive two-person games", Games and Economic Behavior 14 (1996) 247-259.
B. von Stengel, "Efficient computation of behavior strategies", Games and Economic
Behavior 14 (1996) 220-246.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ._tree_compile import _levels, cast_values, unify_kinds
from ._tree_util import behavior_table

if TYPE_CHECKING:
    from .extensive import ExtensiveFormGame

__all__ = ["SequenceForm", "sequence_form"]


@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a tree; build it with ``game.sequence_form()``.

    Attributes
    ----------
    players : tuple of str
    sequences : tuple of tuple
        Per player, the label of each sequence: ``None`` for the empty sequence (index 0),
        then ``(information set label, action label)``.
    infosets : tuple of ndarray
        Per player, the (global) indices of its information sets, in order.
    first : tuple of ndarray
        Per player and own information set j, the index of the sequence of its first
        action: sequence ``(h_j, a)`` has index ``first[p][j] + a``.
    parent : tuple of ndarray
        Per player and own information set j, the index of its parent sequence.
    terminal_sequences : ndarray of int, shape (num_terminals, N)
        The sequence of each player leading to each terminal.
    weights : ndarray, shape (num_terminals, N)
        Chance reach times payoff of each player at each terminal.
    kind : str
        ``"float"``, ``"exact"`` or ``"symbolic"``, as for the tree.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> l, r = g.root.decide("A", ["L", "R"])
    >>> _ = l.payoffs(1, -1)
    >>> x, y = r.decide("B", ["x", "y"])
    >>> _ = x.payoffs(3, -3); _ = y.payoffs(0, 0)
    >>> sf = g.sequence_form()
    >>> sf.sequences[1]
    (None, ('B: R', 'x'), ('B: R', 'y'))
    >>> sf.payoff_matrix(0).tolist()
    [[0, 0, 0], [1, 0, 0], [0, 3, 0]]
    >>> sf.constraints(0).tolist()
    [[1, 0, 0], [-1, 1, 1]]
    """

    players: tuple[str, ...]
    sequences: tuple[tuple[Any, ...], ...]
    infosets: tuple[np.ndarray, ...]
    first: tuple[np.ndarray, ...]
    parent: tuple[np.ndarray, ...]
    terminal_sequences: np.ndarray
    weights: np.ndarray
    kind: str

    @property
    def sizes(self) -> tuple[int, ...]:
        """The number of sequences of each player."""
        return tuple(len(s) for s in self.sequences)

    def constraints(self, p: int, sparse: bool = False):
        """Player p's constraint matrix E (rows: empty sequence, then own information sets).

        The right-hand side is ``e = (1, 0, ..., 0)``. Dense int64, or a scipy CSR matrix
        of floats when ``sparse``.
        """
        H, S = len(self.infosets[p]), len(self.sequences[p])
        rows = [0]
        cols = [0]
        vals = [1]
        for j in range(H):
            k = self._num_actions(p, j)
            rows += [j + 1] * (k + 1)
            cols += [int(self.parent[p][j])] + list(range(self.first[p][j], self.first[p][j] + k))
            vals += [-1] + [1] * k
        if sparse:
            from scipy.sparse import csr_matrix

            return csr_matrix((np.array(vals, dtype=np.float64), (rows, cols)), shape=(H + 1, S))
        E = np.zeros((H + 1, S), dtype=np.int64)
        E[rows, cols] = vals
        return E

    def _num_actions(self, p: int, j: int) -> int:
        end = self.first[p][j + 1] if j + 1 < len(self.first[p]) else len(self.sequences[p])
        return int(end - self.first[p][j])

    def payoff_matrix(self, i: int, sparse: bool = False):
        """Player i's payoff matrix over pairs of sequences (two-player games).

        Dense (int64, float64 or object, by the tree's kind), or a scipy CSR matrix of
        floats when ``sparse``.
        """
        if len(self.players) != 2:
            raise GameError(f"payoff_matrix needs two players; this game has "
                            f"{len(self.players)} (use terminal_sequences and weights)")
        s1, s2 = self.terminal_sequences[:, 0], self.terminal_sequences[:, 1]
        shape = self.sizes
        if sparse:
            from scipy.sparse import coo_matrix

            w = self.weights[:, i].astype(np.float64)
            return coo_matrix((w, (s1, s2)), shape=shape).tocsr()
        M = np.zeros(shape, dtype=self.weights.dtype)
        if M.dtype == object:
            M[:] = 0
        np.add.at(M, (s1, s2), self.weights[:, i])
        return M

    def realization_plan(self, game: Any, behavior: Mapping[str, Any]) -> tuple[np.ndarray, ...]:
        """Each player's realisation plan under a behaviour profile of ``game``."""
        flat, offsets, bkind = behavior_table(game, behavior)
        kind = unify_kinds({self.kind, bkind})
        flat = cast_values(flat, kind)
        plans = []
        for p in range(len(self.players)):
            x = np.zeros(len(self.sequences[p]), dtype=flat.dtype)
            if x.dtype == object:
                x[:] = 0
            x[0] = 1
            for j, h in enumerate(self.infosets[p].tolist()):
                k = self._num_actions(p, j)
                f = int(self.first[p][j])
                x[f:f + k] = x[self.parent[p][j]] * flat[offsets[h]:offsets[h] + k]
            plans.append(x)
        return tuple(plans)

    def behavior(self, game: Any, plans: Sequence[Sequence[Any]]) -> dict[str, dict[str, Any]]:
        """The behaviour profile of realisation plans (one per player).

        At information set h the probability of a is ``x[h, a] / x[parent(h)]``; where the
        player's own plan never reaches h (x[parent(h)] = 0) the choice is irrelevant to
        every payoff, and the first action is given probability 1. Fractions stay exact.
        """
        labels = game.arrays.infoset_labels
        actions = game.arrays.infoset_actions
        out: dict[str, dict[str, Any]] = {}
        for p, x in enumerate(plans):
            x = list(x)
            for j, h in enumerate(self.infosets[p].tolist()):
                k = self._num_actions(p, j)
                f = int(self.first[p][j])
                total = x[self.parent[p][j]]
                if total > 0:
                    probs = [x[f + a] / total for a in range(k)]
                    if not isinstance(total, (int, Fraction)):
                        probs = _renormalise(probs)
                else:
                    probs = [1] + [0] * (k - 1)
                out[labels[h]] = dict(zip(actions[h], probs, strict=True))
        return {h: out[h] for h in labels if h in out}


def _renormalise(probs: list) -> list[float]:
    """Float behaviour probabilities clipped to [0, 1] and rescaled to sum to 1.

    When rounding leaves nothing positive (a parent with tiny positive weight whose
    children are all <= 0), the first action gets probability 1, as at an unreached set.

    >>> _renormalise([0.5, -1e-17]), _renormalise([-1e-17, 0.0])
    ([1.0, 0.0], [1.0, 0.0])
    """
    arr = np.clip(np.array(probs, dtype=np.float64), 0.0, None)
    total = arr.sum()
    if total <= 0:
        return [1.0] + [0.0] * (len(arr) - 1)
    return (arr / total).tolist()


def sequence_form(game: ExtensiveFormGame) -> SequenceForm:
    """The sequence form of ``game`` (see :class:`SequenceForm`); needs perfect recall."""
    if not game.has_perfect_recall:
        raise GameError("the sequence form needs perfect recall: "
                        + game.recall_problems()[0])
    arrays = game.arrays
    N = game.num_players
    owner = arrays.infoset_player
    sizes = np.array([len(a) for a in arrays.infoset_actions], dtype=np.int64)
    seq_of = np.zeros(len(sizes), dtype=np.int64)    # global infoset -> first sequence index
    infosets, first, labels = [], [], []
    for p in range(N):
        own = np.flatnonzero(owner == p)
        f = 1 + np.concatenate([[0], np.cumsum(sizes[own])[:-1]]).astype(np.int64) \
            if len(own) else np.zeros(0, dtype=np.int64)
        seq_of[own] = f
        infosets.append(own)
        first.append(f)
        labels.append((None,) + tuple((arrays.infoset_labels[h], a) for h in own
                                      for a in arrays.infoset_actions[h]))
    node_seq = _node_sequences(arrays, seq_of, N)
    parent = []
    for p in range(N):
        par = np.zeros(len(infosets[p]), dtype=np.int64)
        nodes = np.flatnonzero(arrays.player == p)
        where = {int(h): i for i, h in enumerate(infosets[p])}
        for v, h in zip(nodes.tolist(), arrays.infoset[nodes].tolist(), strict=True):
            par[where[h]] = node_seq[v, p]
        parent.append(par)
    reach = arrays.chance_reach
    pay = arrays.payoffs
    if arrays.kind != "float":
        reach, pay = reach.astype(object), pay.astype(object)
    weights = reach[:, None] * pay
    if arrays.kind == "exact" and all(isinstance(w, int) for w in weights.flat):
        weights = weights.astype(np.int64)
    ts = node_seq[arrays.terminals]
    ts.setflags(write=False)
    return SequenceForm(tuple(game.players), tuple(labels), tuple(infosets), tuple(first),
                        tuple(parent), ts, weights, arrays.kind)


def _node_sequences(arrays: Any, seq_of: np.ndarray, N: int) -> np.ndarray:
    """``out[v, p]``: the last sequence of player p on the path to node v (0 if none)."""
    parent, player = arrays.parent, arrays.player
    out = np.zeros((len(parent), N), dtype=np.int64)
    for level in _levels(parent)[1:]:
        par = parent[level]
        out[level] = out[par]
        who = player[par]
        mine = who >= 0
        out[level[mine], who[mine]] = seq_of[arrays.infoset[par[mine]]] + arrays.action[level[mine]]
    return out
