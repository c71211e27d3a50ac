"""Ukraine and Russia as a 2 x 4 game: the strategic form of the sequential guarantees tree.

The story
---------
The situation of :mod:`gametheory.models.ukraine_guarantees` reduced to its two main
actors. Ukraine picks a track, ``NATO`` or ``NEUTRAL``; Russia *sees the track* and then
escalates or concedes, with one choice for both of its types (a Russia that cannot tailor
its policy to its own type); after an escalation the guarantee of that track is honoured
when its guarantor is committed (probability ``q_T``: ``q_N`` for the alliance, ``q``
for the bilateral guarantors) and abandoned otherwise, which is what an opportunistic
guarantor does in the canonical tree when ``c_T > rho_T`` (as at its defaults). Since
Russia moves after Ukraine, a strategy of Russia says what it does against each track:
``"escalate/concede"`` escalates against NATO and concedes against a neutral Ukraine.
Writing ``V = r V_rev + (1 - r) V_sec`` for Russia's expected value of a won war,
``W_T = -w_B + q_T (w_B - w_H)`` for Ukraine's and ``A_T = V - q_T (V + C_R)`` for
Russia's expected payoff of a war on track T (``T = N`` for NATO, ``0`` for NEUTRAL)::

    Ukraine \\ Russia  escalate/escalate  escalate/concede  concede/escalate  concede/concede
    NATO              W_N, A_N           W_N, A_N          u_N, -L           u_N, -L
    NEUTRAL           W_0, A_0           u_0, 0            W_0, A_0          u_0, 0

The tree (:func:`tree`, payoffs (Ukraine, Russia))::

    Ukraine: NATO | NEUTRAL                          (information set "Ukraine")
      chance: revisionist (r) | security (1 - r)
        Russia (information set "Russia | <track>", both types):
          concede  -> (u_N, -L) on NATO, (u_0, 0) on NEUTRAL
          escalate -> chance: committed (q_T) -> (-w_H, -C_R)
                              opportunistic (1 - q_T) -> (-w_B, V_type)

:func:`build` is exactly the strategic form of this tree (``tree().to_normal_form()``).
The tree is :mod:`~gametheory.models.ukraine_guarantees`' tree with two changes: Russia's
two type nodes after each track form one information set (the canonical Russia knows
its type and acts on it), and the opportunistic guarantor is no longer a player but
abandons (its choice there for ``c_T > rho_T``). The parameters are the canonical model's
without the guarantors' costs ``c_G``, ``rho``, ``c_N``, ``rho_N``. With ``V_rev = V_sec``
the pooling changes nothing and the subgame-perfect outcome is the canonical model's
(with ``c_G > rho``, ``c_N > rho_N``); otherwise the two differ: here a single threshold
``V / (V + C_R)`` (5/17 at the defaults) replaces the canonical 1/7 and 2/5.

Solution concepts: Nash equilibria of the 2 x 4 game (all extreme ones, by vertex
enumeration, ``gt.solve(game, method="vertex")``), and the tree's subgame-perfect
equilibrium (``gt.solve(tree(), method="spe")``); :func:`analyze` reports both.

Analytic solution
-----------------
*Subgame perfection.* Against track T Russia escalates iff escalating beats conceding:
against NATO iff ``A_N > -L`` (``q_N < (V + L) / (V + C_R)``), against NEUTRAL iff
``A_0 > 0`` (``q < V / (V + C_R)``); write ``e_T`` = 1 when it escalates. Ukraine then
gets ``U_T = e_T W_T + (1 - e_T) u_T`` on track T and takes the better one.

*Nash equilibria.* Ukraine's and Russia's payoffs depend on Russia's strategy only
through ``y_N`` and ``y_0``, its probabilities of escalating against NATO and against
NEUTRAL. Let ``x`` = P(NATO). A profile is a Nash equilibrium iff Russia best-replies on
every track Ukraine chooses with positive probability (on a track chosen with
probability 0 its plan is free) and Ukraine's choice is a best reply to ``(y_N, y_0)``.
Away from ties (``A_N != -L``, ``A_0 != 0``, ``U_N != U_0``) the equilibria are

- ``x = 0`` (NEUTRAL), ``y_0 = e_0``, and any off-path plan ``y_N`` with
  ``u_N - y_N (u_N - W_N) <= U_0``; and
- ``x = 1`` (NATO), ``y_N = e_N``, and any ``y_0`` with ``u_0 - y_0 (u_0 - W_0) <= U_N``,

each a segment of equilibria (possibly a single point; the second set may be empty).
The SPE's track always has one: the SPE is the point of its segment whose off-path plan
is ``e_T``, the best reply in the subgame that is not reached. Every other equilibrium
has an off-path plan that is *not* a best reply in the subgame where it would be used,
so none is subgame perfect: on the SPE's track, a plan against the avoided track that
differs from ``e_T`` (a *promise* to concede, or a *threat* to escalate, that would not
be kept) with the SPE's outcome; on the other track, a threat against the SPE's track
(or a promise) that makes Ukraine avoid it, with a different outcome.

At the defaults ``V = 5/2``, Russia escalates against NATO (``A_N = -129/200 > -3``,
``U_N = W_N = -389/50``) and against NEUTRAL iff ``q < 5/17``. So:

- ``q < 5/17``: SPE (NATO, escalate/escalate), war. Nash equilibria: ``x = 1``,
  ``y_N = 1`` and ``y_0`` in ``[689 / (800 - 300 q), 1]`` (promises to concede against
  neutrality that would not be kept, and are not enough to lure Ukraine).
- ``q > 5/17``: SPE (NEUTRAL, escalate/concede), peace. Nash equilibria: ``x = 0``,
  ``y_0 = 0`` and ``y_N`` in ``[200/889, 1]``; and, for ``q <= 37/100`` only, ``x = 1``,
  ``y_N = 1``, ``y_0`` in ``[689 / (800 - 300 q), 1]``: Russia threatens to escalate
  against a neutral Ukraine, Ukraine goes NATO and gets the war. The threat is empty
  (against a neutral Ukraine Russia would concede), so these are not subgame perfect;
  above ``q = 37/100`` a war on the NEUTRAL track is better for Ukraine than one on the
  NATO track (``W_0 > W_N``), and no threat deters neutrality.
- At ``q = 5/17`` Russia is indifferent against a neutral Ukraine: both (NATO,
  escalate/escalate) and (NEUTRAL, escalate/concede) are subgame perfect, and Ukraine
  may mix once ``y_0 = 11713/12100`` makes it indifferent.

A stronger bilateral commitment therefore never makes NATO more attractive to Ukraine:
``U_0`` never falls as ``q`` rises and ``U_N`` does not depend on it. (The
simultaneous-move variant, in which Russia does not see the track, is
:mod:`gametheory.models.ukraine_simultaneous`; there Ukraine mixes and its NATO
probability rises with ``q``.)

Sources
-------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
49(3), 379-414. Schelling, T. C. (1966). *Arms and Influence*. Yale University Press
(threats that would not be carried out). Selten, R. (1975). Reexamination of the
perfectness concept for equilibrium points in extensive games. *International Journal of
Game Theory* 4, 25-55 (Nash equilibria resting on empty threats off the path).

Examples
--------
>>> from gametheory.models import ukraine_russia_matrix as m
>>> out = m.analyze(q="1/2")
>>> out["spe"]
[{'ukraine_track': 'NEUTRAL', 'escalates': {'NATO': Fraction(1, 1), 'NEUTRAL': Fraction(0, 1)}}]
>>> sorted((e["ukraine_track"], e["escalates"]["NATO"]) for e in out["equilibria"])
[('NEUTRAL', Fraction(200, 889)), ('NEUTRAL', Fraction(1, 1))]
>>> sorted((e["ukraine_track"], e["escalates"]["NEUTRAL"], e["subgame_perfect"])
...        for e in m.analyze(q="1/3")["equilibria"] if e["ukraine_track"] == "NATO")
[('NATO', Fraction(689, 700), False), ('NATO', Fraction(1, 1), False)]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.models import _common
from gametheory.models.ukraine_guarantees import PARAMETERS as _TREE_PARAMETERS

__all__ = ["PARAMETERS", "PLAYERS", "STRATEGIES", "build", "tree", "analyze"]

#: ``name -> (default, domain, meaning)``: the tree's parameters but the guarantors' costs.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str]] = {
    k: v for k, v in _TREE_PARAMETERS.items() if k not in ("c_G", "rho", "c_N", "rho_N")}

PLAYERS = ("Ukraine", "Russia")
TRACKS = ("NATO", "NEUTRAL")
#: Russia's strategies: ``"<against NATO>/<against NEUTRAL>"``.
STRATEGIES = (TRACKS, tuple(f"{a}/{b}" for a in ("escalate", "concede")
                            for b in ("escalate", "concede")))
_NAME = "ukraine_russia_matrix"


def build(**values: Any) -> gt.NormalFormGame:
    """The 2 x 4 strategic form, with the parameters not given left symbolic.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    NormalFormGame
        Ukraine (rows NATO, NEUTRAL) and Russia (columns :data:`STRATEGIES`); the free
        parameters carry their :class:`gametheory.Parameter` metadata.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. In *Contributions
    to the Theory of Games II*, 193-216 (the strategic form of a tree).

    Examples
    --------
    >>> from gametheory.models import ukraine_russia_matrix as m
    >>> m.STRATEGIES[1]
    ('escalate/escalate', 'escalate/concede', 'concede/escalate', 'concede/concede')
    >>> g = m.build(q="1/2", q_N="37/100", r="1/2", V_rev=4, V_sec=1, C_R=6)
    >>> [str(x) for x in g.payoffs[1][1]]      # Russia's payoffs against a neutral Ukraine
    ['-7/4', '0', '-7/4', '0']
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    V = s["r"] * s["V_rev"] + (1 - s["r"]) * s["V_sec"]
    war = {T: (-s["w_B"] + q * (s["w_B"] - s["w_H"]), V - q * (V + s["C_R"]))
           for T, q in zip(TRACKS, (s["q_N"], s["q"]))}
    peace = {"NATO": (s["u_N"], -s["L"]), "NEUTRAL": (s["u_0"], 0)}
    cells = [[war[T] if plan.split("/")[i] == "escalate" else peace[T]
              for plan in STRATEGIES[1]] for i, T in enumerate(TRACKS)]
    g = gt.NormalFormGame.from_arrays([[c[0] for c in row] for row in cells],
                                      [[c[1] for c in row] for row in cells],
                                      players=list(PLAYERS),
                                      strategies=[list(x) for x in STRATEGIES])
    return _common.describe(g, PARAMETERS)


def tree(**values: Any) -> gt.ExtensiveFormGame:
    """The tree whose strategic form :func:`build` is (see the module docstring).

    Returns
    -------
    ExtensiveFormGame
        Players Ukraine and Russia; Russia's information sets ``"Russia | NATO"`` and
        ``"Russia | NEUTRAL"`` each hold both of its types' nodes.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import ukraine_russia_matrix as m
    >>> defaults = {k: default for k, (default, _, _) in m.PARAMETERS.items()}
    >>> sol = gt.solve(m.tree(**defaults), method="spe", exact=True)
    >>> sol.equilibria[0].behavior["Ukraine"]
    {'NATO': Fraction(0, 1), 'NEUTRAL': Fraction(1, 1)}
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    g = gt.ExtensiveFormGame(list(PLAYERS), title="Ukraine: NATO or neutrality, Russia "
                                                  "sees the track")
    commit = {"NATO": s["q_N"], "NEUTRAL": s["q"]}
    peace = {"NATO": (s["u_N"], -s["L"]), "NEUTRAL": (s["u_0"], 0)}
    for track, t_node in zip(TRACKS, g.root.decide("Ukraine", list(TRACKS), infoset="Ukraine")):
        types = t_node.chance({"revisionist": s["r"], "security": 1 - s["r"]})
        for V, r_node in zip((s["V_rev"], s["V_sec"]), types):
            esc, con = r_node.decide("Russia", ["escalate", "concede"],
                                     infoset=f"Russia | {track}")
            con.payoffs(*peace[track])
            committed, opportunistic = esc.chance({"committed": commit[track],
                                                   "opportunistic": 1 - commit[track]})
            committed.payoffs(-s["w_H"], -s["C_R"])
            opportunistic.payoffs(-s["w_B"], V)
    return _common.describe(g, PARAMETERS)


def analyze(**values: Any) -> dict[str, Any]:
    """All extreme Nash equilibria of the 2 x 4 game and the tree's SPE, exactly.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS` (the others at their defaults).

    Returns
    -------
    dict
        ``"equilibria"``: the extreme Nash equilibria found by ``gt.solve(method="vertex",
        exact=True)``, each ``{"strategies": {player: {strategy: probability}},
        "payoffs": {player: payoff}, "ukraine_track"`` (``"NATO"``, ``"NEUTRAL"`` or
        ``"mixed"``), ``"escalates"`` (``{track: probability}``, Russia's plan against
        each track), ``"subgame_perfect"`` (Russia's plan is a best reply against both
        tracks) ``}``; ``"spe"``: the tree's pure subgame-perfect equilibria by backward
        induction (``gt.solve(tree(...), method="spe")``), each ``{"ukraine_track",
        "escalates"}``; ``"continuum"``: whether the extreme equilibria bound a
        continuum; ``"num_equilibria"``, ``"parameters"``, ``"complete"``.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42, 9-37.

    Examples
    --------
    >>> from gametheory.models import ukraine_russia_matrix as m
    >>> out = m.analyze(q="1/5")
    >>> out["spe"][0]["ukraine_track"], out["continuum"]
    ('NATO', True)
    """
    p = _common.fractions(_NAME, PARAMETERS, values)
    game = build(**p)
    sol = gt.solve(game, method="vertex", exact=True)
    # Russia's payoff of escalating minus conceding against each track
    gain = {T: Fraction(game.payoffs[1][i, 0] - game.payoffs[1][i, 3])
            for i, T in enumerate(TRACKS)}
    eqs = [_summary(eq, gain) for eq in sol.equilibria]
    spe = gt.solve(tree(**p), method="spe", exact=True)
    return {"equilibria": eqs, "num_equilibria": len(eqs),
            "spe": [{"ukraine_track": "NATO" if e.behavior["Ukraine"]["NATO"] == 1 else
                     "NEUTRAL",
                     "escalates": {T: Fraction(e.behavior[f"Russia | {T}"]["escalate"])
                                   for T in TRACKS}} for e in spe.equilibria],
            "continuum": any(len(c.equilibria) > 1 for c in sol.components),
            "parameters": p, "complete": sol.complete}


def _summary(eq: Any, gain: dict[str, Fraction]) -> dict[str, Any]:
    x, y = ([Fraction(v) for v in s] for s in eq.strategies)
    esc = {T: sum((pr for pr, label in zip(y, STRATEGIES[1])
                   if label.split("/")[i] == "escalate"), Fraction(0))
           for i, T in enumerate(TRACKS)}
    best = all(esc[T] == (1 if gain[T] > 0 else 0) or gain[T] == 0 for T in TRACKS)
    return {"strategies": {pl: dict(zip(labels, s))
                           for pl, labels, s in zip(PLAYERS, STRATEGIES, (x, y))},
            "payoffs": {pl: Fraction(v) for pl, v in zip(PLAYERS, eq.payoffs)},
            "ukraine_track": "NATO" if x[0] == 1 else "NEUTRAL" if x[0] == 0 else "mixed",
            "escalates": esc, "subgame_perfect": best}
