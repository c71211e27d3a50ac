"""Nothing is lost on the way out: every writer either writes a game so that its reader
gives the same game back (same values, same number types, the sign of a zero), or refuses
with a GameError naming the entry (issue 11, section 2).

Writers: write_gambit (.nfg for a normal form, .efg for a tree) with read_gambit, and
write_json with read_json. Number kinds: int, big int, Fraction, float (0.1, 1e-300, 5e-324,
-0.0, 1e300 and any finite float), sympy Rational, sqrt(2), 1 - sqrt(2)/2, exp(1), pi and
expressions in a parameter q.
"""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import event, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from gametheory.games.values import to_fraction
from gametheory.io.jsonform import read_json, write_json

q = gt.parameters("q")
SQRT2 = sympy.sqrt(2)

# entry -> which writers may refuse it: "gambit" cannot hold irrational or symbolic values,
# JSON holds every expression of its reader's grammar but not pi.
KINDS = {
    "int": st.integers(-10**6, 10**6),
    "big int": st.integers(2**64, 10**60).flatmap(lambda n: st.sampled_from([n, -n])),
    "fraction": st.fractions(max_denominator=10**12),
    "float": st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                       st.sampled_from([0.1, 1e-300, 5e-324, -0.0, 1e300, 2.5e-7])),
    "sympy rational": st.fractions(max_denominator=1000).map(
        lambda f: sympy.Rational(f.numerator, f.denominator)),
    "irrational": st.sampled_from([SQRT2, 1 - SQRT2 / 2, -3 * SQRT2 / 7, sympy.E,
                                   sympy.exp(2) + 1, sympy.log(3)]),
    "pi": st.sampled_from([sympy.pi, 2 * sympy.pi]),
    "symbolic": st.sampled_from([q, 1 - q, q**2 + 1, -q / 3, SQRT2 * q, sympy.exp(q),
                                 sympy.Max(q, 1), 1 / (q + 2)]),
}


def entries(n: int):
    """``n`` entries of one or two kinds (so that many games are purely numeric)."""
    kinds = st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=2, unique=True)
    return kinds.flatmap(lambda ks: st.lists(st.one_of(*(KINDS[k] for k in ks)),
                                             min_size=n, max_size=n))


def refusable(value, writer: str) -> bool:
    """Whether ``writer`` may refuse this value (else it must write it exactly)."""
    value = sympy.sympify(value) if type(value).__module__.startswith("sympy") else value
    if not hasattr(value, "free_symbols") or value.is_Rational or value.is_Float:
        return False
    return writer == "gambit" or value.has(sympy.pi)


def same_entry(a, b) -> bool:
    """Equal, of the same kind (int, Fraction, float or sympy), with the same zero sign."""
    def kind(x):
        if isinstance(x, (float, np.floating)) or getattr(x, "is_Float", False):
            return "float"
        if type(x).__module__.startswith("sympy"):
            return "sympy"
        return "exact"
    if kind(a) != kind(b) or not (a == b):
        return False
    return kind(a) != "float" or math.copysign(1, float(a)) == math.copysign(1, float(b))


def entries_of(game):
    """Every number as stored: the payoff array, or each node's probabilities and payoffs."""
    if isinstance(game, gt.NormalFormGame):
        return list(game.payoffs.flat)
    out = []
    for who, _, payoffs in game._signature()[1]:
        out.extend(who[1] if who and who[0] == "chance" else ())
        out.extend(payoffs or ())
    return out


def same_game(g, h) -> bool:
    return (g == h and g.kind == h.kind and
            all(same_entry(x, y) for x, y in zip(entries_of(g), entries_of(h), strict=True)))


WRITERS = {
    "gambit": (gt.write_gambit, gt.read_gambit),
    "json": (write_json, read_json),
}


def check(game, values):
    for name, (write, read) in WRITERS.items():
        try:
            text = write(game)
        except GameError as exc:
            assert "cannot write" in str(exc), exc
            assert any(refusable(v, name) for v in values), (name, values, exc)
            continue
        back = read(text)
        assert same_game(game, back), (name, text)
        event(f"{name} wrote it")


def tree(p, payoffs):
    """Chance (p, 1 - p), then player A, leaves with the given payoffs (two players)."""
    g = gt.ExtensiveFormGame(["A", "B"])
    hi, lo = g.root.chance({"hi": p, "lo": 1 - p})
    for leaf, pay in zip(hi.decide("A", ["x", "y"]), payoffs[:2]):
        leaf.payoffs(*pay)
    lo.payoffs(*payoffs[2])
    return g


@settings(max_examples=150, deadline=None)
@given(entries(8))
def test_normal_form_roundtrip_or_clear_refusal(values):
    a, b = values[:4], values[4:]
    try:
        game = gt.NormalFormGame.from_arrays(np.array(a, dtype=object).reshape(2, 2),
                                             np.array(b, dtype=object).reshape(2, 2))
    except GameError:     # e.g. a float beyond 1e308 mixed with exact values
        return
    check(game, a + b)


probabilities = st.one_of(st.fractions(0, 1, max_denominator=10**9),
                          st.floats(0, 1).map(lambda x: x), st.sampled_from(
                              [SQRT2 / 2, 1 - SQRT2 / 2, q, sympy.Rational(1, 3), 0.1,
                               sympy.pi / 4]))


@settings(max_examples=150, deadline=None)
@given(probabilities, entries(6))
def test_tree_roundtrip_or_clear_refusal(p, pays):
    try:
        game = tree(p, [pays[0:2], pays[2:4], pays[4:6]])
    except GameError:     # 1 - p of a float p may not sum to 1 exactly, etc.
        return
    check(game, [p, 1 - p, *pays])


def test_issue_tree_with_irrational_numbers_is_refused_by_gambit_not_corrupted():
    # issue 11: the chance probabilities sqrt(2)/2, 1 - sqrt(2)/2 were written as 0 and 0,
    # the payoffs sqrt(2) and pi as 1 and 3
    g = tree(SQRT2 / 2, [(SQRT2, sympy.pi), (0, 1), (1, 2)])
    with pytest.raises(GameError, match=r"cannot write the probability of 'hi' at node "
                                        r"'root', sqrt\(2\)/2, to a Gambit file.*JSON"):
        gt.write_gambit(g)
    with pytest.raises(GameError, match=r"the payoff of B at node 'hi/x', pi, as JSON: pi "
                                        r"is not in the expressions"):
        write_json(g)
    g = tree(SQRT2 / 2, [(SQRT2, 3), (0, 1), (1, sympy.E)])
    assert same_game(read_json(write_json(g)), g)
    assert '"sqrt(2)/2"' in write_json(g) and '"exp(1)"' in write_json(g)


def test_gambit_refusals_name_the_cell_and_the_parameter():
    g = gt.NormalFormGame.from_arrays([[1, SQRT2]], [[0, 2]], players=["Row", "Col"],
                                      strategies=[["U"], ["L", "R"]])
    with pytest.raises(GameError, match=r"the payoff of Row at \(U, R\), sqrt\(2\)"):
        gt.write_gambit(g)
    with pytest.raises(GameError, match=r"symbolic payoffs \(q\).*substitute"):
        gt.write_gambit(gt.NormalFormGame.from_arrays([[q]], [[0]]))
    with pytest.raises(GameError, match=r"parameters \(q\).*substitute"):
        gt.write_gambit(tree(q, [(1, 1), (0, 0), (2, 2)]))


def test_numbers_beyond_what_readers_accept_are_refused():
    g = gt.NormalFormGame.from_arrays([[10**5000]], [[Fraction(1, 10**4100)]])
    with pytest.raises(GameError, match="more than the 4000 digits"):
        gt.write_gambit(g)
    with pytest.raises(GameError, match="more than 4000 digits"):
        write_json(g)


def test_floats_are_written_as_their_shortest_exact_decimal():
    g = gt.NormalFormGame.from_arrays([[0.1, 1e-300, -0.0, 1e300]], [[0.0, 5e-324, 2.5, 1]])
    assert "0.1 0.0\n1e-300 5e-324\n-0.0 2.5\n1e300 1.0" in gt.write_gambit(g)
    for text in (gt.write_gambit(g), write_json(g)):
        back = gt.read_gambit(text) if text.startswith("NFG") else read_json(text)
        assert same_game(g, back)


def test_pygambit_reads_our_floats_and_fractions_as_written():
    gbt = pytest.importorskip("pygambit")
    import io

    g = gt.NormalFormGame.from_arrays([[0.1, 1e-300], [-0.0, 10**30]],
                                      [[Fraction(-1, 3), 1e300], [2.5e-7, 0]])
    theirs = gbt.read_nfg(io.StringIO(gt.write_gambit(g)))
    players = list(theirs.players)
    for i, s in enumerate(theirs.get_strategies(players[0])):
        for j, t in enumerate(theirs.get_strategies(players[1])):
            cell = theirs.get_payoffs({players[0]: s, players[1]: t})
            for k, p in enumerate(players):
                assert Fraction(str(cell[p])) == to_fraction(g.payoffs[k, i, j])


def test_a_float_coefficient_in_an_expression_reads_back_as_its_decimal():
    # the JSON reader reads decimals exactly, so 0.3*q comes back as 3*q/10: the decimal
    # the float prints as (as read_gambit(exact=True) and exact_payoffs() read floats)
    g = gt.NormalFormGame.from_arrays([[0.3 * q, 1]], [[0, 1]])
    assert '"0.3*q"' in write_json(g)
    back = read_json(write_json(g))
    assert sympy.simplify(back.payoffs[0, 0, 0] - sympy.Rational(3, 10) * back.parameters[0]) \
        == 0


def chain(depth):
    g = gt.ExtensiveFormGame(["A"])
    node = g.root
    for k in range(depth):
        stop, node = node.decide("A", ["stop", "go"])
        stop.payoffs(k)
    node.payoffs(-1)
    return g


def test_deep_trees_are_refused_by_json_not_a_recursion_error():
    from gametheory.io.jsonform import MAX_TREE_DEPTH

    deep = chain(MAX_TREE_DEPTH)
    assert same_game(read_json(write_json(deep)), deep)
    with pytest.raises(GameError, match=f"it is {MAX_TREE_DEPTH + 1} moves deep.*efg"):
        write_json(chain(MAX_TREE_DEPTH + 1))
    deeper = chain(1500)         # Gambit's format has no nesting: it writes any depth
    assert same_game(gt.read_gambit(gt.write_gambit(deeper)), deeper)


def test_pygambit_reads_our_efg_numbers_as_written():
    gbt = pytest.importorskip("pygambit")
    import io

    g = tree(Fraction(1, 3), [(0.1, -0.0), (1e-300, 10**30), (Fraction(-7, 3), 2.5e-7)])
    theirs = gbt.read_efg(io.StringIO(gt.write_gambit(g)))
    probs = [Fraction(str(p)) for p in theirs.get_action_probs(gbt.H.path()).values()]
    assert probs == [Fraction(1, 3), Fraction(2, 3)]
    leaves = [theirs.get_outcome(gbt.H.path(*h.actions)) for h in theirs.get_histories(gbt.H.plays)]
    got = [[Fraction(str(theirs.get_outcome_payoffs(o)[p])) for p in theirs.players]
           for o in leaves]
    ours = [pay for _, _, pay in g._signature()[1] if pay]   # as stored: -7/3 is a float
    assert got == [[to_fraction(x) for x in pay] for pay in ours]   # in a float leaf
    assert got[0] == [Fraction(1, 10), 0] and got[1] == [Fraction(1, 10**300), 10**30]


def test_json_adds_inner_payoffs_into_the_terminals_below():
    # the JSON form has payoffs at terminals only: an inner node's payoffs are added to
    # every terminal below it (Gambit's .efg keeps them where they are)
    g = gt.ExtensiveFormGame(["A", "B"])
    x, y = g.root.decide("A", ["x", "y"])
    x.payoffs(1, Fraction(1, 2))
    left, right = x.decide("B", ["l", "r"])
    left.payoffs(2, 0)
    right.payoffs(0, 2)
    y.payoffs(0, 0)
    back = read_json(write_json(g))
    assert same_game(back.to_normal_form(), g.to_normal_form())
    assert [p for _, _, p in back._signature()[1] if p] == [(3, Fraction(1, 2)),
                                                            (1, Fraction(5, 2)), (0, 0)]
    assert same_game(gt.read_gambit(gt.write_gambit(g)), g)
