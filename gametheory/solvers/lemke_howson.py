"""The Lemke-Howson algorithm: complementary pivoting on the best-response polytopes.

For a bimatrix game (A, B) with positive payoffs, the best-response polytopes are

    P = {x >= 0 : B^T x <= 1}        Q = {y >= 0 : A y <= 1}.

Label i < m (player 1's strategy i) is carried by a point x of P when x_i = 0 and by a
point y of Q when (A y)_i = 1; label m + j (player 2's strategy j) by x when
(B^T x)_j = 1 and by y when y_j = 0. A pair (x, y) != (0, 0) carrying every label is a
Nash equilibrium after normalising. Starting from the artificial pair (0, 0) and dropping
one label k, the algorithm walks alternately in P and Q, each pivot picking up a label
that is then duplicated and dropped in the other polytope, until label k is picked up
again (von Stengel 2007, §3.5). Labels are numbered as in QuantEcon (``init_pivot``) and
nashpy (``initial_dropped_label``): 0..m-1 for player 1's strategies, m..m+n-1 for
player 2's.

Each polytope is a tableau (see :mod:`.tableau`) with one column per label; ties in the
ratio test are broken lexicographically, so degenerate games never cycle. Float games of
at least :data:`._lh_kernel.MIN_LABELS` labels, with numba installed, are walked by the
compiled kernel on plain arrays built once per call (the same pivots, without tableau
objects); each endpoint is then refined by solving the tight rows on its support, kept
only when it agrees with the walk's values to 1e-6.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DegenerateGameWarning, GameError, SolverError
from ._advice import suggest
from ._compiled import kernel
from ._lh_kernel import Abandoned as _Abandoned
from ._lh_kernel import compiled_for, run_path, start_io, walk
from ._progress import Budget
from .result import Solution, build_solution
from .tableau import FloatTableau, IntegerTableau

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["solve_lemke_howson", "DEFAULT_MAX_PIVOTS"]

#: Pivot limit per path when ``max_pivots`` is not given.
DEFAULT_MAX_PIVOTS = 100_000

_NOTE = "Lemke-Howson finds some equilibria, not necessarily all"


def solve_lemke_howson(game: NormalFormGame, exact: bool = False, tol: float | None = None,
                       initial_labels: int | Iterable[int] | None = None,
                       max_pivots: int | None = None, time_limit: float | None = 60.0,
                       progress: bool = False, **options: Any) -> Solution:
    """Equilibria of a two-player game by Lemke-Howson from several initial labels.

    Runs the Lemke-Howson path once for every initial label (all ``m + n`` of them by
    default) and returns the distinct equilibria found at the ends of the paths.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with numeric payoffs.
    exact : bool
        Pivot in exact integer arithmetic (payoffs scaled to integers, fraction-free
        Bareiss pivoting as in lrs) and return Fractions. Otherwise float64 tableaus,
        with each endpoint recomputed from its basis by one linear solve for accuracy.
    tol : float, optional
        Regret tolerance for float results (default: 1e-9 times the payoff scale).
    initial_labels : int or iterable of int, optional
        The labels to drop first: ``0..m-1`` are player 1's strategies, ``m..m+n-1``
        player 2's (QuantEcon's ``init_pivot``, nashpy's ``initial_dropped_label``).
    max_pivots : int, optional
        Pivot limit per path (default :data:`DEFAULT_MAX_PIVOTS`). A path that
        exceeds it is abandoned with a note and the other labels are still tried;
        SolverError only when no path ends. Lexicographic pivoting never cycles, but
        some games have exponentially long paths (Savani & von Stengel 2006).
    time_limit : float, optional
        Seconds (default 60; None for no limit) after which no further path is started
        and a running one is abandoned (checked every 1000 pivots); the equilibria found
        so far are returned with a note, or SolverError naming what else applies when
        none was found.
    progress : bool
        Show a tqdm progress bar over the initial labels.

    Returns
    -------
    Solution
        ``complete`` is always False: Lemke-Howson finds some equilibria, not
        necessarily all. When a ratio test needed the lexicographic tie-break, the game
        is degenerate; a note says so and a :class:`DegenerateGameWarning` is issued.

    Raises
    ------
    SolverError
        For games with other than two players, bad labels, or when no path ended
        within ``max_pivots`` pivots or ``time_limit``.

    Notes
    -----
    Payoffs are first made positive by a positive affine map per player (which changes
    no best response). Ties in the minimum-ratio test are broken by the lexicographic
    rule on the columns of the initial basis (the slack variables), i.e. by perturbing
    the right-hand side ``1`` to ``1 + (eps, eps^2, ...)`` (von Stengel 2002, §6). On
    nondegenerate games the endpoint from each label is QuantEcon's
    ``lemke_howson(g, init_pivot=k)`` (and nashpy's where nashpy succeeds).

    A float pivot costs about 10 microseconds at 100 x 100 in numpy (dictionary
    tableaus, one BLAS rank-one update). When numba is installed and the game has at
    least :data:`._lh_kernel.MIN_LABELS` labels, float paths are walked by a compiled
    loop with the same pivoting rules instead (:mod:`._lh_kernel`; some 2 microseconds
    a pivot at 100 x 100; set ``GAMETHEORY_NO_NUMBA=1`` to turn it off): the paths
    from all 200 labels of a random 100 x 100 game, some 400,000 pivots, then take
    about a second instead of several. Exact pivoting on big integers is some hundred
    times slower per pivot than numpy.

    References
    ----------
    Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. SIAM
    Journal on Applied Mathematics 12(2), 413-423. von Stengel, B. (2007). Equilibrium
    computation for two-player games in strategic and extensive form. Algorithmic Game
    Theory, ch. 3, §3.5. von Stengel, B. (2002). Computing equilibria for two-person
    games. Handbook of Game Theory vol. 3, ch. 45, §6. Savani, R. & von Stengel, B.
    (2006). Hard-to-solve bimatrix games. Econometrica 74(2), 397-429.

    Examples
    --------
    Battle of the Sexes: dropping label 0 (player 1's first strategy) leads to the pure
    equilibrium where both choose Bach; all labels together find both pure equilibria
    but miss the mixed one.

    >>> import gametheory as gt
    >>> from gametheory.models import catalog
    >>> bos = catalog.battle_of_the_sexes()
    >>> print(gt.solve(bos, method="lemke-howson", initial_labels=0, exact=True))
    1 equilibrium by lemke-howson (not guaranteed complete, exact)
      [0] Player 1: Bach 1; Player 2: Bach 1; payoffs 2, 1
      note: Lemke-Howson finds some equilibria, not necessarily all (initial labels 0)
    >>> len(gt.solve(bos, method="lemke-howson"))
    2

    Rock-Paper-Scissors has a unique equilibrium, found from every label:

    >>> rps = gt.solve(catalog.rock_paper_scissors(), method="lemke-howson", exact=True)
    >>> len(rps), [str(p) for p in rps.equilibria[0].strategies[1]]
    (1, ['1/3', '1/3', '1/3'])
    """
    if options:
        raise SolverError(f"lemke-howson does not take the option(s) "
                          f"{', '.join(sorted(options))}")
    A, B = _bimatrix(game, exact)
    m, n = A.shape
    labels = _check_labels(initial_labels, m, n)
    limit = DEFAULT_MAX_PIVOTS if max_pivots is None else max_pivots
    if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)) or limit < 1:
        raise SolverError(f"max_pivots must be a positive integer; got {max_pivots!r}")
    compiled = None if exact else compiled_for(m, n)
    walker = _tableau_walker(A, B, exact, limit) if compiled is None else \
        _array_walker(compiled, A, B, limit)
    profiles, abandoned = [], []
    degenerate = False
    with Budget(len(labels), "lemke-howson", progress, time_limit, unit="label") as budget:
        for k in labels:
            if budget.expired:
                break
            try:
                x, y, tied = walker(k, budget)
            except _Abandoned as why:
                abandoned.append((k, str(why)))
                budget.step()
                continue
            degenerate |= tied
            profiles.append((x, y))
            budget.step()
    tried = len(profiles) + len(abandoned)
    if not profiles:
        raise SolverError(_no_path_message(game, labels, abandoned, tried, limit, exact))
    which = ", ".join(map(str, labels)) if len(labels) < m + n else "all"
    notes = [f"{_NOTE} (initial labels {which})"]
    if abandoned:
        notes.append(f"{len(abandoned)} path(s) abandoned ({abandoned[0][1]}), from "
                     f"label(s) {', '.join(str(k) for k, _ in abandoned[:10])}"
                     f"{' ...' if len(abandoned) > 10 else ''}")
    if tried < len(labels):
        notes.append(f"stopped after time_limit={time_limit:g} s: {len(labels) - tried} "
                     f"of {len(labels)} labels not tried")
    if degenerate:
        better = suggest(game, ["vertex", "support"], exact)
        msg = ("the game is degenerate (ties in the ratio test were broken "
               "lexicographically)" + (f"; {better} for all equilibria" if better else ""))
        notes.append(msg)
        warnings.warn(msg, DegenerateGameWarning, stacklevel=2)
    if tol is None and not exact:
        tol = _default_tol(game)
    return build_solution(game, profiles, "lemke-howson", complete=False, exact=exact,
                          tol=tol, notes=notes)


def _default_tol(game: NormalFormGame) -> float | None:
    """:func:`.result.payoff_tolerance` of the game's float payoffs, from the two
    matrices' extremes (the same arithmetic); None (computed there) if one is not
    finite."""
    lo, hi = [], []
    for M in game.float_payoffs():
        lo.append(float(M.min()))
        hi.append(float(M.max()))
    if not all(math.isfinite(v) for v in lo + hi):
        return None
    return 1e-9 * max(h - low for h, low in zip(hi, lo)) + \
        1e-13 * max(max(abs(h), abs(low)) for h, low in zip(hi, lo))


# --------------------------------------------------------------------------- setup
def _bimatrix(game: Game, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """Player 1's and player 2's payoff matrices, made positive (ints when exact)."""
    from ..games.normal import NormalFormGame

    if not isinstance(game, NormalFormGame) or game.num_players != 2:
        players = game.num_players if isinstance(game, NormalFormGame) else "?"
        raise SolverError(f"lemke-howson needs a two-player game; this one has {players} "
                          "players (try method='pure')")
    if exact and game.kind == "symbolic":
        raise GameError("exact=True needs rational payoffs; this game has irrational or "
                        "symbolic ones")
    if exact:
        return tuple(_positive_integers(M) for M in game.exact_payoffs())  # type: ignore
    return tuple(_positive_floats(M) for M in game.float_payoffs())  # type: ignore


def _positive_floats(M: np.ndarray) -> np.ndarray:
    """Map the entries affinely onto [1, 2] (all ones if constant)."""
    lo, hi = float(M.min()), float(M.max())
    if hi == lo:
        return np.ones_like(M, dtype=float)
    return 1.0 + (M - lo) / (hi - lo)


def _positive_integers(M: np.ndarray) -> np.ndarray:
    """Scale Fractions to integers by the lcm of their denominators, then shift to >= 1."""
    scale = 1
    for v in M.flat:
        scale = math.lcm(scale, Fraction(v).denominator)
    ints = np.array([[int(Fraction(v) * scale) for v in row] for row in M], dtype=object)
    return ints - min(ints.flat) + 1


def _check_labels(labels, m: int, n: int) -> list[int]:
    if labels is None:
        return list(range(m + n))
    if isinstance(labels, (int, np.integer)) and not isinstance(labels, bool):
        labels = [labels]
    out = []
    for k in labels:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or \
                not 0 <= k < m + n:
            raise SolverError(f"initial label {k!r} is not an integer in 0..{m + n - 1} "
                              f"(0..{m - 1} for player 1's strategies, {m}..{m + n - 1} "
                              f"for player 2's)")
        out.append(int(k))
    if not out:
        raise SolverError("initial_labels is empty")
    return out


def _tableau_arrays(A, B, dtype) -> tuple[np.ndarray, np.ndarray]:
    """``[B^T | I_n | 1]`` for P and ``[I_m | A | 1]`` for Q; column index = label."""
    m, n = A.shape
    P = np.zeros((n, m + n + 1), dtype=dtype)
    P[:, :m] = B.T
    P[:, m:m + n] = np.eye(n, dtype=int)
    P[:, -1] = 1
    Q = np.zeros((m, m + n + 1), dtype=dtype)
    Q[:, :m] = np.eye(m, dtype=int)
    Q[:, m:m + n] = A
    Q[:, -1] = 1
    return P, Q


def _tableau_factory(A, B, exact: bool):
    """A function returning fresh tableaus (P, Q) at the artificial equilibrium."""
    m, n = A.shape
    P0, Q0 = _tableau_arrays(A, B, object if exact else float)
    slack_p, slack_q = list(range(m, m + n)), list(range(m))
    if exact:
        return lambda: (IntegerTableau(P0, slack_p, slack_p),
                        IntegerTableau(Q0, slack_q, slack_q))
    # the dictionaries at the slack bases, [B^T | 1] and [A | 1] (the slack columns are
    # the identity), built afresh for each path; the full systems refine the endpoints
    # (copied for each: a pivot changes its dictionary in place)
    DP, DQ = P0[:, [*range(m), m + n]], Q0[:, m:]
    return lambda: (FloatTableau.from_dictionary(DP.copy(order="F"), slack_p, range(m),
                                                 slack_p, origin=P0),
                    FloatTableau.from_dictionary(DQ.copy(order="F"), slack_q,
                                                 range(m, m + n), slack_q, origin=Q0))


# --------------------------------------------------------------------------- the path
def _tableau_walker(A, B, exact: bool, limit: int):
    """``walk(k, budget) -> (x, y, tied)``: the path from label k on fresh tableaus
    (:mod:`.tableau`), compiled when :func:`.run_path` applies; the endpoint's
    strategies (refined by a linear solve when float) and whether a ratio test tied."""
    m = A.shape[0]
    n = A.shape[1]
    make = _tableau_factory(A, B, exact)

    def walk_one(k: int, budget: Budget) -> tuple[np.ndarray, np.ndarray, bool]:
        P, Q = make()
        if exact or run_path(P, Q, k, m, limit, budget) is None:
            _complementary_path(P, Q, k, m, limit, budget)
        return (_strategy(P, range(m), exact), _strategy(Q, range(m, m + n), exact),
                bool(P.ties or Q.ties))

    return walk_one


def _array_walker(compiled, A: np.ndarray, B: np.ndarray, limit: int):
    """:func:`_tableau_walker` for float games on the compiled path, without tableau
    objects: the kernel pivots copies of the dictionaries ``[B^T | 1]`` and ``[A | 1]``
    at the slack bases (as :func:`_tableau_factory` builds them) with the labels in
    int64 arrays. Each endpoint is refined by the compiled ``refined_strategy``: the
    basic values are recomputed from the original system ``{z >= 0 : M z <= 1}`` (the
    rows whose slack is nonbasic, i.e. tight, give a square system for the basic z, and
    the basic slacks follow) and kept, as by :meth:`.FloatTableau.basic_array`, only
    when every value agrees with the walk's to 1e-6 (then clipped at 0)."""
    m, n = A.shape
    refine = kernel("_lh_numba", "refined_strategy")
    Bt = np.ascontiguousarray(B.T)
    DP = np.ones((n, m + 1), order="F")
    DP[:, :m] = Bt
    DQ = np.ones((m, n + 1), order="F")
    DQ[:, :n] = A
    labels = np.arange(m + n, dtype=np.int64)
    # (basis, nonbasic, pos, lex_columns): pos[label] = row if basic, else ~column
    state_p = (labels[m:], labels[:m], np.concatenate([~labels[:m], labels[:n]]),
               labels[m:])
    state_q = (labels[:m], labels[m:], np.concatenate([labels[:m], ~labels[:n]]),
               labels[:m])
    tol = 1e-11  # FloatTableau's default, as on the tableau path

    def walk_one(k: int, budget: Budget) -> tuple[np.ndarray, np.ndarray, bool]:
        dp, dq = DP.copy(order="F"), DQ.copy(order="F")
        sp, sq = tuple(a.copy() for a in state_p), tuple(a.copy() for a in state_q)
        ties = np.zeros(2, dtype=np.int64)
        walk(compiled, dp, dq, sp, sq, tol, k, limit, start_io(k, m), ties, budget)
        x, y = np.empty(m), np.empty(n)
        if not (refine(dp, sp[0], Bt, 0, m, x) and refine(dq, sq[0], A, m, 0, y)):
            raise SolverError("Lemke-Howson ended at the artificial equilibrium "
                              "(internal error)")
        return x, y, bool(ties.any())

    return walk_one


def _complementary_path(P, Q, k: int, m: int, limit: int, budget: Budget | None = None
                        ) -> int:
    """Drop label k at (0, 0) and pivot until it is picked up again; return the pivots."""
    current, other = (P, Q) if k < m else (Q, P)
    entering = k
    for count in range(1, limit + 1):
        leaving = current.pivot_on(entering)
        if leaving == k:
            return count
        if budget is not None and count % 1000 == 0 and budget.expired:
            raise _Abandoned(f"time_limit={budget.time_limit:g} s reached after {count} "
                             f"pivots")
        entering = leaving
        current, other = other, current
    raise _Abandoned(f"the path from label {k} exceeded max_pivots={limit} pivots")


def _no_path_message(game: NormalFormGame, labels: list[int], abandoned: list, tried: int,
                     limit: int, exact: bool) -> str:
    """Why Lemke-Howson found nothing, and what applies to this game instead."""
    m, n = game.shape
    others = [k for k in range(m + n) if k not in labels][:3]
    remedies = [f"raise max_pivots (now {limit}) or time_limit"]
    if others or tried < len(labels):
        remedies.append("try other initial_labels" +
                        (f" (e.g. {', '.join(map(str, others))})" if others else ""))
    better = suggest(game, ["vertex", "support", "pns", "qre"], exact,
                     extra=", or ".join(remedies))
    why = abandoned[0][1] if abandoned else "no path was started"
    return f"lemke-howson found no equilibrium: {why}; {better}"


def _strategy(tab, own: range, exact: bool) -> np.ndarray:
    """The normalised strategy of the basic variables in ``own`` (labels of one player)."""
    size = len(own)
    if exact:
        s = [Fraction(0)] * size
        for lab, v in tab.basic_values().items():
            if lab in own:
                s[lab - own.start] = v
        total = sum(s)
    else:
        labels, s = np.asarray(tab.basis), np.zeros(size)
        mine = (labels >= own.start) & (labels < own.stop)
        s[labels[mine] - own.start] = tab.basic_array()[mine]
        total = sum(s.tolist())
    if not total > 0:
        raise SolverError("Lemke-Howson ended at the artificial equilibrium (internal error)")
    return np.array([v / total for v in s], dtype=object) if exact else s / total
