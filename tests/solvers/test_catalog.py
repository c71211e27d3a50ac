"""Every game of pygambit's bundled catalog loads and solves, or is refused clearly.

Our equilibria are checked by pygambit itself: the max regret pygambit computes for our
profile (behaviour profiles on the tree for trees with perfect recall, mixed strategies
on the normal form otherwise) is at most 1e-9; zero-sum values agree with pygambit's
``lp_solve``. Refused: the two absent-minded trees (our trees do not represent
absent-mindedness: ParseError naming the information set). The three-player normal
forms with no pure equilibrium (NO_PURE_EQUILIBRIUM) are solved with "enumpoly".
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pygambit as gbt
import pytest
from oracles import gambit_nf_regret, pygambit_regret

import gametheory as gt
from gametheory.errors import DegenerateGameWarning, ParseError

CATALOG = sorted((Path(gbt.__file__).parent / "catalog_data").rglob("*.[en]fg"))
ABSENT_MINDED = {"shohamleytonbrown2008/fig5_12.efg", "gilboa1997/fig1.efg"}
#: Three-player normal forms without a pure equilibrium: solved with method="enumpoly"
#: (sec4: the unique irrational equilibrium; sec6: sample points of a continuum).
NO_PURE_EQUILIBRIUM = {"nau2004/sec4.nfg", "nau2004/sec6.nfg"}


def name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_the_catalog_is_there():
    assert len(CATALOG) >= 38
    assert ABSENT_MINDED <= {name(p) for p in CATALOG}


def nf_regret(nf, strategies) -> Fraction:
    """pygambit's max regret of our mixed profile on the same normal form."""
    theirs = gbt.StrategicGame.from_arrays(*[np.asarray(nf.payoffs[i], dtype=object)
                                             for i in range(nf.num_players)])
    return gambit_nf_regret(theirs, strategies, rational=True)


def zero_sum(game) -> bool:
    if game.num_players != 2:
        return False
    pay = game.arrays.payoffs if hasattr(game, "arrays") else game.payoffs
    total = pay.sum(axis=-1) if hasattr(game, "arrays") else pay[0] + pay[1]
    return len({Fraction(x) for x in np.ravel(total)}) == 1


@pytest.mark.parametrize("path", CATALOG, ids=name)
def test_catalog_game_solves_or_is_refused(path):
    text = path.read_text()
    if name(path) in ABSENT_MINDED:
        with pytest.raises(ParseError, match="absent-minded|met twice"):
            gt.read_gambit(text)
        return
    game = gt.read_gambit(text, exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sol = gt.solve(game, exact=True)
    if name(path) in NO_PURE_EQUILIBRIUM:     # "auto" is "enumpoly": exact, irrational
        assert not gbt.nash.enumpure_solve(gbt.read_nfg(str(path))).equilibria
        assert sol.method == "enumpoly" and sol.equilibria, name(path)
        theirs = gbt.read_nfg(str(path))
        for eq in sol.equilibria:
            assert gambit_nf_regret(theirs, eq.strategies) <= 1e-9, (name(path), eq)
        return
    assert sol.equilibria, f"{name(path)}: {sol.method} found nothing"
    tree = hasattr(game, "arrays")
    for eq in sol.equilibria:
        if tree and game.has_perfect_recall:
            assert eq.behavior is not None
            assert pygambit_regret(game, eq.behavior) <= Fraction(1, 10**9), (name(path), eq)
        else:        # a normal form, or the reduced normal form of an imperfect-recall tree
            assert nf_regret(sol.game, eq.strategies) <= Fraction(1, 10**9), (name(path), eq)


TWO_PLAYER_TREES = [p for p in CATALOG if p.suffix == ".efg" and name(p) not in ABSENT_MINDED]


@pytest.mark.parametrize("path", TWO_PLAYER_TREES, ids=name)
def test_tree_methods_on_the_catalog(path):
    """spe, sequence-lcp and (zero-sum) sequence-lp on every two-player tree with perfect
    recall: pygambit finds no regret; zero-sum values equal pygambit's lp_solve."""
    game = gt.read_gambit(path.read_text(), exact=True)
    if game.num_players != 2 or not game.has_perfect_recall:
        with pytest.raises(gt.GameError):
            gt.solve(game, method="sequence-lcp")
        return
    methods = ["spe", "sequence-lcp"] + (["sequence-lp"] if zero_sum(game) else [])
    for method in methods:
        sol = gt.solve(game, method=method, exact=True)
        for eq in sol.equilibria:
            assert pygambit_regret(game, eq.behavior) == 0, (name(path), method, eq)
    if zero_sum(game):
        theirs = gbt.read_efg(str(path))
        eq = gbt.nash.lp_solve(theirs, rational=True).equilibrium
        value = gt.solve(game, method="sequence-lp", exact=True).value
        assert value == Fraction(eq.payoffs[list(theirs.players)[0]])
