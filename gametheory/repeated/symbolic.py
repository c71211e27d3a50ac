"""Grim-trigger thresholds as formulas in the stage game's parameters.

With symbolic payoffs the stage equilibria are not enumerated, so the reversion profile
is given (a pure profile, per deviator or for all), and the conditions under which it is
a stage equilibrium become part of the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import GameError
from .codes import Constraint
from .threshold import DiscountThreshold

if TYPE_CHECKING:
    from .game import RepeatedGame

__all__ = ["symbolic_grim"]


def _cell(U: Any, i: int, prof: tuple) -> Any:
    import sympy

    # trusted: strict sympify, text raises; stored payoffs are numbers or sympy
    return sympy.sympify(U[(i, *prof)], strict=True)


def _tidy(rel: Any) -> Any:
    """A relation with its sides moved together when that is shorter (``b >= b - c``
    becomes ``c >= 0``; ``P >= S`` stays)."""
    import sympy

    if not isinstance(rel, sympy.core.relational.Relational) or rel.has(sympy.Max):
        return rel
    diff = sympy.cancel(rel.lhs - rel.rhs)
    num, den = sympy.fraction(diff)
    if den.is_number and den > 0:
        diff = num
    terms = sympy.Add.make_args(diff)
    const = sum((t for t in terms if t.is_number), sympy.Integer(0))
    rest = diff - const
    out = rel.func(rest, -const)
    if isinstance(out, sympy.core.relational.Relational) and rest.could_extract_minus_sign():
        out = rel.reversed.func(-rest, const)
    if not isinstance(out, sympy.core.relational.Relational):
        return out
    return out if sympy.count_ops(out) < sympy.count_ops(rel) else rel


def symbolic_grim(rep: RepeatedGame, path: tuple, reversion: Any) -> Any:
    """The grim-trigger threshold of ``path`` for symbolic stage payoffs.

    Player j's constraint is ``delta * (d_j - p_j) >= d_j - v_j`` with ``d_j`` the
    largest deviation payoff (a ``Max`` of the candidates), ``v_j`` the path payoff and
    ``p_j`` the reversion payoff. Where every ``v_j > p_j`` and the reversion profiles are
    stage equilibria (the ``condition``), the path is sustained exactly for
    ``delta >= max(0, max_j (d_j - v_j)/(d_j - p_j))``; ``value`` is the inner maximum,
    the threshold where some player is tempted (``d_j >= v_j``), and ``pieces`` add 0
    where nobody is.

    Examples
    --------
    The Prisoner's Dilemma with temptation T, reward R, punishment P, sucker S:
    cooperation is sustained by reversion to (D, D) for delta >= (T - R)/(T - P)
    (Mailath & Samuelson 2006, ch. 2).

    >>> import gametheory as gt
    >>> T, R, P, S = gt.parameters("T R P S")
    >>> pd = gt.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> th = gt.RepeatedGame(pd).critical_discount(("C", "C"), reversion=("D", "D"))
    >>> th.value
    (-R + T)/(-P + T)
    >>> sorted(str(c) for c in th.condition.args)
    ['P >= S', 'R > P', 'T >= R']
    """
    import sympy

    N = rep.num_players
    if reversion is None:
        raise GameError("with symbolic payoffs give reversion= (a pure stage profile, or "
                        "{player: profile}): the stage equilibria of a symbolic game are "
                        "not enumerated")
    if isinstance(reversion, dict):
        chosen = {rep.stage.player_index(k): rep.pure_profile(v) for k, v in reversion.items()}
        missing = [rep.players[j] for j in range(N) if j not in chosen]
        if missing:
            raise GameError(f"reversion= names no profile for {', '.join(missing)}")
        revs = [chosen[j] for j in range(N)]
    else:
        revs = [rep.pure_profile(reversion)] * N
    U = rep.payoff_array()
    conds = []
    why = []                               # per condition: what it failing would mean
    for e in set(revs):
        for k in range(N):
            u = _cell(U, k, e)
            for a in range(rep.shape[k]):
                if a != e[k]:
                    conds.append(u >= _cell(U, k, e[:k] + (a,) + e[k + 1:]))
                    why.append(f"{rep.players[k]} gains by playing {rep.strategies[k][a]} "
                               f"against the reversion {rep.profile_text(e)}, so it is "
                               "no stage Nash equilibrium")
    ratios, tempted, calm, cons = [], [], [], []
    for j in range(N):
        devs = [(a, _cell(U, j, path[:j] + (a,) + path[j + 1:]))
                for a in range(rep.shape[j]) if a != path[j]]
        if not devs:
            continue
        v, p = _cell(U, j, path), _cell(U, j, revs[j])
        d = sympy.Max(*(x for _, x in devs))
        conds.append(v > p)
        why.append(f"{rep.players[j]} gets no more on the path than in the reversion "
                   f"{rep.profile_text(revs[j])}, so the threat does not deter it")
        ratios.append(sympy.cancel(d - v) / sympy.cancel(d - p) if len(devs) == 1
                      else (d - v) / (d - p))
        tempted.append(d >= v)
        calm.append(d < v)
        label = rep.strategies[j][devs[0][0]] if len(devs) == 1 else "best deviation"
        cons.append(Constraint(rep.players[j], "cooperation", label, d - v, d - p))
    conds = [_tidy(c) for c in conds]
    tempted = [_tidy(c) for c in tempted]
    calm = [_tidy(c) for c in calm]
    base = sympy.And(*conds)
    if base is sympy.false:
        k = next(k for k in range(len(conds))      # the first condition that fails
                 if sympy.And(*conds[:k + 1]) is sympy.false)
        j = next((j for j in range(k) if sympy.And(conds[j], conds[k]) is sympy.false), None)
        reason = why[k] if conds[k] is sympy.false or j is None else \
            f"{why[j]}, or else {why[k]}"
        raise GameError("grim trigger cannot sustain this path for any parameter values: "
                        + reason)
    labels = tuple(rep.strategies[i][a] for i, a in enumerate(path))
    desc = "; ".join(f"{p}: Nash reversion to {rep.profile_text(e)}"
                     for p, e in zip(rep.players, revs))
    if not ratios:
        return DiscountThreshold(labels, "grim", sympy.Integer(0), constraints=tuple(cons),
                                 condition=base, pieces=((sympy.Integer(0), base),), code=desc)
    value = sympy.Max(*ratios)
    cond = sympy.And(base, sympy.Or(*tempted))
    pieces = tuple((v, c) for v, c in ((value, cond),
                                       (sympy.Integer(0), sympy.And(base, *calm)))
                   if c is not sympy.false)
    return DiscountThreshold(labels, "grim", value, constraints=tuple(cons), condition=cond,
                             pieces=pieces, code=desc)
