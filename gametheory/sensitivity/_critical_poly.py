"""Candidate critical values of normal-form games of any number of players, for
:mod:`gametheory.sensitivity.critical`.

Two sources. Pure-deviation comparisons (:func:`pure_candidates`): where a player is
indifferent between two strategies against a pure profile of the others; the pure
equilibria change only there. Polynomial systems (:func:`polynomial_candidates`): for
every support profile, the indifference system that ``"enumpoly"`` solves (each player
indifferent across their support, multilinear in the others' probabilities, with
coefficients in the parameter q) plus one event equation -- a support probability at 0,
a strategy outside the support as good as the support, or the Jacobian determinant of the
system at 0 (solutions meet) -- is eliminated by a lex Groebner basis with q last, leaving
a polynomial in q whose real roots (rationals, radicals, ``CRootOf``) are the candidates;
so is a polynomial in q implied by the system alone (a support that solves only at
isolated values).

References
----------
McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in finite games.
*Handbook of Computational Economics* 1, 87-142 (section 6: polynomial systems). Cox, D.,
Little, J. & O'Shea, D. (2015). *Ideals, Varieties, and Algorithms*, 4th ed., ch. 3
(elimination by lex Groebner bases).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import SolverError
from ..solvers._enumpoly_support import count_supports, exact_system, iter_supports
from ..solvers._enumpoly_support import strategy_payoffs as _strategy_payoffs
from ._critical_sym import Candidates, Field

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["field_tensor", "pure_candidates", "pure_values", "polynomial_candidates",
           "event_systems", "numerators", "support_tag",
           "check_size", "MAX_UNKNOWNS", "MAX_PLAYERS", "MAX_PROFILES"]

#: Largest number of unknown probabilities (sum of n_i - 1) and of players analysed by
#: polynomial elimination: the candidates of a 2 x 2 x 2 game take about a second, of a
#: 3 x 2 x 2 game several; a 2 x 2 x 2 x 2 game takes many minutes (lex Groebner bases in
#: five variables).
MAX_UNKNOWNS, MAX_PLAYERS = 4, 3

#: Largest number of support profiles (prod of 2**n_i - 1) analysed.
MAX_PROFILES = 400


def field_tensor(nf: NormalFormGame, F: Field) -> np.ndarray:
    """The payoff array of ``nf`` (players first) with every entry a field element."""
    P = nf.payoffs
    out = np.empty(P.shape, dtype=object)
    for idx in np.ndindex(P.shape):
        out[idx] = F(P[idx])
    return out


def _labels(nf: NormalFormGame, k: int, cell: tuple) -> str:
    """The others' strategies in ``cell`` (player ``k`` and players with one strategy left
    out), comma separated."""
    return ", ".join(nf.strategies[j][s] for j, s in enumerate(cell)
                     if j != k and nf.shape[j] > 1)


def pure_candidates(nf: NormalFormGame, U: np.ndarray, cand: Candidates, lo: Any = None,
                    hi: Any = None) -> list:
    """Add where a player is indifferent between two of their strategies against a pure
    profile of the others (``U``: field payoffs, :func:`field_tensor`); returns the new
    values inside (lo, hi)."""
    new = []
    for cell in np.ndindex(nf.shape):
        for k, player in enumerate(nf.players):
            for alt in range(cell[k] + 1, nf.shape[k]):
                other = cell[:k] + (alt,) + cell[k + 1:]
                what = (f"{player} indifferent between {nf.strategies[k][cell[k]]} and "
                        f"{nf.strategies[k][alt]}")
                against = _labels(nf, k, cell)
                what += f" against {against}" if against else ""
                new += cand.add(U[(k, *cell)] - U[(k, *other)], what, lo, hi)
    return new


def pure_values(nf: NormalFormGame, U: np.ndarray, F: Field, t: Fraction) -> list:
    """The payoff vectors (field elements) of the pure equilibria of ``nf`` at ``t``."""
    at = np.empty(U.shape, dtype=object)
    for idx in np.ndindex(U.shape):
        at[idx] = F.at(U[idx], t)
    out = []
    for cell in np.ndindex(nf.shape):
        if all(at[(k, *cell)] >= at[(k, *cell[:k], alt, *cell[k + 1:])]
               for k in range(nf.num_players) for alt in range(nf.shape[k])):
            out.append(tuple(U[(k, *cell)] for k in range(nf.num_players)))
    return out


def check_size(nf: NormalFormGame, name: str) -> None:
    """SolverError when ``nf`` is too large for polynomial elimination."""
    unknowns = sum(n - 1 for n in nf.shape)
    profiles = count_supports(nf.shape)
    if unknowns > MAX_UNKNOWNS or profiles > MAX_PROFILES or nf.num_players > MAX_PLAYERS:
        raise SolverError(f"exact critical values of games of more than two players are "
                          f"limited to {MAX_PLAYERS} players, {MAX_UNKNOWNS} unknown "
                          f"probabilities and {MAX_PROFILES} support profiles; this game "
                          f"of shape "
                          f"{nf.shape} has {unknowns} unknowns and {profiles} profiles; "
                          f"locate the changes "
                          f"numerically with gt.sweep(game, {{{name!r}: grid}}) and "
                          f"sweep.regions()")


def polynomial_candidates(nf: NormalFormGame, F: Field, cand: Candidates) -> None:
    """Add the candidate critical values of the N-player game ``nf`` (payoffs rational
    functions of the field's parameter): the pure-deviation comparisons and, for every
    support profile with a mixed player, the eliminated events (module docstring)."""
    if not F.fast:
        raise SolverError("exact critical values of games with more than two players need "
                          "payoffs that are rational functions of the parameter with "
                          "rational coefficients")
    check_size(nf, str(F.q))
    U = field_tensor(nf, F)
    _poles(U, F, cand)
    pure_candidates(nf, U, cand)
    for support in iter_supports(nf.shape):
        if all(len(s) == 1 for s in support):
            continue
        for system, xs, reason in event_systems(nf, support):
            _eliminate(system, xs, F, cand, reason)


def _poles(U: np.ndarray, F: Field, cand: Candidates) -> None:
    """Add the poles of the payoffs."""
    import sympy

    for den in {sympy.denom(sympy.together(F.K.to_sympy(x))) for x in U.ravel()}:
        if F.q in den.free_symbols:
            cand.add(F(den), "a payoff has a pole")


def numerators(exprs: list) -> list:
    """The numerators of the expressions (over a common denominator each), nonzero."""
    import sympy

    out = []
    for e in exprs:
        n = sympy.numer(sympy.together(e))
        if n != 0:
            out.append(sympy.expand(n))
    return out


def support_tag(nf: NormalFormGame, support: tuple) -> str:
    return "support " + " x ".join("{" + ", ".join(nf.strategies[i][s] for s in sup) + "}"
                                   for i, sup in enumerate(support))


def event_systems(nf: NormalFormGame, support: tuple):
    """The polynomial systems to eliminate for one support profile (module docstring),
    as ``(system, unknowns, reason)``: its indifference system alone, with its Jacobian
    determinant at 0 (when square), and with each event (a support probability at 0, an
    outside strategy as good as the support). Shared by the critical values (one
    parameter) and the equilibrium maps (several, :mod:`._map_poly`)."""
    import sympy

    P = nf.payoffs
    eqs, xs, profile = exact_system(P, support)
    eqs = numerators(eqs)
    if not eqs:
        return
    tag = support_tag(nf, support)
    yield eqs, xs, f"{tag}: its system has solutions only here"
    if len(eqs) == len(xs):
        det = sympy.Matrix(eqs).jacobian(xs).det()
        for e in numerators([det]):
            yield eqs + [e], xs, f"{tag}: the indifference system is singular (solutions meet)"
    for i, sup in enumerate(support):
        events = [] if len(sup) == 1 else [
            (profile[i][s], f"probability of {nf.strategies[i][s]} ({nf.players[i]}) "
                            "reaches 0") for s in sup]
        vals = _strategy_payoffs(P, i, profile)
        events += [(vals[s] - vals[sup[-1]], f"{nf.strategies[i][s]} ({nf.players[i]}) "
                                             "becomes a best response")
                   for s in sorted(set(range(nf.shape[i])) - set(sup))]
        for expr, what in events:
            for e in numerators([expr]):
                yield eqs + [e], xs, f"{tag}: {what}"


def _eliminate(system: list, xs: list, F: Field, cand: Candidates, reason: str) -> None:
    """Add the real roots of the polynomials in q alone in the lex Groebner basis of
    ``system`` (unknowns ``xs``, then q; computed directly, which is faster here than
    grevlex followed by FGLM)."""
    import sympy

    G = sympy.groebner(system, *xs, F.q, order="lex", domain="QQ")
    for g in G.exprs:
        if g.free_symbols <= {F.q} and F.q in g.free_symbols:
            cand.add(F(g), reason)
