"""The subgame-perfection entry point (solvers/spe.py): its choice of algorithm, the
normal-form solver it is handed, the typed statistics and errors of the subgame
decomposition, and the imports of its modules."""

import ast
import pickle
from fractions import Fraction as F
from pathlib import Path

import pytest
from sample_trees import entry_game

import gametheory as gt
from gametheory.errors import GameError, SolverError, TooManyEquilibria
from gametheory.solvers.backward import backward_induction, induce
from gametheory.solvers.spe import solve_spe
from gametheory.solvers.subgames import SubgameStats, solve_subgames
from gametheory.solvers.vertex import solve_vertex

SOLVERS = Path(gt.__file__).resolve().parent / "solvers"


def bimatrix_after(node, players, A, B, label):
    for i, n in enumerate(node.decide(players[0], ["T", "B"])):
        for j, m in enumerate(n.decide(players[1], ["L", "R"], infoset=label)):
            m.payoffs(A[i][j], B[i][j])


def two_bos_after_chance():
    """Nature picks one of two battles of the sexes: 3 x 3 = 9 subgame-perfect equilibria."""
    g = gt.ExtensiveFormGame(["P1", "P2"])
    for k, node in enumerate(g.root.chance({"left": F(1, 2), "right": F(1, 2)})):
        bimatrix_after(node, ["P1", "P2"], [[2, 0], [0, 1]], [[1, 0], [0, 2]], f"P2 {k}")
    return g


class Counting:
    """A normal-form solver that records its calls and solves by vertex enumeration."""

    def __init__(self):
        self.calls = []

    def __call__(self, nf, method, exact, options):
        self.calls.append((nf.shape, method, exact, dict(options)))
        return solve_vertex(nf, exact=exact, **options)


# ---------------------------------------------------------------- the normal-form solver
def test_custom_normal_solver_solves_every_imperfect_piece():
    g = two_bos_after_chance()
    count = Counting()
    sol = solve_spe(g, exact=True, normal_solver=count)
    assert len(sol) == 9 and sol.complete
    # the two battles of the sexes, each solved once, with the method name passed on
    assert count.calls == [((2, 2), "vertex", True, {}), ((2, 2), "vertex", True, {})]
    assert [eq.behavior for eq in sol] == \
        [eq.behavior for eq in gt.solve(g, method="spe", exact=True)]


def test_normal_solver_gets_the_method_name_and_tol():
    count = Counting()
    sol = solve_spe(two_bos_after_chance(), normal_solver=count, subgame_method="mine",
                    tol=1e-7)
    assert [c[1:] for c in count.calls] == [("mine", False, {"tol": 1e-7})] * 2
    # another method than vertex: complete as its solutions say (vertex's here)
    assert sol.complete and sol.notes == ("solved in 3 piece(s): 9 by backward induction, "
                                          "2 by method 'mine'",)


def test_normal_solver_not_needed_with_perfect_information():
    def refuse(*args):
        raise AssertionError("not to be called")
    sol = solve_spe(entry_game(), exact=True, normal_solver=refuse)
    assert sol.complete and sol[0].payoffs == (1, 1)
    assert solve_spe(entry_game(), exact=True)[0].payoffs == (1, 1)


def test_missing_normal_solver_is_a_type_error():
    with pytest.raises(TypeError, match="normal_solver"):
        solve_spe(two_bos_after_chance(), exact=True)


def test_errors_of_the_normal_solver_name_the_subgame():
    def fail(nf, method, exact, options):
        raise SolverError("too large for this test")
    with pytest.raises(SolverError, match=r"^the subgame at node right: too large for this test"):
        solve_spe(two_bos_after_chance(), normal_solver=fail)


def test_gt_solve_passes_its_normal_solver():
    sol = gt.solve(two_bos_after_chance(), method="spe", exact=True)
    assert len(sol) == 9
    # the root piece once for each of the 3 x 3 combinations of subgame payoffs
    assert sol.notes[0] == ("solved in 3 piece(s): 9 by backward induction, "
                            "2 by vertex enumeration")


# ---------------------------------------------------------------- choice and checks
def test_perfect_information_is_backward_induction():
    g = entry_game()
    assert [eq.behavior for eq in solve_spe(g, exact=True)] == \
        [eq.behavior for eq in backward_induction(g, exact=True)]


def test_backward_induction_refuses_imperfect_information():
    with pytest.raises(GameError, match="perfect information; information set 'P2 0'"):
        backward_induction(two_bos_after_chance())


def test_induce_counts_tied_nodes():
    g = gt.ExtensiveFormGame(["A", "B"])
    for node in g.root.decide("A", ["x", "y"]):
        for leaf in node.decide("B", ["l", "r"]):
            leaf.payoffs(0, 0)
    found = induce(g, exact=True)
    assert found.tied_nodes == 3 and len(found.solution) == 8
    assert induce(entry_game()).tied_nodes == 0


def test_unknown_option_and_not_a_tree():
    with pytest.raises(SolverError, match="unknown option.*'spe': colour"):
        solve_spe(entry_game(), colour=1)
    with pytest.raises(GameError, match="extensive-form"):
        solve_spe(entry_game().to_normal_form())


# ---------------------------------------------------------------- typed statistics
def test_subgame_stats_complete_and_notes():
    s = SubgameStats()
    assert s.complete and s.notes(1) == ["solved in 1 piece(s): "]
    s.backward += 2
    s.count("vertex")
    s.count("lemke-howson")
    s.count("lemke-howson")
    s.single += 1
    assert s.vertex == 1 and s.other == {"lemke-howson": 2} and s.complete
    assert s.notes(6) == ["solved in 6 piece(s): 2 by backward induction, 1 by vertex "
                          "enumeration, 2 by method 'lemke-howson', 1 by the pure optima "
                          "of the one player"]
    for flag, text in (("ties", "ties in a perfect-information part"),
                       ("continuum", "continuum of equilibria"),
                       ("incomplete", "does not guarantee all equilibria")):
        t = SubgameStats(backward=1, **{flag: True})
        assert not t.complete and len(t.notes(1)) == 2 and text in t.notes(1)[1]
    p = SubgameStats()
    p.count("pure")
    assert p.pure == 1 and not p.complete and "searched for pure" in p.notes(1)[1]


def test_subgame_stats_are_the_solution_notes():
    sol = gt.solve(two_bos_after_chance(), method="spe", exact=True)
    assert list(sol.notes) == SubgameStats(backward=9, vertex=2).notes(3)


# ---------------------------------------------------------------- too many equilibria
def test_too_many_equilibria_is_typed():
    g = two_bos_after_chance()
    with pytest.raises(TooManyEquilibria, match="max_equilibria=8 ") as info:
        gt.solve(g, method="spe", max_equilibria=8)
    assert info.value.limit == 8 and isinstance(info.value, SolverError)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.limit == 8 and str(again) == str(info.value)


def test_too_many_in_a_piece_is_not_wrapped_as_a_subgame_failure():
    """A perfect-information piece with many tied equilibria: backward induction's
    TooManyEquilibria passes through the decomposition unchanged."""
    g = gt.ExtensiveFormGame(["A", "B"])
    pi, blind = g.root.chance({"pi": F(1, 2), "blind": F(1, 2)})
    for node in pi.decide("A", [f"m{k}" for k in range(4)]):
        for leaf in node.decide("B", ["l", "r"]):
            leaf.payoffs(0, 0)
    bimatrix_after(blind, ["A", "B"], [[1, 0], [0, 1]], [[0, 1], [1, 0]], "B blind")
    with pytest.raises(TooManyEquilibria) as info:
        solve_spe(g, max_equilibria=10, normal_solver=Counting())
    assert info.value.limit == 10 and "subgame at node" not in str(info.value)
    assert "pure subgame-perfect" in str(info.value)


def test_too_many_from_the_normal_solver_passes_through():
    def many(nf, method, exact, options):
        raise TooManyEquilibria("more than max_equilibria=1 of the piece", 1)
    with pytest.raises(TooManyEquilibria, match="^more than max_equilibria=1 of the piece$"):
        solve_subgames(two_bos_after_chance(), normal_solver=many)


# ---------------------------------------------------------------- imports
def _imported(path):
    """Every module ``path`` imports (module level and inside functions), absolute."""
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:      # relative to gametheory.solvers
                base = ["gametheory", "solvers"][:3 - node.level]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module
            found.add(mod)
            found |= {f"{mod}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize("name", ["spe", "backward", "subgames"])
def test_spe_modules_do_not_import_the_solvers_package(name):
    imported = _imported(SOLVERS / f"{name}.py")
    assert "gametheory.solvers" not in imported, imported
    assert not any(m.endswith(".solve") for m in imported), imported
    assert "gametheory.solvers.solve" not in imported and "gametheory" not in imported


def test_backward_is_a_leaf():
    assert not any("subgames" in m or m.endswith(".spe") or ".spe." in m
                   for m in _imported(SOLVERS / "backward.py"))
    assert not any(m.endswith(".spe") or ".spe." in m
                   for m in _imported(SOLVERS / "subgames.py"))
