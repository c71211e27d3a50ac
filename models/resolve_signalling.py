r"""Costly signals of a guarantor's resolve: a tripwire force (sinking costs) or a public
pledge (tying hands), before Russia decides whether to press.

The story
---------
A guarantor of Ukraine's neutrality is *resolute* (it would fight if Russia pressed
Ukraine) with prior probability ``p`` and *irresolute* otherwise; only the guarantor knows
which. Before Russia decides whether to ``"press"`` (attack or coerce Ukraine) or
``"hold"``, the guarantor may send a costly signal:

- ``build(signal="tripwire")``: deploy a tripwire force in Ukraine at a sunk cost ``k``,
  paid whether or not the guarantor later fights (Fearon 1997, *sinking costs*;
  Schelling 1966 on forces placed where they will be engaged);
- ``build(signal="pledge")``: make a public pledge, which costs nothing unless the
  guarantor is pressed and backs down, when it pays the audience cost ``a`` (Fearon
  1994, 1997, *tying hands*).

Russia sees whether the signal was sent, not the type, and presses or holds; if pressed,
the guarantor ``"fight"``-s or ``"back down"``-s.

The game
--------
Payoffs are (Guarantor, Russia), relative to the status quo (0, 0)::

    chance: resolute (p) | irresolute (1 - p)                  [t = res, irr]
      Guarantor (knows t): <signal> | "no signal"        set "Guarantor: <t>"
        Russia (sees the message only):                  set "Russia: <message>"
          hold  -> (-s, 0)
          press -> Guarantor                 set "Guarantor: <t>, <message>, pressed"
                     fight     -> (-c_t - s, -r)
                     back down -> (-v_t - s - A, w)

where ``s = k`` after a tripwire (else 0) and ``A = a`` after a pledge (else 0). ``v_t``
is type ``t``'s loss when it backs down (its stake in Ukraine's neutrality), ``c_t`` its
cost of fighting, ``w`` Russia's gain when the guarantor backs down and ``r`` Russia's
cost of a war with the guarantor. The signal is ``"tripwire"`` or ``"pledge"``.

Assumptions
-----------
- Two types that differ in their cost of fighting and in their stake: the resolute type
  prefers fighting to backing down, ``0 < c_res < v_res``; the irresolute type prefers
  backing down without a pledge, ``0 < v_irr < c_irr``. ``w, r > 0``.
- Russia's payoffs depend only on what the guarantor does (fight or back down), not on
  its type; Russia cannot signal and moves once.
- A tripwire is a pure sunk cost: it changes neither the cost of fighting nor the loss
  from backing down (a force whose presence also made the fight automatic would tie
  hands as well; that is not modelled). A pledge costs only on a back-down.
- One signal of one fixed size (``k`` or ``a``), one round, no bargaining over terms,
  no war outcome beyond its cost. The guarantor is one actor (see
  ``ukraine_multi_guarantor`` and the coalition models for several).
- Solution concept: sequential equilibrium (Kreps & Wilson 1982), found by
  ``gt.solve(build(...), method="sequential", exact=True)``. The guarantor's last move
  is at a singleton information set, so sequential rationality fixes it; replacing it by
  its optimum gives the sender-receiver game :func:`reduced_game` (built with
  ``gametheory.refinements.signalling.signalling_tree``), whose perfect Bayesian
  equilibria, with those optimal replies added, are the sequential equilibria of the
  full tree wherever the replies are strict, and on which the Intuitive
  Criterion (Cho & Kreps 1987) and D1 (Banks & Sobel 1987) are applied. On the full tree
  the solver says ``complete`` False (an unsent message is followed by the guarantor's
  move) and lists, besides the vertices derived below, points on the edges of the P3
  and binding-pledge polygons (images of extreme mixed strategies of the reduced normal
  form); ``method="pbe"`` on the reduced game is complete and lists exactly the derived
  vertices.

Analytic solution
-----------------
Write ``theta = w / (w + r)`` (:func:`theta`), ``mu_m`` for Russia's belief that the
guarantor is resolute after message ``m``, ``x_m`` for its probability of pressing, and
``lam = p (1 - theta) / ((1 - p) theta)`` (the prior odds of the resolute type over the
odds ``theta / (1 - theta)``).

*Last move.* Pressed, the resolute type fights (``-c_res > -v_res``, and a pledge only
adds to the loss from backing down). The irresolute type backs down after no signal or a
tripwire (``-v_irr > -c_irr``; the sunk ``k`` is paid either way); after a pledge it
fights iff ``a > a* = c_irr - v_irr`` (:func:`binding_audience_cost`): a pledge with
``a > a*`` *binds*.

*Russia.* Where the resolute type fights and the irresolute backs down, pressing after
``m`` pays ``(1 - mu_m) w - mu_m r``: Russia presses iff ``mu_m < theta``, holds iff
``mu_m > theta``, and may mix only at ``mu_m = theta``. After a binding pledge both types
fight and pressing pays ``-r``: Russia holds whatever it believes.

*What a type loses when pressed* (its best reply then): ``D_res = c_res`` (it fights) and
``D_irr = v_irr`` (it backs down) after no signal or a tripwire; ``v_irr + a`` for the
irresolute type after a cheap pledge. A type's payoff from message ``m`` is ``-s_m - x_m
D``. Below, ``k > 0`` and ``a > 0``, and the knife-edges ``p = theta``, ``k = v_irr``,
``k = c_res``, ``c_res = v_irr`` and ``a = a*`` are left out (the solver handles them:
there equilibria of neighbouring regions meet). "Semi-separating" means one type mixes.

**Tripwire (sinking costs).** Type ``t`` strictly prefers the tripwire iff
``k < (x_n - x_s) D_t`` (``n``: no signal, ``s``: tripwire).

(T1) *Pooling on no signal*: always. If ``p > theta`` Russia holds on the path and
nothing could make the tripwire pay (it gives at most ``-k < 0``): any belief
``mu_s`` in [0, 1], with Russia's reply optimal for it. If ``p < theta`` Russia presses
every guarantor; the tripwire must not pay either type: ``k >= (1 - x_s) D_t``, so if
``k < D_max = max(c_res, v_irr)`` Russia must press a tripwire with probability
``x_s >= 1 - k / D_max``, which needs ``mu_s <= theta`` (``x_s = 1`` for ``mu_s < theta``,
``x_s`` in ``[1 - k / D_max, 1]`` at ``mu_s = theta``); if ``k > D_max``, any belief.

(T2) *Separating* (the resolute type deploys, the irresolute does not; Russia holds after
a tripwire, ``mu_s = 1``, and presses otherwise, ``mu_n = 0``) iff

    ``v_irr < k < c_res``:

the irresolute type must not mimic (``-k < -v_irr``) and the resolute must want to
deploy (``-k > -c_res``); for every prior. The reverse separation fails (the irresolute
type would pay ``k`` to be pressed). So **a sunk cost separates only if the resolute
type's loss when pressed exceeds the irresolute type's**, ``c_res > v_irr``: the signal
must be too costly for the irresolute type to mimic and still worth it to the resolute.
If the types differed only in their cost of fighting (one stake ``v = v_res = v_irr``),
``c_res < v = v_irr`` and no tripwire of any size would separate: the resolute type,
fearing war less, gains less from deterring a press than the irresolute type, who would
give up ``v``. Fearon (1997) lets the types differ in their value of the stake instead;
here both may differ.

(T3) *Semi-separating, the irresolute type bluffs* (``p < theta``, ``k < v_irr < c_res``):
the resolute type deploys; the irresolute deploys with probability ``lam`` (so that
``mu_s = theta``) and does not otherwise; Russia presses after no signal and after a
tripwire with probability ``x_s = 1 - k / v_irr``, which makes the irresolute type
indifferent (``-k - x_s v_irr = -v_irr``); the resolute prefers deploying
(``k <= (1 - x_s) c_res`` as ``c_res > v_irr``).

(T4) *Semi-separating, the resolute type mixes* (``p > theta``, ``k < c_res``,
``v_irr < c_res``): the resolute type deploys with probability
``alpha* = (p - theta) / (p (1 - theta))`` (so that ``mu_n = theta``), the irresolute
never; Russia holds after a tripwire and presses after no signal with probability
``k / c_res``, which makes the resolute type indifferent; the irresolute prefers no signal
(``k v_irr / c_res < k``).

(T5) *Pooling on the tripwire* (``p > theta``, ``k < min(c_res, v_irr)``): Russia holds
after a tripwire; a guarantor without one must be pressed with probability
``x_n >= k / min(c_res, v_irr)``, so ``mu_n <= theta`` (``x_n = 1`` below ``theta``).

No other sequential equilibria: two types both mixing would need ``k = (x_n - x_s)
c_res = (x_n - x_s) v_irr`` with ``c_res != v_irr``; the resolute type mixing while the
irresolute sends only the tripwire (then ``mu_n = 1``, ``x_n = 0``) or the irresolute
mixing while the resolute sends only no signal (then ``mu_s = 0``, ``x_s = 1``) gives the
mixing type a strict preference for no signal; T3 and T4 need ``v_irr < c_res``.

*Regions* (default order ``v_irr < c_res``). ``p < theta``: T1 + T3 for ``k < v_irr``;
T1 + T2 for ``v_irr < k < c_res``; T1 alone for ``k > c_res``. ``p > theta``: T1 + T4 + T5
for ``k < v_irr``; T1 + T2 + T4 for ``v_irr < k < c_res``; T1 for ``k > c_res``. The
boundaries are ``p = theta``, ``k = v_irr``, ``k = c_res`` (:func:`critical_p`,
:func:`critical_k`). If ``c_res < v_irr`` only T1 and (``p > theta``, ``k < c_res``) T5
remain.

*Refinements.* T2 to T4 leave no message unsent. T1 with ``p < theta`` and
``v_irr < k < c_res`` fails the Intuitive Criterion: the tripwire is
equilibrium-dominated for the irresolute type (``-k < -v_irr``) but not for the
resolute, so Russia should read it as resolve and hold, and the resolute type would then
deploy (``-k > -c_res``). T1 survives it otherwise: for ``p > theta`` no type can gain;
for ``p < theta``, when no type, both types or only the resolute type is excluded, the
beliefs left allow Russia to press a tripwire, which deters every deviation. D1 removes T1
with ``p < theta`` whenever ``k < c_res`` and ``v_irr < c_res``: the resolute type gains
from a tripwire for the larger set of Russia's replies (``x_s < 1 - k / c_res`` against
``x_s < 1 - k / v_irr``). T5 survives both (no type is excluded after no signal; read as
irresolute, a guarantor without a tripwire is pressed), except that D1 removes T5 when
``c_res < v_irr``: the resolute type then gains from no signal for more replies
(``x_n < k / c_res``), D1 reads no signal as resolve, Russia holds and both types would
drop the tripwire.

**Pledge (tying hands).** The resolute type never pays ``a`` (it fights), so a pledge
costs it nothing; what a pledge changes is the irresolute type's own later incentive.

*Cheap pledge* (``a < a*``: the irresolute type still backs down). There is no separating
equilibrium: a pledge that revealed resolve would not be pressed and the irresolute type
would pledge too (``0 > -v_irr``); the reverse leaves the resolute pressed after its
pledge.

(P1) ``p < theta``: *pooling on no signal*, Russia pressing after both messages. A
pledge must not pay the resolute type, ``-x_s c_res <= -c_res``, so ``x_s = 1`` and
``mu(resolute | pledge) <= theta``. It survives the Intuitive Criterion (both types could
gain from a pledge that deterred) and fails D1 (the resolute type gains for every
``x_s < 1``, the irresolute only for ``x_s < v_irr / (v_irr + a)``).

(P2) ``p < theta``: *bluffing* (semi-separating): the resolute type pledges, the
irresolute pledges with probability ``lam`` (``mu(resolute | pledge) = theta``; the same
bluffing probability as T3, independent of ``a``) and Russia presses after no signal and
after a pledge with probability ``v_irr / (v_irr + a)`` (:func:`pledge_pressure`), which
makes the irresolute type indifferent (``x_s (v_irr + a) = v_irr``). A larger audience
cost lowers the pressure a pledge draws, not the bluffing.

(P3) ``p > theta``: *no pressure*: Russia never presses on the path. If it pressed after
a used message ``m``, then ``mu_m <= theta < p``, so the other message is used too, with
a belief above ``p``, and not pressed; the types sending ``m`` would switch to it. So every pair of
pledge probabilities ``(alpha, beta)`` (resolute, irresolute) with both used posteriors
at least ``theta`` is an equilibrium: the quadrilateral with vertices pooling on no signal
(any belief after a pledge), ``(alpha*, 0)``, pooling on the pledge (any belief after no
signal) and ``(1 / lam, 1)``; off the path Russia's reply is optimal for the belief.

*Binding pledge* (``a > a*``). Russia never presses a pledge, and a guarantor that sends
no signal must not be pressed either (it would pledge instead): every ``(alpha, beta)``
with ``mu(resolute | no signal) >= theta`` whenever no signal is sent. For ``p < theta``
the triangle with vertices pooling on the pledge, ``(0, 1)`` (the *irresolute* type
pledges, the resolute does not: separating) and ``(0, 1 - lam)``; for ``p > theta`` the
quadrilateral pooling on no signal (any belief after a pledge), ``(alpha*, 0)``, pooling
on the pledge and ``(0, 1)``. Russia never presses, for any prior: a binding pledge is a
commitment, not information; every type gets its best payoff 0 and no type could gain
from the other message, so the Intuitive Criterion and D1 keep them all.

*Contrast.* A sunk cost informs only by being too costly for the irresolute type to
mimic (``k > v_irr``) and affordable for the resolute (``k < c_res``), and the signaller
pays it on the path. A pledge is free on the path; it cannot separate while it is cheap
(it then sustains bluffing and a lower pressure ``v_irr / (v_irr + a)``) and, once
``a > a*``, it does not inform but binds, changing the irresolute type's own later
choice. The boundaries in the pledge's cost are ``a = a*`` (:func:`critical_a`), in
the prior ``p = theta``.

*Defaults* (illustrative, not estimates; units of Russia's gain ``w = 1``): ``r = 2``
(a war with the guarantor costs Russia twice what coercion gains), so ``theta = 1/3``;
``p = 1/4`` (a low prior after the Budapest Memorandum's fate); resolute ``v_res = 3``,
``c_res = 2``; irresolute ``v_irr = 1``, ``c_irr = 3``; so ``a* = 2`` and
``lam = 2/3``. Tripwire ``k = 3/2`` lies in ``(v_irr, c_res) = (1, 2)``: the separating
equilibrium (the resolute guarantor deploys and is not pressed, the irresolute is
pressed and backs down) and T1 (Russia presses everyone; ``mu(resolute | tripwire) <=
1/3``), which fails the Intuitive Criterion. Pledge ``a = 1 < a*``: P1 and the bluffing
equilibrium (the irresolute type pledges with probability 2/3; a pledge is pressed with
probability 1/2).

Sources
-------
Fearon, J. D. (1997). Signaling foreign policy interests: tying hands versus sinking
costs. *Journal of Conflict Resolution* 41(1), 68-90. Fearon, J. D. (1994). Domestic
political audiences and the escalation of international disputes. *American Political
Science Review* 88(3), 577-592. Schelling, T. C. (1966). *Arms and Influence*. Yale
University Press. Kreps, D. M. & Wilson, R. (1982). Sequential equilibria.
*Econometrica* 50(4), 863-894. Cho, I.-K. & Kreps, D. M. (1987). Signaling games and
stable equilibria. *Quarterly Journal of Economics* 102(2), 179-221. Banks, J. S. &
Sobel, J. (1987). Equilibrium selection in signaling games. *Econometrica* 55(3),
647-661.

Examples
--------
>>> from fractions import Fraction as F
>>> from gametheory.models import resolve_signalling as m
>>> out = m.analyze("tripwire")
>>> [(e["label"], e["intuitive"]) for e in out["equilibria"]]
[('pooling on no signal', False), ('pooling on no signal', False), ('separating', True)]
>>> m.critical_k(), m.critical_p("pledge"), m.critical_a()
([Fraction(1, 1), Fraction(2, 1)], [Fraction(1, 3)], [Fraction(2, 1)])
>>> bluff = m.analyze("pledge")["equilibria"][1]
>>> bluff["sends"]
{'resolute': Fraction(1, 1), 'irresolute': Fraction(2, 3)}
>>> bluff["press"]
{'pledge': Fraction(1, 2), 'no signal': Fraction(1, 1)}
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common
from gametheory.refinements.signalling import signalling_tree

__all__ = ["PARAMETERS", "PLAYERS", "TYPES", "SIGNALS", "build", "reduced_game", "analyze",
           "theta", "binding_audience_cost", "pledge_pressure", "equilibria",
           "critical_p", "critical_k", "critical_a"]

_INF = float("inf")
_NONNEG = (0, _INF)
_NAME = "resolve_signalling"

#: ``name -> (default, domain, meaning, latex)`` for every parameter of the trees.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str, str]] = {
    "p": (Fraction(1, 4), (0, 1), "prior probability that the guarantor is resolute", "p"),
    "k": (Fraction(3, 2), _NONNEG, "sunk cost of deploying the tripwire force "
          "(signal='tripwire')", "k"),
    "a": (1, _NONNEG, "audience cost of backing down after a public pledge "
          "(signal='pledge')", "a"),
    "w": (1, _NONNEG, "Russia's gain when it presses and the guarantor backs down", "w"),
    "r": (2, _NONNEG, "Russia's cost of a war with the guarantor", "r"),
    "v_res": (3, _NONNEG, "resolute guarantor's loss from backing down (its stake)",
              r"v_{\mathrm{res}}"),
    "c_res": (2, _NONNEG, "resolute guarantor's cost of fighting", r"c_{\mathrm{res}}"),
    "v_irr": (1, _NONNEG, "irresolute guarantor's loss from backing down (its stake)",
              r"v_{\mathrm{irr}}"),
    "c_irr": (3, _NONNEG, "irresolute guarantor's cost of fighting", r"c_{\mathrm{irr}}"),
}

PLAYERS = ("Guarantor", "Russia")
TYPES = ("resolute", "irresolute")
SIGNALS = ("tripwire", "pledge")
QUIET = "no signal"
RESPONSES = ("press", "hold")
LAST = ("fight", "back down")
_COST = {"tripwire": "k", "pledge": "a"}
_SHORT = {"resolute": "res", "irresolute": "irr"}


# ----------------------------------------------------------------- parameters
def _check_signal(signal: Any) -> str:
    if signal not in SIGNALS:
        raise GameError(f"signal must be 'tripwire' or 'pledge'; got {signal!r}")
    return signal


def _own(signal: str, values: dict) -> dict:
    """``values`` without the other signal's cost (GameError if it is given)."""
    other = _COST["pledge" if signal == "tripwire" else "tripwire"]
    if other in values:
        raise GameError(f"parameter {other!r} belongs to signal="
                        f"{'pledge' if other == 'a' else 'tripwire'!r}; "
                        f"build(signal={signal!r}) does not use it")
    return values


def _spec(signal: str) -> dict:
    other = _COST["pledge" if signal == "tripwire" else "tripwire"]
    return {k: e for k, e in PARAMETERS.items() if k != other}


def _values(signal: str, values: dict) -> dict[str, Fraction]:
    """Every parameter of ``signal``'s tree as a Fraction (given, else the default)."""
    signal = _check_signal(signal)
    return _common.fractions(_NAME, _spec(signal), _own(signal, values))


def _check_types(v: dict) -> None:
    """GameError unless the types are as assumed (both values given)."""
    if "c_res" in v and "v_res" in v and not v["c_res"] < v["v_res"]:
        raise GameError("the resolute guarantor must prefer fighting: c_res < v_res")
    if "c_irr" in v and "v_irr" in v and not v["v_irr"] < v["c_irr"]:
        raise GameError("the irresolute guarantor must prefer backing down: v_irr < c_irr")


def _assumed(v: dict[str, Fraction]) -> None:
    """GameError unless the analytic solution's assumptions hold."""
    _check_types(v)
    for name in ("w", "r", "c_res", "v_irr"):
        if v[name] <= 0:
            raise GameError(f"the analytic solution needs {name} > 0")


# ----------------------------------------------------------------- the trees
def _payoff(s: dict, signal: str, t: str, m: str, response: str, last: str) -> tuple:
    sunk = s["k"] if signal == "tripwire" and m == signal else 0
    if response == "hold":
        return -sunk, 0
    if last == "fight":
        return -s[f"c_{_SHORT[t]}"] - sunk, -s["r"]
    audience = s["a"] if signal == "pledge" and m == signal else 0
    return -s[f"v_{_SHORT[t]}"] - audience - sunk, s["w"]


def build(signal: str = "tripwire", **values: Any) -> gt.ExtensiveFormGame:
    """The signalling tree, with the parameters not given left symbolic.

    Parameters
    ----------
    signal : {"tripwire", "pledge"}
        The costly signal: a sunk cost ``k`` or an audience cost ``a``.
    **values
        Values of parameters in :data:`PARAMETERS` (numbers, Fractions or strings such as
        ``"1/3"``); GameError for an unknown name, a value outside its domain, the other
        signal's cost, or given type values against the assumptions (``c_res < v_res``,
        ``v_irr < c_irr``).

    Returns
    -------
    ExtensiveFormGame
        Players :data:`PLAYERS`; information sets ``"Guarantor: <type>"``,
        ``"Russia: <message>"`` (``<signal>`` or ``"no signal"``) and
        ``"Guarantor: <type>, <message>, pressed"``; 23 nodes.

    References
    ----------
    Fearon, J. D. (1997). Signaling foreign policy interests: tying hands versus sinking
    costs. *Journal of Conflict Resolution* 41(1), 68-90.

    Examples
    --------
    >>> from gametheory.models import resolve_signalling as m
    >>> g = m.build("pledge", w=1, r=2)
    >>> g.num_nodes, [p.name for p in g.parameters]
    (23, ['a', 'c_irr', 'c_res', 'p', 'v_irr', 'v_res'])
    """
    signal = _check_signal(signal)
    spec = _spec(signal)
    s = _common.symbols_or_values(_NAME, spec, _own(signal, values))
    _check_types({k: Fraction(str(x)) for k, x in values.items()
                  if not getattr(s[k], "free_symbols", None)})
    messages = [signal, QUIET]
    g = gt.ExtensiveFormGame(list(PLAYERS), title=f"resolve signalling ({signal})")
    for t, node in zip(TYPES, g.root.chance({TYPES[0]: s["p"], TYPES[1]: 1 - s["p"]})):
        for m, sent in zip(messages, node.decide("Guarantor", messages,
                                                 infoset=f"Guarantor: {t}")):
            press, hold = sent.decide("Russia", list(RESPONSES), infoset=f"Russia: {m}")
            hold.payoffs(*_payoff(s, signal, t, m, "hold", ""))
            for y, leaf in zip(LAST, press.decide("Guarantor", list(LAST),
                                                  infoset=f"Guarantor: {t}, {m}, pressed")):
                leaf.payoffs(*_payoff(s, signal, t, m, "press", y))
    return _common.describe(g, spec)


def _last_moves(signal: str, v: dict) -> dict[tuple[str, str], str | None]:
    """``{(type, message): the strictly better reply when pressed}``; None at a tie or
    where the comparison depends on a free parameter."""
    import sympy

    out = {}
    for t in TYPES:
        for m in (signal, QUIET):
            fight = _payoff(v, signal, t, m, "press", "fight")[0]
            back = _payoff(v, signal, t, m, "press", "back down")[0]
            # trusted: strict sympify of numbers and expressions in Symbols
            # trusted: strict sympify of a difference of parsed values; text raises
            gain = sympy.simplify(sympy.sympify(fight - back, strict=True))
            out[(t, m)] = ("fight" if gain.is_positive else
                           "back down" if gain.is_negative else None)
    return out


def _reduced(signal: str, v: dict, last: dict) -> gt.ExtensiveFormGame:
    tie = {key: y or "fight" for key, y in last.items()}
    return signalling_tree({TYPES[0]: v["p"], TYPES[1]: 1 - v["p"]}, [signal, QUIET],
                           list(RESPONSES),
                           lambda t, m, x: _payoff(v, signal, t, m, x, tie[(t, m)]),
                           players=PLAYERS, title=f"resolve signalling ({signal}), reduced")


def reduced_game(signal: str = "tripwire", free: tuple = (), **values: Any
                 ) -> gt.ExtensiveFormGame:
    """The sender-receiver game: the guarantor's reply to a press fixed at its optimum.

    Every parameter takes its given value, else its default, except those named in
    ``free``, which stay symbolic (with their metadata, for ``gt.critical_values``).
    Built with ``signalling_tree``; information sets named as in :func:`build`, so a
    behaviour profile of the full tree can be passed to ``gt.intuitive_criterion`` on
    it. GameError when a pressed type's reply is not strict (e.g. ``a = c_irr - v_irr``)
    or depends on a free parameter (``a`` for the pledge).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.models import resolve_signalling as m
    >>> sol = gt.solve(m.reduced_game("pledge"), method="pbe", exact=True)
    >>> sol.complete, sorted(e.label for e in sol.equilibria)
    (True, ['pooling on no signal', 'semi-separating'])
    >>> [p.name for p in m.reduced_game("tripwire", free=("p", "k")).parameters]
    ['k', 'p']
    """
    signal = _check_signal(signal)
    spec = _spec(signal)
    bad = sorted(set(free) - set(spec))
    if bad:
        raise GameError(f"free parameter {bad[0]!r} is not a parameter of signal={signal!r}")
    fixed = {k: x for k, x in _values(signal, values).items() if k not in free}
    v = _common.symbols_or_values(_NAME, spec, fixed)
    last = _last_moves(signal, v)
    tied = [key for key, y in last.items() if y is None]
    if tied:
        t, m = tied[0]
        raise GameError(f"the {t} guarantor pressed after {m!r} has no strict best reply "
                        "(a tie, or one that depends on a free parameter); the reduced game "
                        "needs one")
    return _common.describe(_reduced(signal, v, last), spec)


# ----------------------------------------------------------------- analyze
def _interval(rng: Any) -> tuple[Fraction, Fraction]:
    """The range of mu(resolute | m) of a BeliefRange (its nodes in TYPES order)."""
    xs = [Fraction(vx[0]) for vx in rng.vertices]
    return min(xs), max(xs)


def _summary(eq: Any, signal: str, v: dict, reduced: Any) -> dict[str, Any]:
    b = _common.exact_behavior(eq)
    messages = (signal, QUIET)
    sends = {t: b[f"Guarantor: {t}"][signal] for t in TYPES}
    press = {m: b[f"Russia: {m}"]["press"] for m in messages}
    fights = {t: {m: b[f"Guarantor: {t}, {m}, pressed"]["fight"] for m in messages}
              for t in TYPES}
    prior = {TYPES[0]: v["p"], TYPES[1]: 1 - v["p"]}
    sent = {t: {signal: sends[t], QUIET: 1 - sends[t]} for t in TYPES}
    reach = {m: sum(prior[t] * sent[t][m] for t in TYPES) for m in messages}
    belief: dict[str, Any] = {}
    for m in messages:
        if reach[m]:
            belief[m] = prior[TYPES[0]] * sent[TYPES[0]][m] / reach[m]
        else:
            belief[m] = _interval(eq.belief_ranges[f"Russia: {m}"])
    pressed = sum(reach[m] * press[m] for m in messages)
    war = sum(prior[t] * sent[t][m] * press[m] * fights[t][m] for t in TYPES for m in messages)
    out = {
        "label": gt.classify_signalling(reduced, eq),
        "sends": sends, "press": press, "fights": fights, "belief": belief,
        "pressed": pressed, "deterred": pressed == 0, "war_probability": war,
        "payoffs": {pl: Fraction(x) for pl, x in zip(PLAYERS, eq.payoffs)},
        "intuitive": None, "d1": None,
    }
    if all(y is not None for y in _last_moves(signal, v).values()):
        out["intuitive"] = bool(gt.intuitive_criterion(reduced, eq))
        out["d1"] = bool(gt.d1_criterion(reduced, eq))
    return out


def analyze(signal: str = "tripwire", **values: Any) -> dict[str, Any]:
    """Solve the tree for its sequential equilibria and summarise each one.

    ``gt.solve(build(signal, ...), method="sequential", exact=True)`` with every
    parameter fixed (the given values, else the defaults): extreme sequential assessments
    with belief ranges off the path, and their components.

    Returns
    -------
    dict
        Per assessment: ``"label"`` (``gt.classify_signalling``), ``"sends"``
        (``{type: probability of the signal}``), ``"press"`` (``{message: probability}``),
        ``"fights"`` (``{type: {message: probability when pressed}}``), ``"belief"``
        (``{message: mu(resolute | message)}``: Bayes' rule on the path, the exact
        interval ``(lo, hi)`` of sequential beliefs off it), ``"pressed"`` (probability
        that Russia presses), ``"deterred"``, ``"war_probability"``, ``"payoffs"``, and
        ``"intuitive"`` / ``"d1"`` (the criteria on :func:`reduced_game`; None where a
        pressed type is indifferent). The first assessment's keys at the top level, with
        ``"equilibria"``, ``"num_equilibria"``, ``"tie"``, ``"signal"``,
        ``"parameters"``, ``"components"`` (lists of assessment indices, as the solver
        joins them), ``"complete"`` and ``"notes"`` (the solver's).

    Examples
    --------
    >>> from gametheory.models import resolve_signalling as m
    >>> out = m.analyze("pledge", a=3)            # a binding pledge: never pressed
    >>> {e["pressed"] for e in out["equilibria"]}, out["complete"]
    ({Fraction(0, 1)}, False)
    """
    v = _values(signal, values)
    sol = gt.solve(build(signal, **v), method="sequential", exact=True)
    reduced = _reduced(signal, v, _last_moves(signal, v))
    eqs = [_summary(eq, signal, v, reduced) for eq in sol.equilibria]
    return _common.summarize(eqs, signal=signal, parameters=v,
                             components=[list(c.equilibria) for c in sol.components],
                             complete=sol.complete, notes=list(sol.notes))


# ----------------------------------------------------------------- closed forms
def theta(**values: Any) -> Any:
    """Russia's critical belief ``theta = w / (w + r)``: it presses iff its belief in the
    resolute type is below it. Parameters not given stay symbolic; a Fraction when both
    are given (GameError when both are 0).

    Examples
    --------
    >>> from gametheory.models import resolve_signalling as m
    >>> m.theta(w=1, r=2), m.theta(w=1)
    (Fraction(1, 3), 1/(r + 1))
    """
    import sympy

    unused = sorted(set(values) - {"w", "r"})
    if unused:
        raise GameError(f"theta depends on w and r only; got {unused[0]!r}")
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    if s["w"] + s["r"] == 0:
        raise GameError("theta needs w + r > 0")
    # trusted: strict sympify of a checked number or a Symbol
    # trusted: strict sympify of a value _common has parsed already; text raises
    t = sympy.sympify(s["w"], strict=True) / (s["w"] + s["r"])
    if t.is_Rational:
        return Fraction(int(t.p), int(t.q))
    return t


def binding_audience_cost(**values: Any) -> Fraction:
    """``a* = c_irr - v_irr``: a pledge with ``a > a*`` makes the irresolute type fight.

    >>> from gametheory.models import resolve_signalling as m
    >>> m.binding_audience_cost(), m.binding_audience_cost(c_irr=5, v_irr=2)
    (Fraction(2, 1), Fraction(3, 1))
    """
    v = _values("pledge", values)
    _check_types(v)
    return v["c_irr"] - v["v_irr"]


def pledge_pressure(**values: Any) -> Fraction:
    """Russia's probability of pressing a pledge in the bluffing equilibrium (P2),
    ``v_irr / (v_irr + a)``.

    >>> from gametheory.models import resolve_signalling as m
    >>> m.pledge_pressure(), m.pledge_pressure(a="1/2")
    (Fraction(1, 2), Fraction(2, 3))
    """
    v = _values("pledge", values)
    return v["v_irr"] / (v["v_irr"] + v["a"])


def _lam(v: dict) -> Fraction:
    th = v["w"] / (v["w"] + v["r"])
    return v["p"] * (1 - th) / ((1 - v["p"]) * th)


def _vertex(alpha: Any, beta: Any, x_s: Any, x_n: Any, off: tuple | None, label: str,
            intuitive: bool = True, d1: bool = True) -> dict[str, Any]:
    return {"sends": {TYPES[0]: Fraction(alpha), TYPES[1]: Fraction(beta)},
            "press": [Fraction(x_s), Fraction(x_n)],
            "off_path": None if off is None else (Fraction(off[0]), Fraction(off[1])),
            "label": label, "intuitive": intuitive, "d1": d1}


def _generic(signal: str, v: dict) -> None:
    _assumed(v)
    th = v["w"] / (v["w"] + v["r"])
    cost = v[_COST[signal]]
    edges = {"p": [th], "k": [v["v_irr"], v["c_res"]], "a": [v["c_irr"] - v["v_irr"]]}
    if cost <= 0:
        raise GameError(f"the analytic solution needs {_COST[signal]} > 0")
    same = signal == "tripwire" and v["c_res"] == v["v_irr"]
    if v["p"] in edges["p"] or cost in edges[_COST[signal]] or same:
        raise GameError("a knife-edge (p = theta, k = v_irr, k = c_res, a = c_irr - v_irr "
                        "or c_res = v_irr): the analytic list covers generic points only")


def _tripwire(v: dict) -> list[dict]:
    th, lam, k = v["w"] / (v["w"] + v["r"]), _lam(v), v["k"]
    d_res, d_irr = v["c_res"], v["v_irr"]
    hi, lo = max(d_res, d_irr), min(d_res, d_irr)
    low_p = v["p"] < th
    sep = d_irr < k < d_res
    quiet = "pooling on no signal"
    if not low_p:
        t1 = [_vertex(0, 0, 0, 0, (th, 1), quiet), _vertex(0, 0, 1, 0, (0, th), quiet)]
    elif k > hi:
        t1 = [_vertex(0, 0, 0, 1, (th, 1), quiet), _vertex(0, 0, 1, 1, (0, th), quiet)]
    else:
        ic, d1 = not sep, not (d_irr < d_res and k < d_res)
        t1 = [_vertex(0, 0, 1, 1, (0, th), quiet, ic, d1),
              _vertex(0, 0, 1 - k / hi, 1, (th, th), quiet, ic, d1)]
    out = [{"name": "T1 pooling on no signal", "vertices": t1}]
    if sep:
        out.append({"name": "T2 separating",
                    "vertices": [_vertex(1, 0, 0, 1, None, "separating")]})
    if low_p and k < d_irr < d_res:
        out.append({"name": "T3 irresolute bluffs",
                    "vertices": [_vertex(1, lam, 1 - k / d_irr, 1, None, "semi-separating")]})
    if not low_p and k < d_res and d_irr < d_res:
        out.append({"name": "T4 resolute mixes",
                    "vertices": [_vertex(1 - 1 / lam, 0, 0, k / d_res, None,
                                         "semi-separating")]})
    if not low_p and k < lo:
        d1 = d_irr < d_res
        out.append({"name": "T5 pooling on tripwire",
                    "vertices": [_vertex(1, 1, 0, 1, (0, th), "pooling on tripwire", True, d1),
                                 _vertex(1, 1, 0, k / lo, (th, th), "pooling on tripwire",
                                         True, d1)]})
    return out


def _pledge(v: dict) -> list[dict]:
    th, lam, a = v["w"] / (v["w"] + v["r"]), _lam(v), v["a"]
    low_p = v["p"] < th
    binding = a > v["c_irr"] - v["v_irr"]
    quiet, loud = "pooling on no signal", "pooling on pledge"
    if not binding and low_p:
        return [{"name": "P1 pooling on no signal",
                 "vertices": [_vertex(0, 0, 1, 1, (0, th), quiet, True, False)]},
                {"name": "P2 bluffing",
                 "vertices": [_vertex(1, lam, v["v_irr"] / (v["v_irr"] + a), 1, None,
                                      "semi-separating")]}]
    loud_pool = [_vertex(1, 1, 0, 0, (th, 1), loud), _vertex(1, 1, 0, 1, (0, th), loud)]
    if not binding:
        verts = [_vertex(0, 0, 0, 0, (th, 1), quiet), _vertex(0, 0, 1, 0, (0, th), quiet),
                 _vertex(1 - 1 / lam, 0, 0, 0, None, "semi-separating"), *loud_pool,
                 _vertex(1 / lam, 1, 0, 0, None, "semi-separating")]
        return [{"name": "P3 no pressure", "vertices": verts}]
    verts = [*loud_pool, _vertex(0, 1, 0, 0, None, "separating")]
    if low_p:
        verts.append(_vertex(0, 1 - lam, 0, 0, None, "semi-separating"))
    else:
        verts += [_vertex(0, 0, 0, 0, (0, 1), quiet),
                  _vertex(1 - 1 / lam, 0, 0, 0, None, "semi-separating")]
    return [{"name": "binding pledge deters", "vertices": verts}]


def equilibria(signal: str = "tripwire", **values: Any) -> list[dict[str, Any]]:
    """The sequential equilibria derived in the module docstring, at a generic point.

    Every parameter takes its given value, else its default. GameError at a knife-edge
    (``p = theta``, ``k`` in ``{v_irr, c_res}``, ``a = c_irr - v_irr``, and ``c_res =
    v_irr`` for the tripwire), for ``k = 0`` or ``a = 0``, or outside the assumptions.

    Returns
    -------
    list of dict
        One per derived family (T1-T5, P1-P3, the binding pledge): ``"name"`` and
        ``"vertices"``, its extreme assessments in behaviour, each ``{"sends": {type:
        probability of the signal}, "press": [x after the signal, x after no signal],
        "off_path": (lo, hi) of mu(resolute | unsent message) or None, "label": ...,
        "intuitive": bool, "d1": bool}``.

    Examples
    --------
    >>> from gametheory.models import resolve_signalling as m
    >>> [f["name"] for f in m.equilibria("tripwire", k="1/2")]
    ['T1 pooling on no signal', 'T3 irresolute bluffs']
    >>> m.equilibria("tripwire", k="1/2")[1]["vertices"][0]["press"]
    [Fraction(1, 2), Fraction(1, 1)]
    """
    v = _values(signal, values)
    _generic(signal, v)
    return _tripwire(v) if signal == "tripwire" else _pledge(v)


def critical_p(signal: str = "tripwire", **values: Any) -> list[Fraction]:
    """The values of ``p`` in (0, 1) where the equilibrium set changes: ``[theta]``.

    >>> from gametheory.models import resolve_signalling as m
    >>> m.critical_p("tripwire", r=1)
    [Fraction(1, 2)]
    """
    if "p" in values:
        raise GameError("critical_p varies p; do not give it a value")
    v = _values(signal, values)
    _assumed(v)
    return [v["w"] / (v["w"] + v["r"])]


def critical_k(**values: Any) -> list[Fraction]:
    """The values of the tripwire's cost ``k > 0`` where the equilibrium set changes.

    ``[v_irr, c_res]`` when ``v_irr < c_res`` (T2 exists between them; T3 or T5 ends at
    ``v_irr``). When ``c_res < v_irr``: ``[c_res]`` for ``p > theta`` (T5 ends) and, for
    ``p < theta``, ``[v_irr]`` (where T1's off-path belief stops being restricted).
    GameError at ``p = theta``.

    >>> from gametheory.models import resolve_signalling as m
    >>> m.critical_k(c_res="5/2"), m.critical_k(v_irr=3, c_irr=4, p="1/2")
    ([Fraction(1, 1), Fraction(5, 2)], [Fraction(2, 1)])
    """
    if "k" in values:
        raise GameError("critical_k varies k; do not give it a value")
    v = _values("tripwire", values)
    _assumed(v)
    th = v["w"] / (v["w"] + v["r"])
    if v["p"] == th:
        raise GameError("critical_k needs p != theta")
    if v["v_irr"] < v["c_res"]:
        return [v["v_irr"], v["c_res"]]
    return [v["v_irr"]] if v["p"] < th else [v["c_res"]]


def critical_a(**values: Any) -> list[Fraction]:
    """The values of the audience cost ``a > 0`` where the equilibrium set changes:
    ``[c_irr - v_irr]`` (the pledge starts to bind). GameError at ``p = theta``.

    >>> from gametheory.models import resolve_signalling as m
    >>> m.critical_a(c_irr=4)
    [Fraction(3, 1)]
    """
    if "a" in values:
        raise GameError("critical_a varies a; do not give it a value")
    v = _values("pledge", values)
    _assumed(v)
    if v["p"] == v["w"] / (v["w"] + v["r"]):
        raise GameError("critical_a needs p != theta")
    return [v["c_irr"] - v["v_irr"]]
