"""The restricted expression parser (gametheory.games.expr): grammar, exactness, errors,
bounds.

Precedence and associativity are Python's (The Python Language Reference, section 6.5
"The power operator": ``-2**2`` is ``-(2**2)`` and ``**`` groups right to left, while
``2**-1`` binds the unary minus to the exponent); the expected values are Python's.
"""

from __future__ import annotations

import time
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.games.expr import (
    MAX_DEPTH,
    MAX_LENGTH,
    is_name,
    parse_expression,
    parse_number,
)

q, r = sympy.symbols("q r", real=True)


@pytest.mark.parametrize("text, value", [
    ("0", 0), ("12", 12), ("0.1", F(1, 10)), (".5", F(1, 2)), ("5.", 5), ("3/5", F(3, 5)),
    ("1e-3", F(1, 1000)), ("2.5E+4", 25000), ("1.25e2", 125), ("007", 7),
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("-1/3", F(-1, 3)), ("+4", 4), ("3 - -2", 5), ("2*3+4", 10), ("2*(3+4)", 14),
    ("1/2/2", F(1, 4)), ("8/2*4", 16), ("2**3**2", 512), ("-2**2", -4), ("(-2)**2", 4),
    ("2**-3", F(1, 8)), ("-2**-2", F(-1, 4)), ("2**-1**2", F(1, 2)), ("(1/2)**-2", 4),
    ("0.1 + 0.2", F(3, 10)), ("1e3 * 1e-3", 1), ("min(3, 1/2, 2)", F(1, 2)),
    ("max(-1, -2)", -1), ("Max(1, 2)", 2), ("sqrt(9/4)", F(3, 2)), ("exp(0)", 1),
    ("log(1)", 0), ("4**(1/2)", 2), ("8**(2/3)", 4), (" \t 1 +\n 1 ", 2),
])
def test_numbers_are_exact_and_follow_pythons_precedence(text, value):
    got = parse_number(text)
    assert got == value and isinstance(got, F)


def test_irrational_and_symbolic_results_are_sympy():
    assert parse_number("sqrt(8)") == 2 * sympy.sqrt(2)
    assert parse_number("2**(1/3)") == sympy.cbrt(2)
    assert parse_number("exp(1)") == sympy.E and parse_number("log(2)") == sympy.log(2)
    assert parse_expression("1 - q**2/2", ["q"]) == 1 - q**2 / 2
    assert parse_expression("max(q, 1 - q)", ["q", "r"]) == sympy.Max(q, 1 - q)
    assert parse_expression("q*r + sqrt(q)", [q, "r"]) == q * r + sympy.sqrt(q)
    assert parse_expression("q", ["q"]).is_real             # Symbol(real=True), as gt uses
    assert parse_expression("q", ["q"]) == gt.parameters("q")
    with pytest.raises(gt.ParseError, match="not a rational number"):
        parse_number("sqrt(2)", rational=True)


@pytest.mark.parametrize("text, names, fragment, column", [
    ("", (), "it is empty", None),
    ("1 +", (), "expected a number, a name or '(', found the end", 4),
    ("(1 + 2", (), "expected ')' closing the '(' at character 1, found the end", 7),
    ("1 + 2)", (), "expected an operator (+ - * / **) or the end, found ')'", 6),
    ("2q", ["q"], "write 2*q, not 2q", 2),
    ("1_000", (), "write numbers without _", 2),
    ("q^2", ["q"], "'^' is not an operator; write ** for a power", 2),
    ("tyop + 1", ["q", "r"], "unknown name 'tyop' at character 1; the declared parameters "
                             "are: q, r", 1),
    ("x", (), "unknown name 'x' at character 1; no names are allowed here", 1),
    ("q(2)", ["q"], "'q' is not a function", 1),
    ("sin(1)", (), "'sin' is not a function at character 1; the functions are sqrt, exp, "
                   "log, min, max", 1),
    ("sqrt(1, 2)", (), "sqrt takes one argument; got 2", 1),
    ("1/0", (), "division by zero", 3),
    ("1/(q - q)", ["q"], "division by zero", 3),
    ("0**-1", (), "division by zero (0 to a negative power)", 2),
    ("log(0)", (), "log of 0, which is not positive", 1),
    ("sqrt(-1)", (), "a root of the negative number -1 is not real", 1),
    ("(-8)**(1/3)", (), "a root of the negative number -8 is not real", 5),
    ("q**q", ["q"], "the exponent q is not a rational number", 2),
    ("2**sqrt(2)", (), "the exponent sqrt(2) is not a rational number", 2),
    ("a.b", ["a"], "unexpected character '.'", 2),
    ("x[0]", ["x"], "unexpected character '['", 2),
    ("'a'", (), "unexpected character \"'\"", 1),
    ("lambda: 0", ["lambda"], "unexpected character ':'", 7),
    ("__import__('os')", (), "'__import__' is not a function", 1),
    ("q.__class__", ["q"], "unexpected character '.'", 2),
])
def test_errors_say_what_and_where(text, names, fragment, column):
    with pytest.raises(gt.ParseError) as info:
        parse_expression(text, names, where="payoff of A at (x, y)")
    msg = str(info.value)
    assert msg.startswith("payoff of A at (x, y): cannot read ") and fragment in msg, msg
    assert "\n" not in msg and info.value.column == column
    assert isinstance(info.value, gt.GameError)      # ParseError is a GameError


@pytest.mark.parametrize("text, fragment", [
    ("9**9**9", "the exponent 387420489 is too large"),
    ("10**10**10", "the exponent 10000000000 is too large"),
    ("2**1001", "the exponent 1001 is too large"),
    ("2**(1/1001)", "too large"),
    ("10**999 ** 2", "the exponent 998001 is too large"),
    ("(10**999)**20", "more than 4000 digits"),
    ("(10**100*q)**1000", "more than 4000 digits"),
    ("q**1000 * q**1000", "the exponent 2000 is too large"),
    ("1e4001", "more than 4000 digits"),
    ("1e-4001", "more than 4000 digits"),
    ("1e9999999999", "the number 1e9999999999 has more than 4000 digits"),
    ("sqrt(10**301)", "roots of numbers of more than 300 digits"),
    ("exp(exp(exp(exp(1000))))", "exp of a number beyond 1000 in size"),
    ("exp(1000)**1000", "exp of a number beyond 1000 in size"),
    ("-" * MAX_DEPTH + "-1", f"nested more than {MAX_DEPTH} levels deep"),
    ("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1), "nested more than"),
    ("2**" * (MAX_DEPTH + 1) + "1", "nested more than"),
    ("1+" * 600 + "1", f"longer than {MAX_LENGTH} characters"),
])
def test_bounds_fail_fast(text, fragment):
    start = time.perf_counter()
    with pytest.raises(gt.ParseError, match=None) as info:
        parse_expression(text, ["q"])
    assert fragment in str(info.value)
    assert time.perf_counter() - start < 1.0


def test_within_the_bounds_works():
    assert parse_number("2**1000") == 2**1000
    assert parse_number("1e3999") == 10**3999
    assert parse_number("1" * MAX_LENGTH) == int("1" * MAX_LENGTH)
    assert parse_number("-" * (MAX_DEPTH - 1) + "1") == -1
    assert parse_expression("q**1000", ["q"]) == q**1000
    assert parse_number("sqrt(10**300)") == 10**150
    assert parse_number("exp(1000)") == sympy.exp(1000)
    assert parse_expression("exp(-1000*q)", ["q"]) == sympy.exp(-1000 * q)
    assert parse_number("9**999 * 9**999") == 9**1998       # products may grow past a power


def test_names():
    assert is_name("c_D") and is_name("ρ") and not is_name("2q") and not is_name("q-1")
    assert parse_expression("ρ + 1", ["ρ"]) == sympy.Symbol("ρ", real=True) + 1
    with pytest.raises(gt.ParseError, match="expected a string"):
        parse_expression(3)


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.fractions(min_value=-100, max_value=100, max_denominator=50),
    lambda sub: st.tuples(sub, st.sampled_from("+-*"), sub), max_leaves=12))
def test_random_arithmetic_matches_fractions(tree):
    """Printed with full parentheses, any +, -, * tree reads back as its exact value."""
    def text(t):
        if isinstance(t, F):
            return f"({t.numerator}/{t.denominator})"
        return f"({text(t[0])} {t[1]} {text(t[2])})"

    def value(t):
        if isinstance(t, F):
            return t
        a, b = value(t[0]), value(t[2])
        return a + b if t[1] == "+" else a - b if t[1] == "-" else a * b

    assert parse_number(text(tree)) == value(tree)


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6,
                   min_value=-10**6, max_value=10**6))
def test_decimals_are_read_exactly(d):
    assert parse_number(str(d)) == F(d)
