"""Results of solvers: :class:`Equilibrium`, :class:`Solution` and components.

Every solver hands its candidate profiles to :func:`build_solution`, the one place where
results are made: it cleans and verifies each profile (regret at most ``tol``, exactly 0
with exact arithmetic), drops duplicates, sorts deterministically and freezes the result.
So no solver can return a non-equilibrium.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DegenerateGameWarning, GameError, SolverError
from ..games._display import fmt

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame

__all__ = ["Equilibrium", "Solution", "NashSubset", "Component", "BeliefRange",
           "AssessmentComponent", "build_solution",
           "build_tree_solution", "solve_in_float_range",
           "default_tol", "payoff_tolerance"]


def _frozen(v: np.ndarray) -> np.ndarray:
    v = np.array(v, copy=True)
    v.setflags(write=False)
    return v


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One equilibrium profile.

    Attributes
    ----------
    strategies : tuple of ndarray
        One probability vector per player (Fractions when exact, else float64).
    payoffs : tuple
        Expected payoff of each player.
    players, labels : tuple
        Player names and strategy labels, for printing.
    exact : bool
        True when the probabilities and payoffs are exact Fractions.
    behavior : dict or None
        For extensive-form games: ``{information set: {action: probability}}``.
    beliefs : dict or None
        For assessments (``method="sequential"``, ``"pbe"``): a belief at every
        information set with more than one node, ``{information set: {node path:
        probability}}``, reached or not; with ``behavior`` it passes
        :func:`~gametheory.refinements.check_assessment`.
    belief_ranges : dict or None
        For assessments: ``{information set: BeliefRange}`` at the information sets the
        profile leaves unreached, each the exact set of beliefs there that keep the
        assessment an equilibrium of its kind (the other beliefs as in ``beliefs``).
    label : str or None
        A classification, e.g. ``"pooling on beer"`` or ``"separating"`` for signalling
        games.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eq = gt.solve(g, exact=True).equilibria[0]
    >>> print(eq)
    Player 1: a1 1/2, a2 1/2; Player 2: b1 1/2, b2 1/2; payoffs 0, 0
    >>> eq.supports
    ((0, 1), (0, 1))
    """

    strategies: tuple
    payoffs: tuple
    players: tuple
    labels: tuple
    exact: bool = False
    behavior: Mapping | None = None
    beliefs: Mapping | None = None
    belief_ranges: Mapping | None = None
    label: str | None = None

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        return tuple(tuple(int(k) for k in np.flatnonzero([p > 0 for p in s]))
                     for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        """True when every player uses a single strategy."""
        return all(len(s) == 1 for s in self.supports)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy label: probability}}`` for the strategies in the support."""
        return {p: {lab[k]: s[k] for k in sup}
                for p, lab, s, sup in zip(self.players, self.labels, self.strategies,
                                          self.supports)}

    def key(self, digits: int = 9) -> tuple:
        """A hashable key: exact values, or floats rounded to ``digits`` decimals."""
        if self.exact:
            return tuple(tuple(s) for s in self.strategies)
        return tuple(tuple(np.round(np.asarray(s, dtype=float), digits) + 0.0)
                     for s in self.strategies)

    def isclose(self, other: Equilibrium, tol: float = 1e-8) -> bool:
        """True when both profiles agree within ``tol`` in every probability."""
        return all(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                               atol=tol, rtol=0)
                   for a, b in zip(self.strategies, other.strategies))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        if not self.strategies and self.behavior is not None:
            return self.behavior == other.behavior
        return all(len(a) == len(b) and all(x == y for x, y in zip(a, b))
                   for a, b in zip(self.strategies, other.strategies))

    def __hash__(self) -> int:
        if not self.strategies and self.behavior is not None:
            return hash(tuple((h, tuple(d.items())) for h, d in self.behavior.items()))
        return hash(tuple(tuple(s) for s in self.strategies))

    def __str__(self) -> str:
        if not self.strategies and self.behavior is not None:
            return _behavior_text(self)
        parts = []
        for p, lab, s, sup in zip(self.players, self.labels, self.strategies, self.supports):
            parts.append(f"{p}: " + ", ".join(f"{lab[k]} {fmt(s[k])}" for k in sup))
        return "; ".join(parts) + "; payoffs " + ", ".join(fmt(v) for v in self.payoffs)

    def __repr__(self) -> str:
        return f"<Equilibrium {self}>"

    def _repr_html_(self) -> str:
        """A table of the strategies (or the behaviour at each information set) and
        payoffs, labels escaped, for Jupyter (see :mod:`gametheory.io._notebook`)."""
        from ..io._notebook import equilibrium_html

        return equilibrium_html(self)

    def _repr_latex_(self) -> str:
        """The same table in LaTeX (booktabs), for ``nbconvert --to latex`` or ``pdf``."""
        from ..io._notebook import equilibrium_latex

        return equilibrium_latex(self)


@dataclass(frozen=True, eq=False)
class NashSubset:
    """A maximal Nash subset: every profile in the product of the convex hulls of
    ``extreme[i]`` (player i's extreme strategies) is an equilibrium.

    ``equilibria`` indexes the extreme equilibria (in ``Solution.equilibria``) it contains.
    """

    extreme: tuple
    equilibria: tuple[int, ...]

    @property
    def dimension(self) -> int:
        """An upper bound on the dimension: sum over players of (extreme points - 1)."""
        return sum(len(x) - 1 for x in self.extreme)


@dataclass(frozen=True, eq=False)
class Component:
    """A connected component of the equilibrium set: a union of maximal Nash subsets
    that overlap. A component with one extreme equilibrium is an isolated equilibrium.
    """

    nash_subsets: tuple[NashSubset, ...]
    equilibria: tuple[int, ...]

    @property
    def is_isolated(self) -> bool:
        """True when the component is a single equilibrium."""
        return len(self.equilibria) == 1


@dataclass(frozen=True)
class BeliefRange:
    """The beliefs at one information set that keep an assessment an equilibrium.

    The set is ``{mu in the simplex over nodes : rows[k] . mu (>= or ==) rhs[k]}``, a
    polytope with extreme points ``vertices``, all exact when the game is.

    Attributes
    ----------
    infoset : str
        The information set's label.
    nodes : tuple of str
        Node paths (as :meth:`ExtensiveFormGame.path` names them), the order of mu.
    names : tuple of str
        Short names of the nodes, for printing (what distinguishes them: a type, an
        earlier action).
    rows, rhs, senses : tuples
        The constraints besides the simplex: ``sum_j rows[k][j] * mu[j]`` is ``>=``
        (sense ``">="``) or ``==`` (``"=="``) ``rhs[k]``.
    vertices : tuple of tuple
        The extreme points of the set, each a belief (a tuple in ``nodes`` order).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> r = BeliefRange("Receiver: quiche", ("weak/quiche", "strong/quiche"),
    ...                 ("weak", "strong"), ((F(1), F(0)),), (F(1, 2),), (">=",),
    ...                 ((F(1, 2), F(1, 2)), (F(1), F(0))))
    >>> print(r)
    mu(weak | Receiver: quiche) >= 1/2
    >>> r.contains({"weak/quiche": F(3, 4), "strong/quiche": F(1, 4)})
    True
    """

    infoset: str
    nodes: tuple
    names: tuple
    rows: tuple
    rhs: tuple
    senses: tuple
    vertices: tuple

    @property
    def is_point(self) -> bool:
        """True when only one belief qualifies."""
        return len(self.vertices) == 1

    @property
    def is_everything(self) -> bool:
        """True when every belief over the nodes qualifies (no constraint)."""
        return not self.rows

    def contains(self, belief: Mapping[str, Any] | Sequence[Any]) -> bool:
        """Whether ``belief`` (``{node path: probability}`` or a sequence in ``nodes``
        order) lies in the set (exactly, for exact numbers)."""
        mu = [belief.get(n, 0) for n in self.nodes] if isinstance(belief, Mapping) \
            else list(belief)
        if len(mu) != len(self.nodes) or min(mu) < 0 or sum(mu) != 1 and \
                abs(float(sum(mu)) - 1) > 1e-9:
            return False
        for row, b, sense in zip(self.rows, self.rhs, self.senses):
            lhs = sum(c * m for c, m in zip(row, mu))
            if sense == "==" and lhs != b and abs(float(lhs - b)) > 1e-9:
                return False
            if sense == ">=" and lhs < b and float(b - lhs) > 1e-9:
                return False
        return True

    def __str__(self) -> str:
        if self.is_everything:
            return f"mu at {self.infoset}: any"
        if self.is_point:
            pairs = list(zip(self.names, self.vertices[0]))
            shown = pairs[:1] if len(pairs) == 2 else [(n, v) for n, v in pairs if v != 0]
            return ", ".join(f"mu({n} | {self.infoset}) = {fmt(v)}" for n, v in shown)
        parts = []
        for row, b, sense in zip(self.rows, self.rhs, self.senses):
            nz = [(c, n) for c, n in zip(row, self.names) if c != 0]
            if len(nz) == 1:
                lhs, b = f"mu({nz[0][1]} | {self.infoset})", b / nz[0][0]
                if nz[0][0] < 0 and sense == ">=":
                    sense = "<="
            else:
                lhs = " + ".join(f"{fmt(c)} mu({n})" for c, n in nz)
            parts.append(f"{lhs} {sense} {fmt(b)}")
        return ", ".join(parts)


@dataclass(frozen=True, eq=False)
class AssessmentComponent:
    """A connected set of assessments (``method="sequential"``, ``"pbe"``): the extreme
    assessments ``equilibria`` (indices into ``Solution.equilibria``) and ``pieces``.

    Each piece is ``(indices, conditions)``: every behaviour profile in the convex hull
    of the listed assessments' profiles is an equilibrium of the kind with the beliefs
    ``conditions`` (``{information set: BeliefRange}``, for the profiles in the
    relative interior; each extreme assessment carries its own ranges).
    """

    equilibria: tuple[int, ...]
    pieces: tuple = ()

    @property
    def is_isolated(self) -> bool:
        """True when the component is a single assessment."""
        return len(self.equilibria) == 1

    def describe(self) -> str:
        """One line for printing."""
        lines = [f"component joining assessments {list(self.equilibria)}: a continuum"]
        for idx, cond in self.pieces:
            if len(idx) > 1:
                lines.append(f"    between {list(idx)}: " + ("; ".join(
                    str(r) for r in cond.values()) if cond else "any beliefs"))
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class Solution:
    """The result of :func:`gametheory.solve`.

    Attributes
    ----------
    equilibria : list of Equilibrium
        The equilibria found, sorted deterministically.
    method : str
        The method that ran (``"auto"`` is resolved to the method it picked).
    complete : bool
        True only when ALL equilibria (for degenerate games: all extreme equilibria and
        all components) are guaranteed to be found.
    exact : bool
        True when computed in exact rational arithmetic.
    components : tuple of Component
        Connected components of the equilibrium set, where the method computes them.
    value : optional
        The value of a zero-sum game (player 1's payoff), where the method computes it.
    notes : tuple of str
        Remarks from the solver (degeneracy, fall-backs, what was left out).
    branch : optional
        A path the method traced, where it traces one (``"qre"``: a
        :class:`~gametheory.solvers.qre.QREBranch`).
    """

    equilibria: list
    method: str
    complete: bool
    exact: bool
    game: Any = field(repr=False, default=None)
    components: tuple = ()
    value: Any = None
    notes: tuple = ()
    branch: Any = field(repr=False, default=None)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per equilibrium: index, probabilities by ``player:strategy``,
        payoffs by ``payoff:player``."""
        rows = []
        for k, eq in enumerate(self.equilibria):
            row: dict[str, Any] = {"equilibrium": k}
            for p, lab, s in zip(eq.players, eq.labels, eq.strategies):
                for name, prob in zip(lab, s):
                    row[f"{p}:{name}"] = prob
            for p, v in zip(eq.players, eq.payoffs):
                row[f"payoff:{p}"] = v
            rows.append(row)
        return rows

    def __str__(self) -> str:
        n = len(self.equilibria)
        head = (f"{n} equilibri{'um' if n == 1 else 'a'} by {self.method} "
                f"({'complete' if self.complete else 'not guaranteed complete'}"
                f"{', exact' if self.exact else ''})")
        lines = [head] + [f"  [{k}] {eq}" for k, eq in enumerate(self.equilibria)]
        if self.value is not None:
            lines.append(f"  value: {fmt(self.value)}")
        continua = [c for c in self.components if not c.is_isolated]
        for c in continua:
            if isinstance(c, AssessmentComponent):
                lines.append("  " + c.describe())
                continue
            lines.append(f"  component joining equilibria {list(c.equilibria)} "
                         f"({len(c.nash_subsets)} maximal Nash subset(s)): a continuum")
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)

    def to_frame(self):
        """The equilibria as a pandas DataFrame: one row per equilibrium, indexed by its
        number from 1 (``equilibrium``, as the command line and the tables number them).

        Columns: the probability of every strategy (``player:strategy``), or for a game
        tree of every action (``infoset:action``), then each player's expected payoff
        (``payoff:player``); assessments add their beliefs (``belief:infoset:node``),
        classified equilibria a ``label``. Exact solutions keep their values exact:
        Fractions (object columns; ``.astype(float)`` converts them), sympy numbers for
        irrational probabilities; float solutions have float columns.

        pandas is an optional dependency: ImportError naming it when it is missing.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 3]], [[3, 0], [0, 2]])
        >>> df = gt.solve(g, exact=True).to_frame()
        >>> df.loc[2, ["Player 1:a1", "payoff:Player 2"]].tolist()
        [Fraction(2, 5), Fraction(6, 5)]
        >>> list(df.index)
        [1, 2, 3]
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Solution.to_frame needs pandas; install it with "
                              "`pip install pandas` (or use .records())") from None
        frame = pd.DataFrame(_frame_rows(self.equilibria),
                             index=pd.RangeIndex(1, len(self.equilibria) + 1))
        frame.index.name = "equilibrium"
        return frame

    def _repr_html_(self) -> str:
        """The headline, a table of the equilibria numbered from 1 (labels escaped),
        the value, continua and notes, for Jupyter (see :mod:`gametheory.io._notebook`)."""
        from ..io._notebook import solution_html

        return solution_html(self)

    def _repr_latex_(self) -> str:
        """The equilibria as a LaTeX table (booktabs), for Jupyter and nbconvert."""
        from ..io._notebook import solution_latex

        return solution_latex(self)


def _frame_rows(equilibria: Sequence[Equilibrium]) -> dict[str, list]:
    """The columns of :meth:`Solution.to_frame`, each a list over the equilibria."""
    keys: dict[str, Any] = {}
    for eq in equilibria:
        if eq.behavior is not None and not eq.strategies:
            keys.update({f"{h}:{a}": (h, a) for h, acts in eq.behavior.items() for a in acts})
        else:
            keys.update({f"{p}:{s}": (i, k) for i, (p, lab) in
                         enumerate(zip(eq.players, eq.labels)) for k, s in enumerate(lab)})
    cols: dict[str, list] = {}
    for name, (a, b) in keys.items():
        cols[name] = [eq.behavior.get(a, {}).get(b) if eq.behavior is not None
                      and not eq.strategies else eq.strategies[a][b] for eq in equilibria]
    players = equilibria[0].players if equilibria else ()
    for i, p in enumerate(players):
        cols[f"payoff:{p}"] = [eq.payoffs[i] for eq in equilibria]
    beliefs = {f"belief:{h}:{n}": (h, n) for eq in equilibria
               for h, mu in (eq.beliefs or {}).items() for n in mu}
    for name, (h, n) in beliefs.items():
        cols[name] = [(eq.beliefs or {}).get(h, {}).get(n) for eq in equilibria]
    if any(eq.label for eq in equilibria):
        cols["label"] = [eq.label for eq in equilibria]
    return cols


def default_tol(game: NormalFormGame) -> float:
    """Regret tolerance for float solutions, scaled with the payoffs (see
    :func:`payoff_tolerance`).

    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[3e-12, 0], [5e-12, 1e-12]],
    ...                                   [[3e-12, 5e-12], [0, 1e-12]])
    >>> default_tol(g) < 1e-20  # a prisoners' dilemma in tiny units keeps its answer
    True
    """
    return payoff_tolerance(game.float_payoffs())


def payoff_tolerance(U: np.ndarray, player_axis: int = 0, batch: bool = False) -> Any:
    """1e-9 times the largest range of one player's payoffs (``U[i]`` along
    ``player_axis``), plus 1e-13 times the largest absolute payoff for rounding; 0 for a
    game of zeros.

    Scaling every payoff by c > 0 scales the tolerance by c, and adding a constant to a
    player's payoffs moves it only by the rounding term, so neither changes which
    profiles pass (a floor at 1 would accept every profile of a game in small units).
    A tree's terminal payoffs (terminals, players) take ``player_axis=1``. With
    ``batch``, axis 0 numbers the games of a batch (``player_axis`` counts it) and the
    result is an array with one tolerance per game.

    >>> U = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]) * 1e-12
    >>> payoff_tolerance(U) == 1e-9 * 5e-12 + 1e-13 * 5e-12
    True
    >>> payoff_tolerance(np.stack([U, 1e24 * U]), player_axis=1, batch=True) / 5e-21
    array([1.0001e+00, 1.0001e+24])
    """
    from ..games.values import to_float_array

    lead = 1 if batch else 0
    U = np.moveaxis(to_float_array(U), player_axis, lead)  # GameError beyond float range
    if not U.size:
        return np.zeros(U.shape[:lead]) if batch else 0.0
    U = U.reshape(U.shape[:lead + 1] + (-1,))              # ([game,] player, cell)
    hi, lo = U.max(axis=-1), U.min(axis=-1)               # ptp = hi - lo, |U| <= max(|hi|, |lo|)
    tol = 1e-9 * (hi - lo).max(axis=-1) + 1e-13 * np.maximum(np.abs(hi), np.abs(lo)).max(axis=-1)
    return tol if batch else float(tol)


def _clean_float(s: Sequence[float], zero_below: float = 1e-13) -> np.ndarray:
    v = np.asarray(s, dtype=float).copy()
    v[np.abs(v) < zero_below] = 0.0
    v = np.clip(v, 0.0, None)
    total = v.sum()
    return v / total if total > 0 else v


def _clean_exact(s: Sequence[Any]) -> np.ndarray:
    from ..games.values import to_fraction

    v = np.empty(len(s), dtype=object)
    for k, x in enumerate(s):
        v[k] = x if _algebraic(x) else to_fraction(x)
    return v


def _algebraic(x: Any) -> bool:
    """True for an irrational sympy number (an algebraic equilibrium probability)."""
    return type(x).__module__.startswith("sympy") and not getattr(x, "is_Rational", False)


def _float_bimatrix(game: NormalFormGame, profiles: Sequence[Sequence[Any]],
                    zero_below: float) -> tuple[list, list, np.ndarray] | None:
    """The cleaned profiles of a two-player float solve and their verification, batched:
    ``(cleaned, verified, XY)`` as :func:`build_solution` computes them one by one with
    :func:`_clean_float` (the same arithmetic: an entry below ``zero_below`` is a zero
    or a negative, which that function also sets to 0), and the cleaned profiles as
    read-only rows ``x | y``; None unless every profile holds two float64 arrays of the
    game's shape."""
    m, n = shape = game.shape
    if not all(len(p) == 2 and all(isinstance(s, np.ndarray) and s.dtype == np.float64 and
                                   s.shape == (size,) for s, size in zip(p, shape))
               for p in profiles):
        return None
    XY = np.empty((len(profiles), m + n))
    for row, (x, y) in zip(XY, profiles):
        row[:m] = x
        row[m:] = y
    XY[XY < zero_below] = 0.0
    X, Y = XY[:, :m], XY[:, m:]
    for V in (X, Y):
        total = V.sum(axis=1, keepdims=True)
        np.divide(V, total, out=V, where=total > 0)
    XY.setflags(write=False)
    X, Y = XY[:, :m], XY[:, m:]             # read-only views now
    cleaned = list(zip(X, Y, strict=True))  # read-only rows: the strategies as they are
    return cleaned, _bimatrix_regrets(game.float_payoffs(), X, Y), XY


def _bimatrix_regrets(U: Sequence[np.ndarray], X: np.ndarray, Y: np.ndarray
                      ) -> list[tuple[Any, tuple]]:
    """``(max regret, payoffs)`` of each profile (rows of X and Y) of the bimatrix U."""
    AY, XB = Y @ U[0].T, X @ U[1]          # payoff of each pure strategy vs the other's mix
    u1, u2 = (X * AY).sum(axis=1), (Y * XB).sum(axis=1)
    regret = np.maximum(AY.max(axis=1) - u1, XB.max(axis=1) - u2)
    return [(r, (a, b)) for r, a, b in zip(regret, u1, u2)]


def _verify(game: NormalFormGame, profiles: list[tuple], exact: bool) -> list[tuple[Any, tuple]]:
    """``(max regret, payoffs)`` of each cleaned profile; batched for two players."""
    if exact and any(_algebraic(x) for prof in profiles for s in prof for x in s):
        from ._algebraic import algebraic_regrets

        return algebraic_regrets(game, profiles)
    if game.num_players != 2 or not profiles:
        out = []
        for prof in profiles:
            vecs = game.payoff_vectors(prof)
            payoffs = tuple(np.dot(v, p) for v, p in zip(vecs, prof))
            out.append((max(max(v) - u for v, u in zip(vecs, payoffs)), payoffs))
        return out
    dtype = object if exact else float
    X = np.array([p[0] for p in profiles], dtype=dtype)
    Y = np.array([p[1] for p in profiles], dtype=dtype)
    out = _bimatrix_regrets(game.exact_payoffs() if exact else game.float_payoffs(), X, Y)
    if exact:  # a profile off the simplex is no equilibrium, whatever its regret
        out = [(r if sum(x) == 1 and sum(y) == 1 else Fraction(1), u)
               for (r, u), x, y in zip(out, X, Y)]
    return out


def build_solution(game: NormalFormGame, profiles: Sequence[Sequence[Any]], method: str,
                   complete: bool, exact: bool, tol: float | None = None, components: Sequence = (),
                   value: Any = None, notes: Sequence[str] = (),
                   zero_below: float = 1e-13) -> Solution:
    """Verify, clean, deduplicate and sort candidate profiles into a :class:`Solution`.

    Float probabilities below ``zero_below`` are rounding noise and set to 0 (a solver
    that knows its exact zeros, such as ``vertex``, passes 0 to keep a true 1e-14).

    Candidates whose regret exceeds ``tol`` (or is non-zero with ``exact``) are dropped
    with a :class:`DegenerateGameWarning`, and the solution is then marked incomplete.
    ``components`` must index into ``profiles`` as given; they are re-indexed here.
    """
    if tol is None:
        tol = 0.0 if exact else default_tol(game)
    notes = list(notes)
    kept: list[Equilibrium] = []
    index_of: dict[tuple, int] = {}
    remap: dict[int, int] = {}
    source: list[int] = []   # the index in profiles of each kept equilibrium
    dropped = 0
    batch = None if exact or game.num_players != 2 or not profiles else \
        _float_bimatrix(game, profiles, zero_below)
    if batch is not None:
        cleaned, verified, XY = batch
        # Equilibrium.key of every profile at once (one profile needs none)
        keys = (np.round(XY, 9) + 0.0).tolist() if len(profiles) > 1 else None
    else:
        cleaned = [tuple(_clean_exact(s) if exact else _clean_float(s, zero_below)
                         for s in prof) for prof in profiles]
        verified = _verify(game, cleaned, exact)
    m = game.shape[0] if batch is not None else 0
    for k, (clean, (regret, payoffs)) in enumerate(zip(cleaned, verified)):
        if (regret != 0) if exact else not (regret <= tol):
            dropped += 1
            continue
        if exact:
            payoffs = tuple(v if _algebraic(v) else Fraction(v) for v in payoffs)
        else:
            payoffs = tuple(float(v) for v in payoffs)
        strategies = clean if batch is not None else tuple(_frozen(s) for s in clean)
        eq = Equilibrium(strategies, payoffs, game.players, game.strategies, exact)
        key = eq.key() if batch is None else \
            k if keys is None else (tuple(keys[k][:m]), tuple(keys[k][m:]))
        if key not in index_of:
            index_of[key] = len(kept)
            kept.append(eq)
            source.append(k)
        remap[k] = index_of[key]
    if dropped:
        complete = False
        msg = (f"{dropped} candidate profile(s) failed verification (regret above {tol:g}) "
               f"and were dropped; the game may be degenerate or badly scaled")
        notes.append(msg)
        warnings.warn(msg, DegenerateGameWarning, stacklevel=3)
    if batch is None:
        order = sorted(range(len(kept)), key=lambda k: _sort_key(kept[k]))
    elif len(kept) < 2:
        order = list(range(len(kept)))
    else:  # _sort_key of every profile from its rows at once
        rows = (-XY).tolist()
        order = sorted(range(len(kept)), key=lambda k: rows[source[k]])
    new_pos = {old: new for new, old in enumerate(order)}
    equilibria = [kept[k] for k in order]
    comps = tuple(_reindex(c, remap, new_pos) for c in components)
    return Solution(equilibria, method, complete, exact, game, comps, value, tuple(notes))


def solve_in_float_range(game: NormalFormGame, exact: bool, run) -> Solution:
    """``run(game)``; for exact payoffs beyond the float range (such as 10**400), ``run``
    on a copy whose payoffs are all scaled by one exact power of two into that range.

    Equilibria do not change when all payoffs are multiplied by a positive number,
    and exact solvers use floats only to find candidates, so the copy's equilibria are
    re-verified and their payoffs recomputed exactly in ``game``. Float solves of such a
    game raise the GameError of :func:`~gametheory.games.values.to_float_array`.

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> N = 10**400
    >>> g = gt.NormalFormGame.from_arrays([[N, 0], [0, N]], [[N, 0], [0, 2 * N]])
    >>> sol = gt.solve(g, exact=True)
    >>> [tuple(map(str, eq.strategies[0])) for eq in sol]
    [('1', '0'), ('2/3', '1/3'), ('0', '1')]
    >>> sol.equilibria[1].payoffs == (N // 2, 2 * N / Fraction(3)), sol.complete
    (True, True)
    """
    from ..games.values import float_range_factor

    factor = float_range_factor(game.payoffs) if exact and not game.parameters else None
    if factor is None:
        return run(game)
    U = game.exact_payoffs() * factor
    times = f"2**-{factor.denominator.bit_length() - 1}"
    try:
        sol = run(type(game).from_arrays(*U, players=game.players,
                                         strategies=game.strategies))
    except (GameError, SolverError) as exc:
        raise type(exc)(f"{exc} (numbers of the game times {times}, scaled into the "
                        "float range)") from None
    value = None if sol.value is None else sol.value / factor
    note = (f"payoffs beyond the float range: solved on a copy with every payoff times "
            f"{times} (same equilibria), verified on the game itself")
    return build_solution(game, [eq.strategies for eq in sol.equilibria], sol.method,
                          sol.complete, True, components=sol.components, value=value,
                          notes=(*sol.notes, note))


def _sort_key(eq: Equilibrium) -> tuple:
    return tuple(-float(p) for s in eq.strategies for p in s)


def _reindex(comp: Component, remap, new_pos) -> Component:
    def fix(idx):
        return tuple(sorted({new_pos[remap[k]] for k in idx if k in remap}))

    subsets = tuple(NashSubset(ns.extreme, fix(ns.equilibria)) for ns in comp.nash_subsets)
    return Component(subsets, fix(comp.equilibria))


# ---------------------------------------------------------------- extensive-form results
def build_tree_solution(game: ExtensiveFormGame, behaviors: Sequence[Mapping], method: str,
                        complete: bool, exact: bool, notes: Sequence[str] = (),
                        payoffs: Sequence[Sequence[Any]] | None = None) -> Solution:
    """Freeze behaviour profiles of a game tree into a :class:`Solution`.

    Each :class:`Equilibrium` has ``strategies=()`` and ``behavior`` set; its payoffs are
    ``payoffs[k]`` when given (e.g. values from backward induction), else computed by
    ``game.expected_payoffs``. Profiles are kept in the order given, and each is
    verified with ``game.behavior_regrets`` (one pass over the tree): a regret above
    1e-9 times the payoff scale, or any non-zero regret with ``exact``, raises
    SolverError. Trees without perfect recall cannot be checked so; a note says so.
    """
    _verify_tree(game, behaviors, exact)
    if not game.has_perfect_recall:
        notes = (*notes, "profiles not verified (the tree lacks perfect recall)")
    eqs = []
    for k, beh in enumerate(behaviors):
        pay = game.expected_payoffs(beh) if payoffs is None else payoffs[k]
        pay = tuple(Fraction(v) for v in pay) if exact else tuple(float(v) for v in pay)
        eqs.append(Equilibrium((), pay, game.players, (), exact, beh))
    return Solution(eqs, method, complete, exact, game, (), None, tuple(notes))


def _verify_tree(game: ExtensiveFormGame, behaviors: Sequence[Mapping], exact: bool) -> None:
    """SolverError unless every profile has regret 0 (exact) or at most the tolerance."""
    from ..errors import SolverError

    if not game.has_perfect_recall or not behaviors:
        return
    tol = 0 if exact else payoff_tolerance(game.arrays.payoffs, player_axis=1)
    for k, beh in enumerate(behaviors):
        regret = max(game.behavior_regrets(beh))
        if (regret != 0) if exact else not (regret <= tol):
            raise SolverError(f"profile {k} is not an equilibrium: a player gains "
                              f"{fmt(regret)} by deviating (tolerance "
                              f"{0 if exact else tol:g}); this is a solver bug")


def _behavior_text(eq: Equilibrium, limit: int = 12) -> str:
    """``"h = action; h2 = a 1/2, b 1/2; ...; payoffs ..."`` (the first ``limit`` sets)."""
    parts = []
    for h, acts in list(eq.behavior.items())[:limit]:
        used = [(a, p) for a, p in acts.items() if p != 0]
        parts.append(f"{h} = " + (used[0][0] if len(used) == 1 and used[0][1] == 1
                                 else ", ".join(f"{a} {fmt(p)}" for a, p in used)))
    if len(eq.behavior) > limit:
        parts.append(f"... ({len(eq.behavior) - limit} more information sets)")
    parts.append("payoffs " + ", ".join(fmt(v) for v in eq.payoffs))
    if eq.belief_ranges:
        parts.append("beliefs " + "; ".join(str(r) for r in eq.belief_ranges.values()))
    text = "; ".join(parts)
    return f"{eq.label}: {text}" if eq.label else text
