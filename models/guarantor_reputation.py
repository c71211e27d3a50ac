"""A guarantor's reputation: honouring a guarantee in a repeated game, and what one
abandonment (the Budapest Memorandum precedent) does to the challengers' belief in its
resolve.

The story
---------
A long-lived guarantor (the US and the UK in 1994, the guarantors of a neutral Ukraine
now) stands behind a guaranteed state. In every period a challenger either refrains
(``"refrain"``) or challenges (``"challenge"``: presses on the guaranteed state); a
challenged guarantor honours (``"honour"``: fights, at cost ``c``) or abandons
(``"abandon"``: does not). Honouring is never
worth it in one period; the question is whether the future makes it worth it: in a
repeated game with complete information (part 1), because an abandonment triggers
challenges for ever; with incomplete information about the guarantor's resolve (part 2,
Kreps & Wilson 1982), because an abandonment tells the challengers the guarantor is not
resolute.

*The stage.* Payoffs are (Challenger, Guarantor)::

    Challenger: refrain   -> (0, v)                         (information set "Challenger")
                challenge -> Guarantor: honour  -> (-k, -c)  (information set "Guarantor")
                                        abandon -> (g, 0)

``v`` is what the guaranteed state left alone is worth to the guarantor per period,
relative to a challenge it abandons; ``c`` its cost of fighting; ``g`` the challenger's
gain from an abandoned challenge and ``k`` its loss from a fought one. :func:`build`
returns this tree (the game the command line solves).

*Which challenger.* The package's :class:`gametheory.RepeatedGame` repeats a
simultaneous-move stage between long-run players, so in part 1 the challenger is one
long-run player (Russia is one long-lived state, which is also the realistic reading);
part 1a says what changes with successive one-period challengers instead (nothing under
the optimal code; grim trigger loses its upper bound). Part 2 has N successive
challengers, each playing
once, as in the chain store (Selten 1978; Kreps & Wilson 1982), where reputation is
built against a sequence of short-run challengers (several states probing, or one state's
successive crises, each judged on its own).

*Part 1: the policy stage that is repeated.* A sequential stage does not fit the
package's repeated games, which repeat a normal form and observe every player's action
every period. The repeated stage is therefore a *policy stage* (:func:`policy_stage`):
the challenger refrains or challenges and, simultaneously, the guarantor keeps the
guarantee as a standing policy, ``"honour"`` (fight if challenged), at an upkeep cost
``m`` per period (forces stationed, aid delivered, the tension with the challenger that a
standing commitment brings), or lets it lapse, ``"abandon"``. Both policies are seen
every period, challenged or not. Payoffs (Challenger, Guarantor)::

                    honour            abandon
    refrain        (0, v - m)         (0, v)
    challenge      (-k, -c - m)       (g, 0)

With ``m = 0`` this is the strategic form of the sequential stage. :func:`repeated`
returns ``gt.RepeatedGame(policy_stage(...), discount=delta)``, delta symbolic unless
given. The path studied is ``PATH = ("refrain", "honour")``.

Assumptions
-----------
Perfect monitoring; the stage payoffs are common knowledge in part 1; payoffs are the
normalised discounted sums of the package, ``(1 - delta) sum_t delta**t u_t``. Part 2 is
the finite, undiscounted chain store of :mod:`gametheory.models.chain_store` (N
challengers, the guarantor summing its stage payoffs). The closed forms and the solvers
need the parameters they use among ``v``, ``c``, ``g``, ``k`` positive (``m >= 0``;
GameError otherwise); :func:`build` and :func:`policy_stage` accept the closed domains
of :data:`PARAMETERS`. The defaults (``v = 2``, ``c = 1``, ``m = 1/4``, ``g = k = 1``,
``delta = 9/10``, ``mu = 1/10``) are illustrative, not estimates.

Analytic solution
-----------------
*One period.* A challenged guarantor abandons (0 > -c for ``c > 0``), so the challenger
challenges (``g > 0``): the unique subgame-perfect equilibrium is (challenge, abandon),
worth ``(g, 0)``. Honouring is a threat the guarantor would not carry out.

*Part 1a, the policy stage repeated* (``v, g, k > 0``). For ``m > 0`` honouring is
strictly dominated in the stage (``v - m < v``, ``-c - m < 0``), so the unique stage
equilibrium is (challenge, abandon), worth 0 to the guarantor. On the path the guarantor
gains ``m`` today by letting the guarantee lapse. Punished by reversion to the stage
equilibrium for ever, it complies iff ``(1 - delta)(v - m) + delta (v - m) >=
(1 - delta) v + delta * 0``, i.e.

    ``delta >= m / v``  (:func:`critical_discount`).

The reversion holds the guarantor to its minmax payoff 0 (a challenger that challenges
leaves it ``max(-c - m, 0) = 0``), so no subgame-perfect equilibrium sustains the path
for smaller delta (the minmax bound, Abreu 1988): ``m / v`` is the optimal threshold,
and ``rep.critical_discount(PATH, "optimal")`` finds it with ``exact`` True. The
challenger's side: on the path it gets 0, a challenge against an honouring guarantor
gets ``-k < 0``. The code the package finds optimal answers a challenger's challenge by
one period of the path itself (a "stick" equal to the path, i.e. the fought challenge is
its own punishment), so the challenger's constraints are its stage best responses, and
``m / v`` is the threshold for successive one-period challengers as well. Not so with
grim trigger for both players (``punishment="grim"``): Nash reversion after a challenge
pays a long-run challenger ``g`` for ever, more than the path's 0, and it challenges
once to trigger it iff ``(1 - delta)(-k) + delta g > 0``, i.e. ``delta > k / (g + k)``.
Grim trigger sustains the path exactly on ``[m / v, k / (g + k)]`` (empty when
``m / v > k / (g + k)``), an interval ending below 1 (:func:`grim_interval`); for
one-period challengers this constraint does not exist. A finite punishment: after a lapse,
one period of (challenge, abandon), then back to the path (``punishment="stick"``, a
challenge answered as above). The lapse is worth ``(1 - delta) v + delta**2 (v - m)``
against ``v - m`` on the path, so it is deterred iff ``(v - m)(1 + delta) >= v``, i.e.

    ``delta >= m / (v - m)``  (:func:`stick_critical_discount`; below 1 iff ``m < v / 2``),

above ``m / v`` for ``m > 0``: a shorter punishment needs more patience. With ``m = 0``
the path is itself a (weak) stage equilibrium: the guarantor's plan to honour costs
nothing unless a challenge comes, and grim trigger and the optimal code sustain the path
at every delta.

*Part 1b, the sequential stage repeated* (:func:`sequential_critical_discount`). Now the
guarantor's resolve is seen only when it is challenged. Profile: in "trust" every
challenger refrains and a challenged guarantor honours (trust continues after an
honoured challenge); after an abandonment, "punishment" for ever: every challenger
challenges and the guarantor abandons. One-shot deviations (the principle holds on the
repeated tree): a challenger in trust loses ``k`` by challenging, in punishment loses
``g`` by refraining (the continuation does not depend on its move, so long-run and
one-period challengers agree); the guarantor in punishment abandons (honouring costs
``c`` and changes nothing); the guarantor challenged in trust honours iff
``(1 - delta)(-c) + delta v >= (1 - delta) * 0 + delta * 0``, i.e.

    ``delta >= c / (c + v)``.

This is the incentive constraint off the path, at the node the strategic form hides: the
repeated strategic form (``m = 0``) sustains the path at every delta because the
guarantor's plan to honour is never put to the test there, which is the non-credible
threat subgame perfection on the tree rules out. :func:`sequential_check` is the exact
one-shot deviation check on the repeated tree, with the phase values from the package's
:class:`gametheory.repeated.Automaton`. Part 1a's constraint ``delta v >= m`` becomes
``delta (v + c) >= c``: a guarantee whose lapse is seen without a challenge (``m / v``)
is easier to keep than one tested only by a challenge (``c / (c + v)``) iff
``m < c v / (c + v)``. At the defaults ``m / v = 1/8``, ``m / (v - m) = 1/7``,
``c / (c + v) = 1/3`` and ``k / (g + k) = 1/2``: at ``delta = 9/10`` the optimal and
the one-period codes and the trust profile on the tree sustain honouring; grim trigger
with a long-run challenger does not (``9/10 > 1/2``).

*Part 2, reputation* (Kreps & Wilson 1982; Milgrom & Roberts 1982). The stage tree is
the chain-store stage after a positive affine change of each player's payoffs (which
changes no equilibrium): the guarantor's payoffs divided by ``c`` and the challenger's
by ``g + k`` give the chain store's (out ``a``, accommodate 0, fight -1; out 0,
accommodated ``b``, fought ``b - 1``) with

    ``a = v / c``,  ``b = g / (g + k)``,  ``delta_chain_store = mu``

(:func:`chain_store_parameters`): honour = fight, abandon = accommodate, refrain = out.
The chain store's tough type, whose stage payoffs are out ``a``, fight 0, accommodate -1,
is a *resolute* guarantor (prior ``mu``): in guarantor units it loses ``c`` more by
abandoning than by honouring (a ratified obligation, audience costs). Kreps and
Wilson's equilibrium (:func:`gametheory.models.chain_store.kreps_wilson`, needs
``a > 1``, i.e. ``v > c``, and ``0 < b < 1``), with ``n`` challenges left and belief
``p`` that the guarantor is resolute: the challenger refrains iff ``p > b**n``; a weak
guarantor abandons in the last period and before it (for ``0 < p < 1``) honours for sure
if ``p >= b**(n - 1)``, otherwise with the probability that brings the belief after an
honour to ``b**(n - 1)``; an abandonment reveals a weak guarantor, the belief drops to 0
and every later challenger challenges (:func:`posterior`). On the path without
challenges the belief stays at ``mu``, so the periods deterred at the start are those
with ``mu > b**n``: ``#{n in 1..N : mu > b**n}`` (:func:`deterred_periods`); at the
defaults (``b = 1/2``, ``mu = 1/10``, ``N = 5``) two (``1/32`` and ``1/16`` are below
``1/10``, ``1/8`` is not).

*The Budapest reading.* Read 2014 as an observed abandonment by the guarantors of
1994: in this equilibrium it is fully revealing (only a weak guarantor abandons), the
belief becomes 0 and reputation deters no challenger after it
(``deterred_periods(N, mu=0) == 0``). In the model a new guarantee by the same
guarantors deters by reputation only if something raises the challengers' prior again
(``mu > b**n``: e.g. a ratified treaty or a tripwire force that makes honouring pay), not
by being announced. Caveats: the Memorandum gave assurances (to respect Ukraine's
borders, refrain from force, seek Security Council action), not an obligation to
defend, and Russia, the challenger, was itself a signatory; reading 2014 as "abandon"
takes the Memorandum as a guarantee in the model's sense, as its critics did. A
guarantor that sometimes abandons even when resolute (so that one abandonment only
lowers the belief) is not modelled.

Sources
-------
Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.
Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
Economic Theory* 27(2), 253-279. Milgrom, P. & Roberts, J. (1982). Predation,
reputation, and entry deterrence. *Journal of Economic Theory* 27(2), 280-312.
Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of
Economic Studies* 38, 1-12. Abreu, D. (1986). Extremal equilibria of oligopolistic
supergames. *Journal of Economic Theory* 39, 191-225. Abreu, D. (1988). On the theory
of infinitely repeated games with discounting. *Econometrica* 56, 383-396. Fudenberg,
D., Kreps, D. M. & Maskin, E. (1990). Repeated games with long-run and short-run
players. *Review of Economic Studies* 57(4), 555-573. Mailath, G. J. & Samuelson, L.
(2006). *Repeated Games and Reputations*. Oxford University Press, ch. 2. Memorandum on
Security Assurances in connection with Ukraine's accession to the Treaty on the
Non-Proliferation of Nuclear Weapons, Budapest, 5 December 1994 (UN document A/49/765,
S/1994/1399).

Examples
--------
>>> import gametheory as gt
>>> from gametheory.models import guarantor_reputation as m
>>> m.critical_discount(), m.sequential_critical_discount(), m.grim_interval()
(m/v, c/(c + v), (m/v, k/(g + k)))
>>> m.critical_discount(m="1/4", v=2), m.sequential_critical_discount(c=1, v=2)
(Fraction(1, 8), Fraction(1, 3))
>>> rep = m.repeated(v=2, c=1, m="1/4", g=1, k=1)
>>> rep.critical_discount(m.PATH, "optimal").value
Fraction(1, 8)
>>> [str(c.value) for c in gt.critical_values(rep, "delta", method="grim")]
['1/8', '1/2']
>>> m.chain_store_parameters()
{'a': Fraction(2, 1), 'b': Fraction(1, 2), 'delta': Fraction(1, 10)}
>>> m.posterior("abandon", 3), m.posterior("honour", 3), m.deterred_periods(5)
(Fraction(0, 1), Fraction(1, 4), 2)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common
from gametheory.models import chain_store as _chain
from gametheory.repeated import Automaton, Phase

__all__ = ["PARAMETERS", "PLAYERS", "STRATEGIES", "PATH", "STICKS", "build",
           "policy_stage", "repeated", "analyze", "critical_discount", "grim_interval",
           "stick_critical_discount", "sequential_critical_discount", "sequential_check",
           "chain_store_parameters", "posterior", "deterred_periods", "reputation"]

_INF = float("inf")
_NONNEG = (0, _INF)
_NAME = "guarantor_reputation"

#: ``name -> (default, domain, meaning, LaTeX name)`` for every parameter.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str, str]] = {
    "v": (2, _NONNEG, "guarantor's value per period of the guaranteed state left "
                      "unchallenged, relative to a challenge it abandons", "v"),
    "c": (1, _NONNEG, "guarantor's cost of honouring a challenge (fighting), relative to "
                      "abandoning it", "c"),
    "m": (Fraction(1, 4), _NONNEG, "guarantor's upkeep per period of the guarantee as a "
                                   "standing policy (policy stage only)", "m"),
    "g": (1, _NONNEG, "challenger's gain from a challenge the guarantor abandons", "g"),
    "k": (1, _NONNEG, "challenger's loss from a challenge the guarantor honours", "k"),
    "delta": (Fraction(9, 10), (0, 1), "discount factor of the repeated game (part 1)",
              r"\delta"),
    "mu": (Fraction(1, 10), (0, 1), "challengers' prior that the guarantor is resolute "
                                    "(part 2)", r"\mu_0"),
}

PLAYERS = ("Challenger", "Guarantor")
STRATEGIES = (("refrain", "challenge"), ("honour", "abandon"))
#: The repeated game's path: challengers refrain, the guarantor keeps the guarantee.
PATH = ("refrain", "honour")

_STAGE = ("v", "c", "g", "k")


def build(**values: Any) -> gt.ExtensiveFormGame:
    """The sequential stage (challenge, then honour or abandon), parameters not given
    left symbolic.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS` (``m``, ``delta`` and ``mu`` do not
        enter the tree); GameError for an unknown name or a value out of its domain.

    Returns
    -------
    ExtensiveFormGame
        Five nodes, perfect information, information sets ``"Challenger"`` and
        ``"Guarantor"``.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> g = m.build(g=1, k=1)
    >>> g.num_nodes, [p.name for p in g.parameters]
    (5, ['c', 'v'])
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    g = gt.ExtensiveFormGame(list(PLAYERS), title="guarantor's stage: challenge, then "
                                                  "honour or abandon")
    refrain, challenge = g.root.decide("Challenger", list(STRATEGIES[0]),
                                       infoset="Challenger")
    refrain.payoffs(0, s["v"])
    honour, abandon = challenge.decide("Guarantor", list(STRATEGIES[1]), infoset="Guarantor")
    honour.payoffs(-s["k"], -s["c"])
    abandon.payoffs(s["g"], 0)
    return _common.describe(g, PARAMETERS)


def policy_stage(**values: Any) -> gt.NormalFormGame:
    """The policy stage (module docstring): the 2 x 2 normal form that :func:`repeated`
    repeats, parameters not given left symbolic (``delta`` and ``mu`` do not enter).

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> st = m.policy_stage(v=2, c=1, m="1/4", g=1, k=1)
    >>> st.players, st.strategies
    (('Challenger', 'Guarantor'), (('refrain', 'challenge'), ('honour', 'abandon')))
    >>> [str(x) for x in st.payoffs[1].flat]
    ['7/4', '2', '-5/4', '0']
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    v, c, m, g, k = (s[n] for n in ("v", "c", "m", "g", "k"))
    st = gt.NormalFormGame.from_arrays([[0, 0], [-k, g]], [[v - m, v], [-c - m, 0]],
                                       players=list(PLAYERS),
                                       strategies=[list(x) for x in STRATEGIES])
    return _common.describe(st, PARAMETERS)


def repeated(**values: Any) -> gt.RepeatedGame:
    """``gt.RepeatedGame(policy_stage(...), discount=delta)``: the discount factor is
    the given ``delta``, else the symbol ``delta`` (for ``gt.critical_values(rep,
    "delta")``); stage parameters not given stay symbolic.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.repeated(v=2, c=1, m=1, g=1, k=1, delta="1/2")
    <RepeatedGame of a 2 x 2 stage game, discount 1/2>
    """
    stage = policy_stage(**{n: x for n, x in values.items() if n not in ("delta", "mu")})
    for name in ("delta", "mu"):
        if name in values:
            _common.checked(PARAMETERS, name, values[name])
    return gt.RepeatedGame(stage, discount=values.get("delta", "delta"))


# ------------------------------------------------------------------ closed forms
def _exact(x: Any) -> Any:
    """A Fraction for a rational sympy number, the expression otherwise."""
    return Fraction(int(x.p), int(x.q)) if x.is_Rational else x


def _formula_inputs(what: str, values: dict, used: tuple, positive: tuple) -> dict:
    """``{name: sympy value or Symbol}`` for ``used``; GameError for a name not used or a
    given value of ``positive`` that is not positive."""
    import sympy

    _common.check_names(_NAME, PARAMETERS, values)
    unused = sorted(set(values) - set(used))
    if unused:
        raise GameError(f"{what} depends on {', '.join(used)} only; got {unused[0]!r}")
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    # trusted: strict sympify, text raises; values checked by _common, strings parsed
    # trusted: strict sympify of values _common has parsed already; text raises
    x = {n: sympy.sympify(s[n], strict=True) for n in used}
    for n in positive:
        if x[n].is_number and not x[n] > 0:
            raise GameError(f"{what} needs {n} > 0; got {n} = {x[n]}")
    return x


def critical_discount(**values: Any) -> Any:
    """The optimal critical discount factor ``m / v`` of :data:`PATH` in the repeated
    policy stage (module docstring): the path is a subgame-perfect equilibrium path iff
    ``delta >= m / v``.

    Parameters not given stay symbolic (the expression holds for ``0 <= m < v``); with
    ``m`` and ``v`` given, a Fraction, or None when ``m >= v`` (no delta < 1 sustains
    the path). GameError unless ``v > 0``.

    References
    ----------
    Abreu, D. (1988). On the theory of infinitely repeated games with discounting.
    *Econometrica* 56, 383-396.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.critical_discount(m="1/2", v=2), m.critical_discount(m=3, v=2)
    (Fraction(1, 4), None)
    >>> m.critical_discount(v=4)
    m/4
    """
    x = _formula_inputs("critical_discount", values, ("m", "v"), ("v",))
    t = x["m"] / x["v"]
    if t.is_number:
        return _exact(t) if t < 1 else None
    return t


def grim_interval(**values: Any) -> Any:
    """The discount factors at which grim trigger for both players (reversion to the
    stage equilibrium after anyone's deviation) sustains :data:`PATH` with a long-run
    challenger: ``(m / v, k / (g + k))`` for ``m > 0``, ``(0, 1)`` for ``m = 0`` (the
    path is a stage equilibrium then); None when empty (``m / v > k / (g + k)``).

    Parameters not given stay symbolic (the pair of expressions, valid for ``m > 0``
    and ``m / v <= k / (g + k)``). GameError unless ``v``, ``g`` and ``k`` are positive.

    References
    ----------
    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of
    Economic Studies* 38, 1-12.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.grim_interval(m=1, v=4, g=1, k=3)
    (Fraction(1, 4), Fraction(3, 4))
    >>> m.grim_interval(m=0), m.grim_interval(m=1, v=1, g=1, k=1) is None
    ((Fraction(0, 1), Fraction(1, 1)), True)
    """
    x = _formula_inputs("grim_interval", values, ("m", "v", "g", "k"), ("v", "g", "k"))
    lo, hi = x["m"] / x["v"], x["k"] / (x["g"] + x["k"])
    if x["m"].is_number and x["m"] == 0:
        return Fraction(0), Fraction(1)
    if lo.is_number and hi.is_number:
        return (_exact(lo), _exact(hi)) if lo <= hi else None
    return lo, hi


def stick_critical_discount(**values: Any) -> Any:
    """``m / (v - m)``: the critical discount factor of :data:`PATH` when a lapse is
    punished by one period of (challenge, abandon) and a return to the path, and a
    challenge by one period of the path (``punishment="stick"``; module docstring).

    Parameters not given stay symbolic (the expression holds for ``0 <= m < v / 2``);
    with ``m`` and ``v`` given, a Fraction, or None when ``m >= v / 2``. GameError
    unless ``v > 0``.

    References
    ----------
    Abreu, D. (1986). Extremal equilibria of oligopolistic supergames. *Journal of
    Economic Theory* 39, 191-225.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.stick_critical_discount(m="1/4", v=2), m.stick_critical_discount(m=1, v=2)
    (Fraction(1, 7), None)
    """
    x = _formula_inputs("stick_critical_discount", values, ("m", "v"), ("v",))
    if x["m"].is_number and x["v"].is_number:
        return _exact(x["m"] / (x["v"] - x["m"])) if 2 * x["m"] < x["v"] else None
    return x["m"] / (x["v"] - x["m"])


#: The one-period punishments of :func:`stick_critical_discount`, for
#: ``rep.critical_discount(PATH, "stick", sticks=STICKS)``.
STICKS = {"Challenger": PATH, "Guarantor": ("challenge", "abandon")}


def sequential_critical_discount(**values: Any) -> Any:
    """``c / (c + v)``: the critical discount factor of trust (challengers refrain, a
    challenged guarantor honours) in the repeated *sequential* stage, with an
    abandonment punished by challenges for ever (module docstring, part 1b).

    Parameters not given stay symbolic; GameError unless ``c > 0`` and ``v > 0``.

    References
    ----------
    Fudenberg, D., Kreps, D. M. & Maskin, E. (1990). Repeated games with long-run and
    short-run players. *Review of Economic Studies* 57(4), 555-573.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.sequential_critical_discount(c=1, v=3)
    Fraction(1, 4)
    """
    x = _formula_inputs("sequential_critical_discount", values, ("c", "v"), ("c", "v"))
    return _exact(x["c"] / (x["c"] + x["v"]))


# ------------------------------------------------------------------ part 1b: the tree
#: The trust profile on the repeated tree, by phase: the challenger's move, the
#: guarantor's response to a challenge, and the phase after each response.
_TRUST = {"trust": ("refrain", "honour", {"honour": 0, "abandon": 1}),
          "punishment": ("challenge", "abandon", {"honour": 1, "abandon": 1})}


def _numbers(what: str, values: dict) -> dict[str, Fraction]:
    """Every parameter as a Fraction (defaults otherwise), ``v``, ``g``, ``k`` and
    ``c`` checked positive."""
    p = _common.fractions(_NAME, PARAMETERS, values)
    for n in _STAGE:
        if not p[n] > 0:
            raise GameError(f"{what} needs {n} > 0; got {n} = {p[n]}")
    return p


def sequential_check(**values: Any) -> dict[str, Any]:
    """The exact one-shot deviation check of the trust profile on the repeated
    sequential stage at ``delta`` (module docstring, part 1b).

    Phase values come from :class:`gametheory.repeated.Automaton` on the stage's strategic
    form (``m = 0``): phase "trust" plays (refrain, honour), "punishment" (challenge,
    abandon) for ever. Then every one-shot deviation is priced: the challenger's other
    move in each phase (the guarantor answering as the phase says), and the guarantor's
    other response after a challenge in each phase, each followed by the phase the
    profile prescribes after it.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS` (defaults otherwise; ``m`` and ``mu``
        are not used). GameError unless ``v``, ``c``, ``g``, ``k`` are positive.

    Returns
    -------
    dict
        ``"subgame_perfect"`` (no profitable one-shot deviation), ``"deviations"``
        (``[(phase, player, action, gain)]`` for the profitable ones, normalised
        payoffs), ``"slack"`` (the smallest loss from a one-shot deviation, negative when
        one pays) and ``"values"`` (``{phase: (Challenger, Guarantor)}``).

    References
    ----------
    Mailath, G. J. & Samuelson, L. (2006). *Repeated Games and Reputations*. Oxford
    University Press, ch. 2 (the one-shot deviation principle).

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.sequential_check(delta="1/3")["subgame_perfect"]      # c / (c + v) = 1/3
    True
    >>> m.sequential_check(delta="1/4")["deviations"]
    [('trust', 'Guarantor', 'abandon', Fraction(1, 4))]
    """
    p = _numbers("sequential_check", values)
    d = p["delta"]
    if not 0 < d < 1:
        raise GameError(f"the discount factor must lie in (0, 1); got {d}")
    U = repeated(**{**{n: p[n] for n in _STAGE}, "m": 0}).payoff_array()
    ch, gu = STRATEGIES
    phases = tuple(Phase(name, (ch.index(a), gu.index(r)), nxt[r], (None, None))
                   for name, (a, r, nxt) in _TRUST.items())
    V = Automaton(phases, U, PLAYERS, STRATEGIES).values(d)
    order = list(_TRUST)

    def worth(i: int, phase: str, move: str, response: str) -> Fraction:
        after = order.index(phase) if move == "refrain" else _TRUST[phase][2][response]
        return (1 - d) * U[i, ch.index(move), gu.index(response)] + d * V[after][i]

    deviations, slack = [], None
    for phase, (move, response, _) in _TRUST.items():
        move2 = next(x for x in ch if x != move)
        response2 = next(x for x in gu if x != response)
        for i, other, keep, dev in (
                (0, move2, worth(0, phase, move, response), worth(0, phase, move2, response)),
                (1, response2, worth(1, phase, "challenge", response),
                 worth(1, phase, "challenge", response2))):
            loss = keep - dev
            slack = loss if slack is None else min(slack, loss)
            if loss < 0:
                deviations.append((phase, PLAYERS[i], other, -loss))
    return {"subgame_perfect": not deviations, "deviations": deviations, "slack": slack,
            "values": {name: tuple(V[j]) for j, name in enumerate(order)}}


# ------------------------------------------------------------------ part 2: reputation
def chain_store_parameters(**values: Any) -> dict[str, Fraction]:
    """The chain store's ``a = v / c``, ``b = g / (g + k)`` and prior ``delta = mu`` of
    this model's parameters (module docstring, part 2); defaults for those not given.

    GameError unless ``c > 0`` and ``g + k > 0``.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.chain_store_parameters(v=3, c=2, g=1, k=3, mu="1/5")
    {'a': Fraction(3, 2), 'b': Fraction(1, 4), 'delta': Fraction(1, 5)}
    """
    p = _common.fractions(_NAME, PARAMETERS, values)
    if not p["c"] > 0 or not p["g"] + p["k"] > 0:
        raise GameError("the chain-store mapping needs c > 0 and g + k > 0")
    return {"a": p["v"] / p["c"], "b": p["g"] / (p["g"] + p["k"]), "delta": p["mu"]}


def _kw(n: int, values: dict) -> dict[str, Any]:
    """``chain_store.kreps_wilson`` at ``n`` challenges left and belief ``mu``, in this
    model's parameters."""
    cs = chain_store_parameters(**values)
    return _chain.kreps_wilson(n, cs["delta"], a=cs["a"], b=cs["b"])


def posterior(observed: str, n: int, p: Any = None, **values: Any) -> Fraction:
    """The challengers' belief that the guarantor is resolute after ``observed`` at a
    period with ``n`` challenges left (this one included), from belief ``p`` (default
    ``mu``), in Kreps and Wilson's equilibrium
    (:func:`gametheory.models.chain_store.kreps_wilson`).

    ``"abandon"``: 0 (only a weak guarantor abandons; 1 if ``p = 1``). ``"honour"``:
    ``max(p, b**(n - 1))`` for ``0 < p < 1`` and ``n >= 2``, the belief at which the
    next challenger is indifferent (1 at the last period, where only a resolute
    guarantor honours). ``"refrain"``: ``p`` (nobody's type moves). GameError unless
    ``v > c``, ``g > 0`` and ``k > 0`` (``a > 1``, ``0 < b < 1``), or when both ``p``
    and ``mu`` are given.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.posterior("honour", 4, "1/20"), m.posterior("abandon", 4, "1/2")
    (Fraction(1, 8), Fraction(0, 1))
    """
    if p is not None:
        if "mu" in values:
            raise GameError("give the belief as p or as mu, not both")
        values = {**values, "mu": p}
    kw = _kw(n, values)
    if observed == "honour":
        return kw["belief_after_fight"]
    if observed == "abandon":
        return kw["belief_after_accommodation"]
    if observed == "refrain":
        return chain_store_parameters(**values)["delta"]
    raise GameError(f"observed must be 'honour', 'abandon' or 'refrain'; got {observed!r}")


def deterred_periods(N: int, **values: Any) -> int:
    """How many periods at the start reputation deters for sure: the challengers of
    periods 1, 2, ... refrain (entry probability 0 in
    :func:`gametheory.models.chain_store.kreps_wilson`, the belief staying at ``mu``
    while nobody challenges) until the first period whose challenger may challenge.

    Equals ``#{n in 1..N : mu > b**n}`` (module docstring). At ``mu = b**n`` that
    challenger is indifferent and Kreps and Wilson's equilibrium has it challenge with
    probability ``1 - 1/a``; it is not counted. GameError unless ``v > c``, ``g > 0``
    and ``k > 0``.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> m.deterred_periods(5), m.deterred_periods(5, mu=0), m.deterred_periods(5, mu=1)
    (2, 0, 5)
    """
    _common.count(N, "N", "the number of challengers")
    count = 0
    for n in range(N, 0, -1):
        if _kw(n, values)["enters"] != 0:
            break
        count += 1
    return count


def reputation(N: int = 5, **values: Any) -> dict[str, Any]:
    """``chain_store.analyze(N, reputation=True, ...)`` at :func:`chain_store_parameters`:
    the reputation game with N challengers solved on its tree (N = 1 by backward
    induction, N >= 2 Kreps and Wilson's assessment checked by
    :func:`gametheory.check_assessment`).

    The keys are chain_store's: ``"Incumbent"`` is the guarantor, ``"Entrant k"`` the
    k-th challenger, ``"fight"`` honour, ``"accommodate"`` abandon, ``"out"`` refrain,
    ``"tough"`` resolute; payoffs are in chain-store units (the guarantor's divided by
    ``c``, the challengers' by ``g + k``).

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> out = m.reputation(3, mu="1/10")
    >>> out["enters"], out["fights"]["weak"]
    (Fraction(1, 1), Fraction(1, 3))
    """
    cs = chain_store_parameters(**values)
    return _chain.analyze(N, reputation=True, **cs)


# ------------------------------------------------------------------ analyze
def _one_shot(eq: Any) -> dict[str, Any]:
    b = _common.exact_behavior(eq)
    return {"challenges": b["Challenger"]["challenge"], "honours": b["Guarantor"]["honour"],
            "payoffs": {pl: Fraction(x) for pl, x in zip(PLAYERS, eq.payoffs)}}


def analyze(N: int = 5, **values: Any) -> dict[str, Any]:
    """Solve the model with the package's solvers (exact).

    One period: ``gt.solve(build(...), method="spe", exact=True)``, every pure SPE.
    Part 1a: ``rep.critical_discount(PATH, ...)`` on :func:`repeated` with
    ``"optimal"``, ``"grim"`` and ``"stick"`` (:data:`STICKS`), and
    ``rep.is_subgame_perfect(PATH, "optimal", discount=delta)`` (the exact one-shot
    deviation check). Part 1b: :func:`sequential_check` at
    ``delta``. Part 2 (when ``v > c``): :func:`reputation` and :func:`deterred_periods`
    with ``N`` challengers.

    Parameters
    ----------
    N : int
        Number of challengers in part 2 (1 to ``chain_store.MAX_N``).
    **values
        Values of parameters in :data:`PARAMETERS` (defaults otherwise); GameError
        unless ``v``, ``c``, ``g``, ``k`` are positive.

    Returns
    -------
    dict
        The one-period SPE's ``"challenges"``, ``"honours"``, ``"payoffs"`` at the top
        level, with ``"equilibria"``, ``"num_equilibria"``, ``"tie"``, ``"complete"``,
        ``"note"``; then ``"critical_discount"`` (optimal, None if not sustainable),
        ``"optimal_exact"`` (it equals the minmax bound), ``"grim_sustained"`` (the
        intervals grim trigger sustains), ``"stick_critical_discount"`` (one-period
        punishments :data:`STICKS`, None if not sustainable), ``"sustained"`` (PATH is
        a subgame-perfect path at ``delta``), ``"sequential_subgame_perfect"`` (the
        trust profile on the tree at ``delta``), ``"reputation"`` (chain_store's
        summary, None unless ``v > c``), ``"deterred_periods"`` (None unless
        ``v > c``), ``"parameters"`` and ``"N"``.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

    Examples
    --------
    >>> from gametheory.models import guarantor_reputation as m
    >>> out = m.analyze()
    >>> out["challenges"], out["honours"], out["critical_discount"], out["sustained"]
    (Fraction(1, 1), Fraction(0, 1), Fraction(1, 8), True)
    >>> out["grim_sustained"], out["deterred_periods"]
    (((Fraction(1, 8), Fraction(1, 2)),), 2)
    >>> m.analyze(delta="1/4")["sequential_subgame_perfect"]     # below c / (c + v)
    False
    """
    p = _numbers("analyze", values)
    sol = gt.solve(build(**{n: p[n] for n in _STAGE}), method="spe", exact=True)
    eqs = [_one_shot(eq) for eq in sol.equilibria]
    rep = repeated(**{n: p[n] for n in (*_STAGE, "m")})
    opt = rep.critical_discount(PATH, "optimal")
    grim = rep.critical_discount(PATH, "grim")
    stick = rep.critical_discount(PATH, "stick", sticks=STICKS)
    sustained = opt.value is not None and bool(
        rep.is_subgame_perfect(PATH, "optimal", discount=p["delta"]))
    kw = p["v"] > p["c"]
    return _common.summarize(
        eqs, **_common.spe_completeness(sol), critical_discount=opt.value,
        optimal_exact=opt.exact, grim_sustained=grim.sustained,
        stick_critical_discount=stick.value, sustained=sustained,
        sequential_subgame_perfect=sequential_check(**p)["subgame_perfect"],
        reputation=reputation(N, **p) if kw else None,
        deterred_periods=deterred_periods(N, **p) if kw else None, parameters=p, N=N)
