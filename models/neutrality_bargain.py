"""A neutrality bargain with a commitment problem: does a guarantee make the deal hold?

The story
---------
After Fearon (1995, the commitment-problem section) and Powell (2006), applied to a
neutrality deal. Russia and Ukraine divide a stake worth 1 per period (the territory,
autonomy and alignment at issue) over two periods: *now*, of weight 1, and *the future*
after a deal, of weight ``delta`` (its discounted length: ``delta = beta / (1 - beta)``
for an open-ended future with per-period discount factor ``beta``, so ``delta`` may
exceed 1). Now, ``Russia`` offers Ukraine a share ``x0`` of the stake from the grid
``0, 1/m, ..., 1``; ``Ukraine`` accepts (neutrality) or fights. Accepting neutrality
shifts power toward Russia: Ukraine's chance of winning a war falls from ``p1`` to
``p2`` unless the guarantees restore it. In the future Russia offers again, ``x1`` from
the same grid, and Ukraine accepts or fights. Russia would gladly promise today to keep
Ukraine's share, but nothing binds it: tomorrow it can cut its offer to what Ukraine's
new, weaker war value makes acceptable. That is the commitment problem.

A war ends the game: the winner takes the stake for the rest of the game and each side
loses ``c_U`` (Ukraine) or ``c_R`` (Russia) of the stake per period, so a war fought
with Ukraine's chance ``q`` is worth ``(q - c_U)`` per period to Ukraine and
``(1 - q - c_R)`` to Russia, over the periods left. In peace Ukraine gets ``x0`` now
and ``delta x1`` later.

Guarantees. With strength ``g`` in [0, 1], Ukraine's chance after neutrality is

    ``r = p2 + g (p1 - p2)``.

Justification: ``g`` is the probability that the guarantors fight for a neutral
Ukraine, and their intervention restores the chance ``p1`` that Ukraine has before
neutrality (the guarantee is a substitute for the alignment forgone); without them the
chance is ``p2``. The war is then the compound lottery ``g p1 + (1 - g) p2``, linear in
g. ``g = 0``: no guarantee; ``g = 1``: the guarantee removes the shift in power.

The tree (payoffs (Russia, Ukraine))::

    Russia: offer x0 in {0, 1/m, ..., 1}                     ("Russia 0")
      Ukraine: fight  -> ((1 + delta)(1 - p1 - c_R), (1 + delta)(p1 - c_U))
               accept -> (neutrality; power shifts to r)    ("Ukraine 0 | x0")
        Russia: offer x1 in {0, 1/m, ..., 1}                 ("Russia 1 | x0")
          Ukraine: accept -> (1 - x0 + delta (1 - x1), x0 + delta x1)
                   fight  -> (1 - x0 + delta (1 - r - c_R), x0 + delta (r - c_U))
                                                             ("Ukraine 1 | x0, x1")

Perfect information: the solution concept is subgame-perfect equilibrium
(``gt.solve(game, method="spe")``, all pure SPE; backward induction is the natural
concept for a commitment problem, since it is exactly the requirement that Russia's
future offer be a best reply once the future arrives). ``m`` is an argument, not a
parameter: the tree has ``1 + 3 (m + 1)(m + 2)`` nodes (169 at the default ``m = 6``).

Assumptions
-----------
Complete information: power, costs and the guarantee's strength are known to both (a war
is a lottery over who wins, with known chances). Russia makes every offer (take it or
leave it) and has all the bargaining power. The shift in power happens once, when
neutrality is accepted, and is the same for the whole future; the future is one block
whose terms are set once (in the fine-grid limit an open-ended future at constant power
gives the same: Russia offers Ukraine its war value ``r - c_U`` every period). The
guarantors are not players: whether they honour is the exogenous chance ``g``, and they
bear no cost here. Costs of war are per period and shares of the stake; the grid of
offers is the same in both periods. ``p2 <= p1``. The defaults (``p1 = 1/2``,
``p2 = 1/5``, ``g = 1/5``, ``c_U = c_R = 1/10``, ``delta = 3``, i.e. ``beta = 3/4``) are
illustrative, not estimates: an even war today with full Western support, a Ukraine that
neutrality (demobilisation, no Western arms) would leave with a one-in-five chance, weak
guarantees.

Analytic solution
-----------------
Write ``C = c_U + c_R`` and assume the grid is finer than the bargaining range,
``1/m < C`` (true at the defaults: 1/6 < 1/5; see the end for coarser grids).

*Bargaining ranges.* In a period in which Ukraine's chance of winning is ``q``, every
per-period share of Ukraine in ``[q - c_U, q + c_R]`` is at least as good for both as
fighting (strictly better inside): the range is ``[p1 - c_U, p1 + c_R]`` now and
``[r - c_U, r + c_R]`` in the future (:func:`bargaining_ranges`), of width ``C > 0``, so
a bargaining range exists in every period.

*The future.* Ukraine accepts ``x1`` iff ``x1 > w = r - c_U`` (its war value per period),
fights iff ``x1 < w`` and is indifferent at ``x1 = w``. Russia offers the cheapest
acceptable grid point,

    ``a = max(0, ceil(m w) / m)``,

since ``a - w < 1/m < C`` makes it better for Russia than a war. Whatever Russia
promised, this is what it offers once power has shifted: Ukraine's future is worth
``delta a`` and Russia's ``delta (1 - a)``.

*Now.* Ukraine accepts ``x0`` iff ``x0 + delta a >= (1 + delta)(p1 - c_U)``, i.e.
``x0 >= N``, the requirement

    ``N = (1 + delta)(p1 - c_U) - delta a``.

Russia's gain from an accepted offer ``x0`` over a war is ``(1 + delta) C + N - x0``,
positive for the cheapest acceptable grid point ``max(0, ceil(m N) / m)`` (which is
below ``N + 1/m``, or 0 with ``a < p1 + c_R``), so Russia offers it when ``N <= 1``.
When ``N > 1`` no share of today's stake compensates Ukraine for the future loss,
every offer is refused, and war starts now: payoffs
``((1 + delta)(1 - p1 - c_R), (1 + delta)(p1 - c_U))``, though peace would have saved
``(1 + delta) C``. So (:func:`offers`):

    war now iff ``N > 1``, i.e. ``delta ((p1 - r) - (a - w)) > 1 - p1 + c_U``,

peace iff ``N < 1``, and at ``N = 1`` both (Ukraine indifferent at ``x0 = 1``). The
term ``a - w`` in ``[0, 1/m)`` is the grid's rounding: Russia's offer tomorrow exceeds
Ukraine's war value by up to a grid step, which Ukraine counts today. In the fine-grid
limit (``a -> w``) war occurs iff

    ``delta (1 - g)(p1 - p2) > 1 - p1 + c_U = C + (1 - p1 - c_R)``:

the discounted shift in power exceeds the distance between Ukraine's war value now and
the whole stake, which is the two costs of war plus Russia's per-period war value. It is
the heuristic ``delta (p1 - p2) > c_U + c_R`` exactly when ``1 - p1 - c_R = 0``, and
``c_R`` cancels: Russia's cost widens the range only on Russia's side, which the
proposer never needs. War is a commitment problem, not a lack of mutually preferred
deals.

*The critical guarantee.* ``N`` depends on g only through ``a``, so war iff
``a < K = ((1 + delta)(p1 - c_U) - 1) / delta``. For ``0 < K`` (``K <= 1`` always)
this holds iff ``m w <= k = ceil(m K) - 1``, i.e. iff ``g <= g*`` with

    ``g*_m = (k / m + c_U - p2) / (p1 - p2)``   (:func:`critical_g`);

at ``g = g*_m`` Ukraine is indifferent at ``x1 = k/m``: the SPE in which it accepts
there gives war now, those in which it fights there make Russia offer ``(k + 1)/m``
tomorrow and give peace (when ``m K`` is an integer, ``N = 1`` on the whole step
``(g*_m, g*_m + 1/(m (p1 - p2))]``, and war and peace are both SPE outcomes there).
For ``K <= 0`` war is never the only outcome. In the fine-grid limit

    ``g* = 1 - (1 - p1 + c_U) / (delta (p1 - p2))``,

and ``0 < g* - g*_m <= 1 / (m (p1 - p2))``: the grid's rounding in Ukraine's favour
lowers the guarantee needed. ``g = 1`` (no shift) brings peace: ``N <= p1 - c_U < 1``
unless ``p1 = 1`` and ``c_U = 0``.

At the defaults ``w = 4/25``, ``a = 1/6``, ``K = 1/5``, ``N = 11/10 > 1``: war now,
payoffs ``(8/5, 8/5)``, though both bargaining ranges, ``[2/5, 3/5]`` and
``[4/25, 9/25]``, contain grid points. ``g*_6 = 2/9`` (``k = 1``) and the fine-grid
``g* = 1/3``. At ``g = 1/2``: ``a = 1/3``, ``N = 3/5``, peace with offers ``2/3`` now
and ``1/3`` later, payoffs ``(7/3, 5/3)``.

*Where the equilibrium set changes.* Off the knife-edges the SPE path is unique (the
refused offer aside, see below). In g (or ``p2``) the set changes exactly where
``w = j/m`` for ``j = 0, ..., m`` (:func:`critical_points`): Russia's offer tomorrow
steps up there, in every one of the ``m + 1`` subgames after an accepted offer, on or
off the path, and Ukraine is indifferent there. One of these points is ``g*_m``. In g:
``g_j = (j/m + c_U - p2) / (p1 - p2)`` (2/9 and 7/9 at the defaults); in ``p2``:
``(j/m + c_U - g p1) / (1 - g)`` inside (0, p1) (5/24 and 5/12; war for
``p2 < 5/24``, both at 5/24, peace above; fine-grid limit: war iff ``p2 < 1/4``).

*Ties.* When war starts now Russia is indifferent between its refused offers: ``m + 1``
pure SPE with the same outcome. At a point ``w = j/m`` each subgame after an accepted
offer has two pure SPE (Ukraine accepts ``j/m``, or fights it and gets ``(j + 1)/m``),
chosen independently in the ``m + 1`` subgames; this supports many outcomes, all
listed by the solver: at ``g = 2/9`` there are 224 pure SPE, 112 with war now and the
others peace with ``1/3`` tomorrow and ``2/3``, ``5/6`` or ``1`` today (Russia offers
more than ``2/3`` where the selections in the subgames after the cheaper offers would
give Ukraine only ``1/6`` tomorrow, so that it refuses them). A tie also arises where
``N`` is a point of the grid (Ukraine indifferent at ``x0 = N``). Mixing between tied
actions gives mixed SPE as well, so ``complete`` is False at every tie.

*Coarse grids.* If ``1/m >= C`` a bargaining range may contain no grid point
(``ceil(m w)/m > r + c_R``): then Russia prefers war to the cheapest acceptable offer
even without a shift in power, Fearon's (1995) issue indivisibility. The tree and
:func:`analyze` cover this case; the closed forms above (:func:`offers`,
:func:`critical_g`, :func:`critical_points`) refuse it.

Sources
-------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
49(3), 379-414 (bargaining ranges; commitment problems from shifts in power; issue
indivisibility). Powell, R. (2006). War as a commitment problem. *International
Organization* 60(1), 169-203 (large, rapid shifts in power as the common mechanism of
commitment problems). Walter, B. F. (1997). The critical barrier to civil war
settlement. *International Organization* 51(3), 335-364 (settlements that leave a side
vulnerable hold only when a third party guarantees them: here the guarantee of
strength g). Fortna, V. P. (2003). Scraps of paper? Agreements and the durability of
peace. *International Organization* 57(2), 337-372 (stronger agreements, including
explicit third-party guarantees, are associated with more durable cease-fires after
interstate wars; the model does not test this).

Examples
--------
>>> from gametheory.models import neutrality_bargain as m
>>> out = m.analyze()                              # weak guarantees: war now
>>> out["war_period"], out["payoffs"]["Ukraine"], out["num_equilibria"]
(0, Fraction(8, 5), 7)
>>> m.critical_g()                                 # on the grid of sixths
Fraction(2, 9)
>>> m.critical_g(None, p1="1/2", p2="1/5", c_U="1/10", delta=3)   # fine-grid limit
Fraction(1, 3)
>>> m.analyze(g="1/2")["offers"]                   # strong guarantees: neutrality holds
[Fraction(2, 3), Fraction(1, 3)]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.games.values import exact_number
from gametheory.models import _common

__all__ = ["PARAMETERS", "PLAYERS", "MAX_M", "build", "analyze", "bargaining_ranges",
           "offers", "critical_g", "critical_points"]

_INF = float("inf")
_NAME = "neutrality_bargain"

#: ``name -> (default, domain, meaning, LaTeX name)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, ...]] = {
    "p1": (Fraction(1, 2), (0, 1),
           "Ukraine's chance of winning a war now, before neutrality", r"p_1"),
    "p2": (Fraction(1, 5), (0, 1),
           "Ukraine's chance of winning a war after neutrality without guarantees", r"p_2"),
    "g": (Fraction(1, 5), (0, 1),
          "strength of the guarantees: chance they restore Ukraine's pre-neutrality power",
          r"g"),
    "c_U": (Fraction(1, 10), (0, _INF), "Ukraine's cost of war per period (share of the "
                                       "period's stake)", r"c_{\mathrm{U}}"),
    "c_R": (Fraction(1, 10), (0, _INF), "Russia's cost of war per period (share of the "
                                       "period's stake)", r"c_{\mathrm{R}}"),
    "delta": (3, (0, _INF), "weight of the future after neutrality relative to the present "
                            "period (its discounted length)", r"\delta"),
}

PLAYERS = ("Russia", "Ukraine")

#: The finest grid :func:`build` accepts (the tree has ``(m + 1)**2`` paths of peace).
MAX_M = 40


def _check_m(m: Any) -> None:
    _common.count(m, "m", "the number of steps of the grid of offers", MAX_M)


def _check_order(v: dict[str, Any], given: Any) -> None:
    if "p1" in given and "p2" in given and v["p2"] > v["p1"]:
        raise GameError(f"p2 = {v['p2']} > p1 = {v['p1']}: neutrality would raise "
                        f"Ukraine's power; the model needs p2 <= p1")


def _share(k: int, m: int) -> str:
    return str(Fraction(k, m))


def build(m: int = 6, **values: Any) -> gt.ExtensiveFormGame:
    """The two-period neutrality bargain, with the parameters not given left symbolic.

    Parameters
    ----------
    m : int
        Offers are the shares ``0, 1/m, ..., 1`` of a period's stake (1 to :data:`MAX_M`).
    **values
        Values of parameters in :data:`PARAMETERS` (numbers, Fractions or strings such as
        ``"1/3"``); GameError for an unknown name, a value outside its domain, or
        ``p2 > p1`` when both are given.

    Returns
    -------
    ExtensiveFormGame
        Players :data:`PLAYERS`, perfect information, ``1 + 3 (m + 1)(m + 2)`` nodes; free
        parameters carry their :class:`gametheory.Parameter` metadata.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
    49(3), 379-414.

    Examples
    --------
    >>> from gametheory.models import neutrality_bargain as m
    >>> game = m.build(2, p1="1/2", p2="1/5")
    >>> game.num_nodes, [p.name for p in game.parameters]
    (37, ['c_R', 'c_U', 'delta', 'g'])
    """
    _check_m(m)
    v = _common.symbols_or_values(_NAME, PARAMETERS, values)
    _check_order(v, values)
    p1, c_U, c_R, d = v["p1"], v["c_U"], v["c_R"], v["delta"]
    r = v["p2"] + v["g"] * (p1 - v["p2"])          # Ukraine's chance after neutrality
    game = gt.ExtensiveFormGame(list(PLAYERS), title=f"neutrality bargain (grid 1/{m})")
    grid = [_share(k, m) for k in range(m + 1)]
    for k, now in enumerate(game.root.decide("Russia", grid, infoset="Russia 0")):
        x0 = Fraction(k, m)
        accept, fight = now.decide("Ukraine", ["accept", "fight"],
                                   infoset=f"Ukraine 0 | {x0}")
        fight.payoffs((1 + d) * (1 - p1 - c_R), (1 + d) * (p1 - c_U))
        later = accept.decide("Russia", grid, infoset=f"Russia 1 | {x0}")
        for j, node in enumerate(later):
            x1 = Fraction(j, m)
            yes, no = node.decide("Ukraine", ["accept", "fight"],
                                  infoset=f"Ukraine 1 | {x0}, {x1}")
            yes.payoffs(1 - x0 + d * (1 - x1), x0 + d * x1)
            no.payoffs(1 - x0 + d * (1 - r - c_R), x0 + d * (r - c_U))
    return _common.describe(game, PARAMETERS)


def _chosen(behavior: dict[str, dict[str, Fraction]], infoset: str) -> str:
    return next(a for a, x in behavior[infoset].items() if x == 1)


def _summary(eq: Any) -> dict[str, Any]:
    b = _common.exact_behavior(eq)
    now = _chosen(b, "Russia 0")
    later = _chosen(b, f"Russia 1 | {now}")
    if _chosen(b, f"Ukraine 0 | {now}") == "fight":
        war, path = 0, [Fraction(now)]
    else:
        war = 1 if _chosen(b, f"Ukraine 1 | {now}, {later}") == "fight" else None
        path = [Fraction(now), Fraction(later)]
    return {
        "war": war is not None,
        "war_period": war,
        "offers": path,
        "payoffs": {pl: Fraction(x) for pl, x in zip(PLAYERS, eq.payoffs)},
        "behavior": b,
    }


def _outcomes(eqs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct outcomes (the war period and the accepted offers) with their counts."""
    out: dict[tuple, dict[str, Any]] = {}
    for e in eqs:
        accepted = [] if e["war_period"] == 0 else e["offers"][:e["war_period"] or 2]
        key = (e["war_period"], tuple(accepted))
        entry = {"war_period": e["war_period"], "accepted": accepted,
                 "payoffs": e["payoffs"], "count": 0}
        out.setdefault(key, entry)["count"] += 1
    return list(out.values())


def analyze(m: int = 6, max_equilibria: int = 10000, **values: Any) -> dict[str, Any]:
    """Solve the model by backward induction and summarise every pure equilibrium.

    ``gt.solve(build(m, ...), method="spe", exact=True)`` with every parameter fixed (the
    given values, else the defaults): all pure subgame-perfect equilibria, exact. When
    war starts now, every offer is refused and Russia is indifferent between them, so
    there are ``m + 1`` pure SPE differing only in the refused offer; at the other ties
    (module docstring) there are more. More than one (``tie``) means mixed SPE exist as
    well, which are not listed: ``complete`` is then False and ``"note"`` says so
    (``_common.spe_completeness``). SolverError beyond ``max_equilibria`` (ties in the
    ``m + 1`` subgames of tomorrow multiply: ``2**(m + 1)`` and more).

    Parameters
    ----------
    m : int
        Steps of the grid of offers.
    max_equilibria : int
        Passed to the solver.
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    dict
        Per equilibrium: ``"war"`` (on the path), ``"war_period"`` (0 now, 1 after
        neutrality, None in peace), ``"offers"`` (Russia's offers on the path: the
        refused one when war starts now, else today's and tomorrow's), ``"payoffs"``
        (``{player: payoff}``) and ``"behavior"``. The first equilibrium's keys at the top
        level (war first), with ``"equilibria"``, ``"num_equilibria"``, ``"tie"``,
        ``"outcomes"`` (the distinct outcomes: ``"war_period"``, ``"accepted"`` offers,
        ``"payoffs"``, ``"count"``), ``"parameters"``, ``"m"``, ``"complete"`` and
        ``"note"``.

    References
    ----------
    Powell, R. (2006). War as a commitment problem. *International Organization* 60(1),
    169-203.

    Examples
    --------
    >>> from gametheory.models import neutrality_bargain as m
    >>> out = m.analyze(g="1/2")                   # g above g* = 2/9: neutrality holds
    >>> out["war"], out["offers"], out["num_equilibria"]
    (False, [Fraction(2, 3), Fraction(1, 3)], 1)
    """
    _check_m(m)
    v = _common.fractions(_NAME, PARAMETERS, values)
    _check_order(v, v)
    sol = gt.solve(build(m, **v), method="spe", exact=True, max_equilibria=max_equilibria)
    eqs = sorted((_summary(eq) for eq in sol.equilibria),
                 key=lambda e: (not e["war"], e["war_period"] or 0, e["offers"]))
    return _common.summarize(eqs, outcomes=_outcomes(eqs), parameters=v, m=m,
                             **_common.spe_completeness(sol))


def _symbols(values: dict[str, Any], allowed: set[str]) -> dict[str, Any]:
    """Sympy values (symbols where not given) of the parameters, checked; GameError for a
    parameter outside ``allowed``."""
    import sympy

    _common.check_names(_NAME, PARAMETERS, values)
    unused = sorted(set(values) - allowed)
    if unused:
        raise GameError(f"this closed form does not depend on {unused[0]!r}")
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    _check_order(s, values)
    # trusted: strict sympify, text raises; values checked by _common, strings parsed
    # trusted: strict sympify of values _common has parsed already; text raises
    return {k: sympy.sympify(x, strict=True) for k, x in s.items()}


def bargaining_ranges(**values: Any) -> dict[int, tuple[Any, Any]]:
    """The bargaining range of each period as Ukraine's per-period share of the stake.

    ``{0: (p1 - c_U, p1 + c_R), 1: (r - c_U, r + c_R)}`` with ``r = p2 + g (p1 - p2)``:
    the shares both prefer to fighting in that period (module docstring). Parameters not
    given stay symbolic.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
    49(3), 379-414.

    Examples
    --------
    >>> from gametheory.models import neutrality_bargain as m
    >>> m.bargaining_ranges(p1="1/2", p2="1/5", g="1/5", c_U="1/10", c_R="1/10")
    {0: (Fraction(2, 5), Fraction(3, 5)), 1: (Fraction(4, 25), Fraction(9, 25))}
    """
    s = _symbols(values, set(PARAMETERS) - {"delta"})
    r = s["p2"] + s["g"] * (s["p1"] - s["p2"])
    return {0: (exact_number(s["p1"] - s["c_U"]), exact_number(s["p1"] + s["c_R"])),
            1: (exact_number(r - s["c_U"]), exact_number(r + s["c_R"]))}


def _fine_grid(m: int, v: dict[str, Fraction]) -> None:
    if Fraction(1, m) >= v["c_U"] + v["c_R"]:
        raise GameError(f"the closed forms need a grid finer than the bargaining range, "
                        f"1/m < c_U + c_R; got 1/{m} >= {v['c_U'] + v['c_R']}")


def _ceil_grid(x: Fraction, m: int) -> Fraction:
    """The smallest offer on the grid that is at least x (0 when x <= 0)."""
    return Fraction(max(0, math.ceil(x * m)), m)


def offers(m: int = 6, **values: Any) -> dict[str, Any]:
    """Russia's offers and Ukraine's requirement by the closed forms (module docstring).

    Every parameter takes its given value, else its default; GameError unless
    ``1/m < c_U + c_R``.

    Returns
    -------
    dict
        ``"later"``: Russia's offer tomorrow, ``a = max(0, ceil(m w) / m)`` with
        ``w = r - c_U``; ``"requirement"``: what Ukraine needs today,
        ``N = (1 + delta)(p1 - c_U) - delta a``; ``"now"``: the cheapest acceptable offer
        today, ``max(0, ceil(m N) / m)``, or None when ``N > 1`` (war now);
        ``"war"``: ``N > 1``; ``"tie"``: True at a knife-edge where several pure SPE
        exist (``m w`` an integer in [0, m], ``m N`` an integer in [0, m]); there the
        values are those of the SPE in which Ukraine accepts whenever indifferent.

    References
    ----------
    Powell, R. (2006). War as a commitment problem. *International Organization* 60(1),
    169-203.

    Examples
    --------
    >>> from gametheory.models import neutrality_bargain as m
    >>> out = m.offers(g="1/2")
    >>> out["later"], out["requirement"], out["now"], out["war"]
    (Fraction(1, 3), Fraction(3, 5), Fraction(2, 3), False)
    """
    _check_m(m)
    v = _common.fractions(_NAME, PARAMETERS, values)
    _check_order(v, v)
    _fine_grid(m, v)
    w = v["p2"] + v["g"] * (v["p1"] - v["p2"]) - v["c_U"]
    later = _ceil_grid(w, m)
    need = (1 + v["delta"]) * (v["p1"] - v["c_U"]) - v["delta"] * later
    war = need > 1
    tie = any(0 <= x <= 1 and (x * m).denominator == 1 for x in (w, need))
    return {"later": later, "requirement": need, "now": None if war else _ceil_grid(need, m),
            "war": war, "tie": tie}


def critical_g(m: int | None = 6, **values: Any) -> Any:
    """The guarantee strength ``g*`` at and below which war starts now.

    With ``m`` (exact grid): ``g*_m = (k/m + c_U - p2) / (p1 - p2)`` with
    ``k = ceil(m K) - 1`` and ``K = ((1 + delta)(p1 - c_U) - 1) / delta``; war for
    ``g <= g*_m`` (at ``g*_m`` peace too), peace above (when ``m K`` is an integer,
    both on ``(g*_m, g*_m + 1/(m (p1 - p2))]``); a value below 0 means peace for every g
    in [0, 1]. None when ``K <= 0`` (war is then never the only outcome). Every
    parameter but g takes its given value, else its default; GameError unless
    ``1/m < c_U + c_R``, ``p2 < p1`` and ``delta > 0``.

    With ``m=None`` (the fine-grid limit): ``1 - (1 - p1 + c_U) / (delta (p1 - p2))``,
    symbolic in the parameters not given.

    References
    ----------
    Walter, B. F. (1997). The critical barrier to civil war settlement. *International
    Organization* 51(3), 335-364.

    Examples
    --------
    >>> from gametheory.models import neutrality_bargain as m
    >>> m.critical_g(), m.critical_g(12), m.critical_g(None, p1="1/2", p2="1/5", c_U="1/10")
    (Fraction(2, 9), Fraction(2, 9), 1 - 2/delta)
    """
    if "g" in values:
        raise GameError("critical_g varies g; do not give it a value")
    if m is None:
        s = _symbols(values, set(PARAMETERS) - {"g", "c_R"})
        if s["p1"] == s["p2"]:
            raise GameError("critical_g needs p2 < p1 (no shift in power: no commitment "
                            "problem)")
        return exact_number(1 - (1 - s["p1"] + s["c_U"]) / (s["delta"] * (s["p1"] - s["p2"])))
    _check_m(m)
    v = _common.fractions(_NAME, PARAMETERS, values)
    _check_order(v, v)
    _fine_grid(m, v)
    if v["p1"] == v["p2"] or v["delta"] == 0:
        raise GameError("critical_g needs p2 < p1 and delta > 0 (else no commitment "
                        "problem)")
    K = ((1 + v["delta"]) * (v["p1"] - v["c_U"]) - 1) / v["delta"]
    if K <= 0:
        return None
    k = math.ceil(K * m) - 1
    return (Fraction(k, m) + v["c_U"] - v["p2"]) / (v["p1"] - v["p2"])


def critical_points(m: int = 6, parameter: str = "g", **values: Any) -> list[Fraction]:
    """The values of ``g`` (or ``p2``) where the equilibrium set changes (analytic).

    Where Ukraine's war value tomorrow ``w = p2 + g (p1 - p2) - c_U`` is a point
    ``j/m`` of the grid (``j = 0, ..., m``): Russia's offer tomorrow steps up there
    (module docstring). In g: ``(j/m + c_U - p2) / (p1 - p2)`` inside (0, 1); in p2:
    ``(j/m + c_U - g p1) / (1 - g)`` inside (0, p1). The other parameters take their
    given values, else their defaults; GameError unless ``1/m < c_U + c_R``.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
    49(3), 379-414.

    Examples
    --------
    >>> from gametheory.models import neutrality_bargain as m
    >>> [str(x) for x in m.critical_points()]
    ['2/9', '7/9']
    >>> [str(x) for x in m.critical_points(parameter="p2")]
    ['5/24', '5/12']
    """
    _check_m(m)
    if parameter not in ("g", "p2"):
        raise GameError(f"critical_points varies g or p2; got {parameter!r}")
    if parameter in values:
        raise GameError(f"critical_points varies {parameter}; do not give it a value")
    v = _common.fractions(_NAME, PARAMETERS, values)
    _fine_grid(m, v)
    steps = [Fraction(j, m) + v["c_U"] for j in range(m + 1)]
    if parameter == "g":
        if v["p1"] == v["p2"]:
            return []
        _check_order(v, v)
        pts = [(x - v["p2"]) / (v["p1"] - v["p2"]) for x in steps]
        return sorted(x for x in pts if 0 < x < 1)
    if v["g"] == 1:
        return []
    pts = [(x - v["g"] * v["p1"]) / (1 - v["g"]) for x in steps]
    return sorted(x for x in pts if 0 < x < v["p1"])
