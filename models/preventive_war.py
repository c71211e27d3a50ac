"""Preventive war as a commitment problem: a declining state fights now or waits.

The story
---------
After Fearon (1995) and Powell (2006), over a finite horizon. Two states share a prize
worth 1 per period for ``T`` periods ``t = 0, ..., T - 1``. The ``Declining`` state wins
a war started in period t with probability ``p_t = p - t s``: its power falls by ``s``
each period. A war ends the game; the winner takes the prize for every remaining period
and each side pays its cost (``c_D``, ``c_R``) once. In peace the prize is divided: at
first the Declining state gets ``p`` per period, the share its current power supports.
Each period the Declining state chooses to ``"fight"`` or ``"wait"`` (and takes its
share of this period); after it waits, the ``Rising`` state chooses to ``"keep"`` the
division or ``"cut"`` the Declining state's share down to its new power ``p_{t+1}``.
The Rising state would gladly promise to keep the division, but it cannot commit: the
promise is a move it makes later, and only if keeping then pays.

The tree (payoffs (Declining, Rising), stage payoffs added along the path)::

    period t, share x:  Declining: fight -> (p_t (T - t) - c_D, (1 - p_t)(T - t) - c_R)
                                   wait  -> (x, 1 - x), then, if t < T - 1,
                        Rising:    keep -> period t + 1 with share x
                                   cut  -> period t + 1 with share p_{t+1}

The tree has perfect information; its solution concept is subgame-perfect equilibrium
(``gt.solve(game, method="spe")``). Information sets are ``"Declining t | h"`` and
``"Rising t | h"``, where ``h`` lists the Rising state's earlier choices (``K`` keep,
``C`` cut; ``start`` when empty). ``T`` is an argument, not a parameter: the tree has
``2**(T - 1)`` paths of peace.

Assumptions
-----------
No discounting; the costs of war are paid once; power declines linearly and
``p - (T - 1) s >= 0``; the Rising state has all the bargaining power after a shift
(it cuts the share to what the new balance of power supports, which the Declining state
accepts); it cannot cut below that, nor transfer more than the period's prize.

Analytic solution
-----------------
Write ``S = s T (T - 1) / 2 = sum over t of (p - p_t)``: the cumulative loss the shift
in power will cost the Declining state if every share is cut to the new balance.

- *Fighting later is worse than fighting now*: a war at t >= 1 gives the Declining state
  at most ``t p + p_t (T - t) - c_D``, less than ``p T - c_D`` when ``s > 0`` (shares
  never exceed p).
- *Peace if S < c_D*: shares never fall below the current power, so by never fighting
  the Declining state gets at least ``sum_t p_t = p T - S > p T - c_D``, the value of
  war now, so it waits. Later the gains from fighting are smaller still (see below),
  so the Rising state can cut every period without provoking a war, and does: payoffs
  ``(p T - S, (1 - p) T + S)``.
- *War now if S > c_D > 0*: by waiting the Declining state gets ``p T - S + A``, where A is
  what the Rising state gives up by keeping old shares; it keeps one only where a cut
  would provoke a war, and cannot keep in the last period (nothing deters a cut there).
  The appeasement it can credibly sustain is less than ``S - c_D``, so the Declining
  state fights at once: ``(p T - c_D, (1 - p) T - c_R)``, though both would be better
  off with the promised division (the Rising state strictly when ``c_R > 0``). (This
  step is checked against the solver rather than proved here: in the tests on grids and
  random draws with ``T <= 6``, and once on 400 random draws with ``T <= 8`` and
  ``c_R`` up to 50, of which 390 were solved (10 with ``T = 8`` had more than 2000
  pure SPE), without a counterexample.)
- *At c_D = 0* (with ``S > 0``) the step above fails. Wherever its share has just been
  cut to its power (``u = t``) the Declining state gets at most that power per period
  from then on, by waiting or by fighting, so it may fight there: a threat that costs it
  nothing. War now is an SPE outcome (waiting gives at most ``p T``, the value of war
  now). Peace is one too iff ``c_R >= s floor(T**2 / 4)``: on a peaceful path the
  Declining state must get ``p T``, so the Rising state keeps the share ``p`` every
  period; after a cut to ``p_{t+1}`` the Declining state gets ``p_{t+1} (T - t - 1)``
  either way, and if it waited the Rising state would gain by the cut, so keeping needs
  war at once after a cut and ``(1 - p)(T - t - 1) >= (1 - p_{t+1})(T - t - 1) - c_R``,
  that is ``c_R >= (t + 1)(T - t - 1) s``, for every t; the largest right-hand side
  is ``s floor(T**2 / 4)``. The peace gives ``(p T, (1 - p) T)``. The ties multiply the
  pure SPE: ``analyze(3, p="1/10", s="3/100", c_D=0, c_R="1/2")`` has 14, 12 with war
  now and 2 peaceful (they differ off the path); ``T = 5`` has 54,368 (``c_R = 3``;
  210 s, with ``max_equilibria`` raised).

Off the path the same comparison decides every node: in period t, holding the share
``p_u`` last cut in period ``u <= t``, the Declining state gains
``s ((T - t)(T - t - 1) / 2 - (t - u))`` (less ``c_D``) by fighting rather than waiting
for the cuts to come, so the equilibrium set changes where ``c_D`` equals one of these
values (:func:`critical_points`; ``gt.critical_values`` finds the same ones). Only the
largest, ``S`` (``t = u = 0``), moves the path. At ``c_D = 0`` (the boundary of the
domain) every node with ``(T - t)(T - t - 1) / 2 = t - u`` is a tie, as above.

For ``c_D > 0`` the declining state fights now iff the coming shift in power outweighs
its cost of war:

    ``s T (T - 1) / 2 > c_D``  (:func:`war_threshold`),

and at equality both are equilibria (war now, and peace with every share cut). The
Rising state's cost ``c_R`` then only shapes what it does off the path (whether it
appeases to avert a later war); at ``c_D = 0`` it decides whether peace is subgame
perfect as well (above). With ``s = 0`` and ``c_D = 0`` war costs and gains nothing:
the Declining state is indifferent at every node, and war in any period, or none, is an
SPE outcome. At the defaults
(``T = 3``, ``p = 1/2``, ``s = 1/10``, ``c_D = 1/5``) ``S = 3/10 > 1/5``: preventive
war. As a condition on the rate of decline (``T >= 2``, ``c_D > 0``): war iff
``s > 2 c_D / (T (T - 1))``; a longer horizon makes a smaller decline enough.

Sources
-------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
49(3), 379-414 (commitment problems and preventive war). Powell, R. (2006). War as a
commitment problem. *International Organization* 60(1), 169-203. Levy, J. S. (1987).
Declining power and the preventive motivation for war. *World Politics* 40(1), 82-107.

Examples
--------
>>> from gametheory.models import preventive_war as m
>>> out = m.analyze()
>>> out["war_period"], out["payoffs"]["Declining"]
(0, Fraction(13, 10))
>>> m.analyze(c_D="1/2")["shares"]           # S = 3/10 < 1/2: peace, cut every period
[Fraction(1, 2), Fraction(2, 5), Fraction(3, 10)]
>>> m.war_threshold(T=3, s="1/10")
Fraction(3, 10)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.games.values import exact_number
from gametheory.models import _common

__all__ = ["PARAMETERS", "PLAYERS", "MAX_T", "build", "analyze", "war_threshold",
           "critical_points"]

_INF = float("inf")
_NAME = "preventive_war"

#: ``name -> (default, domain, meaning)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str]] = {
    "p": (Fraction(1, 2), (0, 1), "Declining state's chance of winning a war now"),
    "s": (Fraction(1, 10), (0, 1), "fall in that chance per period"),
    "c_D": (Fraction(1, 5), (0, _INF), "Declining state's cost of war"),
    "c_R": (Fraction(1, 5), (0, _INF), "Rising state's cost of war"),
}

PLAYERS = ("Declining", "Rising")

#: The longest horizon :func:`build` accepts (the tree has ``2**(T - 1)`` peace paths).
MAX_T = 12


def _check_t(T: Any) -> None:
    _common.count(T, "T", "the number of periods", MAX_T)


def build(T: int = 3, **values: Any) -> gt.ExtensiveFormGame:
    """The preventive-war tree over ``T`` periods, parameters not given left symbolic.

    Parameters
    ----------
    T : int
        Number of periods, 1 to :data:`MAX_T`.
    **values
        Values of parameters in :data:`PARAMETERS`; GameError for an unknown name, a
        value outside its domain, or ``p - (T - 1) s < 0`` when both are given.

    Returns
    -------
    ExtensiveFormGame
        Players :data:`PLAYERS`, perfect information, ``3 (2**T - 1)`` nodes; free
        parameters carry their :class:`gametheory.Parameter` metadata.

    References
    ----------
    Powell, R. (2006). War as a commitment problem. *International Organization* 60(1),
    169-203.

    Examples
    --------
    >>> from gametheory.models import preventive_war as m
    >>> g = m.build(T=2)
    >>> g.num_nodes, [p.name for p in g.parameters]
    (9, ['c_D', 'c_R', 'p', 's'])
    """
    _check_t(T)
    v = _common.symbols_or_values(_NAME, PARAMETERS, values)
    if "p" in values and "s" in values and v["p"] - (T - 1) * v["s"] < 0:
        raise GameError(f"p - (T - 1) s = {v['p'] - (T - 1) * v['s']} < 0: the Declining "
                        f"state's chance of winning in period {T - 1} would be negative")
    g = gt.ExtensiveFormGame(list(PLAYERS), title=f"preventive war over {T} periods")

    def power(t: int) -> Any:
        return v["p"] - t * v["s"]

    def period(node: Any, t: int, share: Any, hist: str) -> None:
        where = hist or "start"
        fight, wait = node.decide("Declining", ["fight", "wait"],
                                  infoset=f"Declining {t} | {where}")
        fight.payoffs(power(t) * (T - t) - v["c_D"], (1 - power(t)) * (T - t) - v["c_R"])
        wait.payoffs(share, 1 - share)
        if t < T - 1:
            keep, cut = wait.decide("Rising", ["keep", "cut"],
                                    infoset=f"Rising {t + 1} | {where}")
            period(keep, t + 1, share, hist + "K")
            period(cut, t + 1, power(t + 1), hist + "C")

    period(g.root, 0, v["p"], "")
    return _common.describe(g, PARAMETERS)


def _summary(eq: Any, T: int, v: dict[str, Fraction]) -> dict[str, Any]:
    b = _common.exact_behavior(eq)
    hist, share, shares, war = "", v["p"], [], None
    for t in range(T):
        where = hist or "start"
        if b[f"Declining {t} | {where}"]["fight"] == 1:
            war = t
            break
        shares.append(share)
        if t < T - 1:
            if b[f"Rising {t + 1} | {where}"]["cut"] == 1:
                share, hist = v["p"] - (t + 1) * v["s"], hist + "C"
            else:
                hist += "K"
    return {
        "fights_now": b["Declining 0 | start"]["fight"],
        "war_period": war,
        "shares": shares,
        "payoffs": {pl: Fraction(x) for pl, x in zip(PLAYERS, eq.payoffs)},
        "behavior": b,
    }


def analyze(T: int = 3, max_equilibria: int = 10000, **values: Any) -> dict[str, Any]:
    """Solve the model by backward induction and summarise every pure equilibrium.

    ``gt.solve(build(T, ...), method="spe", exact=True)`` with every parameter fixed (the
    given values, else the defaults): all pure subgame-perfect equilibria, exact. More
    than one (``tie``) means a tie at some node, and then mixing between the tied actions
    gives mixed SPE as well, which are not listed: ``complete`` is then False and
    ``"note"`` says so (``_common.spe_completeness``); without ties the one SPE is the
    unique SPE and ``complete`` is True. Ties
    multiply the pure SPE: with ``s = 0`` or ``c_D = 0`` at many nodes (54,368 at
    ``T = 5``, ``c_D = 0``), and for any ``c_D`` off the path wherever the Declining
    state fights in the next period whether the Rising state keeps or cuts (the Rising
    state is then indifferent), so that some draws with ``T = 8`` have more than 10,000:
    SolverError beyond ``max_equilibria`` (raise it, at a cost in time).

    Parameters
    ----------
    T : int
        Number of periods.
    max_equilibria : int
        Passed to the solver.
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    dict
        Per equilibrium: ``"fights_now"`` (probability of war in period 0),
        ``"war_period"`` (the period the war starts on the path, None in peace),
        ``"shares"`` (the Declining state's share in each peaceful period on the path),
        ``"payoffs"`` and ``"behavior"``. The first equilibrium's keys at the top level
        (war first), with ``"equilibria"``, ``"num_equilibria"``, ``"tie"``,
        ``"outcomes"`` (the distinct paths: ``"war_period"``, ``"shares"``,
        ``"payoffs"`` and ``"count"``, the number of equilibria with that path),
        ``"parameters"``, ``"T"``, ``"complete"`` and ``"note"``.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
    49(3), 379-414.

    Examples
    --------
    >>> from gametheory.models import preventive_war as m
    >>> [e["war_period"] for e in m.analyze(c_D="3/10")["equilibria"]]   # c_D = S: tie
    [0, None]

    At ``c_D = 0`` peace with every share kept is subgame perfect too, since
    ``c_R = 1/2 >= s floor(T**2 / 4) = 3/50``:

    >>> out = m.analyze(3, p="1/10", s="3/100", c_D=0, c_R="1/2")
    >>> out["num_equilibria"], [(o["war_period"], o["count"]) for o in out["outcomes"]]
    (14, [(0, 12), (None, 2)])
    >>> out["outcomes"][1]["shares"]
    [Fraction(1, 10), Fraction(1, 10), Fraction(1, 10)]
    """
    _check_t(T)
    v = _common.fractions(_NAME, PARAMETERS, values)
    sol = gt.solve(build(T, **v), method="spe", exact=True, max_equilibria=max_equilibria)
    eqs = sorted((_summary(eq, T, v) for eq in sol.equilibria),
                 key=lambda e: (e["war_period"] is None, e["war_period"] or 0))
    outcomes: dict[tuple, dict[str, Any]] = {}
    for e in eqs:
        key = (e["war_period"], tuple(e["shares"]), tuple(e["payoffs"].values()))
        path = {k: e[k] for k in ("war_period", "shares", "payoffs")}
        outcomes.setdefault(key, {**path, "count": 0})["count"] += 1
    return _common.summarize(eqs, outcomes=list(outcomes.values()), parameters=v, T=T,
                             **_common.spe_completeness(sol))


def war_threshold(T: int = 3, **values: Any) -> Any:
    """``S = s T (T - 1) / 2``: for ``c_D > 0`` the Declining state fights now iff
    ``S > c_D`` (at ``c_D = 0`` peace can be subgame perfect too; module docstring).

    Parameters
    ----------
    T : int
        Number of periods.
    **values
        ``s`` (symbolic when not given).

    Returns
    -------
    Fraction or sympy expression

    References
    ----------
    Powell, R. (2006). War as a commitment problem. *International Organization* 60(1),
    169-203.

    Examples
    --------
    >>> from gametheory.models import preventive_war as m
    >>> m.war_threshold(T=4)
    6*s
    """
    import sympy

    _check_t(T)
    _common.check_names(_NAME, PARAMETERS, values)
    unused = sorted(set(values) - {"s"})
    if unused:
        raise GameError(f"war_threshold depends on T and s only; got {unused[0]!r}")
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)["s"]
    # trusted: strict sympify, text raises; values checked by _common, strings parsed
    out = sympy.sympify(s, strict=True) * T * (T - 1) / 2   # a number or Symbol, not text
    return exact_number(out)


def critical_points(T: int = 3, parameter: str = "c_D", **values: Any) -> list[Fraction]:
    """The values of ``c_D`` (or ``s``) where the equilibrium set changes (analytic).

    The Declining state's gains from fighting at each node (module docstring):
    ``c_D = k s`` with ``k = (T - t)(T - t - 1) / 2 - (t - u) > 0`` for
    ``0 <= u <= t <= T - 1``; in ``s``, ``s = c_D / k`` inside (0, 1). The other
    parameters take their given values, else their defaults.

    Parameters
    ----------
    T : int
        Number of periods.
    parameter : {"c_D", "s"}
        The parameter that varies.
    **values
        Values of the other parameters.

    Returns
    -------
    list of Fraction
        Sorted; the largest in ``c_D`` (smallest in ``s``) is :func:`war_threshold`.

    References
    ----------
    Powell, R. (2006). War as a commitment problem. *International Organization* 60(1),
    169-203.

    Examples
    --------
    >>> from gametheory.models import preventive_war as m
    >>> [str(x) for x in m.critical_points(T=4, s="1/10")]
    ['1/10', '1/5', '3/10', '3/5']
    >>> [str(x) for x in m.critical_points(T=4, parameter="s")]    # c_D = 1/5
    ['1/30', '1/15', '1/10', '1/5']
    """
    _check_t(T)
    if parameter not in ("c_D", "s"):
        raise GameError(f"critical_points varies c_D or s; got {parameter!r}")
    if parameter in values:
        raise GameError(f"critical_points varies {parameter}; do not give it a value")
    v = _common.fractions(_NAME, PARAMETERS, values)
    ks = {Fraction((T - t) * (T - t - 1), 2) - (t - u) for t in range(T) for u in range(t + 1)}
    ks = sorted(k for k in ks if k > 0)
    if parameter == "c_D":
        return [k * v["s"] for k in ks] if v["s"] > 0 else []
    return sorted(v["c_D"] / k for k in ks if 0 < v["c_D"] / k < 1)
