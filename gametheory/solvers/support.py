"""Support enumeration for two-player games: vectorised, and honest about completeness.

An equilibrium ``(x, y)`` with supports ``(I, J)`` solves two independent problems: x on
I makes player 2 indifferent among J (and J are best responses), y on J makes player 1
indifferent among I. Equal-size pairs ``|I| = |J|`` are solved a size class at a time
by batched linear algebra (:mod:`._support_batch`); in a nondegenerate game that is all.
Degenerate games add singular systems and ties; those pairs, and the unequal-size pairs
they generate, are decided by linear programs (:mod:`._support_lp`; exact ones,
:mod:`._exact_lp`, with ``exact=True``). When such a pair's equilibrium set is more than
one point, the solution says so (``complete=False``).
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from itertools import combinations, product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DegenerateGameWarning, SolverError
from . import _support_batch as batch
from ._advice import suggest
from ._progress import Budget
from ._support_feasible import BORDER_HIGH, violations
from ._support_lp import SidePart, exact_side_part, side_parts
from .best_response import one_chooser, solve_best_response
from .indifference import UNIQUE, solve_indifference
from .result import Solution, build_solution, default_tol

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["solve_support", "accepts"]

#: Default limit on the number of support pairs (2^m - 1)(2^n - 1): up to 12 x 12.
MAX_PAIRS = 1 << 24

#: Support pairs whose LPs are stacked into one HiGHS call (between deadline checks).
_LP_CHUNK = 256


def _bits(mask: int) -> list[int]:
    return [k for k in range(int(mask).bit_length()) if mask >> k & 1]


def _mask(idx) -> int:
    return sum(1 << int(k) for k in idx)


class _Side:
    """One player's half of every support pair: own support S, opponent's set E.

    ``M[r, j]`` is the opponent's payoff for r against own strategy j (scaled floats),
    ``Mx`` the same unscaled in Fractions when solving exactly. Then the float screen
    only passes candidates on (its margins are wide, see :data:`EXACT_SCREEN`), and
    every decision is exact: points are rebuilt and checked in Fractions, the dominance
    filter compares exact ranks, and the sets that need an LP are decided by
    :func:`._support_lp.exact_side_part`.
    """

    def __init__(self, M: np.ndarray, Mx: np.ndarray | None, screen: tuple[float, float]):
        self.M, self.Mx, self.screen = M, Mx, screen
        self.exact = {} if Mx is None else {"singular_ratio": EXACT_SINGULAR,
                                            "order": _column_ranks(Mx), "rounding": True}
        self.feas: dict[tuple[int, int], tuple] = {}
        self.sing: set[tuple[int, int]] = set()
        self.cache: dict[tuple[int, int], SidePart | None] = {}
        self.parts: dict[tuple[int, int], SidePart | None] = {}
        self.borderline = 0            # float mode: sets found empty by a borderline LP
        self.tick = lambda: None       # the deadline check of solve_support

    def run_class(self, k: int) -> None:
        own = batch.subsets(self.M.shape[1], k)
        opp = batch.subsets(self.M.shape[0], k)
        res = batch.solve_class(self.M, own, opp, *self.screen, **self.exact)
        own_m, opp_m = batch.masks(own), batch.masks(opp)
        e, s, z, v, ties = res.feasible
        tie_m = ties @ (np.int64(1) << np.arange(ties.shape[1], dtype=np.int64))
        full = np.zeros((len(e), self.M.shape[1]))      # one row per feasible system
        full[np.arange(len(e))[:, None], own[s]] = z
        keys = zip(own_m[s].tolist(), opp_m[e].tolist(), strict=True)
        self.feas.update(zip(keys, zip(full, v.tolist(), tie_m.tolist(), strict=True),
                             strict=True))
        es, ss = res.singular
        self.sing.update(zip(own_m[ss].tolist(), opp_m[es].tolist(), strict=True))

    def maybe(self) -> set[tuple[int, int]]:
        """Equal-size (S, E) whose set may be non-empty: feasible or singular."""
        return set(self.feas) | self.sing

    def has_ties(self) -> bool:
        return any(t != E for (_, E), (_, _, t) in self.feas.items())

    # ------------------------------------------------------------ deciding Z(S, E)
    def prefetch(self, keys) -> None:
        """Decide many sets Z(S, E) that need LPs with stacked LPs (see :func:`side_parts`).

        Exactly: one stacked float phase 1 discards the sets whose closure violates its
        constraints by more than :data:`BORDER_HIGH` (far beyond rounding and HiGHS'
        tolerances); the others are decided one by one by :func:`exact_side_part`.
        """
        todo = sorted({k for k in keys if k not in self.cache and k not in self.parts})
        if self.Mx is not None:
            for at in range(0, len(todo), _LP_CHUNK):
                chunk = todo[at:at + _LP_CHUNK]
                viol = violations(self.M, [(_bits(S), _bits(E)) for S, E in chunk])
                for (S, E), x in zip(chunk, viol, strict=True):
                    self.parts[S, E] = (None if x > BORDER_HIGH else
                                        exact_side_part(self.Mx, _bits(S), _bits(E)))
                    self.tick()
            return
        for at in range(0, len(todo), _LP_CHUNK):     # chunks: the deadline is checked
            chunk = todo[at:at + _LP_CHUNK]
            near: list[int] = []
            parts = side_parts(self.M, [(_bits(S), _bits(E)) for S, E in chunk], near)
            self.parts.update(zip(chunk, parts, strict=True))
            self.borderline += len(near)
            self.tick()

    def lp_keys(self, S: int, E: int) -> list[tuple[int, int]]:
        """The sets that deciding Z(S, E) may need an LP for (to prefetch them)."""
        if (S, E) in self.cache or (S, E) in self.parts:
            return []
        ns, ne = bin(S).count("1"), bin(E).count("1")
        if ne < ns or (ne == ns and (S, E) in self.sing):
            return [(S, E)]
        if ne == ns or any((S, _mask(sub)) not in self.sing
                           for sub in combinations(_bits(E), ns)):
            return []
        return [k for q in _bits(E) for k in self.lp_keys(S, E & ~(1 << q))] + [(S, E)]

    def info(self, S: int, E: int) -> SidePart | None:
        key = (S, E)
        if key not in self.cache:
            self.cache[key] = self._decide(S, E)
        return self.cache[key]

    def _decide(self, S: int, E: int) -> SidePart | None:
        ns, ne = bin(S).count("1"), bin(E).count("1")
        if ne < ns or (ne == ns and (S, E) in self.sing):
            return self._lp(S, E)
        if ne == ns:
            return self._unique(S, E, E) if (S, E) in self.feas else None
        for sub in combinations(_bits(E), ns):       # overdetermined: any unique subsystem
            base = (S, _mask(sub))
            if base in self.feas:
                return self._unique(S, base[1], E) if E & ~self.feas[base][2] == 0 else None
            if base not in self.sing:
                return None
        if any(self.info(S, E & ~(1 << q)) is None for q in _bits(E)):
            return None
        return self._lp(S, E)

    def _unique(self, S: int, base: int, E: int) -> SidePart | None:
        """The screened point of the square system (S, base), which E extends; exactly,
        the system is solved in Fractions and the point checked (else None)."""
        if self.Mx is None:
            z, v, _ = self.feas[S, base]
            return SidePart([(z, v)], single=True)
        pt = self._exact_point(_bits(S), _bits(base), _bits(E))
        return None if pt is None else SidePart([pt], single=True)

    def _lp(self, S: int, E: int) -> SidePart | None:
        if (S, E) not in self.parts:
            self.prefetch([(S, E)])
        part = self.parts.pop((S, E))
        if part is not None and self.Mx is None:
            part.points = [self._polish(z, v, _bits(E)) for z, v in part.points]
        return part

    def _polish(self, z: np.ndarray, v: float, E: list[int]):
        """Re-solve an LP point from its active constraints (accurate to rounding)."""
        sup = [int(j) for j in np.flatnonzero(z > 1e-9)]
        tight = np.flatnonzero(self.M[:, sup] @ z[sup] >= v - 1e-7)
        eq = sorted(set(E) | {int(r) for r in tight})
        status, zz, vv = solve_indifference(self.M, sup, eq, exact=False)
        if status == UNIQUE and zz.min() > -1e-12 and np.abs(zz - z).max() < 1e-6:
            return np.clip(zz, 0.0, None), vv
        return z, v

    def _exact_point(self, S: list[int], base: list[int], E: list[int]):
        """The exact solution of the square system (S, base) if it is positive on S and
        makes E (a superset of base) equal best responses; else None."""
        status, z, v = solve_indifference(self.Mx, S, base, exact=True)
        if status != UNIQUE or any(z[j] <= 0 for j in S):
            return None
        pay = [sum((self.Mx[r, j] * z[j] for j in S), Fraction(0))
               for r in range(self.Mx.shape[0])]
        if any(p > v for p in pay) or any(pay[r] != v for r in E):
            return None
        return np.array(z, dtype=object), v


def _lattice(side: _Side, partner: _Side, records: list) -> None:
    """Unequal pairs: grow the opponent's equalised set E beyond |S| level by level
    (a set is tried only when all its subsets one smaller are non-empty); for each
    non-empty Z(S, E) ask the partner side, whose system is then underdetermined
    (its LPs for one level are solved together)."""
    current: dict[int, set[int]] = {}
    for S, E in side.maybe():
        current.setdefault(S, set()).add(E)
    n_opp = side.M.shape[0]
    while current:
        found: dict[int, set[int]] = {}
        cands = {S: sorted({E | 1 << r for E in level for r in range(n_opp)
                            if not E >> r & 1 and all((E | 1 << r) & ~(1 << q) in level
                                                      for q in _bits(E))})
                 for S, level in current.items()}
        side.prefetch(k for S, Es in cands.items() for E in Es for k in side.lp_keys(S, E))
        for S, Es in sorted(cands.items()):
            side.tick()
            good = {E for E in Es if side.info(S, E)}
            if good:
                found[S] = good
        partner.prefetch((E, S) for S, good in found.items() for E in good)
        for S, good in sorted(found.items()):
            for E in sorted(good):
                other = partner.info(E, S)
                if other is not None:
                    records.append((S, E, side.info(S, E), other))
        current = found


#: With exact=True, the float screen's margin (probabilities, payoff slack; relative to
#: the payoff scale): wide enough that rounding never rejects a true candidate, the
#: exact rebuild rejects the false ones. Square systems whose Hadamard ratio times
#: smallest row norm is below EXACT_SINGULAR (ill-conditioned, or built from near-ties
#: that rounding blurs; see :func:`._support_batch.solve_class`) are not trusted to
#: floats at all: they are decided as singular ones, by exact LPs.
EXACT_SCREEN, EXACT_SINGULAR = 1e-6, 1e-6


def _column_ranks(Mx: np.ndarray) -> np.ndarray:
    """Each entry's rank among the distinct exact values of its column."""
    out = np.zeros(Mx.shape)
    for j in range(Mx.shape[1]):
        rank = {v: k for k, v in enumerate(sorted(set(Mx[:, j])))}
        out[:, j] = [rank[v] for v in Mx[:, j]]
    return out


def _sides(game: NormalFormGame, exact: bool, tol: float) -> tuple[_Side, _Side]:
    U = game.float_payoffs()
    scale = max(1.0, float(np.abs(U).max()))
    A, B = U[0] / scale, U[1] / scale
    screen = (-EXACT_SCREEN, EXACT_SCREEN) if exact else (0.0, tol / scale)
    Ux = game.exact_payoffs() if exact else None
    x_side = _Side(B.T, None if Ux is None else Ux[1].T, screen)
    y_side = _Side(A, None if Ux is None else Ux[0], screen)
    return x_side, y_side


class _OutOfTime(Exception):
    pass


def solve_support(game: NormalFormGame, exact: bool = False, tol: float | None = None,
                  max_pairs: int = MAX_PAIRS, time_limit: float | None = 120.0,
                  progress: bool = False, **options: Any) -> Solution:
    """All Nash equilibria of a two-player game by support enumeration.

    Every pair of supports ``(I, J)`` is considered: y on J must make player 1
    indifferent among I (``(A y)_i = v``, i in I) and x on I must make player 2
    indifferent among J (``(B^T x)_j = u``), with positive probabilities on the supports
    and no better reply outside them. Equal-size pairs are solved a size class at a time
    (smallest first) with batched linear algebra, after discarding the pairs in which an
    opponent strategy outside the equalised set dominates one inside it on the support;
    in a nondegenerate game these are all that matter. Singular systems and ties
    (degenerate games) bring in the remaining pairs, including unequal sizes: each is
    decided by linear programs, and only when its other side is non-empty. If some
    pair's equilibria form a continuum, vertices of it (extreme equilibria) are
    reported, ``complete`` is False and a
    :class:`~gametheory.errors.DegenerateGameWarning` says so.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with numeric payoffs.
    exact : bool
        Decide everything in exact rationals (Fractions; regret exactly 0): floats only
        screen candidates, with margins that rounding cannot cross.
    tol : float, optional
        Regret tolerance for float results; default 1e-9 times the payoff scale.
    max_pairs : int
        Refuse games with more than this many support pairs ``(2^m - 1)(2^n - 1)``.
    time_limit : float, optional
        Seconds (default 120; None for no limit) after which the search stops: the
        equilibria found so far are returned with ``complete=False`` and a note naming
        a faster route (degenerate games spend long in their LPs).
    progress : bool
        Show a tqdm progress bar (steps: size classes and levels of unequal supports).

    Returns
    -------
    Solution
        ``complete`` is True when every support pair's equilibrium set is empty or a
        single point: then the equilibria are finite in number and all were found.

    Raises
    ------
    SolverError
        Not two players, too many support pairs, or an unknown option.

    Notes
    -----
    Why ``complete`` can be trusted: the equilibria with exact supports ``(I, J)`` form
    a convex set, a product of one set per player. If each such set is empty or a single
    point, there are finitely many equilibria and each was found. A support pair whose
    system is not uniquely solvable is tested for being empty, one point, or more: an
    LP maximises the smallest probability on the support; at that point, a direction
    left free by the tight constraints, or (one more LP) a direction into the set,
    shows a continuum. The LPs of many pairs are stacked into one HiGHS call.

    With ``exact=True`` every decision is exact, so near-ties (payoffs differing by
    1e-12, probabilities of 1e-9) are decided correctly and ``complete`` can be trusted:
    the batched float solve only passes candidates on (margins :data:`EXACT_SCREEN`),
    each is solved again and checked in Fractions; the dominance filter compares exact
    ranks; square systems too ill-conditioned for floats (see :data:`EXACT_SINGULAR`)
    and every set that needs an LP are decided by an exact
    simplex method (:func:`._support_lp.exact_side_part`). In floats, decisions use
    tolerances (about 1e-9 for the batched systems, 1e-7 for the LPs, relative to the
    payoff scale); an LP that declares a set empty by a value within rounding of its
    threshold withdraws ``complete=True`` with a note saying how to decide exactly.
    A game where one player has a single strategy is solved by best responses.
    Degenerate games need LPs for the support pairs that survive the dominance filter
    and can be much slower than nondegenerate ones.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic
    and extensive form. In Nisan et al., *Algorithmic Game Theory*, ch. 3, section 3.4
    (support enumeration). Porter, R., Nudelman, E. & Shoham, Y. (2008). Simple search
    methods for finding a Nash equilibrium. *Games and Economic Behavior* 63, 642-662
    (smallest, balanced supports first).

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = gt.solve(bos, method="support", exact=True)
    >>> sol.complete, len(sol.equilibria)
    (True, 3)
    >>> print(sol.equilibria[1])
    Player 1: a1 2/3, a2 1/3; Player 2: b1 1/3, b2 2/3; payoffs 2/3, 2/3

    A degenerate game whose equilibria form a continuum:

    >>> import warnings
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 1], [1, 1]])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     sol = gt.solve(g, method="support", exact=True)
    >>> sol.complete, caught[0].category.__name__
    (False, 'DegenerateGameWarning')
    >>> all(gt.max_regret(g, eq) == 0 for eq in sol.equilibria)
    True
    """
    if tol is not None and not float(tol) > 0:
        raise SolverError(f"tol must be a positive number; got {tol!r}")
    if not (isinstance(max_pairs, (int, np.integer)) and max_pairs >= 1):
        raise SolverError(f"max_pairs must be a positive integer; got {max_pairs!r}")
    if options:
        raise SolverError(f"unknown option(s) for method 'support': {', '.join(options)}")
    if game.num_players != 2:
        raise SolverError(f"support enumeration needs two players; this game has "
                          f"{game.num_players}; use method='pure' for its pure equilibria")
    m, n = game.shape
    pairs = (2 ** m - 1) * (2 ** n - 1)
    if pairs > max_pairs or max(m, n) > 62:
        raise SolverError(f"support enumeration of a {m} x {n} game would examine {pairs:,} "
                          f"support pairs (max_pairs={max_pairs:,}); "
                          f"{suggest(game, ['vertex', 'lemke-howson'], exact)}, or raise "
                          f"max_pairs")
    tol = default_tol(game) if tol is None else float(tol)
    if one_chooser(game):
        return solve_best_response(game, exact=exact, tol=tol, method="support")
    budget = Budget(None, "support", progress, time_limit, unit="step")

    def tick() -> None:
        budget.step()
        if budget.expired:
            raise _OutOfTime

    x_side, y_side = _sides(game, exact, tol)
    x_side.tick = y_side.tick = tick
    records: list = []
    try:
        with budget:
            _search(x_side, y_side, m, n, records)
        stopped = None
    except _OutOfTime:
        better = suggest(game, ["vertex", "lemke-howson"], exact)
        stopped = (f"stopped after time_limit={budget.time_limit:g} s; not every support "
                   f"pair was decided" + (f" ({better})" if better else ""))
    return _finish(game, records, exact, tol, stopped, x_side.borderline + y_side.borderline)


def _search(x_side: _Side, y_side: _Side, m: int, n: int, records: list) -> None:
    """Fill ``records`` with the support pairs that hold equilibria (see solve_support)."""
    for k in range(1, min(m, n) + 1):                  # equal sizes, small supports first
        y_side.run_class(k)
        x_side.run_class(k)
        x_side.tick()
    both = {(Ib, Jb) for (Ib, Jb) in x_side.feas if (Jb, Ib) in y_side.feas}
    degenerate = bool(x_side.sing or y_side.sing or x_side.has_ties() or y_side.has_ties())
    if degenerate:
        y_maybe = {(Ib, Jb) for (Jb, Ib) in y_side.maybe()}
        both |= x_side.maybe() & y_maybe
    # singular sides by LP, player 2's first; player 1's only where player 2's is non-empty
    y_side.prefetch((Jb, Ib) for Ib, Jb in both if (Jb, Ib) in y_side.sing)
    ys = {pair: y_side.info(pair[1], pair[0]) for pair in sorted(both)}
    x_side.prefetch(p for p, yp in ys.items() if yp is not None and p in x_side.sing)
    x_side.tick()
    for (Ib, Jb), yp in ys.items():
        xp = x_side.info(Ib, Jb) if yp is not None else None
        if xp is not None:
            records.append((Ib, Jb, xp, yp))
    if degenerate:
        unequal: list = []
        try:
            _lattice(y_side, x_side, unequal)
        finally:
            records += [(Ib, Jb, xp, yp) for (Jb, Ib, yp, xp) in unequal]
        _lattice(x_side, y_side, records)


def _finish(game: NormalFormGame, records: list, exact: bool, tol: float,
            stopped: str | None = None, borderline: int = 0) -> Solution:
    profiles, continua, seen = [], [], set()
    for Ib, Jb, xp, yp in records:
        if not (xp.single and yp.single):
            continua.append((Ib, Jb))
        for (x, _), (y, _) in product(xp.points, yp.points):
            key = tuple(x) + tuple(y) if exact else tuple(np.round(np.r_[x, y], 12))
            if key not in seen:
                seen.add(key)
                profiles.append((x, y))
    notes = []
    if continua:
        pairs = sorted(set(continua))
        labels = game.strategies
        shown = "; ".join("({" + ", ".join(labels[0][i] for i in _bits(Ib)) + "}, {"
                          + ", ".join(labels[1][j] for j in _bits(Jb)) + "})"
                          for Ib, Jb in pairs[:3])
        more = f" (and {len(pairs) - 3} more support pairs)" if len(pairs) > 3 else ""
        what = "a continuum" if len(pairs) == 1 else "continua"
        better = suggest(game, ["vertex"], exact)
        msg = (f"the equilibria with supports {shown}{more} form {what}; reported are "
               f"vertices of each" + (f"; {better} for all extreme equilibria and "
                                      f"components" if better else ""))
        notes.append(msg)
        warnings.warn(msg, DegenerateGameWarning, stacklevel=3)
    complete = not continua and stopped is None
    if stopped:
        notes.append(stopped)
    if complete and borderline:           # float mode only: exact LPs have no rounding
        better = ("solve with exact=True" if game.is_exact
                  else suggest(game, ["vertex"], exact))
        notes.append(f"{borderline} support set(s) were found empty by a linear program "
                     f"whose optimum was within rounding of the threshold (a near-tie): "
                     f"not guaranteed complete" +
                     (f" ({better} to decide exactly)" if better else ""))
        complete = False
    return build_solution(game, profiles, "support", complete=complete, exact=exact,
                          tol=tol, notes=notes)


def accepts(game: NormalFormGame, exact: bool = False) -> bool:
    """Whether ``"support"`` takes this two-player game with its default options: at
    most :data:`MAX_PAIRS` support pairs (the registry's rule).

    >>> import gametheory as gt
    >>> accepts(gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    True
    """
    m, n = game.shape
    return (2 ** m - 1) * (2 ** n - 1) <= MAX_PAIRS
