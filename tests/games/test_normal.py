"""NormalFormGame: construction, storage kinds, labels, validation, parameters, display.

Profiles and expected payoffs are tested in test_payoffs.py; structural predicates
(zero-sum, symmetry, restrict) in test_structure.py.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory import GameError, NormalFormGame

PD_A = [[3, 0], [5, 1]]
PD_B = [[3, 5], [0, 1]]


# ------------------------------------------------------------------ construction
def test_three_constructors_agree():
    a = NormalFormGame([PD_A, PD_B])
    b = NormalFormGame.from_arrays(PD_A, PD_B)
    c = NormalFormGame.from_bimatrix([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
    assert a == b == c
    assert a.payoffs.shape == (2, 2, 2)
    assert a.payoffs[1, 0, 1] == 5  # column player's payoff in (a1, b2)
    assert a.num_players == 2 and a.shape == (2, 2)


def test_three_player_shape_and_cell():
    U = np.arange(2 * 3 * 4 * 3).reshape(3, 2, 3, 4)
    g = NormalFormGame(U)
    assert g.num_players == 3 and g.shape == (2, 3, 4)
    assert g.payoffs[2, 1, 2, 3] == U[2, 1, 2, 3]


def test_one_player_game():
    g = NormalFormGame.from_arrays([4, 7, 1])
    assert g.num_players == 1 and g.shape == (3,)
    assert g.players == ("Player 1",)
    assert "a2: 7" in str(g)


def test_default_labels():
    g = NormalFormGame(np.zeros((3, 2, 3, 2)))
    assert g.players == ("Player 1", "Player 2", "Player 3")
    assert g.strategies == (("a1", "a2"), ("b1", "b2", "b3"), ("c1", "c2"))


def test_given_labels_are_kept_as_strings():
    g = NormalFormGame.from_arrays(PD_A, PD_B, players=["Row", "Col"],
                                   strategies=[["C", "D"], [1, 2]])
    assert g.players == ("Row", "Col")
    assert g.strategies == (("C", "D"), ("1", "2"))


def test_payoffs_are_read_only():
    g = NormalFormGame.from_arrays(PD_A, PD_B)
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 99
    with pytest.raises(ValueError):
        g.float_payoffs()[0, 0, 0] = 99.0


def test_construction_copies_input():
    A = np.array(PD_A)
    g = NormalFormGame.from_arrays(A, PD_B)
    A[0, 0] = 100
    assert g.payoffs[0, 0, 0] == 3


# ------------------------------------------------------------------ storage kinds
@pytest.mark.parametrize("a, kind, dtype", [
    (PD_A, "exact", np.int64),
    ([[3, 0.5], [5, 1]], "float", np.float64),
    ([[3, F(1, 2)], [5, 1]], "exact", object),
    ([[3, "1/3"], [5, 1]], "exact", object),
    ([[3, Decimal("0.25")], [5, 1]], "exact", object),
    ([[np.int32(3), 0], [5, 1]], "exact", np.int64),
    ([[np.float32(0.5), 0], [5, 1]], "float", np.float64),
    ([[sympy.Rational(1, 3), 0], [5, 1]], "exact", object),
])
def test_storage_kind(a, kind, dtype):
    g = NormalFormGame.from_arrays(a, PD_B)
    assert g.kind == kind
    assert g.payoffs.dtype == dtype
    assert g.is_exact == (kind == "exact")


def test_fraction_strings_are_exact():
    g = NormalFormGame.from_arrays([["1/3", "-2/7"], ["0.25", 1]], PD_B)
    assert g.payoffs[0, 0, 0] == F(1, 3) and g.payoffs[0, 0, 1] == F(-2, 7)
    assert g.payoffs[0, 1, 0] == F(1, 4)
    assert g.exact_payoffs()[0, 0, 0] == F(1, 3)


def test_integral_fractions_stay_int64():
    g = NormalFormGame.from_arrays([[F(4, 2), 0], [5, 1]], PD_B)
    assert g.payoffs.dtype == np.int64 and g.payoffs[0, 0, 0] == 2


def test_any_float_makes_the_whole_game_float_even_beside_strings():
    # numpy alone would turn [0.5, "1/3"] into strings and so silently into exact 1/2
    g = NormalFormGame([[[0.5, "1/3"]], [[1, 2]]])
    assert g.kind == "float"
    assert g.payoffs[0, 0, 1] == pytest.approx(1 / 3)


def test_huge_integers_are_kept_exactly():
    big = 2**70 + 1
    g = NormalFormGame.from_arrays([[big, 0]], [[0, 1]])
    assert g.is_exact and g.payoffs[0, 0, 0] == big
    g2 = NormalFormGame.from_arrays([[2**63, -1]], [[0, 1]])  # numpy alone gives floats
    assert g2.is_exact and g2.payoffs[0, 0, 0] == 2**63


def test_symbolic_kind_and_irrational_constants():
    q = gt.parameters("q")
    g = NormalFormGame.from_arrays([[q, 0], [0, 1]], PD_B)
    assert g.kind == "symbolic" and g.parameters == (q,)
    r = NormalFormGame.from_arrays([[sympy.sqrt(2), 0], [0, 1]], PD_B)
    assert r.kind == "symbolic" and r.parameters == ()
    assert r.float_payoffs()[0, 0, 0] == pytest.approx(2 ** 0.5)


def test_float_payoffs_and_exact_payoffs():
    g = NormalFormGame.from_arrays([[0.1, 0], [0, 1]], PD_B)
    assert g.float_payoffs().dtype == np.float64
    assert g.exact_payoffs()[0, 0, 0] == F(1, 10)  # read as the printed decimal
    e = NormalFormGame.from_arrays(PD_A, PD_B)
    assert e.float_payoffs()[0, 1, 0] == 5.0


# ------------------------------------------------------------------ validation
def _error(build, *fragments):
    with pytest.raises(GameError) as info:
        build()
    for frag in fragments:
        assert frag in str(info.value), (frag, str(info.value))
    return str(info.value)


def test_ragged_arrays():
    _error(lambda: NormalFormGame.from_arrays([[1, 2], [3]], PD_B), "ragged", "Player 1")
    _error(lambda: NormalFormGame([[[1, 2], [3]], PD_B]), "ragged")
    _error(lambda: NormalFormGame.from_bimatrix([[(1, 2), (3,)], [(1, 2), (3, 4)]]), "ragged")


def test_mismatched_shapes_between_players():
    _error(lambda: NormalFormGame.from_arrays(PD_A, [[1, 2, 3], [4, 5, 6]]),
           "Player 2", "(2, 3)", "(2, 2)")


def test_wrong_dimensionality():
    _error(lambda: NormalFormGame.from_arrays([1, 2], [3, 4]), "Player 1", "1 dimensions")
    _error(lambda: NormalFormGame(np.zeros((2, 2, 2, 2))), "2 players", "3 strategy dim")
    _error(lambda: NormalFormGame([1, 2, 3]), "(N, n1, ..., nN)")
    _error(lambda: NormalFormGame.from_bimatrix([[1, 2], [3, 4]]), "(m, n, 2)")
    _error(lambda: NormalFormGame.from_arrays(), "one payoff array per player")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -np.inf])
def test_nan_and_inf_name_player_and_cell(bad):
    _error(lambda: NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [bad, 4]]),
           "Player 2", "cell (1, 0)", "finite")
    _error(lambda: NormalFormGame.from_arrays([[1, 2], [F(1, 3), 4]], [[1, 2], [bad, 4]]),
           "Player 2", "cell (1, 0)")


def test_empty_strategy_sets():
    _error(lambda: NormalFormGame(np.zeros((2, 0, 3))), "Player 1", "no strategies")
    _error(lambda: NormalFormGame(np.zeros((2, 3, 0))), "Player 2", "no strategies")


def test_duplicate_names_and_labels():
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, players=["X", "X"]),
           "duplicate player name 'X'")
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, strategies=[["C", "D"], ["L", "L"]]),
           "duplicate strategy label 'L'", "Player 2")


def test_wrong_number_of_labels():
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, players=["X"]), "1 player names")
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, strategies=[["C", "D"]]),
           "given for 1 players")
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, strategies=[["C", "D"], ["L"]]),
           "Player 2 has 2 strategies but 1 labels")


def test_strings_are_not_sequences_of_labels():
    # a string would otherwise be split into one-letter names
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, players="AB"), "players")
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B, strategies=["CD", "LR"]),
           "Player 1", "sequence of labels")


@pytest.mark.parametrize("bad, fragment", [
    ("abc", "cannot read 'abc'"),
    (None, "None"),
    (object(), "type object"),
    ([1, 2], "list"),
])
def test_non_numeric_entries(bad, fragment):
    A = np.array([[1, 2], [3, 4]], dtype=object)
    A[0, 1] = bad
    _error(lambda: NormalFormGame.from_arrays(A, PD_B), "Player 1", "cell (0, 1)", fragment)


@pytest.mark.parametrize("bad", [True, np.bool_(False)])
def test_booleans_are_rejected_even_among_integers(bad):
    # np.asarray([[1, True]]) is an integer array; the bool must still be seen
    _error(lambda: NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, bad], [3, 4]]),
           "Player 2", "cell (0, 1)", "boolean")
    _error(lambda: NormalFormGame.from_arrays(np.array([[True, False]] * 2), PD_B), "boolean")


def test_complex_entries_are_rejected():
    _error(lambda: NormalFormGame.from_arrays([[1, 2], [3, 2 + 1j]], PD_B),
           "Player 1", "cell (1, 1)", "complex")
    _error(lambda: NormalFormGame.from_arrays(np.ones((2, 2), dtype=complex), PD_B), "complex")
    _error(lambda: NormalFormGame.from_arrays([[sympy.I, 0], [0, 1]], PD_B), "not a finite real")


def test_huge_integer_beside_a_float_is_a_clean_error():
    _error(lambda: NormalFormGame.from_arrays([[10**400, 0.5]], [[0, 1]]), "too large")


# ------------------------------------------------------------------ parameters
def test_parameters_and_substitute():
    q, r = gt.parameters("q r")
    g = NormalFormGame.from_arrays([[q, r], [0, 1]], [[1, 0], [q * r, 2]])
    assert g.parameters == (q, r)
    part = g.substitute(q=F(1, 2))
    assert part.parameters == (r,) and part.kind == "symbolic"
    full = part.substitute(r="1/3")
    assert full.parameters == () and full.kind == "exact"
    assert full.payoffs[0, 0, 0] == F(1, 2) and full.payoffs[1, 1, 0] == F(1, 6)
    assert g.substitute(q=0.5, r=2).kind == "float"
    assert g.substitute(q="0.3", r=1).payoffs[0, 0, 0] == F(3, 10)  # strings read exactly
    assert g.substitute() is g
    # labels survive substitution
    h = NormalFormGame.from_arrays([[q, 0]], [[0, 1]], players=["R", "C"],
                                   strategies=[["x"], ["u", "v"]])
    assert h.substitute(q=1).strategies == (("x",), ("u", "v"))


def test_substitute_errors():
    q = gt.parameters("q")
    g = NormalFormGame.from_arrays([[q, 0], [0, 1]], PD_B)
    _error(lambda: g.substitute(p=1), "unknown parameter 'p'", "q")
    _error(lambda: NormalFormGame.from_arrays(PD_A, PD_B).substitute(q=1),
           "unknown parameter 'q'", "no parameters")
    for bad in ["abc", "q + 1", True, None, "1/0"]:
        _error(lambda bad=bad: g.substitute(q=bad), "parameter 'q'", "not a number")
    _error(lambda: g.substitute(q=1j), "not a finite real")


def test_unsubstituted_game_cannot_be_evaluated():
    q = gt.parameters("q")
    g = NormalFormGame.from_arrays([[q, 0], [0, 1]], PD_B)
    _error(g.float_payoffs, "parameters q", "substitute")
    _error(g.exact_payoffs, "parameters q")
    _error(lambda: g.expected_payoffs(["a1", "b1"]), "parameters q")


# ------------------------------------------------------------------ display, equality
def test_str_repr_and_html_show_labels():
    g = NormalFormGame.from_arrays([[3, F(1, 2)], [5, 1]], PD_B, players=["Row", "Col"],
                                   strategies=[["Up", "Down"], ["Left", "Right"]])
    text = str(g)
    for word in ["Row", "Col", "Up", "Down", "Left", "Right", "1/2, 5", "3, 3"]:
        assert word in text
    assert repr(g) == "<NormalFormGame 2 x 2 (Row, Col); exact>"
    html = g._repr_html_()
    assert html.startswith("<table>") and "<th>Left</th>" in html and "1/2, 5" in html
    q = gt.parameters("q")
    assert "parameters q" in repr(NormalFormGame.from_arrays([[q]], [[1]]))


def test_three_player_display_has_one_block_per_third_strategy():
    g = NormalFormGame(np.arange(24).reshape(3, 2, 2, 2),
                       players=["A", "B", "C"], strategies=[["u", "d"], ["l", "r"], ["x", "y"]])
    text = str(g)
    assert "C plays x:" in text and "C plays y:" in text
    assert "0, 8, 16" in text  # cell (u, l, x)
    assert g._repr_html_().count("<table>") == 2


def test_html_escapes_labels():
    g = NormalFormGame.from_arrays([[1]], [[2]], players=["<b>", "&"])
    assert "&lt;b&gt;" in g._repr_html_() and "<b>" not in g._repr_html_()


def test_equality():
    g = NormalFormGame.from_arrays(PD_A, PD_B)
    assert g == NormalFormGame.from_arrays(PD_A, PD_B)
    assert g == NormalFormGame.from_arrays(np.array(PD_A, float), PD_B)  # same values
    assert g != NormalFormGame.from_arrays(PD_A, [[3, 5], [0, 2]])
    assert g != NormalFormGame.from_arrays(PD_A, PD_B, players=["A", "B"])
    assert g != NormalFormGame.from_arrays(PD_A, PD_B, strategies=[["C", "D"], ["b1", "b2"]])
    assert g != NormalFormGame(np.zeros((3, 2, 2, 2)))
    assert g != "a game"
    with pytest.raises(TypeError):
        hash(g)
