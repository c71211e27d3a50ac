"""Candidate critical values of sequential (and perfect Bayesian) equilibria in one
parameter: the ``"assessment"`` source of :mod:`gametheory.sensitivity.critical`.

A sequential equilibrium is a Nash equilibrium whose behaviour at unreached information
sets is a best reply to some consistent belief. So the set of sequential equilibria can
change only where the Nash equilibria of the reduced normal form change (the support
conditions of :func:`~gametheory.sensitivity._critical_sym.bimatrix_candidates`, or the
pure-deviation comparisons with more than two players) or where the beliefs that make an
off-path choice a best reply appear or vanish. At an information set followed only by
payoffs, action ``a`` beats ``b`` under belief ``mu`` iff ``sum_x mu(x) d_ab(x) >= 0``
with ``d_ab(x)`` the mover's payoff difference at node ``x``; the polytope of such
beliefs changes shape only where some ``d_ab(x)`` crosses 0 or where two of these
constraints meet at a vertex of the simplex's edge (the 2 x 2 determinants
``d_ab(x) d_ce(y) - d_ab(y) d_ce(x)``). Information sets followed by further moves add
the same comparisons on their terminal payoffs (a superset; every candidate is
confirmed by exact solves on both sides).
"""

from __future__ import annotations

import itertools
from typing import Any

from . import _critical_sym as sym

__all__ = ["assessment_candidates"]


def assessment_candidates(game: Any, q: Any, lo: Any, hi: Any) -> Any:
    """The candidates in (lo, hi) for the tree ``game`` whose only parameter is ``q``."""
    nf = game.to_normal_form()
    a = game.arrays
    F = sym.Field(q, list(nf.payoffs.ravel()) + list(a.payoffs.ravel()) + list(a.chance_prob))
    cand = sym.Candidates(F, lo, hi)
    add_conditions(game, F, cand, nf)
    return cand


def add_conditions(game: Any, F: Any, cand: Any, nf: Any = None) -> None:
    """Add the conditions of the tree ``game`` (field ``F``: one parameter or several) to
    ``cand`` (anything with ``add(element, reason)``): the reduced normal form's Nash
    conditions, then the payoff comparisons at every information set."""
    from ..refinements.assessment import _members

    nf = game.to_normal_form() if nf is None else nf
    a = game.arrays
    P = nf.payoffs
    if game.num_players == 2:
        A, B = ([[F(x) for x in row] for row in P[i].tolist()] for i in (0, 1))
        sym.bimatrix_candidates(nf, F, A, B, cand)
    else:
        from . import _critical_poly as poly

        poly.pure_candidates(nf, poly.field_tensor(nf, F), cand)
    term = {int(v): k for k, v in enumerate(a.terminals)}
    pay = [[F(x) for x in row] for row in a.payoffs.tolist()]
    for h, nodes in enumerate(_members(a)):
        i = int(a.infoset_player[h])
        label = a.infoset_labels[h]
        outs = [[_leaves(game, c, term) for c in game.children(x)] for x in nodes]
        diffs = []
        for k, m in itertools.combinations(range(len(a.infoset_actions[h])), 2):
            row = []
            for x in range(len(nodes)):
                for u, v in itertools.product(outs[x][k], outs[x][m]):
                    e = pay[u][i] - pay[v][i]
                    cand.add(e, f"a payoff comparison at {label!r}")
                    row.append((x, e))
            diffs.append(row)
        if len(nodes) < 2:
            continue
        for r1, r2 in itertools.combinations(diffs, 2):
            for (x, d1), (y, d2) in itertools.product(r1, r2):
                if x == y:
                    continue
                for (x2, e1), (y2, e2) in itertools.product(r1, r2):
                    if x2 == y and y2 == x:
                        cand.add(d1 * e2 - e1 * d2, f"belief thresholds meet at {label!r}")


def _leaves(game: Any, v: int, term: dict) -> list[int]:
    """The terminal indices below node ``v`` (itself if terminal)."""
    stack, out = [v], []
    while stack:
        u = stack.pop()
        if u in term:
            out.append(term[u])
        else:
            stack += list(game.children(u))
    return out
