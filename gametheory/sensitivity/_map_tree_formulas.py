"""Closed forms of subgame-perfect equilibria that mix inside a piece of a tree with
imperfect information, for :mod:`gametheory.sensitivity.equilibrium_map`.

The pieces of ``gt.solve(method="spe")`` are worked through bottom-up for one solved
equilibrium: a nested subgame is replaced by the formulas of its values, a piece in which
two players move at one information set each (a simultaneous subgame) gets the formulas
of its equilibrium's tight equations (:func:`~gametheory.sensitivity._critical_sym.tight_mix`,
as for a bimatrix game), any other piece keeps its pure choices, and the piece's values
are the expected payoffs under those formulas. Other mixing pieces raise GameError (the
map then gives values at a point).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import GameError
from ..games._subtree import subtree_game, terminal_payoffs
from ..solvers.subgames import piece_pair, project_pair, subgame_pieces
from . import _critical_sym as sym

__all__ = ["mixed_tree_formulas"]


def _pure(beh: dict) -> dict:
    import sympy

    if any(p not in (0, 1) for d in beh.values() for p in d.values()):
        raise GameError("a piece mixes where no closed form is derived")
    return {h: {a: sympy.Integer(int(p)) for a, p in d.items()} for h, d in beh.items()}


def _simultaneous(piece: Any, nf: Any, pair: list, beh: dict, at: dict) -> dict:
    """The behaviour formulas of a two-mover piece where each mover has one information
    set whose actions are their strategies."""
    import sympy

    a = piece.arrays
    owner = {a.infoset_labels[int(h)]: int(p) for h, p in zip(a.infoset, a.player) if h >= 0}
    labels = {}
    for k in pair:
        own = [lab for lab in beh if owner.get(lab) == k
               and tuple(beh[lab]) == tuple(nf.strategies[k])]
        if len(own) != 1 or len(nf.strategies[k]) != len(beh[own[0]]):
            raise GameError("a mixing piece is not a simultaneous move")
        labels[k] = own[0]
    two = project_pair(nf, pair)
    A, B = (sympy.Matrix(two.payoffs[i].tolist()) for i in (0, 1))
    A0, B0 = A.xreplace(at), B.xreplace(at)
    x0, y0 = ([sympy.Rational(Fraction(v)) for v in beh[labels[k]].values()] for k in pair)
    y, _ = sym.tight_mix(A, A0, x0, y0, "a subgame's equilibrium")
    x, _ = sym.tight_mix(B.T, B0.T, y0, x0, "a subgame's equilibrium")
    out = {}
    for k, mix in zip(pair, (x, y)):
        out[labels[k]] = dict(zip(beh[labels[k]], (sympy.factor(e) for e in mix)))
    return out


def mixed_tree_formulas(game: Any, sol: Any, pt: dict) -> list:
    """Each equilibrium of ``sol`` (the exact ``"spe"`` solve of ``game`` at the point
    ``pt``, ``{Symbol: Rational}``) as a ClosedFormEquilibrium whose behaviour and payoffs
    are formulas; GameError where a mixing piece is not a simultaneous move."""
    import sympy

    from .formulas import ClosedFormEquilibrium

    keep, below = subgame_pieces(game)
    terminals = terminal_payoffs(game)
    out = []
    for eq in sol.equilibria:
        beh: dict = {}
        vals: dict = {}
        for v in reversed(keep):
            piece = subtree_game(game, v, {c: vals[c] for c in below[v]}, False, terminals)
            local = {h: eq.behavior[h] for h in piece.arrays.infoset_labels if h in eq.behavior}
            mixes = any(p not in (0, 1) for d in local.values() for p in d.values())
            if mixes and not piece.has_perfect_information:
                nf = piece.to_normal_form()
                pair = piece_pair(nf)
                if pair is None:
                    raise GameError("a piece of three or more movers mixes")
                b = _simultaneous(piece, nf, pair, local, pt)
                b.update(_pure({h: d for h, d in local.items() if h not in b}))
            else:
                b = _pure(local)
            beh.update(b)
            # trusted: strict sympify, text raises; payoffs and formulas are sympy objects
            vals[v] = [sympy.factor(sympy.sympify(x, strict=True))
                       for x in piece.expected_payoffs(b)]
        out.append(ClosedFormEquilibrium((), {h: beh[h] for h in eq.behavior}, tuple(vals[0]),
                                         {}, game.players, ()))
    return out
