"""A coalition of guarantors after an attack on a neutral Ukraine: free riding against
audience costs.

The story
---------
Ukraine chooses NATO or neutrality. On the NATO track (kept simple: a fixed lottery, as
the NATO track is not this model's subject) the bid ends in war with probability ``p_N``
(Ukraine loses ``w_N``) and in membership otherwise (Ukraine gets ``u_N``). On the
neutrality track Russia attacks or refrains. After an attack on a neutral Ukraine the
guarantors (by default the US, the EU, Canada and Japan) decide *simultaneously* whether
to ``"defend"`` or to ``"abandon"``: each has one information set and does not see what
the others choose. Guarantor g brings the capability share ``kappa_g``; the defence
succeeds when the defenders' capabilities reach the threshold ``T``, a threshold public
good. Defending costs g ``c_g`` (the cost of fighting); abandoning costs it the audience
cost ``a_g`` of breaking its public pledge (Fearon 1994); a successful defence is worth
``b`` to every guarantor, whether or not it fought. Russia sees nothing the guarantors
do before it moves but anticipates the coalition that forms, mixed defence included.

The tree (payoffs (Ukraine, Russia, g_1, ..., g_n); ``D`` the set of defenders,
``S = [sum_{g in D} kappa_g >= T]`` success)::

    Ukraine: NATO    -> chance: war (p_N)            -> (-w_N, 0, 0, ..., 0)
                                membership (1 - p_N) -> (u_N, 0, 0, ..., 0)
             NEUTRAL -> Russia: refrain -> (u_0, 0, 0, ..., 0)
                                attack  -> g_1, ..., g_n: defend | abandon
                                           (simultaneous: information set "<g>")
                         -> (-w_H if S else -w_B, -C_R if S else V,
                             b S - c_g [g in D] - a_g [g not in D] for each g)

Information sets: ``"Ukraine"``, ``"Russia"`` and one per guarantor, named after it; the
guarantors' simultaneous moves are drawn as a sequence of levels, each guarantor's
information set spanning its level. The node after ``attack`` starts a proper subgame, an
n-player normal form. With four guarantors the tree has 37 nodes.

Assumptions
-----------
- Complete information; one attack, one round of decisions, no bargaining. Russia's and
  the guarantors' payoffs on the NATO track are set to 0: they do not move there, so
  these values change no equilibrium (only Ukraine's lottery ``E_NATO`` matters).
- Capabilities add up and the defence succeeds or fails with certainty at the threshold
  (a step, not a contest success function); ``b`` is the same for every guarantor and a
  non-defender enjoys it too (the defence is a public good: Olson & Zeckhauser 1966).
- The audience cost is paid whenever a guarantor abandons, also when others defend
  Ukraine successfully (it broke its own pledge either way).
- The capabilities ``kappa`` and the threshold ``T`` decide which coalitions win, i.e.
  the tree's shape of payoffs, so they are arguments of :func:`build` and always numbers;
  every payoff parameter in :data:`PARAMETERS` may stay symbolic.
- ``build(n)`` (an int) gives n identical guarantors ``G1..Gn`` sharing the cost ``c``
  and the audience cost ``a``, by default each of capability 1/2 against ``T = 1/2``:
  any one of them can defend Ukraine alone.
- The default values are illustrative, not estimates: the US can defend Ukraine alone
  (``kappa = 1/2 = T``), the EU, Canada and Japan only together (3/10 + 1/10 + 1/10).

Analytic solution
-----------------
*The guarantors' subgame.* Write ``e_g = c_g - a_g`` (the net cost of defending) and
``r_g = e_g / b``. Then ``u_g(D) = b S(D) - a_g - e_g [g in D]``: the constant ``-a_g``
does not change any choice, so the subgame is a threshold public-good game with cost
``e_g``; the audience cost simply lowers the cost of defending. Let ``P_g`` be the
probability that g is *pivotal* (the others' capabilities fall short of ``T`` but reach
it with ``kappa_g``). Defending beats abandoning by ``b P_g - e_g``: g defends iff
``P_g > r_g``. Hence with ``r_g < 0`` (``a_g > c_g``) defending is strictly dominant (a
large enough audience cost ends free riding) and with ``r_g > 1`` abandoning is.

*Pure coalitions.* With every ``r_g`` in (0, 1), D is an equilibrium iff it wins and
every member is pivotal (a minimal winning coalition), or ``D`` is empty and no
guarantor can reach ``T`` alone: a non-pivotal defender saves ``e_g > 0`` by abandoning,
a pivotal outsider gains ``b - e_g > 0`` by joining, and in a losing coalition no
defender is pivotal. *Mixed equilibria* solve ``P_g(p_{-g}) = r_g`` for every mixing g
(with ``P_g >= r_g`` for a sure defender, ``P_g <= r_g`` for a sure abandoner),
polynomial (multilinear) equations whose solutions are in general irrational.

*Volunteer's dilemma* (every ``kappa_g >= T``: one defender suffices; Diekmann 1985).
``P_g = prod_{h != g} (1 - p_h)``. With every r_g in (0, 1): if one guarantor defends
surely the others abandon; nobody defending is no equilibrium (each is pivotal); one
lone mixer is pivotal for sure, so it defends. Hence the equilibria are the n single
volunteers and, for every set M of ``m >= 2`` guarantors who mix while the others
abandon, ``1 - p_g = Q_M / r_g`` with ``Q_M = prod_{h in M} (1 - p_h)``; multiplying the
m conditions gives ``Q_M^(m - 1) = prod_{h in M} r_h``, so

    ``Q_M = (prod_{h in M} r_h)^(1 / (m - 1))``  (:func:`volunteer_equilibria`),

valid iff ``Q_M < r_g`` for g in M (so ``p_g > 0``) and ``Q_M <= r_h`` for h outside M.
Symmetric (``r_g = r``): all ``2^n - 1`` of them exist; in the fully mixed one each
defends with probability ``p_n = 1 - r^(1/(n-1))`` and somebody defends with probability
``1 - r^(n/(n-1))`` (:func:`symmetric_defence`). Both fall as n grows: ``r^(1/(n-1))``
rises towards 1 and ``r^(n/(n-1))`` towards r, so each guarantor defends ever less and
somebody defends with a probability falling to ``1 - r``: more guarantors, less defence.

*A symmetric threshold* (n guarantors of equal capability, k of them needed): a mixer
is pivotal when exactly k - 1 of the other n - 1 defend, so a symmetric mixed
equilibrium solves ``C(n-1, k-1) p^(k-1) (1 - p)^(n-k) = r``. For ``2 <= k < n`` the
left side rises from 0 and falls back to 0, so there are two solutions when r is below
its maximum (Palfrey & Rosenthal 1984); ``k = n`` gives one (``p = r^(1/(n-1))``), k = 1
is the volunteer's dilemma above. For two of three: ``2 p (1 - p) = r``,
``p = (1 +- sqrt(1 - 2 r)) / 2`` (r < 1/2), beside the empty coalition (nobody is
pivotal alone), the three pairs and one sure defender with two mixers at ``1 - r``.

*The default four* (US alone, or EU, Canada and Japan together: "a leader or all the
rest"; :func:`leader_equilibria`). Let x be the leader's and y_g the others' defence
probabilities and ``Y = prod y_g``; then ``P_leader = 1 - Y`` and ``P_g = (1 - x)
prod_{h != g} y_h`` (``= (1 - x) Y / y_g`` for ``y_g > 0``). Let every r be in (0, 1).
If one of the others surely abandons, none of them is ever pivotal, so all abandon and
the leader, pivotal for sure, defends; if the leader surely defends, the others abandon.
If all the others surely defend, the leader abandons; with the leader abandoning a lone
mixer among them is pivotal for sure; with the leader mixing, ``Y = 1 - r_leader < 1``
needs a mixer. So the equilibria are: (a) the leader alone; (b) all the others; (c) x = 0
and the set M of ``m >= 2`` others mixing (the rest defending surely): ``Y = (prod_M r)^(1/(m-1))``,
``y_g = Y / r_g``, valid iff ``Y < r_g`` (g in M), ``Y >= r_k`` (sure k) and ``1 - Y <=
r_leader``; (d) x in (0, 1) and M of ``m >= 1`` others mixing: ``Y = 1 - r_leader``,
``(1 - x)^m = prod_M r / Y^(m-1)``, ``y_g = (1 - x) Y / r_g``, valid iff all are in
(0, 1) and ``(1 - x) Y >= r_k`` for the sure k. At the defaults (``b = 10``;
``r = 3/5, 3/10, 1/5, 1/5`` for US, EU, Canada, Japan) exactly (a), (b) and (d) with all
three mixing exist: ``Y = 2/5``, ``(1 - x)^3 = (3/250) / (4/25) = 3/40``
(x ~ 0.578), ``y_EU ~ 0.562``, ``y_Canada = y_Japan ~ 0.843``, success ``x + (1 - x) Y
~ 0.747``.

*Russia* attacks iff ``(1 - pi) V - pi C_R > 0`` for the success probability pi of the
coalition it anticipates, i.e. iff ``pi < pi* = V / (V + C_R)``
(:func:`deterrence_threshold`; 2/5 at the defaults), and is indifferent at equality.
Every pure winning coalition deters (pi = 1, with ``C_R > 0``). In the symmetric
volunteer's dilemma with m mixing guarantors ``pi = 1 - ((c - a) / b)^(m/(m-1))``, so
(for ``c - b < a < c``) the fully mixed coalition deters iff

    ``a > a*_n = c - b (C_R / (V + C_R))^((n-1)/n)``  (:func:`critical_audience_cost`),

Russia being indifferent at ``a = a*_n``,

irrational in general and rising in n: at ``c = 8``, ``b = 10``, ``C_R / (V + C_R) = 3/5``,
``a*_2 = 8 - 10 sqrt(3/5) ~ 0.254``, ``a*_3 ~ 0.886``, ``a*_4 ~ 1.183``. With the
default ``a = 1`` two or three identical guarantors deter in their fully mixed
equilibrium and four do not. Defending becomes weakly dominant at ``a = c`` and
strictly above it.

*Ukraine* compares ``E_NATO = (1 - p_N) u_N - p_N w_N`` (1 at the defaults) with neutrality:
``u_0`` if Russia refrains, ``-w_B + pi (w_B - w_H)`` if it attacks. At the defaults a war
is worth at most -4, so Ukraine is neutral iff Russia refrains.

*Subgame-perfect equilibria* pair every equilibrium of the guarantors' subgame with
Russia's and Ukraine's best replies (both pure choices at a tie). The model selects
none of them: whether Russia attacks depends on the coalition it expects, and
:func:`analyze` lists them all, the lowest success probability first. ``gt.solve(tree,
method="spe")`` solves the proper subgames bottom-up; by default an n-player piece is
searched for pure equilibria only, so :func:`solve_tree` passes
``multi_method="enumpoly"`` (all equilibria of the piece, Groebner bases; at most four
guarantors by enumpoly's default limits). Exact only where every probability is
rational (e.g. ``r = 1/64``); otherwise :func:`analyze` solves in floats.

Sources
-------
Diekmann, A. (1985). Volunteer's dilemma. *Journal of Conflict Resolution* 29(4),
605-610. Diekmann, A. (1993). Cooperation in an asymmetric volunteer's dilemma game.
*International Journal of Game Theory* 22(1), 75-85. Olson, M. & Zeckhauser, R. (1966).
An economic theory of alliances. *Review of Economics and Statistics* 48(3), 266-279.
Fearon, J. D. (1994). Domestic political audiences and the escalation of international
disputes. *American Political Science Review* 88(3), 577-592. Palfrey, T. R. &
Rosenthal, H. (1984). Participation and the provision of discrete public goods.
*Journal of Public Economics* 24(2), 171-193 (threshold public goods).

Examples
--------
>>> from gametheory.models import guarantor_coalition as m
>>> out = m.analyze()
>>> out["num_equilibria"], out["exact"], sorted({e["track"] for e in out["equilibria"]})
(3, False, ['NEUTRAL'])
>>> [round(float(e["success"]), 3) for e in out["equilibria"]]
[0.747, 1.0, 1.0]
>>> m.deterrence_threshold()
Fraction(2, 5)
>>> round(float(m.critical_audience_cost(4)), 3)
1.183
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.models import _common

__all__ = ["GUARANTORS", "PARAMETERS", "SHARED", "parameters", "build", "analyze",
           "solve_tree", "winning", "deterrence_threshold", "volunteer_equilibria",
           "leader_equilibria", "symmetric_defence", "critical_audience_cost",
           "free_riding", "audience_sweep", "subgame"]

_NAME = "guarantor_coalition"
_INF = float("inf")
_NONNEG = (0, _INF)
_FIXED_PLAYERS = ("Ukraine", "Russia")

#: Payoff parameters shared by all guarantors, Russia and Ukraine:
#: ``name -> (default, domain, meaning, latex)``.
SHARED: dict[str, tuple[Any, ...]] = {
    "b": (10, _NONNEG, "each guarantor's value of a successful defence of Ukraine", "b"),
    "V": (4, _NONNEG, "Russia's gain from a war the guarantors do not win", "V"),
    "C_R": (6, _NONNEG, "Russia's cost of a war the guarantors win", "C_R"),
    "u_0": (6, _NONNEG, "Ukraine's payoff from neutrality in peace", "u_0"),
    "w_H": (4, _NONNEG, "Ukraine's loss in a war the guarantors win", "w_H"),
    "w_B": (10, _NONNEG, "Ukraine's loss in a war the guarantors do not win", "w_B"),
    "p_N": (Fraction(1, 2), (0, 1), "probability that the NATO bid ends in war", "p_N"),
    "u_N": (10, _NONNEG, "Ukraine's payoff from NATO membership", "u_N"),
    "w_N": (8, _NONNEG, "Ukraine's loss in a war during the NATO bid", "w_N"),
}

#: Default guarantors: ``name -> (kappa_g, c_g, a_g)``.
GUARANTORS: dict[str, tuple[Fraction, int, int]] = {
    "US": (Fraction(1, 2), 8, 2), "EU": (Fraction(3, 10), 5, 2),
    "Canada": (Fraction(1, 10), 3, 1), "Japan": (Fraction(1, 10), 3, 1)}
#: A guarantor not in :data:`GUARANTORS`, and each of ``build(n)``'s identical ones:
#: able to defend alone (``kappa = T = 1/2``), ``c = 8``, ``a = 1``.
OTHER_GUARANTOR = (Fraction(1, 2), 8, 1)
#: The default threshold: the capability a successful defence needs.
THRESHOLD = Fraction(1, 2)


def _names(guarantors: int | Sequence[str]) -> list[str]:
    """The guarantors' names (``G1..Gn`` for an int), checked."""
    if isinstance(guarantors, bool):
        raise GameError("guarantors must be a number or a list of names, not a bool")
    if isinstance(guarantors, int):
        if guarantors < 1:
            raise GameError(f"the number of guarantors must be at least 1; got {guarantors}")
        return [f"G{i + 1}" for i in range(guarantors)]
    names = list(guarantors)
    if not names or len(set(names)) != len(names):
        raise GameError(f"guarantors must be distinct names; got {names!r}")
    for g in names:
        if not isinstance(g, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", g):
            raise GameError(f"guarantor name {g!r} must be letters and digits (it names "
                            "parameters such as c_<name>)")
        if g in _FIXED_PLAYERS:
            raise GameError(f"guarantor name {g!r} is taken by another player")
    return names


def _cost_names(guarantors: int | Sequence[str], g: str) -> tuple[str, str]:
    """The names of g's cost of fighting and audience cost parameters."""
    return ("c", "a") if isinstance(guarantors, int) else (f"c_{g}", f"a_{g}")


def parameters(guarantors: int | Sequence[str] = tuple(GUARANTORS)
               ) -> dict[str, tuple[Any, ...]]:
    """``name -> (default, domain, meaning, latex)`` for a list of guarantors (per
    guarantor g: ``c_g``, ``a_g``) or for n identical ones (shared ``c`` and ``a``).

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> list(m.parameters(2))[-2:], m.parameters(["UK"])["a_UK"][:2]
    (['c', 'a'], (1, (0, inf)))
    """
    names = _names(guarantors)
    out = dict(SHARED)
    if isinstance(guarantors, int):
        _, c, a = OTHER_GUARANTOR
        out["c"] = (c, _NONNEG, "each guarantor's cost of fighting", "c")
        out["a"] = (a, _NONNEG, "each guarantor's audience cost of abandoning", "a")
        return out
    for g in names:
        _, c, a = GUARANTORS.get(g, OTHER_GUARANTOR)
        out[f"c_{g}"] = (c, _NONNEG, f"{g}'s cost of fighting", rf"c_{{\mathrm{{{g}}}}}")
        out[f"a_{g}"] = (a, _NONNEG, f"{g}'s audience cost of abandoning its pledge",
                         rf"a_{{\mathrm{{{g}}}}}")
    return out


#: The parameters with the default guarantors.
PARAMETERS = parameters()


def _capabilities(names: list[str], kappa: Mapping[str, Any] | None, T: Any,
                  symmetric: bool) -> tuple[dict[str, Fraction], Fraction]:
    """Every guarantor's capability and the threshold as Fractions, checked."""
    kappa = dict(kappa or {})
    unknown = sorted(set(kappa) - set(names))
    if unknown:
        raise GameError(f"kappa names {unknown[0]!r}, not a guarantor")
    out = {}
    for g in names:
        default = OTHER_GUARANTOR[0] if symmetric else GUARANTORS.get(g, OTHER_GUARANTOR)[0]
        out[g] = _fraction(f"kappa_{g}", kappa.get(g, default))
    t = _fraction("T", T)
    if t <= 0:
        raise GameError(f"the threshold T must be positive; got {T!r}")
    return out, t


def _fraction(name: str, v: Any) -> Fraction:
    x = _common.checked({name: (0, _NONNEG, name)}, name, v)
    if not x.is_Rational:
        raise GameError(f"{name} = {v!r} must be a rational number (it decides which "
                        "coalitions win)")
    return Fraction(int(x.p), int(x.q))


def winning(guarantors: int | Sequence[str] = tuple(GUARANTORS),
            kappa: Mapping[str, Any] | None = None, T: Any = THRESHOLD) -> list[frozenset]:
    """The winning coalitions (sets of defenders whose capabilities reach ``T``).

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> [sorted(D) for D in m.winning() if len(D) <= 3 and "US" not in D]
    [['Canada', 'EU', 'Japan']]
    """
    names = _names(guarantors)
    k, t = _capabilities(names, kappa, T, isinstance(guarantors, int))
    return [frozenset(D) for m in range(len(names) + 1)
            for D in itertools.combinations(names, m) if sum(k[g] for g in D) >= t]


def build(guarantors: int | Sequence[str] = tuple(GUARANTORS),
          kappa: Mapping[str, Any] | None = None, T: Any = THRESHOLD,
          **values: Any) -> gt.ExtensiveFormGame:
    """The tree, with the payoff parameters not given left symbolic.

    Parameters
    ----------
    guarantors : int or sequence of str
        Guarantor names (default US, EU, Canada, Japan), or n for n identical guarantors
        ``G1..Gn`` sharing the parameters ``c`` and ``a``.
    kappa : dict, optional
        ``{guarantor: capability share}`` (defaults: :data:`GUARANTORS`, else 1/2).
    T : number
        The threshold the defenders' capabilities must reach (default 1/2).
    **values
        Values of parameters in :func:`parameters` ``(guarantors)``.

    Returns
    -------
    ExtensiveFormGame
        Players ``Ukraine, Russia, *guarantors``; ``6 + 2^(n+1) - 1`` nodes.

    References
    ----------
    Diekmann, A. (1985). Volunteer's dilemma. *Journal of Conflict Resolution* 29(4),
    605-610.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> m.build().num_nodes, m.build(2).num_nodes, m.build(2).players
    (37, 13, ('Ukraine', 'Russia', 'G1', 'G2'))
    """
    names = _names(guarantors)
    params = parameters(guarantors)
    s = _common.symbols_or_values(_NAME, params, values)
    wins = set(winning(guarantors, kappa, T))
    cost = {g: tuple(s[k] for k in _cost_names(guarantors, g)) for g in names}
    zeros = [0] * len(names)
    game = gt.ExtensiveFormGame([*_FIXED_PLAYERS, *names],
                                title=f"a coalition of {len(names)} guarantors")
    nato, neutral = game.root.decide("Ukraine", ["NATO", "NEUTRAL"], infoset="Ukraine")
    war, member = nato.chance({"war": s["p_N"], "membership": 1 - s["p_N"]})
    war.payoffs(-s["w_N"], 0, *zeros)
    member.payoffs(s["u_N"], 0, *zeros)
    attack, refrain = neutral.decide("Russia", ["attack", "refrain"], infoset="Russia")
    refrain.payoffs(s["u_0"], 0, *zeros)

    def level(node: Any, j: int, defenders: tuple) -> None:
        if j == len(names):
            ok = frozenset(defenders) in wins
            own = [(s["b"] if ok else 0) - (cost[g][0] if g in defenders else cost[g][1])
                   for g in names]
            node.payoffs(-s["w_H"] if ok else -s["w_B"], -s["C_R"] if ok else s["V"], *own)
            return
        g = names[j]
        yes, no = node.decide(g, ["defend", "abandon"], infoset=g)
        level(yes, j + 1, (*defenders, g))
        level(no, j + 1, defenders)

    level(attack, 0, ())
    return _common.describe(game, params)


def subgame(guarantors: int | Sequence[str] = tuple(GUARANTORS),
            kappa: Mapping[str, Any] | None = None, T: Any = THRESHOLD,
            **values: Any) -> gt.NormalFormGame:
    """The guarantors' subgame after an attack as an n-player normal form (strategies
    ``defend``, ``abandon``; payoffs ``b S - c_g [g in D] - a_g [g not in D]``), with
    the parameters not given left symbolic.

    Parameters
    ----------
    guarantors, kappa, T
        As :func:`build`.
    **values
        Values of ``b`` and the guarantors' ``c``/``a`` parameters.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.models import guarantor_coalition as m
    >>> sol = gt.solve(m.subgame(3, b=10, c=8, a=1), method="enumpoly", exact=True)
    >>> full = [e for e in sol.equilibria if all(0 < x[0] < 1 for x in e.strategies)]
    >>> len(sol.equilibria), full[0].strategies[0][0], m.symmetric_defence(3)["p"]
    (7, 1 - sqrt(70)/10, 1 - sqrt(70)/10)
    """
    import numpy as np

    names = _names(guarantors)
    params = {k: v for k, v in parameters(guarantors).items() if k not in SHARED or k == "b"}
    s = _common.symbols_or_values(_NAME, params, values)
    wins = set(winning(guarantors, kappa, T))
    n = len(names)
    U = np.empty((n,) + (2,) * n, dtype=object)
    for cell in itertools.product((0, 1), repeat=n):        # 0 = defend, 1 = abandon
        D = frozenset(g for g, k in zip(names, cell) if k == 0)
        for j, g in enumerate(names):
            c, a = (s[k] for k in _cost_names(guarantors, g))
            U[(j, *cell)] = (s["b"] if D in wins else 0) - (c if g in D else a)
    game = gt.NormalFormGame(U, names, [["defend", "abandon"]] * n)
    return _common.describe(game, params)


def solve_tree(game: gt.ExtensiveFormGame, exact: bool = False, **options: Any) -> gt.Solution:
    """``gt.solve(game, method="spe", multi_method="enumpoly")``: the subgame-perfect
    equilibria with every equilibrium of the guarantors' subgame, mixed ones included (a
    module-level function, so ``gt.sweep`` can take it as its method).

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> fixed = {k: v[0] for k, v in m.SHARED.items() if k != "b"}
    >>> len(m.solve_tree(m.build(3, b=64, c=2, a=1, **fixed), exact=True).equilibria)
    7
    """
    return gt.solve(game, method="spe", exact=exact, multi_method="enumpoly", **options)


def _success(defends: dict[str, Any], wins: list[frozenset]) -> Any:
    """The probability that the defenders reach the threshold."""
    total = 0
    for D in wins:
        term = 1
        for g, p in defends.items():
            term *= p if g in D else 1 - p
        total += term
    return total


def _summary(eq: Any, names: list[str], wins: list[frozenset], exact: bool) -> dict:
    num = Fraction if exact else float
    b = eq.behavior
    defends = {g: num(b[g]["defend"]) for g in names}
    attacks = num(b["Russia"]["attack"])
    neutral = num(b["Ukraine"]["NEUTRAL"])
    if neutral not in (0, 1):
        raise SolverError(f"Ukraine mixes its track ({neutral}); the summary expects a "
                          "pure choice")
    return {
        "track": "NEUTRAL" if neutral == 1 else "NATO",
        "defends": defends,
        "success": _success(defends, wins),
        "attacks": attacks,
        "deterred": attacks == 0,
        "payoffs": dict(zip(eq.players, (num(v) for v in eq.payoffs))),
        "behavior": {h: {a: num(x) for a, x in d.items()} for h, d in b.items()},
    }


def analyze(guarantors: int | Sequence[str] = tuple(GUARANTORS),
            kappa: Mapping[str, Any] | None = None, T: Any = THRESHOLD,
            **values: Any) -> dict[str, Any]:
    """Solve the model (:func:`solve_tree`) and summarise every subgame-perfect equilibrium.

    Exact (Fractions) when every equilibrium probability is rational; otherwise the
    same method in floats (``"exact"`` says which).

    Parameters
    ----------
    guarantors, kappa, T
        As :func:`build`; at most four guarantors (enumpoly's default limit).
    **values
        Parameter values (the others at their defaults); rational.

    Returns
    -------
    dict
        Per equilibrium (sorted by the success probability, lowest first, then Russia's
        attack probability and the defence probabilities): ``"track"``,
        ``"defends"`` (``{g: probability}``), ``"success"`` (the probability that the
        defence succeeds if Russia attacks),
        ``"attacks"``, ``"deterred"``, ``"payoffs"`` (``{player: expected payoff}``) and
        ``"behavior"``; the first equilibrium's keys at the top level, with
        ``"equilibria"``, ``"num_equilibria"``, ``"tie"`` (more than one),
        ``"parameters"``, ``"exact"``, ``"complete"`` (the solver's flag: False at a tie
        of Russia or Ukraine, whose mixtures are not listed, or where a piece has a
        continuum of equilibria) and ``"note"`` (None, or the solver's notes).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> out = m.analyze(2, b=10, c=5, a=1)        # r = 2/5: each defends w.p. 3/5
    >>> out["exact"], out["defends"], out["success"]
    (True, {'G1': Fraction(3, 5), 'G2': Fraction(3, 5)}, Fraction(21, 25))
    >>> [e["attacks"] for e in m.analyze(2, a=9)["equilibria"]]   # a > c: all defend
    [Fraction(0, 1)]
    """
    names = _names(guarantors)
    if len(names) > 4:
        raise GameError(f"analyze solves at most 4 guarantors (enumpoly's limit on the "
                        f"guarantors' subgame); got {len(names)}")
    p = _common.fractions(_NAME, parameters(guarantors), values)
    game = build(guarantors, kappa, T, **p)
    wins = winning(guarantors, kappa, T)
    try:
        sol, exact = solve_tree(game, exact=True), True
    except SolverError:                    # irrational subgame equilibria: floats
        sol, exact = solve_tree(game), False
    eqs = [_summary(eq, names, wins, exact) for eq in sol.equilibria]
    eqs.sort(key=lambda e: (float(e["success"]), float(e["attacks"]),
                            tuple(float(e["defends"][g]) for g in names)))
    return _common.summarize(eqs, parameters=p, exact=exact, complete=sol.complete,
                             note=None if sol.complete else "; ".join(sol.notes))


def deterrence_threshold(**values: Any) -> Any:
    """``pi* = V / (V + C_R)``: Russia attacks iff the defence succeeds with a smaller
    probability. A Fraction when ``V`` and ``C_R`` are given or default.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> m.deterrence_threshold(V=1, C_R=3)
    Fraction(1, 4)
    """
    p = _common.fractions(_NAME, SHARED, values)
    if p["V"] + p["C_R"] == 0:
        raise GameError("deterrence_threshold needs V + C_R > 0")
    return p["V"] / (p["V"] + p["C_R"])


def _ratio(r: Mapping[str, Any]) -> dict[str, Any]:
    """``{g: r_g}`` as sympy numbers (numbers only: a string is a GameError)."""
    import sympy

    out = {}
    for g, x in r.items():
        if isinstance(x, str):
            raise GameError(f"r[{g!r}] must be a number, not a string")
        out[g] = sympy.sympify(x, strict=True)   # trusted: strict, never reads text
    return out


def _exact(x: Any) -> Any:
    """A Fraction where the sympy number is rational, else the sympy number."""
    return Fraction(int(x.p), int(x.q)) if x.is_Rational else x


def volunteer_equilibria(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every equilibrium of the guarantors' subgame when any one of them suffices
    (the volunteer's dilemma), in closed form, from ``r_g = (c_g - a_g) / b``.

    With some ``r_g < 0`` those guarantors defend (dominant) and the others abandon; the
    ``r_g > 1`` abandon; among the rest, with r in (0, 1): each single volunteer, and for
    each set M of two or more mixers ``1 - p_g = Q_M / r_g``, ``Q_M = (prod_M r)^(1/(m-1))``
    where valid: ``Q_M < r_g`` in M, ``Q_M <= r_h`` outside (module docstring; at
    ``Q_M = r_g`` for g in M the candidate has ``p_g = 0`` and is the one of M without
    g). GameError for an ``r_g`` of 0 or 1 (that guarantor is indifferent whenever it
    is pivotal for sure, or never: a continuum of equilibria).

    Returns
    -------
    list of dict
        ``{g: defence probability}`` (Fractions where rational, else sympy numbers).

    References
    ----------
    Diekmann, A. (1993). Cooperation in an asymmetric volunteer's dilemma game.
    *International Journal of Game Theory* 22(1), 75-85.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.models import guarantor_coalition as m
    >>> m.volunteer_equilibria({"A": F(1, 4), "B": F(1, 4)})[-1]
    {'A': Fraction(3, 4), 'B': Fraction(3, 4)}
    >>> m.volunteer_equilibria({"A": -1, "B": F(1, 2)})
    [{'A': Fraction(1, 1), 'B': Fraction(0, 1)}]
    """
    import sympy

    rr = _ratio(r)
    names = list(rr)
    if any(v in (0, 1) for v in rr.values()):
        raise GameError("volunteer_equilibria: some r_g is 0 or 1 (a guarantor is "
                        "indifferent): the equilibria form a continuum")
    sure = [g for g in names if rr[g] < 0]
    if sure:
        return [{g: Fraction(int(g in sure)) for g in names}]
    live = [g for g in names if rr[g] < 1]
    if not live:                                    # abandoning is dominant for all
        return [{g: Fraction(0) for g in names}]
    out = [{g: Fraction(int(g == v)) for g in names} for v in live]
    for m in range(2, len(live) + 1):
        for M in itertools.combinations(live, m):
            Q = sympy.root(sympy.Mul(*(rr[g] for g in M)), m - 1)
            if _valid([Q - rr[g] for g in M], [rr[h] - Q for h in live if h not in M]):
                out.append({g: (_exact(sympy.nsimplify(1 - Q / rr[g])) if g in M
                                else Fraction(0)) for g in names})
    return out


def leader_equilibria(r_leader: Any, r_rest: Mapping[str, Any], leader: str = "US"
                      ) -> list[dict[str, Any]]:
    """Every equilibrium of the subgame where the coalition wins iff the leader defends
    or all the others do (the default four), in closed form, from the ``r_g`` in (0, 1).

    Cases (a)-(d) of the module docstring, with their strict and weak conditions
    decided exactly. GameError for an ``r_g`` outside (0, 1).

    Returns
    -------
    list of dict
        ``{g: defence probability}``, the leader first.

    References
    ----------
    Palfrey, T. R. & Rosenthal, H. (1984). Participation and the provision of discrete
    public goods. *Journal of Public Economics* 24(2), 171-193.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.models import guarantor_coalition as m
    >>> eqs = m.leader_equilibria(F(3, 5), {"EU": F(3, 10), "Canada": F(1, 5),
    ...                                     "Japan": F(1, 5)})
    >>> len(eqs), eqs[0]["US"], eqs[0]["EU"], eqs[1]["US"], eqs[1]["EU"]
    (3, Fraction(1, 1), Fraction(0, 1), Fraction(0, 1), Fraction(1, 1))
    >>> round(float(eqs[2]["US"]), 4)
    0.5783
    """
    import sympy

    rr = _ratio({leader: r_leader, **r_rest})
    rest = list(r_rest)
    if not all(0 < v < 1 for v in rr.values()):
        raise GameError("leader_equilibria needs every r_g in (0, 1)")
    one, zero = sympy.Integer(1), sympy.Integer(0)
    out = [{leader: one, **{g: zero for g in rest}}, {leader: zero, **{g: one for g in rest}}]
    for m in range(1, len(rest) + 1):
        for M in itertools.combinations(rest, m):
            sure = [k for k in rest if k not in M]
            prod = sympy.Mul(*(rr[g] for g in M))
            if m >= 2:                              # (c): the leader abandons
                Y = sympy.root(prod, m - 1)
                cand = {leader: zero, **{g: Y / rr[g] if g in M else one for g in rest}}
                _keep(out, cand, [Y - rr[g] for g in M], [Y - rr[k] for k in sure]
                      + [rr[leader] - (1 - Y)])
            Y = 1 - rr[leader]                      # (d): the leader mixes
            free = sympy.root(prod / Y ** (m - 1), m)   # 1 - x
            cand = {leader: 1 - free, **{g: free * Y / rr[g] if g in M else one
                                         for g in rest}}
            _keep(out, cand, [free - 1, -free] + [free * Y / rr[g] - 1 for g in M],
                  [free * Y - rr[k] for k in sure])
    return [{g: _exact(sympy.nsimplify(v)) for g, v in e.items()} for e in out]


def _keep(out: list, cand: dict, negative: list, nonnegative: list) -> None:
    """Append ``cand`` when it is valid (:func:`_valid`)."""
    if _valid(negative, nonnegative):
        out.append(cand)


def _valid(negative: list, nonnegative: list) -> bool:
    """True when every ``negative`` is < 0 and every ``nonnegative`` >= 0, decided
    exactly (zero tests on algebraic numbers by their minimal polynomials)."""
    from gametheory.solvers._algebraic import is_zero

    def sign(v: Any) -> int:
        return 0 if is_zero(v) else (1 if float(v) > 0 else -1)

    return (all(sign(v) < 0 for v in negative)
            and all(sign(v) >= 0 for v in nonnegative))


def symmetric_defence(n: int, **values: Any) -> dict[str, Any]:
    """The fully mixed equilibrium of n identical guarantors (any one suffices):
    ``p = 1 - r^(1/(n-1))``, somebody defends with ``1 - r^(n/(n-1))``, ``r = (c - a)/b``.

    Parameters not given take their defaults; needs ``n >= 2`` and r in (0, 1).

    Returns
    -------
    dict
        ``{"p": ..., "anyone": ..., "r": ...}``: exact (Fractions where rational, else
        sympy numbers).

    References
    ----------
    Diekmann, A. (1985). Volunteer's dilemma. *Journal of Conflict Resolution* 29(4),
    605-610.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> m.symmetric_defence(3, b=4, c=2, a=1)
    {'p': Fraction(1, 2), 'anyone': Fraction(7, 8), 'r': Fraction(1, 4)}
    >>> m.symmetric_defence(2)["anyone"]
    Fraction(51, 100)
    """
    import sympy

    if n < 2:
        raise GameError("symmetric_defence needs at least two guarantors")
    p = _common.fractions(_NAME, parameters(n), values)
    if p["b"] == 0 or not 0 < (p["c"] - p["a"]) / p["b"] < 1:
        raise GameError("symmetric_defence needs 0 < (c - a) / b < 1 (free riding); "
                        "otherwise a pure strategy is dominant")
    r = sympy.Rational(p["c"] - p["a"]) / sympy.Rational(p["b"])
    pr = 1 - sympy.root(r, n - 1)
    anyone = 1 - (1 - pr) ** n
    return {"p": _exact(sympy.nsimplify(pr)), "anyone": _exact(sympy.nsimplify(anyone)),
            "r": _exact(r)}


def critical_audience_cost(n: int, **values: Any) -> Any:
    """``a*_n = c - b (C_R / (V + C_R))^((n-1)/n)``: n identical guarantors' fully mixed
    coalition deters Russia iff ``a >= a*_n`` (Russia indifferent at equality).

    Exact (a sympy number, irrational in general); parameters not given take their
    defaults (``a`` is the unknown and may not be given).

    References
    ----------
    Fearon, J. D. (1994). Domestic political audiences and the escalation of
    international disputes. *American Political Science Review* 88(3), 577-592.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> m.critical_audience_cost(2)
    8 - 2*sqrt(15)
    >>> m.critical_audience_cost(1)
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: critical_audience_cost needs at least two guarantors
    """
    import sympy

    if n < 2:
        raise GameError("critical_audience_cost needs at least two guarantors")
    if "a" in values:
        raise GameError("critical_audience_cost solves for a; do not give it")
    p = _common.fractions(_NAME, parameters(n), values)
    if p["V"] + p["C_R"] == 0:
        raise GameError("critical_audience_cost needs V + C_R > 0")
    share = sympy.Rational(p["C_R"]) / sympy.Rational(p["V"] + p["C_R"])
    a = sympy.Rational(p["c"]) - sympy.Rational(p["b"]) * share ** sympy.Rational(n - 1, n)
    return _exact(sympy.nsimplify(sympy.radsimp(a)))


def free_riding(ns: Sequence[int] = (2, 3, 4), **values: Any) -> list[dict[str, Any]]:
    """The fully mixed equilibrium of n identical guarantors for each n, from the solver.

    For each n, :func:`analyze` ``(n, **values)`` and its equilibrium in which every
    guarantor mixes: the defence probability p of each, the success probability and
    whether Russia attacks (with Ukraine's track) there.

    Returns
    -------
    list of dict
        ``{"n", "p", "success", "attacks", "track", "exact"}`` per n (None for p etc.
        when there is no fully mixed equilibrium, e.g. when a >= c).

    References
    ----------
    Diekmann, A. (1985). Volunteer's dilemma. *Journal of Conflict Resolution* 29(4),
    605-610.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> [(r["n"], round(r["p"], 3), round(r["success"], 3), r["track"])
    ...  for r in m.free_riding()]
    [(2, 0.3, 0.51, 'NEUTRAL'), (3, 0.163, 0.414, 'NEUTRAL'), (4, 0.112, 0.378, 'NATO')]
    """
    rows = []
    for n in ns:
        out = analyze(n, **values)
        mixed = [e for e in out["equilibria"]
                 if all(0 < e["defends"][g] < 1 for g in e["defends"])]
        row: dict[str, Any] = {"n": n, "p": None, "success": None, "attacks": None,
                               "track": None, "exact": out["exact"]}
        if mixed:
            e = mixed[0]
            row.update(p=float(e["defends"]["G1"]), success=float(e["success"]),
                       attacks=float(e["attacks"]), track=e["track"])
        rows.append(row)
    return rows


def audience_sweep(n: int = 3, grid: Sequence[Any] = (0, Fraction(1, 2), 1, Fraction(3, 2), 2),
                   **values: Any) -> list[dict[str, Any]]:
    """The subgame-perfect equilibria of n identical guarantors over a grid of the
    audience cost ``a``: ``gt.sweep(build(n), {"a": grid}, method=solve_tree)``.

    Returns
    -------
    list of dict
        Per grid point: ``"a"``, ``"equilibria"`` (how many), ``"attacked"`` (in how
        many Russia attacks), ``"mixed_success"`` (the success probability of the
        fully mixed coalition, None without one) and ``"mixed_attacked"``.

    References
    ----------
    Fearon, J. D. (1994). Domestic political audiences and the escalation of
    international disputes. *American Political Science Review* 88(3), 577-592.

    Examples
    --------
    >>> from gametheory.models import guarantor_coalition as m
    >>> [(r["a"], r["equilibria"], r["attacked"], r["mixed_attacked"])
    ...  for r in m.audience_sweep(3, [0, 1/2, 1])]
    [(0.0, 7, 4, True), (0.5, 7, 1, True), (1.0, 7, 0, False)]
    """
    if "a" in values:
        raise GameError("audience_sweep varies a; do not give it")
    game = build(n, **values)
    sw = gt.sweep(game, {"a": [float(x) for x in grid]}, method=solve_tree)
    names = _names(n)
    rows = []
    for k, a in enumerate(sw.values("a")):
        eqs = sw.solution(k).equilibria
        mixed = [eq for eq in eqs if all(0 < eq.behavior[g]["defend"] < 1 for g in names)]
        success = (1 - math.prod(1 - float(mixed[0].behavior[g]["defend"]) for g in names)
                   if mixed else None)
        rows.append({"a": float(a), "equilibria": len(eqs),
                     "attacked": sum(1 for eq in eqs if eq.behavior["Russia"]["attack"] == 1),
                     "mixed_success": success,
                     "mixed_attacked": bool(mixed[0].behavior["Russia"]["attack"] == 1)
                     if mixed else None})
    return rows
