"""Atoms of equilibrium maps of normal forms with any number of players: the multivariate
analogue of :mod:`~gametheory.sensitivity._critical_poly`.

Pure-deviation comparisons (a player indifferent between two strategies against a pure
profile of the others) and, with the source ``"polynomial"``, for every support profile
with a mixed player, the indifference system that ``"enumpoly"`` solves plus one event
equation (a support probability at 0, a strategy outside the support as good as the
support, or the Jacobian determinant at 0), with the probabilities eliminated by a lex
Groebner basis whose last variables are the mapped parameters: the polynomials of the basis
in the parameters alone (the elimination ideal) give the atoms, as irreducible factors
over QQ in the mapped parameters. A support that solves only on a curve of the parameter
space gives that curve too.

References
----------
McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in finite games.
*Handbook of Computational Economics* 1, 87-142 (section 6). Cox, D., Little, J. &
O'Shea, D. (2015). *Ideals, Varieties, and Algorithms*, 4th ed., ch. 3 (elimination).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import SolverError
from ..solvers._enumpoly_support import count_supports, iter_supports
from . import _critical_poly as poly

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["normal_atoms", "max_unknowns"]


def max_unknowns(d: int) -> int:
    """The largest number of unknown probabilities eliminated for ``d`` mapped parameters
    (each parameter kept adds a dimension to every Groebner basis): that of
    ``critical_values`` for one, 3 (a 2 x 2 x 2 game) for more."""
    return poly.MAX_UNKNOWNS if d == 1 else 3


def _check_size(nf: NormalFormGame, d: int) -> None:
    unknowns = sum(n - 1 for n in nf.shape)
    profiles = count_supports(nf.shape)
    if unknowns > max_unknowns(d) or profiles > poly.MAX_PROFILES:
        raise SolverError(f"equilibrium maps of a {nf.num_players}-player game in {d} "
                          f"parameter(s) are limited to {max_unknowns(d)} unknown "
                          f"probabilities and {poly.MAX_PROFILES} support profiles; this "
                          f"game of shape {nf.shape} has {unknowns} unknowns and "
                          f"{profiles} profiles; map fewer parameters or sweep numerically "
                          "(gt.sweep)")


def normal_atoms(nf: NormalFormGame, F: Any, cand: Any, source: str = "polynomial") -> None:
    """Add the atoms of the normal form ``nf`` (payoffs rational in ``F``'s variables) to
    ``cand`` (an AtomCollector): the pure-deviation comparisons, and for ``"polynomial"``
    the eliminated events of every support profile with a mixed player (module
    docstring).

    Examples
    --------
    The volunteer's dilemma of two guarantors (Diekmann 1985) with defence cost c and
    audience cost a, and Russia escalating against nobody:

    >>> import numpy as np
    >>> import gametheory as gt
    >>> from gametheory.sensitivity._conditions import AtomCollector, MultiField
    >>> a, c = gt.parameters("a c")
    >>> U = np.empty((2, 2, 2), dtype=object)
    >>> for i, j in np.ndindex(2, 2):
    ...     held = i == 0 or j == 0
    ...     U[:, i, j] = (2 - c if i == 0 else 2 * held - a, 2 - c if j == 0 else 2 * held - a)
    >>> g = gt.NormalFormGame(U)
    >>> F = MultiField((a, c))
    >>> col = AtomCollector(F.symbols)
    >>> normal_atoms(g, F, col)
    >>> sorted(str(x) for x in col.atoms)
    ['a - c', 'a - c + 2']
    """
    d = len(F.symbols)
    U = poly.field_tensor(nf, F)
    poly.pure_candidates(nf, U, cand)
    if source != "polynomial":
        return
    _check_size(nf, d)
    for x in U.ravel():
        cand.add_expr(x.denom.as_expr(*F.symbols), "a payoff has a pole")
    for support in iter_supports(nf.shape):
        if any(len(s) > 1 for s in support):
            for system, xs, reason in poly.event_systems(nf, support):
                _eliminate(system, xs, F, cand, reason)


def _eliminate(system: list, xs: list, F: Any, cand: Any, reason: str) -> None:
    """Add the atoms of the polynomials in the parameters alone of the lex Groebner basis
    of ``system`` (unknowns ``xs`` first)."""
    import sympy

    params = set(F.symbols)
    G = sympy.groebner(system, *xs, *F.symbols, order="lex", domain="QQ")
    if list(G.exprs) == [1]:
        return
    for g in G.exprs:
        if g.free_symbols <= params and g.free_symbols:
            cand.add_expr(g, reason)
