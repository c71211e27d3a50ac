"""Two-player zero-sum (and constant-sum) games by linear programming.

The row player's maximin strategy solves the linear program

    maximise v   subject to   A^T x >= v 1,   sum(x) = 1,   x >= 0,

whose optimal v is the value of the game (von Neumann's minimax theorem); the column
player's minimax strategy solves the same program for the matrix ``-A^T``. Both are
solved with HiGHS (``scipy.optimize.linprog(method="highs")``); the optimal vertex is
then recomputed from its support and tight constraints with the shared indifference
solver (:func:`.indifference.solve_indifference`), in floats to remove the LP's rounding
error, or in exact rationals when ``exact=True``.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DegenerateGameWarning, GameError, SolverError
from ._advice import suggest
from .indifference import UNIQUE, solve_indifference
from .result import Solution, build_solution, default_tol

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["solve_lp", "accepts"]

#: Tolerance on LP output scaled to [0, 1]: support, tight constraints, uniqueness.
_EPS = 1e-9
_HIGHS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


def solve_lp(game: NormalFormGame, exact: bool = False, tol: float | None = None,
             **options: Any) -> Solution:
    """The value and optimal strategies of a two-player zero-sum game by linear programming.

    Constant-sum games (payoffs summing to the same c in every cell) are solved as the
    strategically equivalent zero-sum game ``(A, -A)``.

    Parameters
    ----------
    game : NormalFormGame
        A two-player zero-sum or constant-sum game.
    exact : bool
        Rebuild the LP's optimal vertices exactly from their supports and tight
        constraints, verify them exactly, and return Fractions (value included).
    tol : float, optional
        Regret tolerance for float results (default: 1e-9 times the payoff scale); also
        the tolerance of the zero-sum test for float payoffs.

    Returns
    -------
    Solution
        One equilibrium (a pair of optimal strategies) and ``value``, player 1's payoff
        at every equilibrium. ``complete`` is True when both players' optimal strategies
        are unique, so that this is the only equilibrium (the equilibria of a zero-sum
        game are all pairs of optimal strategies). Uniqueness is checked with one extra
        LP per player: the optimal strategy x* of player 1 is unique iff no direction
        ``d != 0`` keeps ``x* + t d`` optimal for small ``t > 0``. Otherwise a note
        says whose optimal strategy is not unique and a :class:`DegenerateGameWarning`
        is issued (use ``method="vertex"`` for all extreme optimal strategies).

    Raises
    ------
    SolverError
        If the game is not two-player zero-sum or constant-sum, the LP solver fails,
        or (``exact=True``) the exact reconstruction fails.

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. Mathematische Annalen
    100, 295-320. Maschler, M., Solan, E. & Zamir, S. (2013). Game Theory, Cambridge
    University Press, ch. 5 (mixed strategies, minimax theorem, linear programming).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.models import catalog
    >>> sol = gt.solve(catalog.matching_pennies(), method="lp", exact=True)
    >>> sol.value, sol.complete
    (Fraction(0, 1), True)
    >>> print(sol.equilibria[0])
    Matcher: Heads 1/2, Tails 1/2; Mismatcher: Heads 1/2, Tails 1/2; payoffs 0, 0
    >>> rps = gt.solve(catalog.rock_paper_scissors(), method="lp")
    >>> rps.equilibria[0].strategies[0].round(6).tolist(), round(rps.value, 9)
    ([0.333333, 0.333333, 0.333333], 0.0)
    """
    if options:
        raise SolverError(f"lp does not take the option(s) {', '.join(sorted(options))}")
    constant = _check_constant_sum(game, tol, exact)
    A = game.float_payoffs()[0]
    lo, hi = float(A.min()), float(A.max())
    scaled = (A - lo) / (hi - lo) if hi > lo else np.zeros_like(A)
    exact_A = game.exact_payoffs()[0] if exact else None
    strategies: list = []
    unique: list[bool] = []
    notes: list[str] = []
    for player, M in enumerate((scaled, -scaled.T)):
        exact_M = None if exact_A is None else (exact_A if player == 0 else -exact_A.T)
        x, is_unique = _reconstruct(_maximin(M), M, A if player == 0 else -A.T, exact_M,
                                    player)
        strategies.append(x)
        unique.append(is_unique)
    payoff = exact_A if exact else A
    value = np.dot(np.dot(strategies[0], payoff), strategies[1])
    if constant:
        notes.append("constant-sum game: solved as the zero-sum game with player 1's "
                     "payoffs")
    if not all(unique):
        names = " and ".join(p for p, u in zip(game.players, unique, strict=True) if not u)
        better = suggest(game, ["vertex", "support"], exact)
        msg = (f"the optimal strategies of {names} are not unique (the game is "
               "degenerate)" + (f"; {better} for all extreme optimal strategies"
                                if better else ""))
        notes.append(msg)
        warnings.warn(msg, DegenerateGameWarning, stacklevel=2)
    sol = build_solution(game, [strategies], "lp", complete=all(unique), exact=exact,
                         tol=tol, value=value if exact else float(value), notes=notes)
    if not sol.equilibria:
        raise SolverError("the LP solution failed verification as an equilibrium; " +
                          suggest(game, ["vertex", "lemke-howson"], exact,
                                  extra="exact=True for rational payoffs"))
    return sol


def _check_constant_sum(game: Game, tol: float | None, exact: bool) -> bool:
    """Validate the game; True if constant-sum but not zero-sum."""
    from ..games.normal import NormalFormGame

    if not isinstance(game, NormalFormGame) or game.num_players != 2:
        players = game.num_players if isinstance(game, NormalFormGame) else "?"
        raise SolverError(f"lp needs a two-player zero-sum game; this one has "
                          f"{players} players")
    if game.kind == "symbolic" and not game.parameters:
        raise GameError("lp needs rational or float payoffs; this game has irrational ones "
                        "(substitute numbers, or use floats)")
    slack = 0.0 if game.is_exact else (default_tol(game) if tol is None else tol)
    if game.is_constant_sum(slack):
        if exact and not game.is_exact:
            total = game.exact_payoffs().sum(axis=0)
            if np.any(total != total.flat[0]):
                raise SolverError("with exact=True the float payoffs are read as the "
                                  "decimals they print as, and then they do not sum to "
                                  "a constant; give exact payoffs (ints, Fractions or "
                                  "strings like '3/5') or use exact=False")
        return not game.is_constant_sum(slack, zero=True)
    total = game.float_payoffs().sum(axis=0)
    cell = tuple(int(k) for k in np.unravel_index(np.abs(total - total.flat[0]).argmax(),
                                                  total.shape))
    raise SolverError(f"lp needs a zero-sum or constant-sum game, but the payoffs sum to "
                      f"{total.flat[0]:g} in cell (0, 0) and {total[cell]:g} in cell "
                      f"{cell}; {suggest(game, ['vertex', 'lemke-howson'], exact)}")


def _maximin(M: np.ndarray) -> np.ndarray:
    """An optimal strategy of the row player who maximises min_j (M^T x)_j."""
    from scipy.optimize import linprog

    k, n = M.shape
    c = np.zeros(k + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-M.T, np.ones((n, 1))])
    A_eq = np.ones((1, k + 1))
    A_eq[0, -1] = 0.0
    bounds = [(0, None)] * k + [(None, None)]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                  method="highs", options=_HIGHS)
    if res.status != 0:
        raise SolverError(f"the LP solver (HiGHS) failed: {res.message}; try "
                          "method='vertex'")
    x = np.clip(res.x[:k], 0.0, None)
    return x / x.sum()


def _reconstruct(x: np.ndarray, M: np.ndarray, M_orig: np.ndarray, M_exact, player: int):
    """Recompute the optimal vertex from its support and tight columns; test uniqueness.

    ``M`` is the scaled matrix the LP saw, ``M_orig`` the same in the game's units and
    ``M_exact`` (or None) in exact rationals. Returns ``(x, unique)``.
    """
    payoff = M.T @ x
    support = np.flatnonzero(x > _EPS)
    tight = np.flatnonzero(payoff <= payoff.min() + _EPS)
    if M_exact is not None:
        status, s, v = solve_indifference(M_exact.T, support, tight, exact=True)
        if status != UNIQUE or min(s) < 0 or \
                any(val < v for val in np.dot(np.asarray(s, dtype=object), M_exact)):
            raise SolverError(f"the exact reconstruction of the LP solution for player "
                              f"{player + 1} failed ({status}); use method='vertex' with "
                              "exact=True")
        x = np.array(s, dtype=object)
        payoff = np.dot(x, M_exact)
        support = np.flatnonzero(x > 0)
        tight = np.flatnonzero(payoff == v)
        is_vertex = True
    else:
        status, s, _ = solve_indifference(M_orig.T, support, tight, exact=False)
        is_vertex = status == UNIQUE
        if is_vertex and min(s) > -_EPS:
            s = np.clip(s, 0.0, None)
            x = s / s.sum()
    return x, is_vertex and _no_optimal_direction(M, support, tight)


def _no_optimal_direction(M: np.ndarray, support, tight) -> bool:
    """True if no d != 0 with sum(d) = 0, d >= 0 off the support and (M^T d) >= 0 on the
    tight columns exists: maximise the slack those constraints give, over |d| <= 1.

    At a vertex (the indifference system has a unique solution) a nonzero such d has a
    positive objective, so an optimum of 0 proves the optimal strategy unique.
    """
    from scipy.optimize import linprog

    k = M.shape[0]
    off = np.ones(k, dtype=bool)
    off[support] = False
    w = off.astype(float) + M[:, tight].sum(axis=1)
    bounds = [(0.0, 1.0) if o else (-1.0, 1.0) for o in off]
    res = linprog(-w, A_ub=-M[:, tight].T, b_ub=np.zeros(len(tight)),
                  A_eq=np.ones((1, k)), b_eq=[0.0], bounds=bounds, method="highs",
                  options=_HIGHS)
    if res.status != 0:
        return False
    return -res.fun <= _EPS * max(1.0, len(tight))


def accepts(game: NormalFormGame, exact: bool = False) -> bool:
    """Whether ``"lp"`` takes this game: its own constant-sum test (its tolerance; exact
    payoffs exactly), the registry's rule.

    >>> import gametheory as gt
    >>> accepts(gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    True
    >>> accepts(gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    False
    """
    try:
        _check_constant_sum(game, None, exact)
    except (GameError, SolverError):
        return False
    return True
