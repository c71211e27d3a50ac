"""The method registry: every solver method states its capabilities once.

:data:`METHODS` maps a method's name to a frozen :class:`Method` record: where its
function lives (imported only when it is first called, so ``import gametheory`` stays
fast), the game forms and numbers of players it takes, whether it is complete and
supports exact arithmetic, its options with defaults and one-line meanings, its
reference, its vectorised sweep engine (if any), whether ``"auto"`` may try it, and the
rules by which it accepts a game. ``gt.solve``, ``"auto"``, ``gt.sweep``,
``gt.critical_values``, the command line's ``--method`` and the README's methods table
all read it, so a new method is one module plus one :func:`register` call.

Examples
--------
>>> from gametheory.solvers.registry import METHODS, get_method
>>> m = get_method("vertex")
>>> m.players, m.complete, m.exact, sorted(m.forms)
(2, True, True, ['normal'])
>>> [o.name for o in m.options]
['tol', 'max_seconds']
>>> "lemke-howson" in METHODS
True
"""

from __future__ import annotations

import importlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import SolverError

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["Option", "Method", "METHODS", "REQUIREMENTS", "register", "unregister",
           "get_method", "show_method", "method_summary", "SENSITIVITY_SOURCES"]


@dataclass(frozen=True)
class Option:
    """One option of a method: its name, default and a one-line meaning."""

    name: str
    default: Any
    meaning: str


@dataclass(frozen=True)
class Method:
    """A solver method's capabilities.

    Attributes
    ----------
    name : str
        The name passed as ``gt.solve(game, method=name)``.
    summary : str
        One line: what it finds.
    module, function_name : str
        Where the function ``f(game, exact=False, **options) -> Solution`` lives (a full
        module path); imported on first use (:attr:`function`).
    forms : frozenset of str
        ``{"normal"}``, ``{"tree"}`` or both. A method without ``"tree"`` solves a tree's
        reduced normal form.
    players : int or None
        2, or None for any number of players.
    complete : bool
        Whether it finds every Nash equilibrium (every extreme one) when it succeeds.
    exact : bool
        Whether it supports ``exact=True``.
    options : tuple of Option
        The keyword options it takes (besides ``exact``); the dispatcher refuses others.
    reference : str
        The literature source.
    batch : str or None
        ``"module:name"`` of its vectorised sweep engine (a
        :class:`~gametheory.solvers.batch.BatchEngine`), which ``gt.sweep`` uses with
        ``method="auto"`` where the engine accepts the game.
    auto : bool
        Whether ``"auto"`` may try it (after the built-in preference order for a newly
        registered method, where it accepts the game).
    requires : frozenset of str
        Properties the game (the form it solves) must have: names of
        :data:`REQUIREMENTS` (``"zero-sum"``, ``"perfect-recall"``,
        ``"perfect-information"``).
    accepts : str, callable or None
        ``accepts(game, exact) -> bool``, or ``"module:function"`` naming it (imported on
        first use, as the built-in methods' rules live in their modules): the method's
        own size and applicability rules, given the game in the form it solves (a tree's
        reduced normal form for a normal-form method); None accepts every game that
        forms, players, exact and requires allow. It says whether the method would start
        solving rather than refuse; it may still fail.
    takes_normal_solver : bool
        The dispatcher passes ``normal_solver=`` (its normal-form solve, a callable
        ``(game, method, exact, options) -> Solution``), as ``"spe"`` needs for the
        pieces of a tree it solves on their normal form.
    sensitivity : str or None
        Where ``gt.critical_values`` (and the closed forms built on it) finds the
        candidate parameter values at which this method's equilibria can change, one of
        :data:`SENSITIVITY_SOURCES`: ``"support"`` (indifference and best-response
        conditions of the support pairs of a two-player normal form), ``"pure"``
        (pure-deviation comparisons), ``"polynomial"`` (the support systems of an
        N-player normal form, eliminated to polynomials in the parameter),
        ``"backward"`` (comparisons along backward induction, perfect-information
        trees), ``"subgames"`` (each proper subgame's conditions, bottom-up; backward
        induction where a tree has perfect information) or ``"assessment"`` (sequential
        and perfect Bayesian equilibria of trees: the reduced normal form's Nash
        conditions and the payoff comparisons that bound off-path beliefs). None: the
        method's equilibria are not analysed exactly (float-only or no exact conditions
        known). A new method
        whose equilibria change where those of an existing source do needs only this
        field.
    implementation : callable or None
        The function itself, for a method defined in a script (build the record with
        :meth:`of`); None for the built-in methods, which are imported by name.

    Examples
    --------
    >>> from gametheory.solvers.registry import Method, Option
    >>> m = Method("pure-too", "all pure equilibria", "gametheory.solvers.pure",
    ...            "solve_pure", frozenset({"normal"}), None, False, True,
    ...            (Option("tol", None, "payoff slack"),), "Nash (1951)", auto=False)
    >>> m.function.__name__
    'solve_pure'
    """

    name: str
    summary: str
    module: str
    function_name: str
    forms: frozenset[str]
    players: int | None
    complete: bool
    exact: bool
    options: tuple[Option, ...]
    reference: str
    batch: str | None = None
    auto: bool = True
    requires: frozenset[str] = frozenset()
    accepts: str | Callable[[Any, bool], bool] | None = None
    takes_normal_solver: bool = False
    sensitivity: str | None = None
    implementation: Callable[..., Any] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, function: Callable[..., Any], name: str, summary: str, **fields: Any
           ) -> Method:
        """The record of a method whose function is at hand (defined in a script):
        ``fields`` are the other fields by name (forms, players, complete, exact, options,
        reference, ...).

        Examples
        --------
        >>> from gametheory.solvers.pure import solve_pure
        >>> m = Method.of(solve_pure, "pure-again", "pure equilibria", forms=frozenset({"normal"}),
        ...               players=None, complete=False, exact=True, options=(),
        ...               reference="Nash (1951)")
        >>> m.function is solve_pure, m.module
        (True, 'gametheory.solvers.pure')
        """
        return cls(name, summary, function.__module__, function.__qualname__,
                   implementation=function, **fields)

    def __post_init__(self) -> None:
        if not self.forms or not self.forms <= {"normal", "tree"}:
            raise SolverError(f"method {self.name!r}: forms must be a non-empty subset of "
                              f"{{'normal', 'tree'}}; got {set(self.forms)}")
        if self.sensitivity is not None and self.sensitivity not in SENSITIVITY_SOURCES:
            raise SolverError(f"method {self.name!r}: unknown sensitivity source "
                              f"{self.sensitivity!r}; known: {', '.join(SENSITIVITY_SOURCES)}")
        unknown = set(self.requires) - set(REQUIREMENTS)
        if unknown:
            raise SolverError(f"method {self.name!r}: unknown requirement(s) "
                              f"{', '.join(sorted(unknown))}; known: "
                              f"{', '.join(REQUIREMENTS)}")

    @property
    def function(self) -> Callable[..., Any]:
        """The solver function (its module imported on first use)."""
        if self.implementation is not None:
            return self.implementation
        return getattr(importlib.import_module(self.module), self.function_name)

    @cached_property
    def option_names(self) -> frozenset[str]:
        """The names of the options it takes (computed once: the record is frozen)."""
        return frozenset(o.name for o in self.options)

    def accepts_game(self, game: Game, exact: bool = False) -> bool:
        """The ``accepts`` rule on ``game`` (given in the form the method solves); True
        without a rule. Forms, players, exact and requires are checked by
        :func:`~gametheory.solvers._advice.applicable`."""
        rule = self.accepts
        if rule is None:
            return True
        if isinstance(rule, str):
            rule = _load(rule)
        return bool(rule(game, exact))

    def batch_engine(self) -> Any:
        """Its :class:`~gametheory.solvers.batch.BatchEngine`, or None."""
        return None if self.batch is None else _load(self.batch)


def _load(path: str) -> Any:
    """The object ``"module:name"`` names (its module imported)."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _zero_sum(game: Game) -> bool:
    return bool(game.is_zero_sum)


#: The names a Method's ``requires`` may use: name -> test of the game.
REQUIREMENTS: dict[str, Callable[[Game], bool]] = {
    "zero-sum": _zero_sum,
    "perfect-recall": lambda game: bool(game.has_perfect_recall),
    "perfect-information": lambda game: bool(game.has_perfect_information),
}


#: The candidate sources a Method's ``sensitivity`` may name (see :class:`Method`);
#: :mod:`gametheory.sensitivity.critical` implements each.
SENSITIVITY_SOURCES: tuple[str, ...] = ("support", "pure", "polynomial", "backward",
                                        "subgames", "assessment")


# ----------------------------------------------------------------- the built-in methods
_TOL = Option("tol", None, "regret tolerance for float results (default 1e-9 times the "
                           "payoff scale)")
_TIME = "seconds after which it stops and returns what it verified (None: no limit)"
_PROGRESS = Option("progress", False, "show a tqdm progress bar")
_NORMAL, _TREE, _BOTH = (frozenset({"normal"}), frozenset({"tree"}),
                         frozenset({"normal", "tree"}))
_S = "gametheory.solvers."

_BUILTIN = (
    Method(
        "pure", "all pure equilibria, any number of players", _S + "pure", "solve_pure",
        _NORMAL, None, complete=False, exact=True,
        options=(Option("tol", None, "slack of the float payoff comparison (default 1e-9 "
                                     "times the payoff scale)"),),
        reference="Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), "
                  "286-295.",
        auto=False, sensitivity="pure"),
    Method(
        "support", "support enumeration over all support sizes, two players",
        _S + "support", "solve_support", _NORMAL, 2, complete=True, exact=True,
        options=(_TOL,
                 Option("max_pairs", 1 << 24, "refuse games with more support pairs "
                                              "(2^m - 1)(2^n - 1)"),
                 Option("time_limit", 120.0, _TIME), _PROGRESS),
        reference="von Stengel, B. (2007). Equilibrium computation for two-player games "
                  "in strategic and extensive form. In Nisan et al., Algorithmic Game "
                  "Theory, ch. 3, section 3.4. Porter, R., Nudelman, E. & Shoham, Y. "
                  "(2008). Simple search methods for finding a Nash equilibrium. Games "
                  "and Economic Behavior 63, 642-662.",
        batch="gametheory.solvers.batched_support:ENGINE", auto=False,
        accepts=_S + "support:accepts", sensitivity="support"),
    Method(
        "vertex", "vertex enumeration: all extreme equilibria and components, two players",
        _S + "vertex", "solve_vertex", _NORMAL, 2, complete=True, exact=True,
        options=(_TOL,
                 Option("max_seconds", 10.0, "refuse games for which qhull is predicted "
                                             "to take longer (seconds)")),
        reference="von Stengel, B. (2007). Equilibrium computation for two-player games "
                  "in strategic and extensive form. Algorithmic Game Theory, ch. 3, "
                  "sections 3.3-3.4. Avis, D., Rosenberg, G. D., Savani, R. & von "
                  "Stengel, B. (2010). Enumeration of Nash equilibria for two-player "
                  "games. Economic Theory 42, 9-37.",
        batch="gametheory.solvers.batched_support:ENGINE", accepts=_S + "vertex:accepts",
        sensitivity="support"),
    Method(
        "lemke-howson", "Lemke-Howson from every initial label, two players",
        _S + "lemke_howson", "solve_lemke_howson", _NORMAL, 2, complete=False, exact=True,
        options=(_TOL,
                 Option("initial_labels", None, "the labels to drop first (0..m-1 player "
                                                "1's strategies, m..m+n-1 player 2's); "
                                                "default all"),
                 Option("max_pivots", None, "pivot limit per path (default "
                                            "DEFAULT_MAX_PIVOTS)"),
                 Option("time_limit", 60.0, _TIME), _PROGRESS),
        reference="Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix "
                  "games. SIAM Journal on Applied Mathematics 12(2), 413-423. Savani, R. "
                  "& von Stengel, B. (2006). Hard-to-solve bimatrix games. Econometrica "
                  "74(2), 397-429.", sensitivity="support"),
    Method(
        "lp", "linear programming: value and optimal strategies, two-player zero-sum games",
        _S + "lp", "solve_lp", _NORMAL, 2, complete=False, exact=True,
        options=(Option("tol", None, "regret tolerance for float results and of the "
                                     "zero-sum test (default 1e-9 times the payoff scale)"),),
        reference="von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. "
                  "Mathematische Annalen 100, 295-320. Maschler, M., Solan, E. & Zamir, "
                  "S. (2013). Game Theory, Cambridge University Press, ch. 5.",
        auto=False, requires=frozenset({"zero-sum"}), accepts=_S + "lp:accepts",
        sensitivity="support"),
    Method(
        "spe", "subgame-perfect equilibria of trees: backward induction (all pure SPE) on "
               "perfect information, proper subgames solved bottom-up otherwise",
        _S + "spe", "solve_spe", _TREE, None, complete=False, exact=True,
        options=(Option("subgame_method", "vertex", "the normal-form method of pieces in "
                                                    "which two players move"),
                 Option("tol", None, "payoff differences up to tol are ties (default "
                                     "1e-9 times the payoff scale)"),
                 Option("max_equilibria", 10000, "raise TooManyEquilibria beyond this "
                                                 "many equilibria"),
                 Option("multi_method", "pure", "the normal-form method of pieces in "
                                                "which three or more players move "
                                                "('pure' or e.g. 'enumpoly')")),
        reference="Selten, R. (1975). Reexamination of the perfectness concept for "
                  "equilibrium points in extensive games. International Journal of Game "
                  "Theory 4, 25-55. Osborne, M. J. & Rubinstein, A. (1994). A Course in "
                  "Game Theory, sec. 6.2 and 11.1. MIT Press.",
        batch="gametheory.solvers.batched_subgames:ENGINE", takes_normal_solver=True,
        sensitivity="subgames"),
    Method(
        "sequential", "sequential equilibria (Kreps-Wilson) as assessments with belief "
                      "ranges: all of them for small two-player trees, pure ones and the "
                      "agent-QRE limit for more players",
        "gametheory.refinements.sequential", "solve_sequential", _TREE, None,
        complete=False, exact=True,
        options=(Option("tol", None, "payoff slack for float payoffs (default 1e-9 times "
                                     "the payoff scale)"),
                 Option("max_profiles", 20000, "refuse trees with more candidate "
                                               "profiles to check")),
        reference="Kreps, D. M. & Wilson, R. (1982). Sequential equilibria. Econometrica "
                  "50(4), 863-894.",
        auto=False, requires=frozenset({"perfect-recall"}),
        accepts="gametheory.refinements.sequential:accepts", sensitivity="assessment"),
    Method(
        "pbe", "weak perfect Bayesian equilibria of signalling games, classified as "
               "pooling, separating or semi-separating, with belief ranges",
        "gametheory.refinements.signalling", "solve_pbe", _TREE, 2,
        complete=True, exact=True,
        options=(Option("tol", None, "payoff slack for float payoffs (default 1e-9 times "
                                     "the payoff scale)"),),
        reference="Fudenberg, D. & Tirole, J. (1991). Game Theory, MIT Press, sec. 8.2. "
                  "Cho, I.-K. & Kreps, D. M. (1987). Signaling games and stable "
                  "equilibria. Quarterly Journal of Economics 102(2), 179-221.",
        auto=False, accepts="gametheory.refinements.signalling:accepts",
        sensitivity="assessment"),
    Method(
        "sequence-lp", "sequence-form linear programming, two-player zero-sum trees",
        _S + "sequence_lp", "solve_sequence_lp", _TREE, 2, complete=False, exact=True,
        options=(Option("tol", None, "regret tolerance for float results and of the "
                                     "constant-sum test (default 1e-9 times the payoff "
                                     "range)"),),
        reference="Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient "
                  "computation of equilibria for extensive two-person games. Games and "
                  "Economic Behavior 14, 247-259.",
        requires=frozenset({"perfect-recall", "zero-sum"}), sensitivity="support"),
    Method(
        "sequence-lcp", "Lemke's algorithm on the sequence form: one equilibrium, "
                        "two-player trees",
        _S + "sequence_lcp", "solve_sequence_lcp", _TREE, 2, complete=False, exact=True,
        options=(_TOL,
                 Option("max_pivots", None, "pivot limit (default DEFAULT_MAX_PIVOTS)"),
                 Option("time_limit", None, "seconds after which the path is abandoned "
                                            "(None: no limit)"), _PROGRESS),
        reference="Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient "
                  "computation of equilibria for extensive two-person games. Games and "
                  "Economic Behavior 14, 247-259. von Stengel, B., van den Elzen, A. & "
                  "Talman, D. (2002). Computing normal form perfect equilibria for "
                  "extensive two-person games. Econometrica 70(2), 693-715.",
        requires=frozenset({"perfect-recall"}), sensitivity="support"),
    Method(
        "qre", "logit QRE branch from lambda = 0 and its verified limit, any number of "
               "players; trees in agent form",
        _S + "qre", "solve_qre", _BOTH, None, complete=False, exact=False,
        options=(Option("tol", None, "regret tolerance of the reported equilibrium"),
                 Option("max_lambda", None, "stop tracing here (default 1e7 over the "
                                            "payoff unit)"),
                 Option("first_step", 0.03, "initial arc length"),
                 Option("max_accel", 2.0, "largest factor by which a step may grow"),
                 Option("max_steps", 10000, "cap on accepted steps"),
                 Option("lambdas", None, "lambdas at which to record the profile "
                                         "(sol.branch.at)"),
                 Option("time_limit", None, "seconds after which tracing stops (None: no "
                                            "limit)"), _PROGRESS),
        reference="McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria "
                  "for normal form games. Games and Economic Behavior 10, 6-38. Turocy, "
                  "T. L. (2005), Games and Economic Behavior 51, 243-263. McKelvey, R. D. "
                  "& Palfrey, T. R. (1998). Quantal response equilibria for extensive "
                  "form games. Experimental Economics 1, 9-41.",
        requires=frozenset({"perfect-recall"})),
    Method(
        "enumpoly", "support enumeration with polynomial systems: all equilibria, small "
                    "N-player games",
        _S + "enumpoly", "solve_enumpoly", _NORMAL, None, complete=True, exact=True,
        options=(_TOL,
                 Option("algebraic", None, "Groebner bases over the rationals (True) or "
                                           "numeric solving (False); default by size"),
                 Option("starts", 20, "Newton starting points per support profile "
                                      "(numeric mode)"),
                 Option("seed", 0, "seed of the random starting points (numeric mode)"),
                 Option("max_supports", 50000, "refuse games with more support profiles"),
                 Option("time_limit", 120.0, _TIME), _PROGRESS),
        reference="McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in "
                  "finite games. Handbook of Computational Economics 1, 87-142. Datta, R. "
                  "S. (2010). Finding all Nash equilibria of a finite game using "
                  "polynomial algebra. Economic Theory 42(1), 55-96.",
        accepts=_S + "enumpoly:accepts", sensitivity="polynomial"),
    Method(
        "pns", "one equilibrium of an N-player game: small supports first",
        _S + "pns", "solve_pns", _NORMAL, None, complete=False, exact=False,
        options=(Option("tol", None, "regret tolerance (default 1e-9 times the payoff "
                                     "scale)"),
                 Option("starts", 8, "Newton starting points per support profile"),
                 Option("seed", 0, "seed of the starting points"),
                 Option("time_limit", 60.0, "seconds before giving up (None: no limit)"),
                 _PROGRESS),
        reference="Porter, R., Nudelman, E. & Shoham, Y. (2008). Simple search methods "
                  "for finding a Nash equilibrium. Games and Economic Behavior 63(2), "
                  "642-662."),
    Method(
        "best-response", "games where every player but one has a single strategy: that "
                         "player's best responses, linear time",
        _S + "best_response", "solve_best_response", _NORMAL, None, complete=True,
        exact=True, options=(Option("tol", None, "payoffs within tol of the best count as "
                                                 "best responses"),),
        reference="Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), "
                  "286-295 (an equilibrium is a profile of best responses).",
        accepts=_S + "best_response:accepts", sensitivity="pure"),
)

#: method name -> :class:`Method`, in the built-in order (new methods at the end).
METHODS: dict[str, Method] = {m.name: m for m in _BUILTIN}


def register(method: Method, replace: bool = False) -> Method:
    """Add ``method`` to :data:`METHODS` (SolverError if the name is taken and not
    ``replace``); returns it.

    Examples
    --------
    >>> from gametheory.solvers.registry import Method, register, unregister, METHODS
    >>> m = register(Method("pure-any", "pure equilibria", "gametheory.solvers.pure",
    ...                     "solve_pure", frozenset({"normal"}), None, False, True, (),
    ...                     "Nash (1951)", auto=False))
    >>> "pure-any" in METHODS
    True
    >>> unregister("pure-any")
    """
    if not isinstance(method, Method):
        raise SolverError(f"register needs a Method; got {type(method).__name__}")
    if method.name == "auto" or (method.name in METHODS and not replace):
        raise SolverError(f"method name {method.name!r} is taken; choose another or pass "
                          "replace=True")
    METHODS[method.name] = method
    return method


def unregister(name: str) -> None:
    """Remove a method from :data:`METHODS` (SolverError for an unknown name)."""
    get_method(name)
    del METHODS[name]


def get_method(name: str) -> Method:
    """The :class:`Method` called ``name``; SolverError naming the available ones.

    Examples
    --------
    >>> get_method("qre").exact
    False
    >>> get_method("simplex")
    Traceback (most recent call last):
    ...
    gametheory.errors.SolverError: unknown method 'simplex'; available: auto, pure, ...
    """
    try:
        return METHODS[name]
    except (KeyError, TypeError):
        raise SolverError(f"unknown method {name!r}; available: "
                          f"{', '.join(['auto', *METHODS])}") from None


def _players(m: Method) -> str:
    return "any number of players" if m.players is None else f"{m.players} players"


#: How :func:`method_summary` names each sensitivity source.
_SOURCE_TEXT = {"support": "support conditions (gt.critical_values)",
                "pure": "pure-deviation comparisons (gt.critical_values)",
                "polynomial": "support systems eliminated to polynomials (gt.critical_values)",
                "backward": "backward-induction comparisons (gt.critical_values)",
                "subgames": "each proper subgame's conditions (gt.critical_values)"}


def method_summary(name: str) -> str:
    """A method's summary as text: what it finds, forms, players, complete, exact,
    options with defaults and meanings, and its reference (what :func:`show_method`
    prints)."""
    m = get_method(name)
    forms = " and ".join(f for f in ("normal", "tree") if f in m.forms)
    if "tree" not in m.forms:
        forms += " (a tree: its reduced normal form)"
    lines = [f"{m.name}: {m.summary}",
             f"  games:    {forms}; {_players(m)}"
             + (f"; requires {', '.join(sorted(m.requires))}" if m.requires else ""),
             f"  complete: {'yes' if m.complete else 'no'}",
             f"  exact:    {'yes' if m.exact else 'no'}",
             f"  critical: {_SOURCE_TEXT.get(m.sensitivity, 'not analysed exactly')}",
             f"  auto:     {'may use it' if m.auto else 'never uses it'}"
             + ("; vectorised sweep engine" if m.batch else "")]
    if m.options:
        lines.append("  options:")
        width = max(len(o.name) for o in m.options)
        lines += [f"    {o.name:<{width}} = {o.default!r:<8} {o.meaning}" for o in m.options]
    else:
        lines.append("  options:  none")
    lines.append(textwrap.fill(f"reference: {m.reference}", width=88, initial_indent="  ",
                               subsequent_indent="    "))
    return "\n".join(lines)


def show_method(name: str) -> None:
    """Print a method's summary, forms, players, completeness, exactness, options (with
    defaults and meanings) and reference (:func:`method_summary` gives the text).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.show_method("lp")  # doctest: +ELLIPSIS
    lp: linear programming: value and optimal strategies, two-player zero-sum games
      games:    normal (a tree: its reduced normal form); 2 players; requires zero-sum
      complete: no
      exact:    yes
      critical: support conditions (gt.critical_values)
      auto:     never uses it
      options:
        tol = None     regret tolerance for float results and of the zero-sum test ...
      reference: von Neumann, J. (1928). ...
    """
    print(method_summary(name))
