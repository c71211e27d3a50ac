"""method="spe" with multi_method="enumpoly": pieces in which three or more players move
solved for all their equilibria (mixed ones included), not for pure ones only.

Known answer: the symmetric volunteer's dilemma (Diekmann 1985, J. Conflict Resolution
29(4)) of n players with benefit b and cost c has n pure equilibria (one volunteer) and,
for every set of m >= 2 players who mix while the rest abstain, the equilibrium in which
each of them abstains with probability (c / b)^(1 / (m - 1)): 2^n - 1 in all."""

from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import SolverError


def volunteer_tree(n, b, c):
    """A first mover who may opt out (payoff 0 to all) before n players volunteer or not,
    simultaneously (each player's one information set spans its level)."""
    names = [f"P{i}" for i in range(n)]
    g = gt.ExtensiveFormGame(["Starter", *names])
    stop, play = g.root.decide("Starter", ["stop", "play"], infoset="Starter")
    stop.payoffs(*[0] * (n + 1))

    def level(node, j, acts):
        if j == n:
            some = any(acts)
            node.payoffs(1 if some else -1, *[(b if some else 0) - (c if v else 0)
                                              for v in acts])
            return
        for v, kid in zip((True, False), node.decide(names[j], ["volunteer", "abstain"],
                                                     infoset=names[j])):
            level(kid, j + 1, acts + [v])

    level(play, 0, [])
    return g


def test_default_lists_pure_subgame_equilibria_only():
    sol = gt.solve(volunteer_tree(3, 4, 1), method="spe", exact=True)
    assert len(sol.equilibria) == 3 and not sol.complete
    assert any("pure equilibria only" in n for n in sol.notes)


@pytest.mark.parametrize("n, b, c", [(3, 4, 1), (4, 64, 1)])
def test_enumpoly_finds_every_mixed_subgame_equilibrium_exactly(n, b, c):
    # c / b = 1/4 and 1/64: every (c/b)^(1/(m-1)) is rational for m <= n
    sol = gt.solve(volunteer_tree(n, b, c), method="spe", exact=True,
                   multi_method="enumpoly")
    assert sol.complete and len(sol.equilibria) == 2 ** n - 1
    found = set()
    for eq in sol.equilibria:
        assert eq.behavior["Starter"]["play"] == 1          # someone volunteers w.p. > 0
        q = tuple(eq.behavior[f"P{i}"]["abstain"] for i in range(n))
        mixing = [x for x in q if x != 1]
        m = len(mixing)
        if m == 1:                                   # the lone volunteer
            assert mixing == [0]
        else:                                        # abstains w.p. (c/b)^(1/(m-1))
            assert all(isinstance(x, F) and x ** (m - 1) == F(c, b) for x in mixing)
        found.add(q)
    assert len(found) == 2 ** n - 1


def test_irrational_subgame_equilibria_in_floats_and_refused_exactly():
    g = volunteer_tree(3, 10, 4)                  # c / b = 2/5: sqrt(2/5) is irrational
    sol = gt.solve(g, method="spe", multi_method="enumpoly")
    full = [eq for eq in sol.equilibria
            if all(0 < eq.behavior[f"P{i}"]["abstain"] < 1 for i in range(3))]
    assert len(sol.equilibria) == 7 and len(full) == 1
    assert full[0].behavior["P0"]["abstain"] == pytest.approx(F(2, 5) ** 0.5, abs=1e-9)
    with pytest.raises(SolverError, match="irrational probabilities.*exact=False"):
        gt.solve(g, method="spe", exact=True, multi_method="enumpoly")


def test_two_player_pieces_and_unknown_multi_method():
    g = volunteer_tree(2, 4, 1)          # two movers: vertex enumeration, as before
    a = gt.solve(g, method="spe", exact=True)
    b = gt.solve(g, method="spe", exact=True, multi_method="enumpoly")
    assert [e.behavior for e in a.equilibria] == [e.behavior for e in b.equilibria]
    with pytest.raises(SolverError):
        gt.solve(volunteer_tree(3, 4, 1), method="spe", multi_method="no-such-method")
