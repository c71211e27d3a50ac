"""Bayesian games: games of incomplete information with a common prior over types.

A :class:`BayesianGame` is given by its players, each player's types with a common prior
(joint, or independent per player; numbers, Fractions or parameter expressions such as
``q`` and ``1 - q``), each player's actions (optionally per type) and payoffs as a
function of the type profile and the action profile. It converts to

- its Harsanyi tree (:meth:`~BayesianGame.to_tree`): chance draws the type profile, then
  the players move in player order, each at an information set that is its type, so
  that nobody sees the others' types or moves (simultaneous moves);
- its normal form over type-contingent strategies (:meth:`~BayesianGame.to_normal`) with
  ex-ante expected payoffs (exact for exact input, symbolic in the parameters).

Its Bayesian Nash equilibria (Harsanyi 1967-68) are the Nash equilibria of either form;
:meth:`~BayesianGame.bayesian_equilibria` solves and prints them per type.

Examples
--------
Russia is revisionist with probability q, else it wants the status quo; a guarantor of
Ukraine is resolved with probability r. Russia escalates or accepts; the guarantor, at
the same time and without knowing Russia's type, defends or abandons. Escalating pays
a revisionist 4 against a guarantor who abandons and costs it 2 against one who
defends (1 and 4 for a status-quo Russia). A resolved guarantor gains 1 from defending
against an escalation and loses 2 from abandoning; an unresolved one loses 3 and 1.
Defending costs 1 when Russia accepts.

>>> import gametheory as gt
>>> q, r = gt.parameters("q r")
>>> def payoff(types, actions):
...     russia, guarantor = types
...     esc, defend = actions[0] == "escalate", actions[1] == "defend"
...     gain, cost = (4, -2) if russia == "revisionist" else (1, -4)
...     fight, flee = (1, -2) if guarantor == "resolved" else (-3, -1)
...     if not esc:
...         return 0, -1 if defend else 0
...     return (cost, fight) if defend else (gain, flee)
>>> bg = gt.BayesianGame(
...     ["Russia", "Guarantor"],
...     prior={"Russia": {"revisionist": q, "status quo": 1 - q},
...            "Guarantor": {"resolved": r, "unresolved": 1 - r}},
...     actions={"Russia": ["escalate", "accept"], "Guarantor": ["defend", "abandon"]},
...     payoffs=payoff, title="Guarantee under uncertainty")
>>> bg  # doctest: +NORMALIZE_WHITESPACE
<BayesianGame 'Guarantee under uncertainty' (Russia: 2 types, Guarantor: 2 types);
 4 type profiles, symbolic, parameters q, r>
>>> nf = bg.to_normal()
>>> nf.shape, nf.strategies[0][1]
((4, 4), 'revisionist: escalate, status quo: accept')
>>> nf.payoffs[0, 1, 3]
4*q
>>> print(bg.substitute(q="1/2", r="1/2").bayesian_equilibria(exact=True))
... # doctest: +NORMALIZE_WHITESPACE
1 Bayesian Nash equilibrium by vertex (complete, exact)
  [0] Russia (revisionist): escalate; Russia (status quo): accept;
      Guarantor (resolved): defend; Guarantor (unresolved): abandon; payoffs 1/2, -1/4

When revisionists are rare, the resolved guarantor defends only sometimes and the
status-quo type gambles; the normal form keeps q symbolic, so the sensitivity tools find
where the equilibrium changes (q = 1/4 with r = 1/2):

>>> low = bg.substitute(q="1/8", r="1/2").bayesian_equilibria(exact=True)[0]
>>> print(low)  # doctest: +NORMALIZE_WHITESPACE
Russia (revisionist): escalate; Russia (status quo): escalate 1/7, accept 6/7;
Guarantor (resolved): defend 2/5, abandon 3/5; Guarantor (unresolved): abandon;
payoffs 7/20, -3/8
>>> [str(c.value) for c in gt.critical_values(bg.substitute(r="1/2").to_normal(), "q")]
['0', '1/4', '1']

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by "Bayesian"
players, I-III. *Management Science* 14, 159-182, 320-334, 486-502. Osborne, M. J.
(2004). *An Introduction to Game Theory*, ch. 9. Oxford University Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from . import parameters as _params
from ._bayesian_result import BayesianEquilibrium, BayesianSolution
from ._bayesian_spec import Spec, cast_table, profile_index, profile_key, profile_name, read_spec
from ._tree_compile import cast_values, unify_kinds
from ._tree_util import check_distribution
from .extensive import ExtensiveFormGame
from .normal import NormalFormGame
from .values import to_fraction_array

__all__ = ["BayesianGame", "BayesianEquilibrium", "BayesianSolution"]

#: The largest normal form (payoff entries, players times cells) :meth:`to_normal` builds.
MAX_NORMAL_CELLS = 10**6


class BayesianGame:
    """A finite Bayesian game: players with types, a common prior, actions and payoffs.

    Parameters
    ----------
    players : sequence of str
        Player names.
    types : mapping, optional
        ``{player: [type names]}``. A player left out has a single anonymous type
        (complete information about it). May be omitted when the prior is independent
        (the types are then the keys of each player's distribution).
    prior : mapping or array_like, optional
        Either independent, ``{player: {type: probability}}`` (the prior is the
        product), or joint, ``{type profile: probability}`` where a type profile is a
        tuple with one type of each typed player, in player order (a plain string when
        one player is typed); type profiles left out have probability 0 and are not in
        the tree. Or a joint array with one axis per typed player. Probabilities may be
        numbers, Fractions, strings such as ``"1/3"`` or parameter expressions
        (``q``, ``1 - q``); they must be non-negative and sum to 1 (exactly, for exact
        and symbolic input). May be omitted when no player has more than one type.
    actions : mapping or sequence
        ``{player: [actions]}`` (or one list per player in order); a player's entry may
        be ``{type: [actions]}`` for actions that depend on its type.
    payoffs : callable, mapping or array_like
        A callable ``payoffs(types, actions) -> one payoff per player`` (a tuple, or a
        mapping by player name), called with the tuple of every player's type (None for
        a player without types) and the tuple of action labels; or ``{type profile:
        table}`` with a table of shape ``(N, a_1, ..., a_N)`` per type profile (the
        actions of each player's type; a :class:`~gametheory.NormalFormGame` works too);
        or one array of shape ``(N, T_1, ..., T_k, a_1, ..., a_N)``: players, the types
        of the typed players, then every player's actions.
    title : str, optional
        A title, passed on to the tree.

    Notes
    -----
    **Move order of the Harsanyi tree.** The root is a chance node over the type
    profiles (labelled ``"revisionist, resolved"``: the types of the typed players),
    with the prior probabilities; below each, player 1 moves, then player 2 at every
    node player 1's move leads to, and so on in player order. A player's information
    set is its type (label ``"Russia (revisionist)"``; just ``"Russia"`` for a player
    without types), which holds every node where that type moves: later movers see
    neither the types of the others nor their moves, so the moves are simultaneous,
    and each player moves once on every path, so the tree has perfect recall. Without
    typed players the tree has no chance node.

    References
    ----------
    Harsanyi, J. C. (1967-68). *Management Science* 14, 159-182, 320-334, 486-502.
    Osborne, M. J. (2004). *An Introduction to Game Theory*, ch. 9. Oxford UP.

    Examples
    --------
    A variant of the Battle of the Sexes (Osborne 2004, sec. 9.1): player 1 does not know
    whether player 2 wishes to meet her or to avoid her (probability 1/2 each).

    >>> import gametheory as gt
    >>> meet = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
    >>> avoid = [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]
    >>> bos = gt.BayesianGame(["1", "2"], prior={"2": {"meet": "1/2", "avoid": "1/2"}},
    ...                       actions=[["B", "S"], ["B", "S"]],
    ...                       payoffs={"meet": meet, "avoid": avoid})
    >>> print(bos.to_normal())
    1 \\ 2    meet: B, avoid: B    meet: B, avoid: S    meet: S, avoid: B    meet: S, avoid: S
    B                   2, 1/2               1, 3/2                 1, 0                 0, 1
    S                   0, 1/2               1/2, 0             1/2, 3/2                 1, 1
    >>> [str(eq) for eq in bos.bayesian_equilibria(exact=True) if eq.is_pure]
    ['1: B; 2 (meet): B; 2 (avoid): S; payoffs 1, 3/2']
    """

    def __init__(self, players: Sequence[str], types: Mapping[str, Sequence[str]] | None = None,
                 prior: Any = None, actions: Any = None, payoffs: Any = None,
                 title: str | None = None):
        if actions is None:
            raise GameError("no actions given: pass actions={player: [actions]}")
        self._init(read_spec(players, types, prior, actions, payoffs), title)

    def _init(self, spec: Spec, title: str | None) -> None:
        self._spec = spec
        self.title = title
        self._tree: ExtensiveFormGame | None = None
        self._normal: NormalFormGame | None = None
        self._parameters = (_params.free_parameters(np.concatenate(
            [spec.prior] + [t.reshape(-1) for t in spec.tables]))
            if spec.kind == "symbolic" else ())

    @classmethod
    def _from_spec(cls, spec: Spec, title: str | None) -> BayesianGame:
        game = cls.__new__(cls)
        game._init(spec, title)
        return game

    # ----------------------------------------------------------------- structure
    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._spec.players

    @property
    def num_players(self) -> int:
        """The number of players."""
        return len(self._spec.players)

    @property
    def types(self) -> dict[str, tuple[str, ...]]:
        """``{player: type names}``; ``()`` for a player without types.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"A": {"x": 0.5, "y": 0.5}},
        ...                      actions=[["u"], ["l", "r"]], payoffs=lambda t, a: (0, 0))
        >>> bg.types
        {'A': ('x', 'y'), 'B': ()}
        """
        s = self._spec
        return {p: (s.types[i] if s.typed[i] else ()) for i, p in enumerate(s.players)}

    def _key(self, profile: tuple[int, ...]) -> Any:
        return profile_key(self._spec.types, self._spec.typed, profile)

    @property
    def prior(self) -> dict[Any, Any]:
        """``{type profile: probability}`` over the type profiles of the tree, in its
        order (a type profile as in the constructor: a tuple, or a string when one
        player has types)."""
        return {self._key(p): v for p, v in zip(self._spec.profiles, self._spec.prior)}

    def type_probability(self, player: str, type: str) -> Any:
        """The marginal prior probability of one type of ``player``.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], types={"A": ["x", "y"], "B": ["u", "v"]},
        ...                      prior={("x", "u"): "1/2", ("y", "u"): "1/4",
        ...                             ("y", "v"): "1/4"},
        ...                      actions=[["a"], ["b"]], payoffs=lambda t, a: (0, 0))
        >>> bg.type_probability("A", "y"), bg.type_probability("B", "u")
        (Fraction(1, 2), Fraction(3, 4))
        """
        i, t = self._type_index(player, type)
        return self._marginal(i, t)

    def _marginal(self, i: int, t: int) -> Any:
        s = self._spec
        return sum((v for p, v in zip(s.profiles, s.prior) if p[i] == t), start=0 * s.prior[0])

    def _player_index(self, player: Any) -> int:
        try:
            return self._spec.players.index(str(player))
        except ValueError:
            raise GameError(f"no player named {player!r}; players are "
                            f"{', '.join(self._spec.players)}") from None

    def _type_index(self, player: Any, type: Any) -> tuple[int, int]:
        s = self._spec
        i = self._player_index(player)
        if not s.typed[i]:
            if type is not None:
                raise GameError(f"{s.players[i]} has no types")
            return i, 0
        if type is None or str(type) not in s.types[i]:
            raise GameError(f"{s.players[i]} has no type {type!r}; its types are "
                            f"{', '.join(s.types[i])}")
        return i, s.types[i].index(str(type))

    def action_labels(self, player: str, type: str | None = None) -> tuple[str, ...]:
        """The actions of ``player``'s ``type`` (omit the type for a player without types)."""
        i, t = self._type_index(player, type)
        return self._spec.actions[i][t]

    def infoset_label(self, player: str, type: str | None = None) -> str:
        """The information set of a player's type in the tree: ``"Russia (revisionist)"``,
        or the player's name for a player without types."""
        i, t = self._type_index(player, type)
        return self._label(i, t)

    def _label(self, i: int, t: int) -> str:
        s = self._spec
        return f"{s.players[i]} ({s.types[i][t]})" if s.typed[i] else s.players[i]

    def _agents(self) -> list[tuple[int, int]]:
        """Every (player, type) in player order, then type order."""
        s = self._spec
        return [(i, t) for i in range(len(s.players)) for t in range(len(s.types[i]))]

    @property
    def kind(self) -> str:
        """How the prior and payoffs are stored: ``"float"``, ``"exact"``, ``"symbolic"``."""
        return self._spec.kind

    @property
    def parameters(self) -> tuple:
        """The free sympy Symbols of the prior and the payoffs, sorted by name."""
        return self._parameters

    @property
    def is_numeric(self) -> bool:
        """True when the game has no free parameters."""
        return not self._parameters

    def table(self, profile: Any = None) -> NormalFormGame:
        """The payoffs at one type profile, as a normal-form game over actions.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"A": {"x": "1/2", "y": "1/2"}},
        ...                      actions=[["u", "d"], ["l"]],
        ...                      payoffs=lambda t, a: (1 if a[0] == "u" else 0, 0))
        >>> print(bg.table("y"))
        A \\ B       l
        u         1, 0
        d         0, 0
        """
        s = self._spec
        if profile is None and not any(s.typed):
            k = 0
        else:
            p = profile_index(profile, s.players, s.types, s.typed, "table")
            if p not in s.profiles:
                raise GameError(f"the type profile {profile!r} has no payoffs (it is not in "
                                "the prior)")
            k = s.profiles.index(p)
        prof = s.profiles[k]
        labels = [s.actions[i][t] for i, t in enumerate(prof)]
        return NormalFormGame(s.tables[k], s.players, labels)

    # ----------------------------------------------------------------- parameters
    def substitute(self, **values: Any) -> BayesianGame:
        """A new game with the named parameters fixed (the prior checked again).

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> bg = gt.BayesianGame(["A"], prior={"A": {"x": q, "y": 1 - q}},
        ...                      actions=[["u"]], payoffs=lambda t, a: (0,))
        >>> bg.substitute(q="1/3").prior
        {'x': Fraction(1, 3), 'y': Fraction(2, 3)}
        >>> bg.substitute(q=2)
        Traceback (most recent call last):
        ...
        gametheory.errors.GameError: probability -1 at the prior is negative
        """
        if not values:
            return self
        if not self._parameters:
            raise GameError(f"unknown parameter {next(iter(values))!r}; this game has no "
                            "parameters")
        from .values import convert_array

        s = self._spec
        params = self._parameters

        def sub(arr: np.ndarray) -> tuple[np.ndarray, str]:
            new = _params.substitute_array(arr, params, values)
            return convert_array(new, lambda idx: f"an entry of the game after substituting "
                                                  f"{values}")

        prior, pkind = sub(s.prior)
        check_distribution(prior, pkind, "the prior")
        tables = [sub(t) for t in s.tables]
        kind = unify_kinds({pkind} | {k for _, k in tables})
        prior = cast_values(prior, kind)
        prior.setflags(write=False)
        spec = s._replace(prior=prior, tables=tuple(cast_table(t, kind) for t, _ in tables),
                          kind=kind)
        return BayesianGame._from_spec(spec, self.title)

    # ----------------------------------------------------------------- conversions
    def to_tree(self) -> ExtensiveFormGame:
        """The Harsanyi tree: chance draws the type profile, then the players move in
        player order, each at the information set of its type (see the class Notes).

        Returns a new tree on every call (trees can be extended).

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"A": {"x": "1/3", "y": "2/3"}},
        ...                      actions=[["u", "d"], ["l", "r"]],
        ...                      payoffs=lambda t, a: (int(a == ("u", "l")), 0))
        >>> t = bg.to_tree()
        >>> list(t.infosets)
        ['A (x)', 'B', 'A (y)']
        >>> t.has_perfect_recall, t.action_labels(0)
        (True, ('x', 'y'))
        """
        s = self._spec
        N = len(s.players)
        g = ExtensiveFormGame(s.players, title=self.title)
        if any(s.typed):
            names = [profile_name(s.types, s.typed, p) for p in s.profiles]
            if len(set(names)) != len(names):
                dup = next(n for n in names if names.count(n) > 1)
                raise GameError(f"two type profiles are both labelled {dup!r} in the tree "
                                "(type names containing ', ' are ambiguous)")
            tops = g.root.chance(dict(zip(names, s.prior)))
        else:
            tops = (g.root,)
        for top, prof, table in zip(tops, s.profiles, s.tables):
            nodes = [top]
            for i in range(N):
                acts = s.actions[i][prof[i]]
                label = self._label(i, prof[i])
                nodes = [c for v in nodes for c in v.decide(s.players[i], acts, infoset=label)]
            cells = itertools.product(*(range(n) for n in table.shape[1:]))
            for leaf, cell in zip(nodes, cells):
                leaf.payoffs(*(table[(i,) + cell] for i in range(N)))
        return g

    def _cached_tree(self) -> ExtensiveFormGame:
        if self._tree is None:
            self._tree = self.to_tree()
        return self._tree

    def _strategy_table(self, i: int) -> np.ndarray:
        """Player i's type-contingent strategies: row k gives the action index per type."""
        s = self._spec
        rows = list(itertools.product(*(range(len(a)) for a in s.actions[i])))
        return np.array(rows, dtype=np.int64).reshape(len(rows), len(s.types[i]))

    def strategy_labels(self, player: str) -> tuple[str, ...]:
        """The labels of a player's type-contingent strategies (the normal form's):
        ``"revisionist: escalate, status quo: accept"``; just the action for a player
        with one type."""
        return self._labels_of(self._player_index(player))

    def _labels_of(self, i: int) -> tuple[str, ...]:
        s = self._spec
        S = self._strategy_table(i)
        acts = s.actions[i]
        if len(s.types[i]) == 1:
            return tuple(acts[0][row[0]] for row in S)
        return tuple(", ".join(f"{s.types[i][t]}: {acts[t][a]}" for t, a in enumerate(row))
                     for row in S)

    def to_normal(self) -> NormalFormGame:
        """The normal form over type-contingent strategies, with ex-ante expected payoffs.

        A strategy of a player gives an action to each of its types, labelled
        ``"revisionist: escalate, status quo: accept"`` (types in order; just the action
        for a player with one type). The payoff of a profile is the prior-weighted sum
        over type profiles: exact for exact input, expanded sympy expressions when the
        prior or the payoffs have parameters. Its Nash equilibria are the Bayesian Nash
        equilibria. GameError beyond :data:`MAX_NORMAL_CELLS` payoff entries (solve the
        tree with a tree method instead).

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> bg = gt.BayesianGame(["A", "B"], prior={"A": {"x": q, "y": 1 - q}},
        ...                      actions=[["u", "d"], ["l", "r"]],
        ...                      payoffs=lambda t, a: (int(a[0] == "u"), int(t[0] == "x")))
        >>> print(bg.to_normal())
        A \\ B           l          r
        x: u, y: u     1, q       1, q
        x: u, y: d     q, q       q, q
        x: d, y: u    1 - q, q   1 - q, q
        x: d, y: d     0, q       0, q
        """
        if self._normal is None:
            self._normal = self._build_normal()
        return self._normal

    def to_normal_form(self) -> NormalFormGame:
        """The same as :meth:`to_normal` (the name every game has)."""
        return self.to_normal()

    def _build_normal(self) -> NormalFormGame:
        s = self._spec
        N = len(s.players)
        S = [self._strategy_table(i) for i in range(N)]
        shape = tuple(len(x) for x in S)
        if N * int(np.prod(shape, dtype=object)) > MAX_NORMAL_CELLS:
            raise GameError(f"the normal form would have {N} x {' x '.join(map(str, shape))} "
                            f"payoff entries (more than {MAX_NORMAL_CELLS}); solve the tree "
                            "(bg.to_tree()) with a tree method such as 'sequence-lcp'")
        dtype = np.float64 if s.kind == "float" else object
        total = np.zeros((N,) + shape, dtype=dtype)
        if dtype is object:
            total[...] = Fraction(0)
        for prof, p, table in zip(s.profiles, s.prior, s.tables):
            idx = np.ix_(range(N), *(S[i][:, t] for i, t in enumerate(prof)))
            total = total + p * table[idx]
        if s.kind == "symbolic":
            import sympy

            total = np.vectorize(sympy.expand, otypes=[object])(total)
        return NormalFormGame(total, s.players, [self._labels_of(i) for i in range(N)])

    # ----------------------------------------------------------------- equilibria
    def solve(self, method: str | Callable = "auto", exact: bool = False, form: str = "normal",
              **options: Any):
        """Nash equilibria of the normal form (``form="normal"``) or of the tree
        (``"tree"``) by :func:`gametheory.solve`, each with ``behavior`` set to the
        equivalent behaviour profile of :meth:`to_tree` (one entry per player-type).

        Returns the :class:`~gametheory.Solution`; :meth:`bayesian_equilibria` reads it
        per type.

        Examples
        --------
        A single player who knows its type: it plays u when it is x, d when it is y.

        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A"], prior={"A": {"x": "1/3", "y": "2/3"}},
        ...                      actions=[["u", "d"]],
        ...                      payoffs=lambda t, a: (int((a[0] == "u") == (t[0] == "x")),))
        >>> sol = bg.solve(exact=True)
        >>> sol.equilibria[0].strategies[0].tolist(), sol.game.strategies[0][1]
        ([Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)], 'x: u, y: d')
        >>> sol.equilibria[0].behavior["A (y)"]
        {'u': Fraction(0, 1), 'd': Fraction(1, 1)}
        """
        import dataclasses

        from ..solvers import solve

        if form not in ("normal", "tree"):
            raise GameError(f"form must be 'normal' or 'tree'; got {form!r}")
        if self._parameters:
            raise GameError(self.unsubstituted_message())
        if form == "tree":
            return solve(self._cached_tree(), method=method, exact=exact, **options)
        sol = solve(self.to_normal(), method=method, exact=exact, **options)
        eqs = [dataclasses.replace(eq, behavior=self._behavior_of(eq.strategies))
               for eq in sol.equilibria]
        return dataclasses.replace(sol, equilibria=eqs)

    def _solve(self, method: Any, exact: bool, options: Mapping[str, Any]):
        """The hook by which ``gt.solve(bayesian_game, ...)`` solves it (see :meth:`solve`)."""
        return self.solve(method=method, exact=exact, **options)

    def unsubstituted_message(self) -> str:
        """The error message for a use that needs numbers while parameters are free."""
        names = ", ".join(p.name for p in self._parameters)
        first = self._parameters[0].name if self._parameters else "q"
        return (f"the prior or the payoffs depend on the parameters {names}; give them "
                f"values with game.substitute({first}=...)")

    def bayesian_equilibria(self, method: str | Callable = "auto", exact: bool = False,
                            form: str = "normal", **options: Any) -> BayesianSolution:
        """The Bayesian Nash equilibria, per type.

        Solves the normal form over type-contingent strategies (``form="normal"``, the
        default; ``"auto"`` finds all extreme equilibria of two-player games) or the
        Harsanyi tree (``form="tree"``) with :func:`gametheory.solve` and the given
        ``method``, ``exact`` and options, and reads each equilibrium per type
        (:meth:`per_type`). A mixed type-contingent strategy is read as its behaviour:
        each type's probability of each action.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"B": {"x": "1/2", "y": "1/2"}},
        ...                      actions=[["l", "r"], ["l", "r"]],
        ...                      payoffs=lambda t, a: (2 * (a[0] == a[1]) + (a[0] == "l"),
        ...                                            int((a[1] == "l") == (t[1] == "x"))))
        >>> print(bg.bayesian_equilibria(exact=True))
        1 Bayesian Nash equilibrium by vertex (complete, exact)
          [0] A: l; B (x): l; B (y): r; payoffs 2, 1
        """
        return self.per_type(self.solve(method=method, exact=exact, form=form, **options))

    def _behavior_of(self, strategies: Sequence[Any]) -> dict[str, dict[str, Any]]:
        """Each type's action probabilities under mixed type-contingent strategies."""
        s = self._spec
        out: dict[str, dict[str, Any]] = {}
        for i, x in enumerate(strategies):
            S = self._strategy_table(i)
            for t in range(len(s.types[i])):
                acts = s.actions[i][t]
                zero = x[0] * 0
                probs = [zero] * len(acts)
                for k, row in enumerate(S):
                    probs[row[t]] = probs[row[t]] + x[k]
                out[self._label(i, t)] = dict(zip(acts, probs))
        return out

    def behavior_to_mixed(self, behavior: Any) -> tuple[np.ndarray, ...]:
        """Mixed strategies over the normal form's type-contingent strategies equivalent
        to a behaviour profile (``{information set label: {action: probability}}``, or
        a :class:`BayesianEquilibrium`): each type chooses independently.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A"], prior={"A": {"x": "1/2", "y": "1/2"}},
        ...                      actions=[["u", "d"]], payoffs=lambda t, a: (0,))
        >>> [str(p) for p in bg.behavior_to_mixed({"A (x)": "u",
        ...                                         "A (y)": {"u": "1/4", "d": "3/4"}})[0]]
        ['1/4', '3/4', '0', '0']
        """
        beh = behavior.behavior if isinstance(behavior, BayesianEquilibrium) else behavior
        table = self._read_behavior(beh)
        s = self._spec
        out = []
        for i in range(len(s.players)):
            S = self._strategy_table(i)
            vec = []
            for row in S:
                p = table[(i, 0)][row[0]]
                for t in range(1, len(row)):
                    p = p * table[(i, t)][row[t]]
                vec.append(p)
            out.append(np.array(vec, dtype=object if not isinstance(vec[0], float)
                                else np.float64))
        return tuple(out)

    def _read_behavior(self, behavior: Mapping[str, Any]) -> dict[tuple[int, int], list]:
        """``{(player, type): [probability per action]}`` from a validated profile."""
        from ._tree_util import behavior_table

        tree = self._cached_tree()
        flat, offsets, _ = behavior_table(tree, behavior)
        index = {h.label: h.index for h in tree.information_sets}
        out = {}
        for i, t in self._agents():
            h = index[self._label(i, t)]
            out[(i, t)] = list(flat[offsets[h]:offsets[h + 1]])
        return out

    def per_type(self, result: Any) -> Any:
        """Read an equilibrium (or every equilibrium of a Solution) per type.

        Parameters
        ----------
        result : Solution, Equilibrium or mapping
            A :class:`~gametheory.Solution` of :meth:`to_normal` or :meth:`to_tree`
            (e.g. from ``gt.solve``), one of its equilibria, or a behaviour profile
            ``{information set label: {action: probability}}`` of the tree.

        Returns
        -------
        BayesianSolution or BayesianEquilibrium
            For a Solution, a :class:`BayesianSolution`; else a
            :class:`BayesianEquilibrium` with ex-ante and interim (per type) payoffs.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"B": {"x": "1/2", "y": "1/2"}},
        ...                      actions=[["l", "r"], ["l", "r"]],
        ...                      payoffs=lambda t, a: (2 * (a[0] == a[1]) + (a[0] == "l"),
        ...                                            int((a[1] == "l") == (t[1] == "x"))))
        >>> sol = gt.solve(bg.to_tree(), exact=True)
        >>> eq = bg.per_type(sol.equilibria[0])
        >>> print(eq)
        A: l; B (x): l; B (y): r; payoffs 2, 1
        >>> eq.interim["B (y)"], eq.interim["A"]
        (Fraction(1, 1), Fraction(2, 1))
        """
        from ..solvers.result import Equilibrium, Solution

        if isinstance(result, Solution):
            return BayesianSolution([self.per_type(eq) for eq in result.equilibria], result)
        if isinstance(result, Equilibrium):
            normal = self.to_normal()
            if result.strategies and tuple(result.labels) == normal.strategies:
                behavior = self._behavior_of(result.strategies)
            elif result.behavior is not None:
                behavior = dict(result.behavior)
            else:
                raise GameError("this equilibrium is of another game: its strategies are not "
                                "the type-contingent strategies of this game and it has no "
                                "behaviour profile")
            return self._equilibrium(behavior, result.exact, result)
        if isinstance(result, Mapping):
            from ._tree_util import behavior_table

            _, _, kind = behavior_table(self._cached_tree(), result)
            return self._equilibrium(result, kind == "exact" and self.kind == "exact", None)
        raise GameError(f"per_type reads a Solution, an Equilibrium or a behaviour profile; "
                        f"got {type(result).__name__}")

    def _equilibrium(self, behavior: Mapping[str, Any], exact: bool,
                     source: Any) -> BayesianEquilibrium:
        if self._parameters:
            raise GameError(self.unsubstituted_message())
        s = self._spec
        table = self._read_behavior(behavior)
        algebraic = any(_is_sympy(x) for v in table.values() for x in v)
        mode = "object" if algebraic or s.kind == "symbolic" else "exact" if exact else "float"
        vec = {key: _cast(v, mode) for key, v in table.items()}
        N = len(s.players)
        values = []
        for prof, p, tab in zip(s.profiles, s.prior, s.tables):
            v = _cast(tab, mode)
            for j in reversed(range(N)):
                v = np.tensordot(v, vec[(j, prof[j])], axes=([j + 1], [0]))
            prob = _cast([p], mode)[0]
            values.append((prof, prob, v))
        zero = values[0][1] * 0
        plain = float if mode == "float" else (lambda x: x)
        payoffs = tuple(plain(sum((p * v[i] for _, p, v in values), start=zero))
                        for i in range(N))
        interim: dict[str, Any] = {}
        for i, t in self._agents():
            mass = sum((p for prof, p, _ in values if prof[i] == t), start=zero)
            gain = sum((p * v[i] for prof, p, v in values if prof[i] == t), start=zero)
            interim[self._label(i, t)] = plain(gain / mass) if mass != 0 else None
        beh = {self._label(i, t): dict(zip(s.actions[i][t], [vec[(i, t)][a] for a in
                                                                  range(len(s.actions[i][t]))]))
               for i, t in self._agents()}
        owners = {self._label(i, t): (s.players[i], s.types[i][t]) for i, t in self._agents()}
        return BayesianEquilibrium(s.players, beh, owners, payoffs, interim, exact, source)

    # ----------------------------------------------------------------- trees
    @classmethod
    def from_tree(cls, tree: ExtensiveFormGame) -> BayesianGame:
        """The Bayesian game whose Harsanyi tree ``tree`` is.

        Recognises a tree made by :meth:`to_tree` or written the same way: a chance root
        over type profiles (or no chance move at all), below each outcome every player
        moving exactly once, the nodes of one depth forming one information set of one
        player, and nothing after the last move. A player's types are its information
        sets (``"Russia (revisionist)"`` gives the type ``"revisionist"``; a player with
        one information set labelled by its name has no types); the prior is the joint
        distribution of the chance root. GameError saying what does not fit otherwise.

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"A": {"x": "1/3", "y": "2/3"}},
        ...                      actions=[["u", "d"], ["l", "r"]],
        ...                      payoffs=lambda t, a: (int(a == ("u", "l")), 0))
        >>> text = gt.write_gambit(bg.to_tree())
        >>> back = gt.BayesianGame.from_tree(gt.read_gambit(text))
        >>> back == bg, back.types
        (True, {'A': ('x', 'y'), 'B': ()})
        """
        from ._bayesian_tree import harsanyi_parts

        parts = harsanyi_parts(tree)
        return cls(**parts, title=tree.title)

    # ----------------------------------------------------------------- comparison, display
    def __eq__(self, other: object) -> bool:
        """Same players, types, prior, actions and payoffs (hence the same Harsanyi tree)."""
        if not isinstance(other, BayesianGame):
            return NotImplemented
        a, b = self._spec, other._spec
        if (a.players, a.typed, a.types, a.actions) != (b.players, b.typed, b.types, b.actions):
            return False
        mine = dict(zip(a.profiles, zip(a.prior, a.tables)))
        theirs = dict(zip(b.profiles, zip(b.prior, b.tables)))
        if set(mine) != set(theirs):
            return False
        return all(mine[p][0] == theirs[p][0] and bool(np.all(mine[p][1] == theirs[p][1]))
                   for p in mine)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        s = self._spec
        title = f" {self.title!r}" if self.title else ""
        who = ", ".join(f"{p}: {len(s.types[i])} type{'s' if len(s.types[i]) > 1 else ''}"
                        if s.typed[i] else p for i, p in enumerate(s.players))
        extra = (f", parameters {', '.join(p.name for p in self._parameters)}"
                 if self._parameters else "")
        n = len(s.profiles)
        return (f"<BayesianGame{title} ({who}); {n} type profile{'s' if n != 1 else ''}, "
                f"{s.kind}{extra}>")

    def __str__(self) -> str:
        from ._display import fmt

        s = self._spec
        lines = [self.title] if self.title else []
        for prof, p in zip(s.profiles, s.prior):
            name = profile_name(s.types, s.typed, prof)
            head = f"{name} (prior {fmt(p)})" if name else f"prior {fmt(p)}"
            lines.append(f"{head}:\n{self.table(self._key(prof) if name else None)}")
        return "\n\n".join(lines)


def _is_sympy(x: Any) -> bool:
    return type(x).__module__.startswith("sympy")


def _cast(a: Any, mode: str) -> np.ndarray:
    """Values as sympy/other objects (``"object"``: irrational numbers), Fractions or floats."""
    if mode == "exact":
        return to_fraction_array(np.asarray(a, dtype=object))
    arr = np.asarray(a, dtype=object)
    return arr if mode == "object" else arr.astype(np.float64)
