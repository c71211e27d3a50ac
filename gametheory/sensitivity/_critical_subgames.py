"""Candidate critical values of trees with imperfect information under subgame perfection,
for :mod:`gametheory.sensitivity.critical`.

The tree is cut into the pieces that ``gt.solve(method="spe")`` solves
(:func:`~gametheory.solvers.subgames.subgame_pieces`), and they are worked through
bottom-up as it does. Each nested subgame is replaced by a terminal node carrying one of
the value vectors of its equilibria, as exact functions of the parameter valid on the
current interval; every combination is followed. A piece with perfect information
contributes the comparisons of backward induction
(:func:`~gametheory.sensitivity._critical_sym.tree_values`); a piece in which two players
move the support conditions of its two-player normal form
(:func:`~gametheory.sensitivity._critical_sym.bimatrix_candidates`), its equilibria's
values being the closed forms from their tight equations; any other piece, which
``"spe"`` searches for pure equilibria only, the pure-deviation comparisons
(:func:`~gametheory.sensitivity._critical_poly.pure_candidates`). As for perfect
information, this runs on each interval between the candidates known so far; new
candidates split it and the parts are redone.

References
----------
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
extensive games. *International Journal of Game Theory* 4, 25-55 (subgame perfection,
solved subgame by subgame). von Stengel, B. (2002). Computing equilibria for two-person
games. *Handbook of Game Theory* 3, ch. 45 (support conditions).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..games._subtree import subtree_game, terminal_payoffs
from ..solvers.subgames import piece_pair, project_pair, subgame_pieces
from . import _critical_poly as poly
from . import _critical_sym as sym

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame

__all__ = ["subgame_candidates", "piece_values"]


def subgame_candidates(game: ExtensiveFormGame, F: sym.Field, cand: sym.Candidates) -> None:
    """Add the candidate critical values of the tree ``game`` (one parameter, the field's)
    under subgame perfection, piecewise in the parameter (module docstring)."""
    keep, below = subgame_pieces(game)
    terminals = terminal_payoffs(game)
    todo = [(cand.lo, cand.hi)]
    while todo:
        lo, hi = todo.pop()
        t = sym.interior_point(lo, hi)
        new = _pass(game, F, t, cand, lo, hi, keep, below, terminals)
        new = sym.sort_unique(new, F.num)
        if new:
            cuts = [lo, *new, hi]
            todo += list(zip(cuts[:-1], cuts[1:]))


def _pass(game: ExtensiveFormGame, F: sym.Field, t: Fraction, cand: sym.Candidates,
          lo: Any, hi: Any, keep: list, below: dict, terminals: dict) -> list:
    """One bottom-up pass over the pieces with the equilibria chosen at ``t``; returns
    the new candidates inside (lo, hi)."""
    found: dict[int, list] = {}
    new: list = []
    for v in reversed(keep):
        kids = below[v]
        out: list = []
        for combo in itertools.product(*(found.pop(c) for c in kids)):
            replace = {c: [F.K.to_sympy(x) for x in w] for c, w in zip(kids, combo)}
            piece = subtree_game(game, v, replace, False, terminals)
            got, vals = piece_values(piece, F, t, cand, lo, hi)
            new += got
            out += vals
        found[v] = sym._dedupe(out)
    return new


def piece_values(piece: ExtensiveFormGame, F: sym.Field, t: Fraction, cand: sym.Candidates,
                 lo: Any, hi: Any) -> tuple[list, list]:
    """The candidates one piece adds inside (lo, hi) and the value vectors (field
    elements, valid around ``t``) of the equilibria ``"spe"`` finds in it at ``t``."""
    if piece.has_perfect_information:
        return sym.tree_values(piece, F, t, cand, lo, hi)
    nf = piece.to_normal_form()
    U = poly.field_tensor(nf, F)
    pair = piece_pair(nf)
    if pair is None:            # pure equilibria only, as "spe" searches there
        return poly.pure_candidates(nf, U, cand, lo, hi), poly.pure_values(nf, U, F, t)
    two = project_pair(nf, pair)
    local = sym.Candidates(F, lo, hi)
    A, B = (U[p].reshape(two.shape).tolist() for p in pair)
    sym.bimatrix_candidates(two, F, A, B, local)
    return cand.merge(local), _pair_values(two, pair, U.reshape((len(U), *two.shape)), F, t)


def _pair_values(two: NormalFormGame, pair: list, U: np.ndarray, F: sym.Field,
                 t: Fraction) -> list:
    """Every player's payoff (field elements) at each extreme equilibrium of the two-player
    piece ``two`` at ``t`` (vertex enumeration, as ``"spe"`` uses), the equilibrium
    written as the closed form of its tight equations; ``U``: all players' field payoffs
    on ``two``'s cells, ``pair`` the rows of its two players."""
    import sympy

    from ..solvers.vertex import solve_vertex

    A, B = (sympy.Matrix([[F.K.to_sympy(x) for x in row] for row in U[k].tolist()])
            for k in pair)
    at = {F.q: sympy.Rational(t.numerator, t.denominator)}
    A0, B0 = A.xreplace(at), B.xreplace(at)
    numeric = two.substitute(**{F.q.name: t}) if two.parameters else two
    sol = solve_vertex(numeric, exact=True)
    out = []
    for k, eq in enumerate(sol.equilibria):
        x0 = [sympy.Rational(v.numerator, v.denominator) for v in eq.strategies[0]]
        y0 = [sympy.Rational(v.numerator, v.denominator) for v in eq.strategies[1]]
        try:
            y, _ = sym.tight_mix(A, A0, x0, y0, f"equilibrium [{k}] of a subgame")
            x, _ = sym.tight_mix(B.T, B0.T, y0, x0, f"equilibrium [{k}] of a subgame")
        except GameError as err:
            raise SolverError(f"{err} (at {F.q} = {t}); locate the changes numerically "
                              f"with gt.sweep") from err
        xs, ys = [F(e) for e in x], [F(e) for e in y]
        out.append(tuple(sum((xs[i] * ys[j] * P[i][j] for i in range(len(xs))
                              for j in range(len(ys))), F.K.zero) for P in U.tolist()))
    return out

