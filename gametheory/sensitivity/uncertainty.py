"""Uncertainty analysis: equilibria of a parametric game whose parameters are random.

:func:`uncertainty` draws quasi-random points from the parameters' distributions
(:class:`scipy.stats.qmc.Sobol`, scrambled and seeded, mapped through each distribution's
``ppf``), solves them all with one :func:`gametheory.sweep` call and reports the
probability of each equilibrium structure and outcome and the distribution of chosen
quantities; :meth:`UncertaintyResult.sobol_indices` gives global sensitivity indices by
:func:`scipy.stats.sobol_indices`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ._regions import differing, key_text, reach
from ._sweep_solve import as_float, is_tree

if TYPE_CHECKING:
    from ..games.protocol import Game
    from .sweep import SweepResult

__all__ = ["uncertainty", "UncertaintyResult"]

# ----------------------------------------------------------------- validation
def _is_frozen(dist: Any) -> bool:
    from scipy.stats._distn_infrastructure import rv_frozen

    return isinstance(dist, rv_frozen)


def _dist_text(dist: Any) -> str:
    name = getattr(getattr(dist, "dist", None), "name", type(dist).__name__)
    args = [f"{a:g}" if isinstance(a, (int, float)) else repr(a) for a in dist.args]
    args += [f"{k}={v:g}" if isinstance(v, (int, float)) else f"{k}={v!r}"
             for k, v in dist.kwds.items()]
    return f"{name}({', '.join(args)})"


def _check_inputs(game: Game, distributions: Mapping[str, Any],
                  fixed: Mapping[str, Any]) -> tuple[list[str], dict]:
    if not isinstance(distributions, Mapping) or not distributions:
        raise GameError("give the uncertain parameters as a non-empty dict {name: frozen "
                        "scipy.stats distribution}, e.g. {'q': scipy.stats.beta(2, 5)}")
    params = [p.name for p in game.parameters]
    for name, dist in distributions.items():
        if name not in params:
            raise GameError(f"unknown parameter {name!r}; this game's parameters are: "
                            f"{', '.join(params) or 'none'}")
        if not _is_frozen(dist):
            raise GameError(f"the distribution of {name!r} must be a frozen scipy.stats "
                            f"distribution (e.g. scipy.stats.uniform(0, 1)); got "
                            f"{type(dist).__name__}")
    for name in fixed:
        if name not in params:
            raise GameError(f"unknown fixed parameter {name!r}; this game's parameters "
                            f"are: {', '.join(params) or 'none'}")
        if name in distributions:
            raise GameError(f"parameter {name!r} is both fixed ({name}={fixed[name]!r}) and "
                            f"uncertain ({_dist_text(distributions[name])}); give it one way")
    try:
        values = {k: as_float(v) for k, v in fixed.items()}
    except (TypeError, ValueError):
        raise GameError("fixed parameter values must be numbers") from None
    return list(distributions), values


def _map(game: Game, names: list[str], dists: list[Any], u: np.ndarray) -> np.ndarray:
    """Uniform points ``(m, d)`` through each distribution's ppf, checked against the
    declared domains; returns ``(m, d)``."""
    x = np.empty_like(u, dtype=np.float64)
    info = game.parameter_info
    for j, (name, dist) in enumerate(zip(names, dists)):
        col = np.asarray(dist.ppf(u[:, j]), dtype=np.float64)
        x[:, j] = col
        bad = np.flatnonzero(~np.isfinite(col))
        if bad.size:
            raise GameError(f"the samples of {name!r} from {_dist_text(dist)} include "
                            f"{col[bad[0]]}; use a distribution with finite values")
        _check_samples(info.get(name), name, dist, col)
    return x


def _check_samples(param: Any, name: str, dist: Any, col: np.ndarray) -> None:
    domain = None if param is None else param.domain
    if domain is None:
        return
    lo, hi = (as_float(v) for v in domain)
    bad = np.flatnonzero((col < lo) | (col > hi))
    if bad.size:
        slo, shi = dist.support()
        raise GameError(f"{bad.size} of {col.size} samples of {name!r} from "
                        f"{_dist_text(dist)} (support [{slo:g}, {shi:g}]) fall outside its "
                        f"domain [{lo:g}, {hi:g}] (e.g. {col[bad[0]]:g}); use a distribution "
                        f"supported within the domain (e.g. truncated)")


# ----------------------------------------------------------------- quantities
def _labels(game: Game) -> tuple[list[str], list[str], list[str]]:
    """Profile column labels, their owners (player or information set) and actions."""
    if is_tree(game):
        a = game.arrays
        owners = [h for h, acts in zip(a.infoset_labels, a.infoset_actions) for _ in acts]
        acts = [act for acts in a.infoset_actions for act in acts]
    else:
        owners = [p for p, strats in zip(game.players, game.strategies) for _ in strats]
        acts = [s for strats in game.strategies for s in strats]
    return [f"{o}:{s}" for o, s in zip(owners, acts)], owners, acts


def _parse(game: Game, q: Any) -> tuple[str, Any]:
    """A quantity as (name, spec): spec is ("payoff", i), ("prob", column),
    ("outcome", t) or ("call", f)."""
    if callable(q):
        return getattr(q, "__name__", repr(q)), ("call", q)
    if not isinstance(q, str):
        raise GameError(f"a quantity is a callable of a Solution or a string such as "
                        f"'payoff:<player>' or 'prob:<player>:<action>'; got "
                        f"{type(q).__name__}")
    players = [str(p) for p in game.players]
    kind, _, rest = q.partition(":")
    if kind == "payoff":
        if rest not in players:
            raise GameError(f"unknown player {rest!r} in quantity {q!r}; players: "
                            f"{', '.join(players)}")
        return q, ("payoff", players.index(rest))
    if kind == "prob":
        labels, owners, acts = _labels(game)
        who, _, act = rest.rpartition(":")
        cols = [j for j, (o, s) in enumerate(zip(owners, acts)) if o == who and s == act]
        if not cols and is_tree(game) and who in players:
            a = game.arrays
            owner_of = {h: players[int(p)] for h, p in zip(a.infoset_labels,
                                                            a.infoset_player)}
            cols = [j for j, (o, s) in enumerate(zip(owners, acts))
                    if owner_of.get(o) == who and s == act]
            if len(cols) > 1:
                raise GameError(f"{who} has action {act!r} at several information sets; "
                                f"name one: " + ", ".join(f"'prob:{labels[j]}'" for j in cols))
        if not cols:
            raise GameError(f"unknown quantity {q!r}; valid 'prob:' quantities: "
                            + ", ".join(f"'prob:{lab}'" for lab in labels))
        return q, ("prob", cols[0])
    if kind == "outcome" and is_tree(game):
        paths = [game.path(int(t)) for t in game.arrays.terminals]
        if rest not in paths:
            raise GameError(f"unknown outcome {rest!r} in {q!r}; outcomes: "
                            f"{', '.join(paths)}")
        return q, ("outcome", paths.index(rest))
    raise GameError(f"unknown quantity {q!r}; use 'payoff:<player>' (players: "
                    f"{', '.join(players)}), 'prob:<player or information set>:<action>'"
                    + (", 'outcome:<path>'" if is_tree(game) else "")
                    + " or a callable of a Solution")


def _rows(sw: SweepResult, select: Any) -> np.ndarray | None:
    """The selected equilibrium row of each point (-1 where none), or None to average
    over the point's equilibria."""
    if select is None:
        return None
    counts = sw.counts
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    if select == "first":
        return np.where(counts > 0, starts, -1)
    if not callable(select):
        raise GameError(f"select must be None, 'first' or a callable of a Solution returning "
                        f"one of its equilibria; got {select!r}")
    out = np.full(len(sw), -1, dtype=np.int64)
    for k in range(len(sw)):
        sol = sw.solution(k)
        eq = select(sol)
        if eq is None:
            continue
        idx = next((i for i, e in enumerate(sol.equilibria) if e is eq), None)
        if idx is None:
            idx = next((i for i, e in enumerate(sol.equilibria) if e == eq), None)
        if idx is None or len(sol.equilibria) != counts[k]:
            raise GameError(f"select returned {eq!r} at point {k}, not one of the point's "
                            f"equilibria")
        out[k] = starts[k] + idx
    return out


def _per_point(sw: SweepResult, values: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
    """Row values (E, ...) to point values (n, ...): the mean over each point's
    equilibria, or the selected row; NaN at points without one."""
    n = len(sw)
    if rows is None:
        counts = sw.counts
        flat = values.reshape(len(values), -1)
        tot = np.zeros((n, flat.shape[1]))
        np.add.at(tot, sw.batch.point, flat)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = tot / counts[:, None]
        out[counts == 0] = np.nan
        return out.reshape((n, *values.shape[1:]))
    out = np.full((n, *values.shape[1:]), np.nan)
    ok = rows >= 0
    out[ok] = values[rows[ok]]
    return out


def _evaluate(sw: SweepResult, specs: dict[str, Any], select: Any,
              outcomes: np.ndarray | None = None,
              rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Each quantity at every point; ``rows`` are the selected rows if already known."""
    if rows is None and any(s[0] != "call" for s in specs.values()):
        rows = _rows(sw, select)
    out = {}
    for name, (kind, arg) in specs.items():
        if kind == "payoff":
            out[name] = _per_point(sw, sw.batch.payoffs[:, arg], rows)
        elif kind == "prob":
            out[name] = _per_point(sw, sw.batch.profile[:, arg], rows)
        elif kind == "outcome":
            if outcomes is None:
                outcomes = _per_point(sw, reach(sw.game, sw.batch, sw.chance), rows)
            out[name] = outcomes[:, arg]
        else:
            vals = np.empty(len(sw))
            for k in range(len(sw)):
                try:
                    vals[k] = float(arg(sw.solution(k)))
                except (TypeError, ValueError):
                    raise GameError(f"quantity {name!r} must return a float; at point {k} "
                                    f"it did not") from None
            out[name] = vals
    return out


# ----------------------------------------------------------------- the result
@dataclass(frozen=True)
class Estimate:
    """The mean of a quantity over the samples, with its spread.

    Attributes
    ----------
    mean, std : float
        Sample mean and standard deviation (over the points where it is defined).
    se : float
        Standard error of the mean, ``std / sqrt(n)`` (the Monte Carlo error; a scrambled
        Sobol sample is usually more accurate than this, so it is a conservative figure).
    n : int
        Points where the quantity is defined (not NaN: a point without a selected
        equilibrium has none).

    Examples
    --------
    >>> from gametheory.sensitivity.uncertainty import Estimate
    >>> print(Estimate(0.75, 0.433, 0.0135, 1024))
    0.75 (std 0.433, se 0.013)
    """

    mean: float
    std: float
    se: float
    n: int

    def __str__(self) -> str:
        return f"{self.mean:.4g} (std {self.std:.3g}, se {self.se:.2g})"


def structure_names(game: Game, keys: list) -> list[str]:
    """Distinct words for the structure keys: :func:`key_text`, and for keys whose words
    coincide (tree keys that differ only off the path) the choices at every information
    set where they differ; a key still sharing its words gets ``[structure k]``.

    Examples
    --------
    The entrant stays out whatever the incumbent would do, and the incumbent would fight
    for q > 1/2, accommodate below: two structures with the path "out".

    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> enter, out = g.root.decide("Entrant", ["in", "out"])
    >>> fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = fight.payoffs(-1, q), accommodate.payoffs(1, 0.5), out.payoffs(2, 0)
    >>> keys = gt.sweep(g, {"q": [0.25, 0.75]}).structure_ids()[1]
    >>> for text in sorted(structure_names(g, keys)):
    ...     print(text)
    1 equilibrium: path out (Incumbent: in: accommodate)
    1 equilibrium: path out (Incumbent: in: fight)
    """
    words = [key_text(game, k) for k in keys]
    for text in set(words):
        same = [i for i, w in enumerate(words) if w == text]
        if len(same) > 1:
            extra = differing(game, [e for i in same for e in keys[i]])
            for i in same:
                words[i] = key_text(game, keys[i], extra)
    for text in set(words):
        same = [i for i, w in enumerate(words) if w == text]
        if len(same) > 1:
            for i in same:
                words[i] = f"{text} [structure {i}]"
    return words


def _estimate(x: np.ndarray) -> Estimate:
    x = np.asarray(x, dtype=np.float64)
    x = x[np.isfinite(x)]
    if not x.size:
        return Estimate(math.nan, math.nan, math.nan, 0)
    std = float(x.std(ddof=1)) if x.size > 1 else 0.0
    return Estimate(float(x.mean()), std, std / math.sqrt(x.size), int(x.size))


@dataclass(frozen=True, eq=False)
class UncertaintyResult:
    """Equilibria of a game under parameter uncertainty (see :func:`uncertainty`).

    Attributes
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The parametric game.
    distributions : dict
        ``{parameter: frozen scipy.stats distribution}``.
    fixed : dict
        Parameters held at given values.
    sweep : SweepResult
        The solved sample points (a table of ``n`` points).
    structures : dict
        ``{structure in words: Estimate of its probability}``, one entry per structure
        (:meth:`SweepResult.structure_ids`), most probable first; the words are those of
        :meth:`SweepResult.structure`, with the choices where they differ added for
        structures that would otherwise share them (:func:`structure_names`).
    structure_keys : dict
        ``{structure in words: its structure key}`` (the keys of
        :meth:`SweepResult.structure_ids`).
    outcomes : dict
        For trees, ``{terminal path: Estimate of the probability it is reached}``
        (averaged over each point's equilibria, or of the selected one); empty for
        normal-form games.
    quantities : dict
        ``{name: Estimate}`` for each requested quantity.
    values : dict
        ``{name: (n,) array}``: each quantity at every sample point.

    Examples
    --------
    >>> import scipy.stats as st, gametheory as gt
    >>> v = gt.parameters("v")
    >>> g = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
    ...                                   [[(v - 1) / 2, 0], [v, v / 2]],
    ...                                   strategies=[["H", "D"], ["H", "D"]])
    >>> res = gt.uncertainty(g, {"v": st.uniform(0, 2)}, ["payoff:Player 1"], n=256)
    >>> round(res.structures["1 equilibrium: H | H"].mean, 2)
    0.5
    """

    game: Game
    distributions: dict
    fixed: dict
    sweep: SweepResult
    structures: dict
    outcomes: dict
    quantities: dict
    values: dict = field(repr=False)
    select: Any = field(default=None, repr=False)
    method: Any = field(default="auto", repr=False)
    seed: Any = field(default=0, repr=False)
    _specs: dict = field(default_factory=dict, repr=False)
    structure_keys: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.sweep)

    def sobol_indices(self, quantity: Any, n: int = 256,
                      executor: Executor | None = None) -> dict[str, tuple[float, float]]:
        """Global sensitivity (Sobol') indices of a quantity.

        Computed by :func:`scipy.stats.sobol_indices` (Saltelli 2010 estimators), whose
        function is evaluated by one :func:`gametheory.sweep` over the points it asks
        for in each call (``n * (d + 2)`` points in all for ``d`` uncertain parameters).

        Parameters
        ----------
        quantity : str or callable
            A quantity as :func:`uncertainty` takes them (``"payoff:<player>"``,
            ``"prob:<who>:<action>"``, ``"outcome:<path>"`` for trees, or a callable of a
            Solution), or a structure's words (a key of :attr:`structures`): the indicator
            that the point has that structure.
        n : int
            Base sample size, a power of 2.
        executor : concurrent.futures.Executor, optional
            Passed to :func:`gametheory.sweep`.

        Returns
        -------
        dict
            ``{parameter: (first_order, total)}``; a quantity with no variance (equal at
            every point it was evaluated at, up to rounding of 1e-12 of its size) gives
            zeros: no parameter moves it, and the estimators' ratio of two rounding
            errors is not reported.

        Examples
        --------
        >>> import scipy.stats as st, gametheory as gt
        >>> v, c = gt.parameters("v c")
        >>> g = gt.NormalFormGame.from_arrays([[v, 0], [0, 1]], [[1 + c, 0], [0, 1]])

        Player 1's payoff (averaged over the three equilibria) is (v + 1 + v / (1 + v)) / 3,
        whatever ``c``: all its variance is due to ``v``.

        >>> res = gt.uncertainty(g, {"v": st.uniform(1, 1), "c": st.uniform(0, 1)},
        ...                      ["payoff:Player 1"], n=64)
        >>> si = res.sobol_indices("payoff:Player 1", n=64)
        >>> round(si["v"][1], 1), round(si["c"][1], 1)
        (1.0, 0.0)
        """
        from scipy.stats import sobol_indices

        from .sweep import sweep

        if not isinstance(n, (int, np.integer)) or n < 2 or n & (n - 1):
            raise GameError(f"n must be a power of 2 (the balance of Sobol' points); got "
                            f"{n!r}")
        if isinstance(quantity, str) and quantity in self.structures:
            spec = ("structure", quantity)
        else:
            spec = _parse(self.game, quantity)[1]
        names = list(self.distributions)
        dists = [self.distributions[k] for k in names]
        span = [np.inf, -np.inf]                 # the least and largest value seen

        def func(x: np.ndarray) -> np.ndarray:
            x = np.asarray(x, dtype=np.float64)
            for j, name in enumerate(names):
                _check_samples(self.game.parameter_info.get(name), name, dists[j], x[j])
            table = {name: x[j] for j, name in enumerate(names)}
            m = x.shape[1]
            table.update({k: np.full(m, v) for k, v in self.fixed.items()})
            sw = sweep(self.game, points=table, method=self.method, executor=executor)
            if spec[0] == "structure":
                pid, keys = sw.structure_ids()
                ids = [i for i, k in enumerate(keys) if k == self.structure_keys[spec[1]]]
                y = np.isin(pid, ids).astype(np.float64)
            else:
                y = _evaluate(sw, {"q": spec}, self.select)["q"]
            if not np.all(np.isfinite(y)):
                raise GameError(f"quantity {quantity!r} is undefined (NaN) at some points "
                                f"(no equilibrium selected there); Sobol indices need it "
                                f"everywhere")
            span[:] = min(span[0], float(y.min())), max(span[1], float(y.max()))
            # scipy squeezes (1, 1) indices to scalars and then fails on them (scipy 1.17,
            # one parameter and one output): give it the output twice and read row 0
            return np.vstack([y, y]) if len(names) == 1 else y[None, :]

        rng = np.random.default_rng(self.seed)
        res = sobol_indices(func=func, n=int(n), dists=dists, rng=rng)
        if span[1] - span[0] <= 1e-12 * max(1.0, abs(span[0]), abs(span[1])):
            return {name: (0.0, 0.0) for name in names}
        first, total = np.asarray(res.first_order), np.asarray(res.total_order)
        if len(names) == 1:
            first, total = first.reshape(-1)[:1], total.reshape(-1)[:1]
        first, total = first.reshape(-1), total.reshape(-1)
        return {name: (float(first[j]), float(total[j])) for j, name in enumerate(names)}

    # ------------------------------------------------------------- tables
    def records(self) -> list[dict[str, Any]]:
        """Tidy rows, one per reported figure: ``kind`` (``"structure"``, ``"outcome"``
        or ``"quantity"``), ``name``, ``mean``, ``std``, ``se`` and ``n``."""
        out = []
        for kind, d in (("structure", self.structures), ("outcome", self.outcomes),
                        ("quantity", self.quantities)):
            for name, e in d.items():
                out.append({"kind": kind, "name": name, "mean": e.mean, "std": e.std,
                            "se": e.se, "n": e.n})
        return out

    def to_frame(self):
        """:meth:`records` as a pandas DataFrame (pandas is an optional dependency)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("UncertaintyResult.to_frame needs pandas; install it with "
                              "`pip install pandas`") from None
        return pd.DataFrame(self.records())

    def __str__(self) -> str:
        dists = ", ".join(f"{k} ~ {_dist_text(d)}" for k, d in self.distributions.items())
        fixed = "".join(f"; {k} = {v:g}" for k, v in self.fixed.items())
        lines = [f"uncertainty over {len(self)} quasi-random points: {dists}{fixed}",
                 "  equilibrium structures:"]
        lines += [f"    {e.mean:7.2%} (se {e.se:.2g})  {k}" for k, e in self.structures.items()]
        shown = {k: e for k, e in self.outcomes.items() if e.mean > 0}
        if shown:
            lines.append("  outcomes reached:")
            lines += [f"    {e.mean:7.2%} (se {e.se:.2g})  {k}" for k, e in shown.items()]
        if self.quantities:
            lines.append("  quantities:")
            lines += [f"    {k}: {e}" for k, e in self.quantities.items()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<UncertaintyResult {str(self).splitlines()[0]}>"


# ----------------------------------------------------------------- entry point
def uncertainty(game: Game, distributions: Mapping[str, Any], quantities: Any = None,
                n: int = 1024, seed: Any = 0, select: Any = None,
                method: str | Callable[..., Any] = "auto", progress: bool = False,
                executor: Executor | None = None, **fixed: Any) -> UncertaintyResult:
    """Equilibria of a parametric game whose parameters are random.

    ``n`` quasi-random points (a scrambled, seeded :class:`scipy.stats.qmc.Sobol`
    sequence mapped through each distribution's ``ppf``) are solved by one
    :func:`gametheory.sweep`; the result holds the probability of each equilibrium
    structure, of each outcome (trees) and the mean, standard deviation and standard
    error of each quantity.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A parametric game.
    distributions : dict
        ``{parameter: frozen scipy.stats distribution}``, e.g. ``{"q":
        scipy.stats.beta(2, 5)}``; independent. Samples must lie in the parameter's
        declared domain.
    quantities : list, optional
        Each a callable ``f(solution) -> float`` of the point's
        :class:`~gametheory.Solution`, or a string: ``"payoff:<player>"`` (the player's
        equilibrium payoff), ``"prob:<player or information set>:<action>"`` (the
        probability the action is played: a normal-form strategy, or a tree's
        behaviour probability at the information set; a player of a tree names the
        information set of theirs having that action, when only one has it) or, for
        trees, ``"outcome:<path>"`` (the probability the terminal is reached). Strings
        are averaged over the point's equilibria unless ``select`` picks one.
    n : int
        Number of points (a power of 2 keeps the Sobol' balance; others are allowed).
    seed : int or numpy Generator
        Seed of the scrambling (the same seed gives the same points).
    select : None, "first" or callable
        None averages the string quantities and outcomes over each point's equilibria;
        ``"first"`` takes the point's first equilibrium (as :class:`~gametheory.Solution`
        sorts them); a callable ``f(solution) -> Equilibrium`` (one of
        ``solution.equilibria``, or None for none) picks one. Callable quantities
        receive the whole Solution and choose themselves.
    method, progress, executor
        As for :func:`gametheory.sweep`.
    **fixed
        Other parameters held at these values (the rest take their defaults).

    Returns
    -------
    UncertaintyResult

    Raises
    ------
    GameError
        For a distribution that is not a frozen scipy.stats distribution, an unknown
        parameter, a parameter both fixed and uncertain, an unknown quantity (the valid
        players and actions are named), or samples outside a parameter's domain.

    References
    ----------
    Sobol', I. M. (1967). On the distribution of points in a cube and the approximate
    evaluation of integrals. *USSR Computational Mathematics and Mathematical Physics*
    7(4), 86-112. Owen, A. B. (1995). Randomly permuted (t,m,s)-nets and (t,s)-sequences.
    In *Monte Carlo and Quasi-Monte Carlo Methods in Scientific Computing*, 299-317
    (scrambling). Saltelli, A. et al. (2010). Variance based sensitivity analysis of
    model output. *Computer Physics Communications* 181, 259-270.

    Examples
    --------
    Hawk-Dove with prize ``v ~ uniform(0, 4)`` and cost ``c = 1`` (Maynard Smith 1982):
    (Hawk, Hawk) is the unique equilibrium exactly when v > c, so its probability is
    P(v > 1) = 3/4; below, two pure equilibria and a mixed one. Player 1 plays H with
    probability 1 when v > 1 and, averaged over the three equilibria, (1 + 0 + v) / 3 when
    v < 1, so the mean of ``prob:Player 1:H`` is 3/4 + (1/4)(1/2) = 7/8.

    >>> import scipy.stats as st, gametheory as gt
    >>> v, c = gt.parameters("v c")
    >>> g = gt.NormalFormGame.from_arrays([[(v - c) / 2, v], [0, v / 2]],
    ...                                   [[(v - c) / 2, 0], [v, v / 2]],
    ...                                   strategies=[["H", "D"], ["H", "D"]])
    >>> res = gt.uncertainty(g, {"v": st.uniform(0, 4)}, ["prob:Player 1:H"], n=512, c=1)
    >>> round(res.structures["1 equilibrium: H | H"].mean, 2)
    0.75
    >>> print(res)  # doctest: +NORMALIZE_WHITESPACE
    uncertainty over 512 quasi-random points: v ~ uniform(0, 4); c = 1
      equilibrium structures:
         75.00% (se 0.019)  1 equilibrium: H | H
         25.00% (se 0.019)  3 equilibria: H | D; H, D | H, D; D | H
      quantities:
        prob:Player 1:H: 0.875 (std 0.222, se 0.0098)
    """
    from scipy.stats import qmc

    from .sweep import sweep

    names, fixed_values = _check_inputs(game, distributions, fixed)
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 2:
        raise GameError(f"n must be an integer of at least 2; got {n!r}")
    qs = list(quantities) if quantities is not None else []
    if isinstance(quantities, str) or callable(quantities):
        qs = [quantities]
    specs: dict[str, Any] = {}
    for q in qs:
        name, spec = _parse(game, q)
        specs[name] = spec
    dists = [distributions[k] for k in names]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)     # n not a power of 2
        u = qmc.Sobol(d=len(names), scramble=True, seed=seed).random(int(n))
    x = _map(game, names, dists, u)
    table = {name: x[:, j] for j, name in enumerate(names)}
    table.update({k: np.full(int(n), v) for k, v in fixed_values.items()})
    sw = sweep(game, points=table, method=method, executor=executor, progress=progress)

    pid, keys = sw.structure_ids()
    words = structure_names(game, keys)
    structures, structure_keys = {}, {}
    for i in np.argsort(-np.bincount(pid, minlength=len(keys)), kind="stable"):
        structures[words[i]] = _estimate((pid == i).astype(np.float64))
        structure_keys[words[i]] = keys[i]
    outcomes: dict[str, Estimate] = {}
    reached = None
    rows = _rows(sw, select)
    if is_tree(game):
        reached = _per_point(sw, reach(game, sw.batch, sw.chance), rows)
        for t, v in enumerate(game.arrays.terminals.tolist()):
            outcomes[game.path(v)] = _estimate(reached[:, t])
    values = _evaluate(sw, specs, select, reached, rows)
    return UncertaintyResult(game, dict(distributions), fixed_values, sw, structures,
                             outcomes, {k: _estimate(v) for k, v in values.items()}, values,
                             select, method, seed, specs, structure_keys)
