"""The method registry (gametheory.solvers.registry): honest entries, one option check,
callable methods, show_method, the README table, and a method registered in a test
picked up by solve, "auto", sweep, critical_values, the CLI and the property tests."""

from __future__ import annotations

import dataclasses
import inspect
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from method_checks import check_complete, check_regret

import gametheory as gt
from gametheory.cli.main import main as cli_main
from gametheory.solvers import TREE_METHODS
from gametheory.solvers._advice import applicable
from gametheory.solvers.pure import solve_pure
from gametheory.solvers.registry import (
    METHODS,
    Method,
    Option,
    get_method,
    method_summary,
    register,
    unregister,
)

README = Path(__file__).resolve().parents[2] / "README.md"
BOS = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def entry_game() -> gt.ExtensiveFormGame:
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    out, enter = g.root.decide("Entrant", ["out", "in"])
    out.payoffs(1, 2)
    fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(0, 0)
    acc.payoffs(2, 1)
    return g


# ------------------------------------------------------------ the entries are honest
@pytest.mark.parametrize("name", list(METHODS))
def test_options_are_the_functions_keywords_with_their_defaults(name):
    m = METHODS[name]
    params = inspect.signature(m.function).parameters
    keywords = {k: p.default for k, p in params.items()
                if p.kind is not p.VAR_KEYWORD and k not in ("game", "exact")
                and not (k == "normal_solver" and m.takes_normal_solver)
                and not (name == "best-response" and k == "method")}   # the reported name
    assert {o.name: o.default for o in m.options} == keywords
    assert all(o.meaning and "\n" not in o.meaning for o in m.options)


@pytest.mark.parametrize("name", list(METHODS))
def test_reference_is_the_one_in_the_docstring(name):
    m = METHODS[name]
    doc = inspect.getdoc(m.function) or ""
    first_author = m.reference.split(",")[0]
    assert first_author in doc, (name, first_author)
    assert m.summary and m.forms <= {"normal", "tree"} and m.players in (2, None)


def test_tree_methods_are_derived_from_the_forms():
    assert TREE_METHODS == tuple(n for n, m in METHODS.items() if "tree" in m.forms)
    assert TREE_METHODS == ("spe", "sequential", "pbe", "sequence-lp", "sequence-lcp", "qre")


def test_batch_engines_are_declared_and_serve_their_games():
    engines = {n: m.batch_engine() for n, m in METHODS.items() if m.batch}
    assert set(engines) == {"support", "vertex", "spe"}
    assert engines["vertex"] is engines["support"]
    q = gt.parameters("q")
    game = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    assert engines["vertex"].accepts(game) and not engines["spe"].accepts(game)


# ------------------------------------------------------------ one check of options
@pytest.mark.parametrize("name", list(METHODS))
def test_unknown_option_is_a_solver_error_naming_the_valid_ones(name):
    """pure, enumpoly, pns and qre raised TypeError; now every method is refused in one
    place, with the method and its options named."""
    game = entry_game() if "normal" not in METHODS[name].forms else BOS
    valid = ", ".join(o.name for o in METHODS[name].options)
    with pytest.raises(gt.SolverError,
                       match=rf"unknown option\(s\) for method '{name}': colour; "
                             rf"valid: {re.escape(valid)}"):
        gt.solve(game, method=name, colour="red")


def test_unknown_method_names_the_available_ones():
    with pytest.raises(gt.SolverError, match="unknown method 'simplex'; available: auto, pure"):
        gt.solve(BOS, method="simplex")
    with pytest.raises(gt.SolverError, match="unknown method"):
        get_method("simplex")


# ------------------------------------------------------------ callables, show_method
def test_a_callable_method_is_called_with_the_game_and_options():
    seen = {}

    def mine(game, exact=False, **options):
        seen.update(options, exact=exact)
        return solve_pure(game, exact=exact)

    sol = gt.solve(BOS, method=mine, exact=True, tol=None)
    assert seen == {"tol": None, "exact": True} and len(sol) == 2 and sol.method == "pure"
    with pytest.raises(gt.SolverError, match="returned list, not a Solution"):
        gt.solve(BOS, method=lambda game, exact=False: [])
    q = gt.parameters("q")
    with pytest.raises(gt.GameError, match="q"):
        gt.solve(gt.NormalFormGame.from_arrays([[q]], [[1]]), method=mine)


def test_show_method_prints_options_defaults_meanings_and_reference(capsys):
    assert gt.show_method("vertex") is None
    out = capsys.readouterr().out
    assert out == method_summary("vertex") + "\n"
    assert out.startswith("vertex: vertex enumeration")
    assert "2 players" in out and "complete: yes" in out and "exact:    yes" in out
    assert re.search(r"max_seconds = 10\.0 +refuse games", out)
    assert "Avis, D., Rosenberg" in out


def test_register_refuses_a_taken_name_and_bad_entries():
    with pytest.raises(gt.SolverError, match="taken"):
        register(METHODS["pure"])
    with pytest.raises(gt.SolverError, match="forms"):
        dataclasses.replace(METHODS["pure"], forms=frozenset({"matrix"}))
    with pytest.raises(gt.SolverError, match="unknown requirement"):
        dataclasses.replace(METHODS["pure"], requires=frozenset({"symmetric"}))
    with pytest.raises(gt.SolverError, match="unknown method"):
        unregister("simplex")


# ------------------------------------------------------------ the README's table
def _readme_rows() -> dict[str, list[str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("| method | games | finds | complete |")
    rows = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0].strip('`"')] = cells
    return rows


def test_readme_methods_table_matches_the_registry():
    rows = _readme_rows()
    assert sorted(rows) == sorted(METHODS)       # one row per registered method
    for name, (_, games, _, complete) in rows.items():
        m = METHODS[name]
        assert complete.startswith("yes") == m.complete, name
        assert ("two" in games) == (m.players == 2), name
        assert ("tree" in games) == ("tree" in m.forms), name
        assert ("zero-sum" in games) == ("zero-sum" in m.requires), name


# ------------------------------------------------------------ a method added in a test
def solve_pure_first(game, exact=False, tol=None):
    """Pure equilibria if there are any, else SolverError (a test method).

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), 286-295.
    """
    sol = solve_pure(game, exact=exact, tol=tol)
    if not sol.equilibria:
        raise gt.SolverError("pure-first found no pure equilibrium")
    return dataclasses.replace(sol, method="pure-first")


def _pure_first(auto: bool) -> Method:
    return Method("pure-first", "pure equilibria first (a test method)", __name__,
                  "solve_pure_first", frozenset({"normal"}), None, complete=False,
                  exact=True, options=(Option("tol", None, "payoff slack"),),
                  reference="Nash, J. (1951). Non-cooperative games.", auto=auto,
                  sensitivity="pure")      # its equilibria change where pure ones do


@pytest.fixture(params=[True], ids=["auto"])
def pure_first(request):
    m = register(_pure_first(auto=request.param))
    yield m
    unregister(m.name)


@pytest.fixture
def pure_first_manual():
    m = register(_pure_first(auto=False))
    yield m
    unregister(m.name)


def _three_player_game() -> gt.NormalFormGame:
    """3 x 3 x 3 (6 unknowns: beyond what "auto" gives enumpoly) with a pure equilibrium
    (everybody's first strategy pays 1, the rest 0)."""
    U = np.zeros((3, 3, 3, 3), dtype=int)
    U[:, 0, 0, 0] = 1
    return gt.NormalFormGame(U)


def test_a_registered_method_is_solved_by_name(pure_first):
    sol = gt.solve(BOS, method="pure-first", exact=True)
    assert sol.method == "pure-first" and len(sol) == 2
    assert "pure-first" in applicable(BOS, list(METHODS), exact=True)
    tree = gt.solve(entry_game(), method="pure-first", exact=True)   # its reduced form
    assert tree.method == "pure-first" and tree.equilibria[0].behavior is not None
    with pytest.raises(gt.SolverError, match="'pure-first': colour; valid: tol"):
        gt.solve(BOS, method="pure-first", colour=1)


def test_auto_tries_a_registered_method_after_the_built_in_ones(pure_first):
    """No built-in method solves this game exactly within auto's limits; the new one
    (auto=True, exact) does. Games the built-ins solve are solved as before."""
    sol = gt.solve(_three_player_game(), exact=True)
    assert sol.method == "pure-first" and sol.exact
    assert gt.solve(BOS).method == "vertex"


def test_auto_never_tries_a_method_with_auto_false(pure_first_manual):
    with pytest.raises(gt.SolverError, match="no exact method"):
        gt.solve(_three_player_game(), exact=True)


def test_a_registered_method_works_in_sweep_point_by_point(pure_first):
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    sw = gt.sweep(g, {"q": [-1.0, 0.5, 2.0]}, method="pure-first")
    assert sw.methods == ("pure-first",)
    assert sw.batch.counts.tolist() == [1, 2, 2]
    assert gt.sweep(g, {"q": [0.5]}).methods == ("support-batch",)   # auto: the engine


def test_a_registered_method_works_in_critical_values(pure_first):
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    (cv,) = gt.critical_values(g, "q", method="pure-first")
    assert cv.value == 0 and cv.below.method == "pure-first"
    assert (len(cv.below), len(cv.above)) == (1, 2)
    with pytest.raises(gt.SolverError, match="exact arithmetic; method 'qre'"):
        gt.critical_values(g, "q", method="qre")


def test_a_registered_method_is_a_cli_choice(pure_first, capsys):
    assert cli_main(["solve", "chicken", "--method", "pure-first"]) == 0
    out = capsys.readouterr().out
    assert "by pure-first" in out
    with pytest.raises(SystemExit):
        cli_main(["solve", "--help"])
    assert "pure-first" in re.sub(r"-\s+", "-", capsys.readouterr().out)   # wrapped at "-"


def test_the_property_checks_pick_up_a_registered_method(pure_first):
    g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert "pure-first" in check_regret(g, exact=True)
    assert "pure-first" in check_regret(g, exact=False)
    assert "pure-first" in check_complete(g)
    assert Fraction(1) == gt.solve(g, method="pure-first", exact=True).equilibria[0].payoffs[0]
