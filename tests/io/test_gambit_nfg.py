"""Gambit .nfg files: known files, round trips, cross-checks with pygambit, fuzzing.

The sample files follow "Game representation formats" in the Gambit documentation
(the payoff and outcome versions of Selten's (IJGT 1975) Figure 2 example).
"""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.io._gambit_lexer import quote, tokenize

PD_PAYOFF = """NFG 1 R "Prisoner's Dilemma" { "Row" "Col" }
{ { "Cooperate" "Defect" } { "Cooperate" "Defect" } }
""
3 3 5 0 0 5 1 1
"""

PD_OUTCOME = """NFG 1 R "Prisoner's Dilemma" { "Row" "Col" }

{ { "Cooperate" "Defect" }
{ "Cooperate" "Defect" }
}
"a comment, with \\"quotes\\"
over two lines"

{
{ "both cooperate" 3, 3 }
{ "sucker" 0, 5 }
{ "temptation" 5, 0 }
{ "" 1, 1 }
}
1 3 2 4
"""

# Gambit documentation, "The strategic game (.nfg) file format, payoff version".
SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# Gambit documentation, "The strategic game (.nfg) file format, outcome version".
SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""

THREE_PLAYERS = """NFG 1 R "three" { "A" "B" "C" } { 2 2 2 }
1 2 3  4 5 6  7 8 9  10 11 12  13 14 15  16 17 18  19 20 21  22 23 24
"""

VALID_TEXTS = [PD_PAYOFF, PD_OUTCOME, SELTEN_PAYOFF, SELTEN_OUTCOME, THREE_PLAYERS]


def test_prisoners_dilemma_payoff_and_outcome_versions_agree():
    g = gt.read_gambit(PD_PAYOFF)
    assert g.players == ("Row", "Col")
    assert g.strategies == (("Cooperate", "Defect"), ("Cooperate", "Defect"))
    assert g.payoffs.tolist() == [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
    assert g.kind == "exact"
    assert gt.read_gambit(PD_OUTCOME) == g


def test_selten_payoff_and_outcome_versions_agree():
    a, b = gt.read_gambit(SELTEN_PAYOFF), gt.read_gambit(SELTEN_OUTCOME)
    assert a.shape == b.shape == (3, 2)
    assert np.array_equal(a.payoffs, b.payoffs)
    # player 1's strategy changes fastest: profile (2, 1) is the second one listed
    assert a.payoffs[:, 1, 0].tolist() == [0, 2]
    assert a.payoffs[:, 0, 1].tolist() == [1, 1]
    assert a.strategies == (("a1", "a2", "a3"), ("b1", "b2"))
    assert b.strategies == (("1", "2", "3"), ("1", "2"))


def test_three_players_order():
    g = gt.read_gambit(THREE_PLAYERS)
    assert g.shape == (2, 2, 2)
    assert g.payoffs[:, 1, 0, 0].tolist() == [4, 5, 6]
    assert g.payoffs[:, 0, 1, 0].tolist() == [7, 8, 9]
    assert g.payoffs[:, 0, 0, 1].tolist() == [13, 14, 15]
    assert g.payoffs[:, 1, 1, 1].tolist() == [22, 23, 24]


def test_null_outcome_is_zero_and_commas_are_optional():
    g = gt.read_gambit('NFG 1 R "" { "A" "B" } { { "x" "y" } { "z" } }\n'
                       '{ { "o" 1/3 -2 } } 0 1')
    assert g.payoffs[:, 0, 0].tolist() == [0, 0]
    assert g.payoffs[:, 1, 0].tolist() == [Fraction(1, 3), -2]


def test_numbers_rationals_decimals_exponents():
    text = 'NFG 1 R "" { "A" } { 5 } 1/3 -2 .5 2.5e-1 +1E2'
    g = gt.read_gambit(text)
    assert g.kind == "float"
    assert g.payoffs[0].tolist() == [1 / 3, -2.0, 0.5, 0.25, 100.0]
    e = gt.read_gambit(text, exact=True)
    assert e.kind == "exact"
    assert e.payoffs[0].tolist() == [Fraction(1, 3), -2, Fraction(1, 2), Fraction(1, 4), 100]


def test_escaped_quotes_and_duplicate_labels():
    g = gt.read_gambit('NFG 1 R "t" { "say \\"hi\\"" "B" } { { "x" "x" "x_1" } { "" } } '
                       "1 2 3 4 5 6")
    assert g.players == ('say "hi"', "B")
    assert g.strategies == (("x_2", "x_3", "x_1"), ("",))


def test_efg_is_read_as_extensive_form():
    g = gt.read_gambit('EFG 2 R "tree" { "P1" }\n"" t "" 1 "o" { 1 }\n')
    assert isinstance(g, gt.ExtensiveFormGame)


def test_paths_str_and_pathlib(tmp_path):
    g = gt.read_gambit(PD_PAYOFF)
    target = tmp_path / "pd.nfg"
    text = gt.write_gambit(g, target, title="PD")
    assert target.read_text() == text
    assert gt.read_gambit(target) == g
    assert gt.read_gambit(str(target)) == g
    with pytest.raises(FileNotFoundError):
        gt.read_gambit(str(tmp_path / "missing.nfg"))


def test_write_refuses_symbolic_payoffs():
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0]], [[0, 1]])
    with pytest.raises(gt.GameError, match="substitute"):
        gt.write_gambit(g)


@pytest.mark.parametrize("text, line, column, message", [
    ("", 1, 1, "empty"),
    ("   \n  ", 2, 3, "empty"),
    ('NFG 1 R "t" { "A" } { 2 }\n1 abc', 2, 3, 'expected a number (a payoff), found "abc"'),
    ('NFG 1 R "t" { "A" } { 2 }\n1 2 3', 2, 5, "end of file after 2 payoffs"),
    ('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3', 2, 6, "expected 8 payoffs"),
    ('NFG 1 R "t { "A" } { 2 }\n1 2', 1, 16, "unterminated"),
    ('NFG 1 R "t" { "A" { 2 }\n1 2', 1, 19, 'closing the list of player names'),
    ('NFG 1 R "t" { "A" } { 2 \n1 2', 2, 1, '"}" closing the numbers of strategies'),
    ('NFG 1 R "t" { "A" } { 0 } 1', 1, 23, "number of strategies of 'A'"),
    ('NFG 1 R "t" { "A" } { { "x" } } { { "" 1 } } 2', 1, 46, "unknown outcome 2"),
    ('NFG 1 R "t" { "A" "B" } { 1 1 } { { "" 1 } } 1', 1, 42,
     "expected a number (2 payoffs per outcome), found \"}\""),
    ('NFG 1 R "t" { "A" } { 1 } { { "" 1 2 } } 1', 1, 36, '"}" closing outcome 1'),
    ('NFG 2 R "t" { "A" } { 1 } 1', 1, 5, 'version number "1"'),
    ('NFG 1 R "t" { } { } ', 1, 13, "at least one"),
    ('NFG 1 R "t" { "A" } { 1 } 1/0', 1, 27, "denominator zero"),
    ('GAME 1', 1, 1, '"NFG" or "EFG"'),
])
def test_malformed_input_names_line_column_and_expectation(text, line, column, message):
    with pytest.raises(gt.ParseError, match=None) as info:
        gt.read_gambit(text)
    err = info.value
    assert message in str(err)
    assert (err.line, err.column) == (line, column)
    assert str(err).startswith(f"line {line}, column {column}: ")


# ------------------------------------------------------------------ round trips

_LABEL = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
_EXACT = st.one_of(st.integers(-10**20, 10**20),
                   st.fractions(max_denominator=50).map(lambda f: f * 7))
_FLOAT = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def games(draw, values=_EXACT, labels=_LABEL):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    arrays = [np.array(draw(st.lists(values, min_size=int(np.prod(shape)),
                                     max_size=int(np.prod(shape)))),
                       dtype=object).reshape(shape) for _ in range(n)]
    players = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(labels, min_size=k, max_size=k, unique=True)) for k in shape]
    return gt.NormalFormGame.from_arrays(*arrays, players=players, strategies=strategies)


def _identical(a, b):
    assert a == b
    assert a.kind == b.kind
    assert [type(x) for x in a.payoffs.flat] == [type(x) for x in b.payoffs.flat]


@settings(max_examples=60, deadline=None)
@given(games())
def test_round_trip_exact(g):
    _identical(gt.read_gambit(gt.write_gambit(g)), g)


@settings(max_examples=60, deadline=None)
@given(games(values=_FLOAT))
def test_round_trip_float(g):
    _identical(gt.read_gambit(gt.write_gambit(g)), g)


@given(_LABEL)
def test_quote_round_trips_any_label(label):
    tokens = tokenize(quote(label))
    assert [t.kind for t in tokens] == ["text", "eof"]
    assert tokens[0].text == label


# ------------------------------------------------------------------ pygambit cross-checks

# pygambit 16.7 takes printable ASCII labels without double spaces; no digits: it refuses
# to relabel player 1 "2" while player 2 still has its default label "2" (a quirk of its
# reader, not of the file)
_SIMPLE = st.text("abcXYZ _-", min_size=1, max_size=5).filter(
    lambda s: s.strip() == s and "  " not in s)


def _gambit_payoffs(game) -> tuple[list[str], list[list[str]], np.ndarray]:
    players = list(game.players)                      # pygambit 17: labels
    strategies = [game.get_strategies(p) for p in players]
    shape = tuple(len(s) for s in strategies)
    out = np.empty((len(players),) + shape, dtype=object)
    for idx in np.ndindex(shape):
        cell = game.get_payoffs({p: strategies[i][k]
                                 for i, (p, k) in enumerate(zip(players, idx, strict=True))})
        for i, p in enumerate(players):
            out[(i,) + idx] = Fraction(str(cell[p]))
    return players, strategies, out


def _check_same(ours, theirs):
    players, strategies, payoffs = _gambit_payoffs(theirs)
    assert list(ours.players) == players
    assert [list(s) for s in ours.strategies] == strategies
    assert np.array_equal(ours.exact_payoffs(), payoffs)


@settings(max_examples=40, deadline=None)
@given(st.one_of(games(labels=_SIMPLE), games(values=_FLOAT, labels=_SIMPLE)))
def test_pygambit_reads_what_we_write(g):
    import pygambit as gbt  # a test dependency
    _check_same(g, gbt.read_nfg(io.StringIO(gt.write_gambit(g))))


@settings(max_examples=40, deadline=None)
@given(games(labels=_SIMPLE))
def test_we_read_what_pygambit_writes(g):
    import pygambit as gbt  # a test dependency
    theirs = gbt.StrategicGame.from_arrays(*g.exact_payoffs())
    theirs.relabel_players(dict(zip(theirs.players, g.players, strict=True)))
    ours = gt.read_gambit(theirs.to_nfg())
    _check_same(ours, theirs)
    assert np.array_equal(ours.exact_payoffs(), g.exact_payoffs())


@settings(max_examples=30, deadline=None)
@given(games(values=st.floats(-1e6, 1e6), labels=_SIMPLE))   # pygambit refuses "1e+20"
def test_we_read_float_games_pygambit_writes(g):
    import pygambit as gbt  # a test dependency
    theirs = gbt.StrategicGame.from_arrays(*g.payoffs.tolist())
    ours = gt.read_gambit(theirs.to_nfg())
    _check_same(ours, theirs)
    assert ours.kind in ("float", "exact")


def test_pygambit_catalog_nfg_files_read_identically():
    from pathlib import Path

    import pygambit as gbt  # a test dependency

    files = sorted(Path(gbt.__file__).parent.glob("catalog_data/**/*.nfg"))
    assert files, "pygambit's catalog .nfg files are part of the cross-check"
    for path in files:
        _check_same(gt.read_gambit(path, exact=True), gbt.read_nfg(str(path)))


# ------------------------------------------------------------------ fuzzing

@st.composite
def mutated(draw):
    text = draw(st.sampled_from(VALID_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        k = draw(st.integers(0, len(text)))
        ch = draw(st.sampled_from(list('{}",\\/.-+e 0123456789x\n') + ["1/0", "NFG"]))
        if op == "insert":
            text = text[:k] + ch + text[k:]
        elif op == "delete":
            text = text[:k] + text[k + 1:]
        elif op == "replace":
            text = text[:k] + ch + text[k + 1:]
        else:
            text = text[:k]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.booleans())
def test_fuzzed_files_raise_only_parse_errors_with_positions(text, exact):
    try:
        g = gt.read_gambit(text, exact=exact)
    except gt.ParseError as err:
        assert err.line is not None and err.column is not None
        assert err.line >= 1 and err.column >= 1
    else:
        assert isinstance(g, gt.NormalFormGame)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('{}",\\/.-+eE 0123456789xR\n') + ['"a"', "1/3"]),
                max_size=60))
def test_token_soup_after_a_valid_header_raises_only_parse_errors(pieces):
    try:
        gt.read_gambit('NFG 1 R "t" ' + "".join(pieces))
    except gt.ParseError as err:
        assert err.line >= 1 and err.column >= 1


@pytest.mark.parametrize("text", ["/", ".", "NF", "x.NFG", "1 2 3"])
def test_short_strings_that_are_not_files_are_read_as_text(text):
    with pytest.raises(gt.ParseError, match="line 1, column"):
        gt.read_gambit(text)
