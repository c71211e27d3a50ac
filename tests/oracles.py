"""Shared test helpers: random games and the independent oracles (pygambit, nashpy).

Importable from any test as ``import oracles`` (pytest ``pythonpath = ["tests"]``).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np


def random_bimatrix(rng: np.random.Generator, m: int, n: int, kind: str = "int"):
    """A random bimatrix game (A, B).

    kind: ``"uniform"`` floats in [0, 1) (nondegenerate with probability 1);
    ``"int"`` integers in [-3, 3] (often degenerate: ties are common);
    ``"binary"`` integers in {0, 1} (highly degenerate).
    """
    if kind == "uniform":
        return rng.random((m, n)), rng.random((m, n))
    if kind == "int":
        return rng.integers(-3, 4, (m, n)), rng.integers(-3, 4, (m, n))
    if kind == "binary":
        return rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
    raise ValueError(kind)


def gambit_extreme_equilibria(A, B) -> set[tuple]:
    """Extreme equilibria by pygambit's enummixed_solve in rational arithmetic, as a set
    of tuples of Fractions (x followed by y)."""
    import pygambit as gbt

    g = gbt.Game.from_arrays(np.asarray(A, dtype=object), np.asarray(B, dtype=object))
    res = gbt.nash.enummixed_solve(g, rational=True)
    out = set()
    for eq in res.equilibria:
        vals = []
        for p in g.players:
            vals += [Fraction(str(eq[s])) for s in p.strategies]
        out.add(tuple(vals))
    return out


def nashpy_equilibria(A, B) -> list[tuple[np.ndarray, np.ndarray]]:
    """Equilibria by nashpy's vertex enumeration (floats)."""
    import nashpy

    return [(np.asarray(x), np.asarray(y))
            for x, y in nashpy.Game(np.asarray(A, float), np.asarray(B, float))
            .vertex_enumeration()]


def solution_key_set(sol) -> set[tuple]:
    """The equilibria of an exact Solution as a set of tuples of Fractions (x then y)."""
    return {tuple(Fraction(v) for s in eq.strategies for v in s) for eq in sol.equilibria}


# ---------------------------------------------------------------- pygambit trees
def to_pygambit(game):
    """The same tree built with pygambit's own API (an independent implementation).

    Returns the pygambit game, {our information set index: pygambit infoset} and
    {our node id: pygambit node}.
    """
    import pygambit as gbt

    out = gbt.Game.new_tree(players=list(game.players))
    nodes, isets = {0: out.root}, {}
    for v in range(game.num_nodes):
        node, move = nodes[v], game._move[v]
        if move is not None:
            labels = list(game._labels[v])
            if move[0] < 0:
                out.append_move(node, out.players.chance, labels)
                out.set_chance_probs(node.infoset, [gbt.Rational(str(Fraction(p)))
                                                    for p in game._chance_probs[v]])
            elif move[1] in isets:
                out.append_infoset(node, isets[move[1]])
            else:
                out.append_move(node, game.players[move[0]], labels)
                isets[move[1]] = node.infoset
            for c, label in zip(game._children[v], labels, strict=True):
                nodes[c] = node.children[label]
        if v in game._outcomes:
            o = out.add_outcome(f"o{v}", payoffs=[gbt.Rational(str(Fraction(x)))
                                                  for x in game._outcomes[v]])
            out.set_outcome(node, o)
    return out, isets, nodes


def pygambit_profile(game, behavior, rational: bool = True):
    """pygambit's behaviour profile equal to ours; returns it and the node map."""
    import pygambit as gbt

    theirs, isets, nodes = to_pygambit(game)
    prof = theirs.mixed_behavior_profile(rational=rational)
    labels = game.arrays.infoset_labels
    for h, iset in isets.items():
        for act, p in zip(iset.actions, behavior[labels[h]].values(), strict=True):
            prof[act] = gbt.Rational(str(Fraction(p))) if rational else float(p)
    return prof, nodes


def pygambit_regret(game, behavior, rational: bool = True):
    """pygambit's max_regret of our behaviour profile (a Fraction when rational).

    pygambit 16.7 enumerates pure strategies for this, so keep the trees small."""
    prof, _ = pygambit_profile(game, behavior, rational)
    r = prof.max_regret()
    return Fraction(str(r)) if rational else float(r)
