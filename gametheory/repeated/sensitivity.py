"""Critical values of a repeated game, for :func:`gametheory.critical_values`.

What changes at a critical value is the set of pure stage profiles that, played in every
period, are subgame-perfect paths under the chosen punishment (``method``: ``"auto"`` or
``"grim"`` for Nash reversion to the worst stage equilibrium of each deviator,
``"optimal"`` for the best code of Nash reversion and one-period sticks; see
:mod:`gametheory.repeated.discount`).

* In the discount factor: the thresholds of the profiles analysed (by default every pure
  profile that is not a stage equilibrium), each confirmed by the exact one-shot
  deviation check of its strategy profile just below and just above.
* In a stage payoff parameter at a fixed discount factor (grim trigger): candidates are
  the stage game's own critical values (where its equilibria change) and, on each region
  between them, the zeros of ``v_j - (1 - delta) u_j(b, a_-j) - delta p_j`` for every
  profile, deviation and closed-form stage equilibrium payoff ``p_j``
  (:func:`gametheory.equilibrium_formulas`), and of the deviation gains; each is
  confirmed by recomputing the sustained set exactly on both sides.

``CriticalValue.below``/``above``/``at`` hold the sustained profiles (tuples of labels)
at ``below_at``/``above_at``/the value, not a Solution, and ``CriticalValue.game`` the
repeated game analysed (with the discount or the other parameters fixed), whose
parameters' declared LaTeX the notebook displays use.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError

if TYPE_CHECKING:
    from .game import RepeatedGame

__all__ = ["repeated_critical_values", "sustained_profiles"]


def _punishment(method: str) -> str:
    if method in ("auto", "grim"):
        return "grim"
    if method == "optimal":
        return "optimal"
    raise GameError(f"critical values of a repeated game take method='grim' (or 'auto') or "
                    f"'optimal'; got {method!r}")


def _text(rep: RepeatedGame, labels: tuple) -> str:
    return "(" + ", ".join(labels) + ")"


def sustained_profiles(rep: RepeatedGame, discount: Fraction, punishment: str = "grim",
                       profiles: Any = None) -> tuple:
    """The pure profiles (labels) that the punishment sustains at ``discount``, each
    confirmed by the exact one-shot deviation check of its strategy profile.

    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> sustained_profiles(gt.RepeatedGame(pd), Fraction(1, 2))
    (('C', 'C'), ('D', 'D'))
    """
    out = []
    for a in _profiles(rep, profiles, everything=True):
        th = rep.critical_discount(a, punishment)
        auto = th.strategy_at(discount)
        if auto is not None and auto.check(discount).ok:
            out.append(tuple(rep.strategies[i][x] for i, x in enumerate(a)))
    return tuple(out)


def _profiles(rep: RepeatedGame, profiles: Any, everything: bool = False) -> list:
    if profiles is not None:
        return [rep.pure_profile(p) for p in profiles]
    out = [tuple(int(x) for x in a) for a in np.ndindex(*rep.shape)]
    if everything:
        return out
    from ._common import is_stage_nash

    U = rep.payoff_array()
    return [a for a in out if not is_stage_nash(U, a)]


def repeated_critical_values(rep: RepeatedGame, parameter: str, method: str = "auto",
                             interval: Any = None, symbolic: Any = None,
                             profiles: Any = None, **fixed: Any) -> list:
    """Critical values of ``parameter`` (the discount factor's name, or a stage payoff
    parameter with the discount fixed) as a list of
    :class:`~gametheory.sensitivity.critical.CriticalValue`.

    Parameters
    ----------
    rep : RepeatedGame
    parameter : str
    method : {"auto", "grim", "optimal"}
        The punishment (``"optimal"`` only for the discount factor).
    interval : (lo, hi), optional
        Where to look (default (0, 1) for the discount, the parameter's domain else).
    symbolic : None
        Not supported here (use ``critical_discount`` on the symbolic game for a formula).
    profiles : sequence of pure profiles, optional
        The discount factor: the profiles whose thresholds are reported (default every
        pure profile that is not a stage equilibrium).
    **fixed
        Values of the other parameters (the discount among them for a stage parameter).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    players=["Row", "Col"],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> rep = gt.RepeatedGame(pd)
    >>> [str(c) for c in gt.critical_values(rep, "delta")]
    ['delta = 1/2: (C, C) sustained by grim trigger from here on (binding: Row, Col)']
    >>> T = gt.parameters("T")
    >>> pdT = gt.NormalFormGame.from_arrays([[3, 0], [T, 1]], [[3, T], [0, 1]],
    ...                                     strategies=[["C", "D"], ["C", "D"]])
    >>> [str(c) for c in gt.critical_values(gt.RepeatedGame(pdT, discount="3/4"), "T",
    ...                                     interval=(3, 20))]
    ['T = 9: (C, C) sustained below, not above']
    """
    if symbolic:
        raise GameError("symbolic= is not supported for repeated games; "
                        "rep.critical_discount(profile, reversion=...) on the symbolic game "
                        "gives the threshold as a formula with its condition")
    punishment = _punishment(method)
    if rep.discount_is_symbolic and parameter == rep.discount.name:
        return _in_discount(rep.substitute(**fixed), parameter, punishment, interval,
                            profiles)
    names = [p.name for p in rep.stage.parameters]
    if parameter not in names and not rep.discount_is_symbolic and parameter == "delta":
        raise GameError(f"the discount factor is fixed at {rep.discount}; for critical "
                        "values in it build the game with a symbolic discount (the default)")
    if parameter not in names:
        known = ", ".join(p.name for p in rep.parameters) or "none"
        raise GameError(f"unknown parameter {parameter!r}; this repeated game's parameters "
                        f"are: {known}")
    if punishment != "grim":
        raise GameError("critical values in a stage parameter take method='grim'; "
                        "'optimal' only in the discount factor")
    sub = rep.substitute(**fixed)
    if sub.discount_is_symbolic:
        raise GameError(f"fix the discount factor to analyse {parameter!r}: "
                        f"critical_values(rep, {parameter!r}, {sub.discount.name}=...)")
    left = [p.name for p in sub.stage.parameters if p.name != parameter]
    if left:
        raise GameError(f"fix the other parameters: {', '.join(left)}")
    return _in_stage(sub, parameter, interval, profiles)


def _cv(rep, parameter, c, below, above, b, a, at, text):
    from ..sensitivity.critical import CriticalValue

    return CriticalValue(parameter, c, below, above, b, a, at, text, game=rep)


def _in_discount(rep: RepeatedGame, name: str, punishment: str, interval: Any,
                 profiles: Any) -> list:
    import sympy

    from ..sensitivity import _critical_sym as sym
    from ..sensitivity.critical import _domain

    if not rep.is_numeric:
        raise GameError("critical values in the discount factor need numeric stage "
                        "payoffs; fix them: " + rep.stage.unsubstituted_message())
    lo, hi = _domain(_Info(name), name, interval)
    chosen = _profiles(rep, profiles)
    found: dict = {}
    for a in chosen:
        th = rep.critical_discount(a, punishment)
        for iv in th.sustained:
            for end in iv:
                if 0 < end < 1 and lo < end < hi:
                    found.setdefault(end, []).append(th)
    values = sorted(found)
    cuts = [lo] + [sympy.Rational(v.numerator, v.denominator) for v in values] + [hi]
    kind = {"grim": "grim trigger", "optimal": "the harshest codes tried"}[punishment]
    out = []
    for k, v in enumerate(values):
        c = cuts[k + 1]
        b, ab = sym.near_points(c, cuts[k], cuts[k + 2])
        below = sustained_profiles(rep, b, punishment, [t.profile for t in found[v]])
        above = sustained_profiles(rep, ab, punishment, [t.profile for t in found[v]])
        at = sustained_profiles(rep, v, punishment, [t.profile for t in found[v]])
        parts = []
        for th in found[v]:
            p = th.profile
            if p in above and p not in below:
                bind = sorted({x.player for x in th.binding}, key=rep.players.index)
                parts.append(f"{_text(rep, p)} sustained by {kind} from here on"
                             + (f" (binding: {', '.join(bind)})" if bind else ""))
            elif p in below and p not in above:
                parts.append(f"{_text(rep, p)} sustained by {kind} up to here, not above")
        if parts:
            out.append(_cv(rep, name, c, below, above, b, ab, at, "; ".join(parts)))
    return out


def _roots(expr: Any, q: Any, lo: Any, hi: Any) -> list:
    """The real zeros and poles in (lo, hi) of a rational function of ``q``, exact."""
    import sympy

    from ..sensitivity import _critical_sym as sym

    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    out = []
    for part in (num, den):
        if q in part.free_symbols:
            out += [r for r in sympy.Poly(part, q).real_roots() if sym._inside(r, lo, hi)]
    return out


class _Info:
    """The discount factor's domain, for the shared ``_domain`` check."""

    def __init__(self, name: str):
        from ..games.parameters import Parameter

        self.parameter_info = {name: Parameter(name, domain=(0, 1))}


def _in_stage(rep: RepeatedGame, name: str, interval: Any, profiles: Any) -> list:
    import sympy

    from ..sensitivity import _critical_sym as sym
    from ..sensitivity.critical import _domain, critical_values
    from ..sensitivity.formulas import equilibrium_formulas

    stage = rep.stage
    q = next(p for p in stage.parameters if p.name == name)
    lo, hi = _domain(stage, name, interval)
    stage_cuts = [c.value for c in critical_values(stage, name, interval=(lo, hi)
                                                    if interval is not None or
                                                    (lo, hi) != (-sympy.oo, sympy.oo)
                                                    else None)]
    bounds = [lo, *stage_cuts, hi]
    U = rep.payoff_array()
    N = rep.num_players
    delta = sympy.Rational(rep.discount.numerator, rep.discount.denominator)
    cand = list(stage_cuts)
    every = [tuple(int(x) for x in a) for a in np.ndindex(*rep.shape)]
    analysed = every if profiles is None else [rep.pure_profile(p) for p in profiles]

    def u(j, a):
        # trusted: strict sympify, text raises; stored payoffs are numbers or sympy
        return sympy.sympify(U[(j, *a)], strict=True)

    for x, y in zip(bounds, bounds[1:]):
        t = sym.interior_point(x, y)
        forms = equilibrium_formulas(stage, {name: t})
        pays = [tuple(e.payoffs) for e in forms]
        for a in every:
            for j in range(N):
                for bj in range(rep.shape[j]):
                    if bj == a[j]:
                        continue
                    dev = u(j, a[:j] + (bj,) + a[j + 1:])
                    exprs = [u(j, a) - dev]
                    if a in analysed:
                        exprs += [u(j, a) - (1 - delta) * dev - delta * p[j] for p in pays]
                    for ex in exprs:
                        cand += _roots(ex, q, x, y)
    values = sym.sort_unique(cand)
    cuts = [lo, *values, hi]

    def status(v):
        g = rep.substitute(**{name: v})
        return sustained_profiles(g, g.discount, "grim", analysed)

    keys = [status(sym.interior_point(x, y)) for x, y in zip(cuts, cuts[1:])]
    out = []
    for k, c in enumerate(values):
        at = status(sym._frac(c)) if c.is_Rational else None
        if keys[k] == keys[k + 1] and (at is None or at == keys[k]):
            continue
        b, ab = sym.near_points(c, cuts[k], cuts[k + 2])
        below, above = status(b), status(ab)
        parts = [f"{_text(rep, p)} sustained below, not above" for p in below
                 if p not in above]
        parts += [f"{_text(rep, p)} sustained above, not below" for p in above
                  if p not in below]
        if not parts:
            parts = ["the sustained profiles differ at the value itself"]
        out.append(_cv(rep, name, c, below, above, b, ab, at, "; ".join(parts)))
    return out
