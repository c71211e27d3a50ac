"""Lemke's algorithm on the sequence form: one equilibrium of a two-player tree.

The equilibria of a two-player game tree with perfect recall are the solutions of a
linear complementarity problem (LCP) over the realisation plans x, y of the sequence
form, whose size is linear in the tree (Koller, Megiddo & von Stengel 1996): x is a best
response to y when ``w = E^T p - A y >= 0`` is complementary to ``x >= 0`` with
``E x = e``, and likewise for y. Lemke's algorithm solves it by complementary pivoting
from a start that is made an equilibrium artificially by the extra variable z0; here the
start is the pure pair "first action at every information set" and z0 penalises leaving
it (the covering vector is 1 on the other sequences and 0 on the start's), so that x and
y stay realisation plans along the whole path; von Stengel, van den Elzen & Talman
(2002) start likewise from a given pair of plans. Details are in
:mod:`._sequence_lcp_setup`; pivoting with the lexicographic ratio test is
:mod:`.tableau`.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import SolverError
from ._advice import suggest
from ._progress import Budget, check_time_limit
from ._sequence_lcp_setup import best_response_value, deepest_first, initial_tableau, split
from ._tree_checks import check_two_player_tree
from .result import Solution, build_tree_solution, payoff_tolerance
from .tableau import FloatTableau, IntegerTableau

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["solve_sequence_lcp", "DEFAULT_MAX_PIVOTS"]

#: Pivot limit when ``max_pivots`` is not given.
DEFAULT_MAX_PIVOTS = 1_000_000


def solve_sequence_lcp(game: ExtensiveFormGame, exact: bool = False, tol: float | None = None,
                       max_pivots: int | None = None, time_limit: float | None = None,
                       progress: bool = False, **options: Any) -> Solution:
    """One Nash equilibrium of a two-player tree by Lemke's algorithm on the sequence form.

    Parameters
    ----------
    game : ExtensiveFormGame
        A two-player tree with perfect recall and numeric payoffs (chance moves and
        information sets allowed; general-sum).
    exact : bool
        Pivot in exact integer arithmetic (each player's sequence-form payoffs scaled to
        integers, fraction-free Bareiss pivoting) and return Fractions. Float payoffs
        are read as the decimals they print as. Otherwise a float64 tableau, with the
        final basis solved again once (sparse) for accuracy.
    tol : float, optional
        Regret tolerance for float results (default
        :func:`~gametheory.solvers.result.payoff_tolerance`: 1e-9 times the largest
        payoff range, plus rounding).
    max_pivots : int, optional
        Pivot limit (default :data:`DEFAULT_MAX_PIVOTS`); exceeding it raises
        :class:`SolverError`.
    time_limit : float, optional
        Seconds after which the path is abandoned (SolverError naming what else
        applies); checked every 1000 pivots.
    progress : bool
        Show a tqdm progress bar of the pivots.

    Returns
    -------
    Solution
        One equilibrium in behaviour strategies (``eq.behavior``; ``eq.strategies`` is
        empty), ``complete=False``. Where a player's own plan never reaches an
        information set, the first action there is given probability 1.

    Raises
    ------
    GameError
        For a game that is not a tree, has other than two players, imperfect recall or
        symbolic payoffs.
    SolverError
        For unknown options, a path longer than ``max_pivots``, or (not expected) a
        result whose regret exceeds ``tol``: a non-equilibrium is never returned.

    Notes
    -----
    The tableau has one row per sequence and is dense: a pivot costs O(n^2) for n
    sequences of both players together. The free dual variables p, q are solved for at
    the start and never enter the tableau. Ties in the ratio test are broken by the
    lexicographic rule, so degenerate trees (which are the rule, not the exception) do
    not cycle. The returned profile is checked by a best-response pass over the
    sequence form of each player.

    References
    ----------
    Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient computation of
    equilibria for extensive two-person games. Games and Economic Behavior 14, 247-259.
    von Stengel, B., van den Elzen, A. & Talman, D. (2002). Computing normal form
    perfect equilibria for extensive two-person games. Econometrica 70(2), 693-715.
    von Stengel, B. (2002). Computing equilibria for two-person games. Handbook of Game
    Theory vol. 3, ch. 45, sections 6 and 8 (lexicographic rule, sequence form).

    Examples
    --------
    The entry game (Selten 1978). From the start "enter, fight" Lemke's path leads to
    the subgame-perfect equilibrium:

    >>> import gametheory as gt
    >>> from gametheory.solvers.sequence_lcp import solve_sequence_lcp
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> enter, out = g.root.decide("Entrant", ["enter", "out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = fight.payoffs(-1, -1), accommodate.payoffs(1, 1)
    >>> print(solve_sequence_lcp(g, exact=True))
    1 equilibrium by sequence-lcp (not guaranteed complete, exact)
      [0] Entrant: root = enter; Incumbent: enter = accommodate; payoffs 1, 1
      note: Lemke's algorithm on the sequence form finds one equilibrium (3 pivots)
    """
    if options:
        raise SolverError(f"sequence-lcp does not take the option(s) "
                          f"{', '.join(sorted(options))}")
    limit = DEFAULT_MAX_PIVOTS if max_pivots is None else max_pivots
    if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)) or limit < 0:
        raise SolverError(f"max_pivots must be a non-negative integer; got {max_pivots!r}")
    check_time_limit(time_limit, "sequence-lcp")
    sf = _check(game)
    if not exact:       # (a GameError beyond the float range, before any conversion)
        default = payoff_tolerance(game.arrays.payoffs, player_axis=1)
        tol = default if tol is None else tol
    A, B, As, Bs = _payoff_matrices(sf, exact)
    splits = (split(sf, 0), split(sf, 1))
    start = initial_tableau(sf, As, Bs, splits, exact)
    n1, n2 = sf.sizes
    pivots = 0
    if start.D is None:                 # the start is an equilibrium
        x = np.zeros(n1, dtype=np.int64)
        y = np.zeros(n2, dtype=np.int64)
        x[splits[0].P], y[splits[1].P] = splits[0].start, splits[1].start
        plans = (x, y)
    else:
        with Budget(None, "sequence-lcp", progress, time_limit, unit="pivot") as budget:
            faster = suggest(game, ["qre"], exact, extra="raise time_limit")
            tab, pivots = _lemke_path(start, n1 + n2, exact, limit, budget, faster)
        plans = _plans(tab, sf, A, B, exact)
    cast = Fraction if exact else float
    behavior = {h: {a: cast(v) for a, v in acts.items()}
                for h, acts in sf.behavior(game, plans).items()}
    _verify(game, sf, A, B, behavior, exact, tol)
    note = (f"Lemke's algorithm on the sequence form finds one equilibrium "
            f"({pivots} pivot{'' if pivots == 1 else 's'})")
    return build_tree_solution(game, [behavior], "sequence-lcp", complete=False,
                               exact=exact, notes=[note])


# --------------------------------------------------------------------------- checks
def _check(game: Game) -> Any:
    check_two_player_tree(game, "sequence-lcp",
                          "use method='lemke-howson' for a bimatrix game")
    return game.sequence_form()


def _payoff_matrices(sf: Any, exact: bool) -> tuple[Any, Any, Any, Any]:
    """(A, B) for verification and (As, Bs) for pivoting: Fractions and each player's
    matrix scaled to Python ints when exact; else sparse floats, scaled to max 1."""
    if exact:
        from ..games.values import to_fraction_array

        A, B = (to_fraction_array(sf.payoff_matrix(i)) for i in range(2))
        return A, B, _integers(A), _integers(B)
    A, B = (sf.payoff_matrix(i, sparse=True) for i in range(2))
    return A, B, _unit_scale(A), _unit_scale(B)


def _integers(M: np.ndarray) -> np.ndarray:
    scale = 1
    for v in M.flat:
        scale = math.lcm(scale, v.denominator)
    out = np.empty(M.shape, dtype=object)
    out[...] = [[int(v * scale) for v in row] for row in M] if M.size else 0
    return out


def _unit_scale(M: Any) -> Any:
    top = abs(M).max() if M.nnz else 0.0
    return M / top if top > 0 else M


# --------------------------------------------------------------------------- the path
def _lemke_path(start: Any, n: int, exact: bool, limit: int, budget: Budget | None = None,
                advice: str = ""):
    """Complementary pivoting from ``start`` until z0 leaves; the tableau and pivots."""
    if exact:
        tab = IntegerTableau(start.system(), start.basis, start.basis)
    else:
        tab = FloatTableau.from_dictionary(start.D, start.basis, start.nonbasic, start.basis)
    z0 = 2 * n
    entering = start.entering
    pivots = 1                          # z0 entering
    # Zobrist key of the basis, to stop (float) cycling: a random word per label.
    words = np.random.default_rng(0).integers(0, 2**62, size=2 * n + 1).tolist()
    key = sum(words[j] for j in start.basis)
    seen = {key}
    while True:
        if pivots > limit:
            raise SolverError(f"sequence-lcp: Lemke's path exceeded max_pivots={limit} "
                              "pivots; raise max_pivots")
        try:
            leaving = tab.pivot_on(entering, prefer=z0)
        except SolverError as err:
            raise SolverError("sequence-lcp: Lemke's path ended on a ray (numerical "
                              "trouble; try exact=True)") from err
        pivots += 1
        if leaving == z0:
            return tab, pivots
        if budget is not None and pivots % 1000 == 0:
            budget.step(1000)
            if budget.expired:
                raise SolverError(f"sequence-lcp: time_limit={budget.time_limit:g} s reached "
                                  f"after {pivots} pivots; {advice}")
        key += words[entering] - words[leaving]
        if key in seen and not exact:
            raise SolverError("sequence-lcp: the float path cycled after "
                              f"{pivots} pivots (numerical trouble; try exact=True)")
        seen.add(key)
        entering = leaving - n if leaving >= n else leaving + n


def _plans(tab: Any, sf: Any, A: Any, B: Any, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """The realisation plans at the end of the path (refined by one sparse solve)."""
    n1, n2 = sf.sizes
    values = tab.basic_values() if exact else tab.basic_values(refine=False)
    z = np.zeros(n1 + n2, dtype=object if exact else np.float64)
    if exact:
        z[...] = Fraction(0)
    for label, v in values.items():
        if label < n1 + n2:
            z[label] = v
    if not exact:
        basic = np.zeros(n1 + n2, dtype=bool)
        basic[[lab for lab in values if lab < n1 + n2]] = True
        z = _refine(sf, A, B, basic, z)
        return _consistent(sf, 0, z[:n1]), _consistent(sf, 1, z[n1:])
    return z[:n1], z[n1:]


def _consistent(sf: Any, p: int, x: np.ndarray) -> np.ndarray:
    """A float plan cleaned of rounding noise: entries below 1e-12 are 0 and, top
    down, the actions at each information set are rescaled to sum to their parent."""
    x = np.where(x > 1e-12, x, 0.0)
    x[0] = 1.0
    first, parent = sf.first[p], sf.parent[p]
    ends = list(first[1:]) + [sf.sizes[p]]
    for j in _top_down(sf, p):
        part = x[first[j]:ends[j]]
        total, want = part.sum(), x[parent[j]]
        if want == 0.0:
            part[:] = 0.0
        elif total > 0.0:
            part *= want / total
        else:
            part[0] = want
    return x


def _refine(sf: Any, A: Any, B: Any, basic: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Solve the complementary system of the final basis again from the original data:
    ``E x = e, F y = f``, ``x_s = 0`` where x_s is nonbasic, else ``(E^T p - A y)_s = 0``
    (likewise for y). Kept when it agrees with the tableau to 1e-6."""
    from scipy.sparse import bmat, diags
    from scipy.sparse.linalg import MatrixRankWarning, spsolve

    n1, n2 = sf.sizes
    E, F = sf.constraints(0, sparse=True), sf.constraints(1, sparse=True)
    k1, k2 = E.shape[0], F.shape[0]
    bx, by = basic[:n1].astype(float), basic[n1:].astype(float)
    Dx, Dy = diags(bx), diags(by)
    M = bmat([[diags(1 - bx), -Dx @ A, Dx @ E.T, None],
              [-Dy @ B.T, diags(1 - by), None, Dy @ F.T],
              [E, None, None, None],
              [None, F, None, None]], format="csc")
    rhs = np.zeros(n1 + n2 + k1 + k2)
    rhs[n1 + n2] = 1.0
    rhs[n1 + n2 + k1] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MatrixRankWarning)
        try:
            sol = spsolve(M, rhs)[:n1 + n2]
        except (RuntimeError, ValueError):
            return z
    if not np.all(np.isfinite(sol)) or np.abs(sol - z).max() > 1e-6:
        return z
    return np.clip(sol, 0.0, None)


def _top_down(sf: Any, p: int) -> list[int]:
    first = np.asarray(sf.first[p]).tolist()
    ends = first[1:] + [sf.sizes[p]]
    return deepest_first(first, np.asarray(sf.parent[p]).tolist(), ends)[::-1]


# --------------------------------------------------------------------------- verification
def _verify(game: ExtensiveFormGame, sf: Any, A: Any, B: Any, behavior: Any, exact: bool,
            tol: float) -> None:
    """Raise SolverError unless each player's regret is at most tol (0 when exact)."""
    x, y = sf.realization_plan(game, behavior)
    if exact:
        x, y = np.asarray(x, dtype=object), np.asarray(y, dtype=object)
        regrets = [best_response_value(sf, 0, A @ y) - x @ (A @ y),
                   best_response_value(sf, 1, B.T @ x) - y @ (B.T @ x)]
        bad = [r for r in regrets if r != 0]
        limit: Any = 0
    else:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        ay, bx = A @ y, B.T @ x
        regrets = [best_response_value(sf, 0, ay) - x @ ay,
                   best_response_value(sf, 1, bx) - y @ bx]
        bad = [r for r in regrets if not r <= tol]
    if bad:
        raise SolverError(f"sequence-lcp: the profile found has regret "
                          f"{max(float(r) for r in regrets):.3g} > {float(limit):g} "
                          f"(numerical trouble; try exact=True)")
