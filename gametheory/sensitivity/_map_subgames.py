"""Atoms of equilibrium maps of trees with imperfect information (any number of players)
under subgame perfection: the multivariate analogue of
:mod:`~gametheory.sensitivity._critical_subgames`.

The tree is cut into the pieces that ``gt.solve(method="spe")`` solves
(:func:`~gametheory.solvers.subgames.subgame_pieces`) and, at one rational point of the
mapped parameters, worked through bottom-up: each nested subgame is replaced by a terminal
node carrying one of the value vectors of its equilibria there (elements of
``QQ(x1, ..., xd)``, exact on the region of the point), every combination followed. A piece
with perfect information adds the differences of backward induction
(:func:`~gametheory.sensitivity._critical_sym.tree_values`); a piece in which two players
move the support conditions of its two-player normal form
(:func:`~gametheory.sensitivity._critical_sym.bimatrix_candidates`), its equilibria's
values the closed forms of their tight equations; any other piece, which ``"spe"``
searches for pure equilibria only, the pure-deviation comparisons
(:func:`~gametheory.sensitivity._critical_poly.pure_candidates`). The explorer of
:mod:`~gametheory.sensitivity._conditions` repeats the pass at new points (on the atoms'
zero sets, in new cells) until no new atom appears.

References
----------
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
extensive games. *International Journal of Game Theory* 4, 25-55.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..games._subtree import subtree_game, terminal_payoffs
from ..solvers.subgames import piece_pair, project_pair, subgame_pieces
from . import _critical_poly as poly
from . import _critical_sym as sym

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame

__all__ = ["SubgamePass"]


class SubgamePass:
    """Bottom-up passes over the pieces of ``game`` collecting atoms in ``F``'s variables.

    Examples
    --------
    A guarantor defends (cost c) or abandons (audience cost a) while Russia, not seeing
    it, escalates or stays, after Ukraine's move:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory.sensitivity._conditions import AtomCollector, MultiField
    >>> a, c = gt.parameters("a c")
    >>> g = gt.ExtensiveFormGame(["U", "R", "G"])
    >>> stay, go = g.root.decide("U", ["stay", "go"])
    >>> _ = stay.payoffs(0, 0, 0)
    >>> for act, n in zip(["defend", "abandon"], go.decide("G", ["defend", "abandon"])):
    ...     esc, calm = n.decide("R", ["escalate", "calm"], infoset="R")
    ...     _ = esc.payoffs(-1, -3 if act == "defend" else 2, -c if act == "defend" else -a)
    ...     _ = calm.payoffs(1, 0, 0)
    >>> F = MultiField(tuple(g.parameters))
    >>> col = AtomCollector(F.symbols)
    >>> SubgamePass(g, F).run((Fraction(1), Fraction(2)), col)   # a = 1, c = 2
    >>> sorted(str(x) for x in col.atoms)
    ['a - c']
    """

    def __init__(self, game: ExtensiveFormGame, F: Any):
        self.game, self.F = game, F
        self.names = tuple(s.name for s in F.symbols)
        self.keep, self.below = subgame_pieces(game)
        self.terminals = terminal_payoffs(game)

    def run(self, pt: tuple, cand: Any) -> None:
        """One pass with the equilibria chosen at ``pt`` (Fractions, in the field's
        variable order); the atoms go to ``cand`` (an AtomCollector)."""
        F = self.F
        found: dict[int, list] = {}
        for v in reversed(self.keep):
            kids = self.below[v]
            out: list = []
            for combo in itertools.product(*(found.pop(c) for c in kids)):
                replace = {c: [F.K.to_sympy(x) for x in w] for c, w in zip(kids, combo)}
                piece = subtree_game(self.game, v, replace, False, self.terminals)
                out += self.piece(piece, pt, cand)
            found[v] = sym._dedupe(out)

    def piece(self, piece: ExtensiveFormGame, pt: tuple, cand: Any) -> list:
        """The value vectors (field elements) of the equilibria ``"spe"`` finds in one
        piece at ``pt``; its conditions go to ``cand``."""
        F = self.F
        if piece.has_perfect_information:
            return sym.tree_values(piece, F, pt, cand, None, None)[1]
        nf = piece.to_normal_form()
        U = poly.field_tensor(nf, F)
        pair = piece_pair(nf)
        if pair is None:            # pure equilibria only, as "spe" searches there
            poly.pure_candidates(nf, U, cand)
            return poly.pure_values(nf, U, F, pt)
        two = project_pair(nf, pair)
        A, B = (U[p].reshape(two.shape).tolist() for p in pair)
        sym.bimatrix_candidates(two, F, A, B, cand)
        return self.pair_values(two, pair, U.reshape((len(U), *two.shape)), pt)

    def pair_values(self, two: NormalFormGame, pair: list, U: Any, pt: tuple) -> list:
        """Every player's payoff (field elements) at each extreme equilibrium of the
        two-player piece ``two`` at ``pt`` (vertex enumeration, as ``"spe"`` uses), written
        as the closed form of its tight equations."""
        import sympy

        from ..solvers.vertex import solve_vertex

        F = self.F
        A, B = (sympy.Matrix([[F.K.to_sympy(x) for x in row] for row in U[k].tolist()])
                for k in pair)
        at = {s: sympy.Rational(x.numerator, x.denominator) for s, x in zip(F.symbols, pt)}
        A0, B0 = A.xreplace(at), B.xreplace(at)
        own = {p.name for p in two.parameters}
        numeric = two.substitute(**{n: x for n, x in zip(self.names, pt) if n in own}) \
            if own else two
        out = []
        for k, eq in enumerate(solve_vertex(numeric, exact=True).equilibria):
            x0, y0 = ([sympy.Rational(Fraction(v)) for v in s] for s in eq.strategies)
            y, _ = sym.tight_mix(A, A0, x0, y0, f"equilibrium [{k}] of a subgame")
            x, _ = sym.tight_mix(B.T, B0.T, y0, x0, f"equilibrium [{k}] of a subgame")
            xs, ys = [F(e) for e in x], [F(e) for e in y]
            out.append(tuple(sum((xs[i] * ys[j] * P[i][j] for i in range(len(xs))
                                  for j in range(len(ys))), F.K.zero) for P in U.tolist()))
        return out
