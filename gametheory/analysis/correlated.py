"""Correlated and coarse correlated equilibria of N-player normal-form games.

A *correlated equilibrium* (Aumann 1974) is a distribution ``p`` over pure profiles such
that no player gains by disobeying a recommendation: for every player ``i`` and every
pair of own strategies ``s != s'``,

    sum over s_-i of  p(s, s_-i) * (u_i(s, s_-i) - u_i(s', s_-i))  >=  0.

A *coarse correlated equilibrium* (Hannan 1957; Moulin & Vial 1978) only asks that no
player gains by committing in advance to one strategy ``s'``: for every ``i`` and ``s'``,
``sum over s of p(s) (u_i(s) - u_i(s', s_-i)) >= 0``. Every correlated equilibrium is
coarse, and every Nash equilibrium (as the product of its mixed strategies) is correlated.
Both sets are polytopes, so an objective linear in ``p`` is optimised by one linear
programme (scipy HiGHS). With exact payoffs the optimal vertex is rebuilt in rationals
from the programme's tight constraints and verified exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..games._display import fmt
from ..games.values import float_range_factor, to_float_array
from ..solvers._highs import solve_highs
from ._correlated_exact import exact_vertex
from .dominance import _flag

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["CorrelatedPolytope", "CorrelatedEquilibrium", "correlated_polytope",
           "correlated_equilibrium", "correlated_regret", "is_correlated_equilibrium"]


@dataclass(frozen=True)
class CorrelatedPolytope:
    """The incentive constraints ``A @ p >= 0`` (with ``p >= 0``, ``sum(p) = 1``).

    Attributes
    ----------
    A : scipy.sparse.csr_matrix
        One row per incentive constraint, one column per pure profile (C order over
        ``game.shape``); float payoff differences.
    labels : tuple
        One ``(player, recommended, deviation)`` triple of labels per row; for coarse
        constraints ``recommended`` is None.
    coarse : bool
        Whether these are the coarse (Hannan) constraints.

    References
    ----------
    Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies. *Journal
    of Mathematical Economics* 1, 67-96. Myerson, R. B. (1991). *Game Theory*, sec. 6.2.

    Examples
    --------
    >>> import gametheory as gt
    >>> chicken = gt.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> poly = gt.correlated_polytope(chicken)
    >>> poly.labels[0], poly.A.toarray()[0].tolist()
    (('Player 1', 'a1', 'a2'), [-1.0, 2.0, 0.0, 0.0])
    """

    A: Any
    labels: tuple
    coarse: bool


def _payoffs(game, exact: bool) -> np.ndarray:
    if game.parameters:
        raise GameError(game.unsubstituted_message())
    return game.exact_payoffs() if exact else game.float_payoffs()


def _gains(game, U: np.ndarray, coarse: bool):
    """Yield ``(player, deviation, diff)``: ``diff[s] = u_i(s) - u_i(dev, s_-i)``."""
    for i in range(game.num_players):
        for d in range(game.shape[i]):
            yield i, d, U[i] - np.take(U[i], [d], axis=i)


def correlated_polytope(game: NormalFormGame, coarse: bool = False) -> CorrelatedPolytope:
    """The incentive constraints of the correlated (or coarse correlated) equilibria.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players.
    coarse : bool
        Coarse (Hannan) constraints: one per player and deviation, instead of one per
        player, recommendation and deviation.

    Returns
    -------
    CorrelatedPolytope

    References
    ----------
    Aumann, R. J. (1974). *Journal of Mathematical Economics* 1, 67-96. Hannan, J. (1957).
    Approximation to Bayes risk in repeated play. *Contributions to the Theory of Games
    III*, 97-139.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> gt.correlated_polytope(g).A.shape, gt.correlated_polytope(g, coarse=True).A.shape
    ((4, 4), (4, 4))
    """
    from scipy import sparse

    U = _payoffs(game, False)
    P = int(np.prod(game.shape))
    grid = np.indices(game.shape).reshape(game.num_players, P)
    rows, cols, vals, labels = [], [], [], []
    for i, d, diff in _gains(game, U, coarse):
        flat = diff.reshape(P)
        names = game.players[i], game.strategies[i]
        if coarse:
            keep = np.flatnonzero(grid[i] != d)
            rows.append(np.full(len(keep), len(labels)))
            labels.append((names[0], None, names[1][d]))
        else:
            keep = np.flatnonzero(grid[i] != d)
            own = grid[i][keep]
            base = len(labels)
            rec = [s for s in range(game.shape[i]) if s != d]
            rows.append(base + np.searchsorted(rec, own))
            labels += [(names[0], names[1][s], names[1][d]) for s in rec]
        cols.append(keep)
        vals.append(flat[keep])
    if not coarse:   # order rows (player, recommended, deviation)
        order = sorted(range(len(labels)), key=lambda k: (
            game.players.index(labels[k][0]),
            game.strategies[game.players.index(labels[k][0])].index(labels[k][1]), k))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        rows = [rank[r] for r in rows]
        labels = [labels[k] for k in order]
    A = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(len(labels), P))
    return CorrelatedPolytope(A, tuple(labels), coarse)


@dataclass(frozen=True)
class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium found by :func:`correlated_equilibrium`.

    Attributes
    ----------
    game : NormalFormGame
    distribution : ndarray
        Probability of each pure profile, shape ``game.shape`` (Fractions when exact).
    payoffs : tuple
        Each player's expected payoff.
    value : float or Fraction
        The optimised objective.
    objective : str
        What was optimised, in words.
    coarse, exact : bool
        Coarse (Hannan) equilibrium; exact rational arithmetic (verified exactly).
    maximize : bool
        Whether the objective was maximised (else minimised).

    References
    ----------
    Aumann, R. J. (1974). *Journal of Mathematical Economics* 1, 67-96.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...                                   strategies=[["C", "D"], ["C", "D"]])
    >>> ce = gt.correlated_equilibrium(g)
    >>> ce.probabilities
    {('C', 'C'): Fraction(1, 2), ('C', 'D'): Fraction(1, 4), ('D', 'C'): Fraction(1, 4)}
    >>> print(ce)
    correlated equilibrium maximising welfare (sum of payoffs): value 21/2
      C, C  1/2
      C, D  1/4
      D, C  1/4
    payoffs 21/4, 21/4
    """

    game: Any
    distribution: np.ndarray
    payoffs: tuple
    value: Any
    objective: str
    coarse: bool
    exact: bool
    maximize: bool = True

    @property
    def probabilities(self) -> dict[tuple[str, ...], Any]:
        """``{profile labels: probability}`` for the profiles with positive probability."""
        S = self.game.strategies
        return {tuple(S[i][k] for i, k in enumerate(idx)): p
                for idx, p in np.ndenumerate(self.distribution) if p > 0}

    def __str__(self) -> str:
        kind = "coarse correlated" if self.coarse else "correlated"
        how = "maximising" if self.maximize else "minimising"
        lines = [f"{kind} equilibrium {how} {self.objective}: value {fmt(self.value)}"]
        for prof, p in self.probabilities.items():
            lines.append(f"  {', '.join(prof)}  {fmt(p)}")
        lines.append("payoffs " + ", ".join(fmt(v) for v in self.payoffs))
        return "\n".join(lines)


def _objective(game, objective: Any) -> tuple[np.ndarray, str]:
    """Weights over profiles (shape ``game.shape``, exact when possible) and a description."""
    U = game.exact_payoffs() if game.is_exact else game.float_payoffs()
    N = game.num_players
    if isinstance(objective, str) and objective == "welfare":
        return U.sum(axis=0), "welfare (sum of payoffs)"
    if isinstance(objective, (str, int, np.integer)) and not isinstance(objective, bool):
        i = game.player_index(objective)
        return U[i], f"the payoff of {game.players[i]}"
    w = np.asarray(objective, dtype=object)
    if w.shape == (N,):
        w = np.array([Fraction(x) if isinstance(x, (int, Fraction)) else float(x) for x in w],
                     dtype=object)
        return np.tensordot(w, U, axes=1), "a weighted sum of payoffs (" + ", ".join(
            fmt(x) for x in w) + ")"
    if w.shape == tuple(game.shape):
        return w, "a custom objective over profiles"
    raise GameError(f"objective {objective!r} is not understood: give 'welfare', a player "
                    f"(name or index), {N} weights (one per player) or an array of shape "
                    f"{tuple(game.shape)} (one weight per profile)")


def correlated_equilibrium(game: NormalFormGame, objective: Any = "welfare", coarse: bool = False,
                           maximize: bool = True, exact: bool | None = None
                           ) -> CorrelatedEquilibrium:
    """A correlated equilibrium that optimises a linear objective.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players.
    objective : str, int, sequence or ndarray
        ``"welfare"`` (sum of payoffs, default); a player (name or index) for that
        player's payoff; N weights for a weighted sum of payoffs; or an array of shape
        ``game.shape`` giving a weight to each pure profile.
    coarse : bool
        Optimise over the coarse (Hannan) correlated equilibria instead.
    maximize : bool
        Maximise (default) or minimise the objective.
    exact : bool, optional
        Rebuild the optimal vertex in rational arithmetic and verify it exactly (default:
        when the payoffs are exact). SolverError if the rebuild fails.

    Returns
    -------
    CorrelatedEquilibrium

    Notes
    -----
    The exact answer is the vertex defined by the tight constraints of HiGHS's optimal
    basic solution; it is verified exactly to be a (coarse) correlated equilibrium, and its
    objective agrees with the floating-point optimum to 1e-9 relative.

    References
    ----------
    Aumann, R. J. (1974). *Journal of Mathematical Economics* 1, 67-96. Papadimitriou,
    C. H. and Roughgarden, T. (2008). Computing correlated equilibria in multi-player games.
    *Journal of the ACM* 55(3), 14. Hannan, J. (1957). *Contributions to the Theory of
    Games III*, 97-139.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> gt.correlated_equilibrium(g).payoffs
    (Fraction(21, 4), Fraction(21, 4))
    >>> gt.correlated_equilibrium(g, objective=0).payoffs
    (Fraction(7, 1), Fraction(2, 1))
    """
    coarse, maximize = _flag("coarse", coarse), _flag("maximize", maximize)
    exact = game.is_exact if exact is None else _flag("exact", exact)
    W, what = _objective(game, objective)
    # exact payoffs beyond the float range: the LP runs on a copy scaled by a power of
    # two (the same polytope and optimum); no scale below has a floor at 1, which made
    # every distribution optimal in games written in small units
    factor = float_range_factor(game.payoffs) if exact and not game.parameters else None
    lp_game = game if factor is None else type(game).from_arrays(
        *(game.exact_payoffs() * factor), players=game.players, strategies=game.strategies)
    c = to_float_array(np.asarray(W if factor is None else W * factor).reshape(-1))
    poly = correlated_polytope(lp_game, coarse)
    P = c.size
    scale = float(np.abs(poly.A.data).max(initial=0.0)) or 1.0
    cscale = float(np.abs(c).max(initial=0.0)) or 1.0
    sign = -1.0 if maximize else 1.0
    # incentive rows A p >= 0 (as -A p / scale <= 0; A.data * (1 / scale) is what the
    # sparse A / scale computed before), then sum p = 1; dual simplex as "highs-ds"
    n_ub, inc = poly.A.shape[0], poly.A.tocoo()
    entries = (np.concatenate([inc.row, np.full(P, n_ub)]), np.concatenate([inc.col, np.arange(P)]),
               np.concatenate([-inc.data * (1.0 / scale), np.ones(P)]))
    x, _ = solve_highs(sign * c / cscale, entries, n_ub, np.append(np.zeros(n_ub), 1.0),
                       np.zeros(P), np.full(P, np.inf), 1e-7, "the correlated-equilibrium LP",
                       solver="simplex")
    x = np.clip(x, 0.0, None)
    x /= x.sum()
    if exact:
        U = game.exact_payoffs()
        p = exact_vertex(poly, _incentive_rows(lp_game, lp_game.exact_payoffs(), coarse), x)
        if p is None:
            raise SolverError("could not rebuild the optimal correlated equilibrium in exact "
                              "arithmetic; call with exact=False")
        dist = np.array(p, dtype=object).reshape(game.shape)
        value = sum(Fraction(w) * q for w, q in zip(np.asarray(W, dtype=object).reshape(-1),
                                                     p, strict=True) if q)
        lp_value = float(value if factor is None else value * factor)
        if abs(lp_value - float(c @ x)) > 1e-9 * cscale:
            raise SolverError("the exact rebuild of the optimal correlated equilibrium lost "
                              "optimality; call with exact=False")
        pay = tuple(sum(((U[i] * dist).reshape(-1)), Fraction(0)) for i in range(len(U)))
    else:
        U = game.float_payoffs()
        dist = x.reshape(game.shape)
        value = float(c @ x)
        pay = tuple(float((U[i] * dist).sum()) for i in range(len(U)))
    return CorrelatedEquilibrium(game, dist, pay, value, what, coarse, exact, maximize)


def _incentive_rows(game, U: np.ndarray, coarse: bool) -> list[dict[int, Any]]:
    """The constraints as sparse rows ``{profile: coefficient}`` in the values of ``U``,
    in the order of :func:`correlated_polytope`'s rows."""
    P = int(np.prod(game.shape))
    grid = np.indices(game.shape).reshape(game.num_players, P)
    out: dict[tuple, dict[int, Any]] = {}
    for i, d, diff in _gains(game, U, coarse):
        flat = diff.reshape(P)
        if coarse:  # one row per deviation, even when it has no terms (a lone strategy)
            out.setdefault((i, -1, d), {})
        for k in np.flatnonzero(grid[i] != d).tolist():
            key = (i, -1, d) if coarse else (i, int(grid[i][k]), d)
            if flat[k] != 0:
                out.setdefault(key, {})[k] = flat[k]
            else:
                out.setdefault(key, {})
    return [out[k] for k in sorted(out)]


def _distribution(game, distribution: Any) -> np.ndarray:
    """A distribution as an array of shape ``game.shape`` (Fractions when exact)."""
    dist = getattr(distribution, "distribution", distribution)
    if isinstance(dist, Mapping):
        arr = np.empty(game.shape, dtype=object)
        arr[...] = 0
        for prof, p in dist.items():
            if isinstance(prof, (str, bytes)) or not isinstance(prof, Sequence) \
                    or len(prof) != game.num_players:
                raise GameError(f"distribution key {prof!r} is not a profile of "
                                f"{game.num_players} strategies")
            idx = tuple(game.strategy_index(i, s) for i, s in enumerate(prof))
            arr[idx] = p
        dist = arr
    arr = np.asarray(dist, dtype=object)
    if arr.shape != tuple(game.shape):
        raise GameError(f"the distribution has shape {arr.shape}; expected {tuple(game.shape)}"
                        f", one probability per pure profile")
    exact = all(isinstance(v, (int, Fraction, str)) for v in arr.flat)
    try:
        arr = np.array([Fraction(v) if exact else float(v) for v in arr.flat],
                       dtype=object if exact else np.float64).reshape(game.shape)
    except (TypeError, ValueError):
        raise GameError("distribution entries must be numbers") from None
    if (arr < 0).any():
        raise GameError(f"the distribution has a negative probability {min(arr.flat)}")
    total = arr.sum()
    if (exact and total != 1) or abs(float(total) - 1) > 1e-9:
        raise GameError(f"the distribution sums to {total}, not 1")
    return arr


def correlated_regret(game: NormalFormGame, distribution: Any, coarse: bool = False) -> Any:
    """The largest expected gain of any player from one deviation (0 or less in equilibrium).

    Gains are unconditional (weighted by the probability of the recommendation). Exact when
    payoffs and distribution are exact.

    References
    ----------
    Aumann, R. J. (1974). *Journal of Mathematical Economics* 1, 67-96.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> gt.correlated_regret(g, [[1, 0], [0, 0]])
    Fraction(1, 1)
    """
    p = _distribution(game, distribution)
    exact = p.dtype == object and game.is_exact
    U = _payoffs(game, exact)
    if not exact:
        p = p.astype(np.float64)
    best = None
    for i, _d, diff in _gains(game, U, coarse):
        gain = -(diff * p)
        if coarse:
            g = gain.sum()
        else:
            g = np.moveaxis(gain, i, 0).reshape(game.shape[i], -1).sum(axis=1).max()
        best = g if best is None or g > best else best
    return best if exact else float(best)


def is_correlated_equilibrium(game: NormalFormGame, distribution: Any, coarse: bool = False,
                              tol: float = 1e-9) -> bool:
    """Whether a distribution over pure profiles is a (coarse) correlated equilibrium.

    Parameters
    ----------
    game : NormalFormGame
    distribution : array, mapping or CorrelatedEquilibrium
        An array of shape ``game.shape``, or ``{profile (labels or indices): probability}``.
    coarse : bool
        Check the coarse (Hannan) constraints instead.
    tol : float
        Allowed gain, relative to the largest absolute payoff (exact inputs: none).

    References
    ----------
    Aumann, R. J. (1974). *Journal of Mathematical Economics* 1, 67-96.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...                                   strategies=[["C", "D"], ["C", "D"]])
    >>> third = {("C", "C"): "1/3", ("C", "D"): "1/3", ("D", "C"): "1/3"}
    >>> gt.is_correlated_equilibrium(g, third)
    True
    >>> gt.is_correlated_equilibrium(g, {("C", "C"): 1})
    False
    """
    r = correlated_regret(game, distribution, coarse)
    if isinstance(r, Fraction):
        return r <= 0
    return r <= tol * float(np.abs(game.float_payoffs()).max())
