"""Ukraine and Russia moving simultaneously: a 2 x 2 game in which Russia does not see the track.

The story
---------
The situation of :mod:`gametheory.models.ukraine_guarantees` with its two main actors
choosing *at the same time*: Ukraine picks a track, ``NATO`` or ``NEUTRAL``, and Russia
escalates or concedes *without observing Ukraine's choice* (it commits to a policy before
the track is known, or the track only becomes visible after Russia has moved), with one
choice for both of its types (a Russia that cannot tailor its policy to its own type).
Payoffs are the expected payoffs over Russia's type (``r``) and the guarantor's type
(``q_T``), with an opportunistic guarantor that abandons (``c_G > rho``, as at the
tree's defaults), so that a guarantee on track T is honoured with probability ``q_T``.
This is *not* the strategic form of the guarantees tree, where Russia sees the track
before it moves: that is :mod:`gametheory.models.ukraine_russia_matrix` (2 x 4), whose
equilibrium at ``q = 1/2`` is neutrality and peace, where this game mixes.
Writing ``V = r V_rev + (1 - r) V_sec`` for Russia's expected value of a won war::

    Ukraine \\ Russia   escalate                                   concede
    NATO               -w_B + q_N (w_B - w_H),  V - q_N (V + C_R)    u_N, -L
    NEUTRAL            -w_B + q (w_B - w_H),    V - q (V + C_R)      u_0, 0

Solution concept: Nash equilibrium of the bimatrix game (all of them, by vertex
enumeration, ``gt.solve(game, method="vertex")``).

Assumptions
-----------
Those of the tree, plus: Russia does not observe Ukraine's track when it moves (the moves
are simultaneous), Russia's two types act alike, and the guarantor's choice is fixed at
its tree best reply for ``c_G > rho`` (abandon). In the extensive form this is the tree
of :func:`gametheory.models.ukraine_russia_matrix.tree` with Russia's two information
sets merged into one.

Analytic solution
-----------------
Write ``A_T = V - q_T (V + C_R)`` for Russia's payoff from escalating on track T.
Russia escalates against NATO iff ``A_N > -L`` and against NEUTRAL iff ``A_0 > 0``, i.e.
``q < V / (V + C_R)``. Ukraine prefers NATO against escalation iff ``q < q_N``, and against
concession iff ``u_N > u_0``. With ``A_N + L > 0`` (Russia escalates on NATO) and
``u_N > u_0`` there are three regimes:

- ``q < q_N``: NATO is Ukraine's best reply to both columns; the equilibrium is pure,
  (NATO, escalate).
- ``q > max(q_N, V / (V + C_R))``: best replies cycle (Ukraine wants NEUTRAL against
  escalation, NATO against concession; Russia escalates on NATO and concedes on
  NEUTRAL), so the unique equilibrium is mixed, with

  ``x* = P(NATO) = -A_0 / (A_N + L - A_0)`` (Russia indifferent) and
  ``y* = P(escalate) = (u_N - u_0) / (u_N - u_0 + (q - q_N)(w_B - w_H))``
  (Ukraine indifferent); Ukraine gets ``u_0 - y* (u_0 + w_B - q (w_B - w_H))`` and Russia
  ``-L x*``. These are :func:`mixed_equilibrium`.
- ``q_N < q < V / (V + C_R)``: Russia escalates against both and Ukraine answers with
  NEUTRAL: pure (NEUTRAL, escalate).

At the defaults ``V = 5/2``, ``V / (V + C_R) = 5/17 < q_N = 37/100``, so the equilibrium is
(NATO, escalate) for ``q < 37/100`` and mixed for ``q > 37/100`` with
``x* = (1700 q - 500) / (1700 q - 29)`` and ``y* = 200 / (300 q + 89)``: a stronger
commitment makes Russia escalate less often (y* falls from 1 to 200/389) and Ukraine
choose NATO more often (x* rises from 43/200 to 1200/1671). The second is the usual
property of a mixed equilibrium, not a statement about Ukraine's incentives: ``x*`` is
pinned down by *Russia's* indifference, and as a stronger guarantee makes escalating
against neutrality worse for Russia, Ukraine must play NATO (where escalating pays)
more often to keep Russia indifferent. It rests on Russia not seeing the track; when it
does (the sequential game, :mod:`~gametheory.models.ukraine_russia_matrix`) a stronger
commitment never makes NATO more attractive to Ukraine. At ``q = 37/100`` Ukraine is
indifferent against escalation and the equilibria form a continuum: Russia escalates and
Ukraine plays NATO with any probability in ``[43/200, 1]``.

Sources
-------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
49(3), 379-414. Schelling, T. C. (1966). *Arms and Influence*. Yale University Press.
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

Examples
--------
>>> from gametheory.models import ukraine_simultaneous as m
>>> out = m.analyze(q="1/2")
>>> out["kind"], out["equilibria"][0]["strategies"]["Russia"]["escalate"]
('mixed', Fraction(200, 239))
>>> m.mixed_equilibrium(q="1/2")
(Fraction(350, 821), Fraction(200, 239))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common
from gametheory.models.ukraine_guarantees import PARAMETERS as _TREE_PARAMETERS

__all__ = ["PARAMETERS", "PLAYERS", "STRATEGIES", "build", "analyze", "mixed_equilibrium"]

#: ``name -> (default, domain, meaning)``: the tree's parameters but the guarantor's.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str]] = {
    k: v for k, v in _TREE_PARAMETERS.items() if k not in ("c_G", "rho", "c_N", "rho_N")}

PLAYERS = ("Ukraine", "Russia")
STRATEGIES = (("NATO", "NEUTRAL"), ("escalate", "concede"))
_NAME = "ukraine_simultaneous"


def build(**values: Any) -> gt.NormalFormGame:
    """The simultaneous 2 x 2 game, with the parameters not given left symbolic.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    NormalFormGame
        Ukraine (rows NATO, NEUTRAL) and Russia (columns escalate, concede); the free
        parameters carry their :class:`gametheory.Parameter` metadata.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> from gametheory.models import ukraine_simultaneous as m
    >>> print(m.build(q="1/2", q_N="37/100", r="1/2", V_rev=4, V_sec=1, C_R=6))
    Ukraine \\ Russia                              escalate    concede
    NATO                -63*w_B/100 - 37*w_H/100, -129/200    u_N, -L
    NEUTRAL                           -w_B/2 - w_H/2, -7/4     u_0, 0
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    V = s["r"] * s["V_rev"] + (1 - s["r"]) * s["V_sec"]

    def war(q: Any) -> tuple[Any, Any]:
        return -s["w_B"] + q * (s["w_B"] - s["w_H"]), V - q * (V + s["C_R"])

    (a, b), (c, d) = war(s["q_N"]), war(s["q"])
    g = gt.NormalFormGame.from_arrays([[a, s["u_N"]], [c, s["u_0"]]],
                                      [[b, -s["L"]], [d, 0]],
                                      players=list(PLAYERS),
                                      strategies=[list(x) for x in STRATEGIES])
    return _common.describe(g, PARAMETERS)


def analyze(**values: Any) -> dict[str, Any]:
    """All Nash equilibria of the 2 x 2 game at a point, in exact arithmetic.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS` (the others at their defaults).

    Returns
    -------
    dict
        ``"equilibria"``: the extreme equilibria found by ``gt.solve(method="vertex",
        exact=True)``, each ``{"strategies": {player: {strategy: probability}},
        "payoffs": {player: payoff}}``; ``"kind"``: ``"pure"``, ``"mixed"`` (the unique
        equilibrium mixes) or ``"several"``; ``"continuum"``: whether the extreme
        equilibria bound a continuum; ``"num_equilibria"``, ``"parameters"``,
        ``"complete"``.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42, 9-37.

    Examples
    --------
    >>> from gametheory.models import ukraine_simultaneous as m
    >>> out = m.analyze(q="1/5")
    >>> out["kind"], out["equilibria"][0]["strategies"]["Ukraine"]["NATO"]
    ('pure', Fraction(1, 1))
    >>> m.analyze(q="37/100")["continuum"]
    True
    """
    p = _common.fractions(_NAME, PARAMETERS, values)
    sol = gt.solve(build(**p), method="vertex", exact=True)
    eqs = [{"strategies": {pl: {a: Fraction(x) for a, x in zip(labels, s)}
                           for pl, labels, s in zip(PLAYERS, STRATEGIES, eq.strategies)},
            "payoffs": {pl: Fraction(v) for pl, v in zip(PLAYERS, eq.payoffs)}}
           for eq in sol.equilibria]
    pure = all(x in (0, 1) for e in eqs for d in e["strategies"].values() for x in d.values())
    kind = "several" if len(eqs) > 1 else "pure" if pure else "mixed"
    return {"equilibria": eqs, "kind": kind, "num_equilibria": len(eqs),
            "continuum": any(len(c.equilibria) > 1 for c in sol.components),
            "parameters": p, "complete": sol.complete}


def mixed_equilibrium(*symbolic: str, **values: Any) -> tuple[Any, Any]:
    """The mixed equilibrium in closed form: ``(P(NATO), P(escalate))``.

    ``x* = -A_0 / (A_N + L - A_0)`` and ``y* = (u_N - u_0) / (u_N - u_0 + (q - q_N)(w_B -
    w_H))`` with ``A_T = V - q_T (V + C_R)``, ``V = r V_rev + (1 - r) V_sec``; valid (an
    equilibrium) where the best replies cycle, e.g. for ``q > 37/100`` at the defaults.

    Parameters
    ----------
    *symbolic : str
        Names of parameters to keep symbolic.
    **values
        Values of other parameters; the rest take their defaults.

    Returns
    -------
    (x, y) : sympy expressions, or Fractions when nothing is symbolic

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> from gametheory.models import ukraine_simultaneous as m
    >>> m.mixed_equilibrium(q="37/100")
    (Fraction(43, 200), Fraction(1, 1))
    >>> x, y = m.mixed_equilibrium("q")
    >>> x, y
    (100*(17*q - 5)/(1700*q - 29), 200/(300*q + 89))
    """
    import sympy

    _common.check_names(_NAME, PARAMETERS, dict.fromkeys(symbolic))
    both = sorted(set(symbolic) & set(values))
    if both:
        raise GameError(f"parameter {both[0]!r} is both symbolic and given a value")
    # values are read as the tree's parameters: c_G and rho are accepted and unused
    tree = _common.fractions("ukraine_guarantees", _TREE_PARAMETERS, values)
    given = {k: v for k, v in tree.items() if k in PARAMETERS}
    p = {k: sympy.Symbol(k, real=True) if k in symbolic else sympy.Rational(
        v.numerator, v.denominator) for k, v in given.items()}
    V = p["r"] * p["V_rev"] + (1 - p["r"]) * p["V_sec"]
    A_N, A_0 = (V - q * (V + p["C_R"]) for q in (p["q_N"], p["q"]))
    x = sympy.factor(-A_0 / (A_N + p["L"] - A_0))
    y = sympy.factor((p["u_N"] - p["u_0"])
                     / (p["u_N"] - p["u_0"] + (p["q"] - p["q_N"]) * (p["w_B"] - p["w_H"])))
    if symbolic:
        return x, y
    return Fraction(int(x.p), int(x.q)), Fraction(int(y.p), int(y.q))
