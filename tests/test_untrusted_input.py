"""Untrusted input is data, never code (issue 11, section 1).

Hostile strings (dunder, import, attribute, lambda and call payloads, huge exponents and
towers, huge numbers, very long inputs, random text, and strings built from the grammar's
own tokens) go through every entry point that turns a string into a number or an
expression: ``from_arrays`` entries, tree payoffs, ``substitute``, ``gt.Parameter``
defaults and domains, JSON payoffs and probabilities (``from_json``, ``read_json``,
``gametheory solve file.json``), Gambit .nfg/.efg text, the CLI's ``--set`` and
``--vary`` ranges (``gametheory.cli.main`` in-process), and the models' ``build`` and
``analyze``. Each outcome must be

* no side effect: the sentinel file that the payloads try to create never exists;
* a GameError/ParseError (exit code 2 with a one-line message on the CLI), or the value
  the one restricted parser gives (checked against exact Fraction arithmetic for strings
  generated with a known value);
* fast: every call within a generous time bound.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import time
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cli import main
from gametheory.games.expr import parse_expression
from gametheory.io._gambit_lexer import tokenize
from gametheory.io.jsonform import from_json, read_json
from gametheory.models import (
    chain_store,
    deterrence,
    preventive_war,
    ukraine_guarantees,
    ukraine_multi_guarantor,
    ukraine_russia_matrix,
)

SENTINEL = Path(tempfile.gettempdir()) / f"gametheory-PWNED-sentinel-{os.getpid()}"
S = str(SENTINEL)
LIMIT = 2.0            # seconds per call that only reads input
CLI_LIMIT = 10.0       # a CLI call that also solves a small game

HOSTILE = [
    f"__import__('os').system('touch {S}') or 4",
    f"__import__(\"os\").system(\"touch {S}\")",
    f"open('{S}', 'w').write('x') and 1",
    f"exec(\"open('{S}','w')\")",
    f"eval(\"open('{S}','w')\")",
    f"(lambda: open('{S}', 'w'))()",
    "lambda: 0", "import os", "os.system('true')", "().__class__.__bases__[0]",
    "q.__class__.__mro__", "[].__class__", "__builtins__", "globals()", "locals()",
    "getattr(q, 'x')", "Symbol('x')", "Integer(2)**Integer(10)**Integer(10)",
    "sympify('1')", "Function('f')(q)", "q._sympy_", "x[0]", "{}", "'1'", '"1"', "b'1'",
    "1 if 1 else 0", "1; 2", "q = 1", "1 == 1", "not 1", "~1", "1 & 1", "1 @ 1",
    "9**9**9", "10**10**10", "2**2**2**2**2**2", "(9**9)**(9**9)", "2**99999999",
    "10**1000**1000", "1e999999999", "1e-999999999", "9" * 5000, "1" * 1001,
    "(" * 500 + "1" + ")" * 500, "-" * 999 + "1", "sqrt(" * 100 + "2" + ")" * 100,
    "exp(exp(exp(exp(1000))))", "log(0)", "1/0", "0**-1", "sqrt(-1)", "nan", "NaN", "inf",
    "-inf", "oo", "zoo", "I", "E", "pi", "tyop", "1e", "0x10", "1_000", "٣", "１",
    "\x00", "1\n+1", "\u202e1", "",
]

TOKENS = ["1", "2", "0.5", "3/5", "1e-3", "9", "99", "q", "(", ")", "+", "-", "*", "/",
          "**", "sqrt(", "exp(", "log(", "min(", "max(", ",", " ", "__import__", ".",
          "os", "'", "[", "]", "lambda", ":", "e", "E", "^", "=", "_"]

strings = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
    st.text(alphabet="0123456789.eE+-*/() q,", max_size=30),
)

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def no_sentinel():
    """Every test starts and ends with no sentinel file."""
    SENTINEL.unlink(missing_ok=True)
    yield
    assert not SENTINEL.exists(), "a hostile string ran code"


def test_the_sentinel_catches_code_execution():
    """The payloads are live: sympy.sympify, which the readers used before, runs them."""
    sympy.sympify(HOSTILE[0])
    assert SENTINEL.exists()
    SENTINEL.unlink()


def reference(s: str, names=()):
    """What the one restricted parser makes of ``s``: ("ok", value) or ("error", None)."""
    try:
        return "ok", parse_expression(s, names)
    except gt.GameError:
        return "error", None


def outcome(fn, s: str, limit: float = LIMIT):
    """Run ``fn(s)``: ("ok", value) or ("error", message); anything but a GameError fails
    the test, and so does a slow call or the sentinel."""
    start = time.perf_counter()
    try:
        result = "ok", fn(s)
    except gt.GameError as exc:
        result = "error", str(exc)
    elapsed = time.perf_counter() - start
    assert not SENTINEL.exists(), f"{s!r} ran code"
    assert elapsed < limit, f"{s!r} took {elapsed:.2f} s"
    return result


def same(a, b) -> bool:
    return sympy.simplify(sympy.sympify(a, strict=True) - sympy.sympify(b, strict=True)) == 0


def check_against_reference(fn, s: str, names=()):
    """``fn(s)`` fails exactly when the parser does, and otherwise gives its value."""
    got, value = outcome(fn, s)
    want, expected = reference(s, names)
    assert got == want, (s, value)
    if got == "ok":
        assert same(value, expected), (s, value, expected)
    return got, value


# ---------------------------------------------------------------- Python entry points
q = gt.parameters("q")
GAME = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])


def via_from_arrays(s):
    return gt.NormalFormGame.from_arrays([[s, 0]], [[0, 0]]).payoffs[0, 0, 0]


def via_tree_payoff(s):
    g = gt.ExtensiveFormGame(["A"])
    a, b = g.root.decide("A", ["a", "b"])
    a.payoffs(s)
    b.payoffs(0)
    return g.arrays.payoffs[0][0]


def via_substitute(s):
    return GAME.substitute(q=s).payoffs[0, 0, 0]


def via_parameter_default(s):
    gt.Parameter("q", default=s)
    return gt.parse_number(s)          # accepted: the same number the game will use


def via_parameter_domain(s):
    p = gt.Parameter("q", domain=(s, None))
    return p.domain[0] if not isinstance(p.domain[0], str) else gt.parse_number(s)


@FUZZ
@given(strings)
@pytest.mark.parametrize("entry", [via_from_arrays, via_tree_payoff, via_substitute,
                                   via_parameter_default])
def test_python_entry_points(entry, s):
    check_against_reference(entry, s)


@FUZZ
@given(strings)
def test_parameter_domain(s):
    got, value = outcome(via_parameter_domain, s)
    want, _ = reference(s)
    assert want == "ok" or got == "error"


@pytest.mark.parametrize("payload", HOSTILE)
def test_analysis_entry_points(payload):
    """critical_values' interval goes through the parser; sweep grids through numpy's
    float reader (data, never code): both give a GameError or a number."""
    got, _ = outcome(lambda s: gt.critical_values(GAME, "q", interval=(s, 1)), payload)
    assert got == "error" or reference(payload)[0] == "ok"
    outcome(lambda s: gt.sweep(GAME, {"q": [s]}), payload)


# ---------------------------------------------------------------- JSON
def normal_json(s, declare=("q",)):
    return {"type": "normal", "players": ["A", "B"], "parameters": list(declare),
            "strategies": [["x", "y"], ["u"]], "payoffs": [[[1], [s]], [[0], [0]]]}


def tree_json(s):
    return {"type": "extensive", "players": ["A"], "parameters": ["q"],
            "root": {"chance": [["a", s, {"payoffs": [1]}],
                                ["b", f"1 - ({s})", {"payoffs": [0]}]]}}


@FUZZ
@given(strings)
def test_json_payoffs_and_probabilities(s):
    check_against_reference(lambda s: from_json(normal_json(s)).payoffs[0, 1, 0], s, ["q"])
    check_against_reference(
        lambda s: read_json(json.dumps(normal_json(s))).payoffs[0, 1, 0], s, ["q"])
    got, value = outcome(lambda s: from_json(tree_json(s)).arrays.chance_prob[1], s)
    if got == "ok":
        assert same(value, reference(s, ["q"])[1])
    else:
        assert "\n" not in value


# ---------------------------------------------------------------- Gambit
@FUZZ
@given(strings)
def test_gambit_files_read_numbers_only(s):
    nfg = f'NFG 1 R "t" {{ "A" "B" }} {{ 1 1 }}\n{s} 0\n'
    efg = f'EFG 2 R "t" {{ "A" }}\np "" 1 1 "" {{ "a" "b" }} 0\nt "" 1 "" {{ {s} }}\n' \
          't "" 2 "" { 0 }\n'
    for text in (nfg, efg):
        got, value = outcome(lambda t: gt.read_gambit(t), text)
        if got != "ok":
            continue
        game = value                       # numbers only, never an expression
        pays = game.payoffs if hasattr(game, "payoffs") else game.arrays.payoffs
        assert all(isinstance(v, (int, F, float, np.integer, np.floating))
                   for v in np.asarray(pays, dtype=object).flat), s
        tokens = tokenize(s)
        if [t.kind for t in tokens] == ["number", "eof"]:    # s was one number: its value
            x, expected = np.asarray(pays, dtype=object).flat[0], F(tokens[0].text)
            assert x == expected if not isinstance(x, float) else \
                abs(F(x) - expected) <= F(1, 10**9) * max(1, abs(expected))


def test_gambit_decimals_beyond_the_float_range_are_errors():
    for token, words in (("1e-999999999", "too small for a float"),
                         ("1e999", "too large for a float")):
        with pytest.raises(gt.ParseError, match=words):
            gt.read_gambit(f'NFG 1 R "t" {{ "A" "B" }} {{ 1 1 }}\n{token} 0\n')


# ---------------------------------------------------------------- CLI
def cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    assert time.perf_counter() - start < CLI_LIMIT, argv
    assert not SENTINEL.exists(), f"{argv} ran code"
    assert code in (0, 2), (argv, code)
    if code == 2:
        lines = err.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith("gametheory: error: "), lines
        assert "Traceback" not in err.getvalue()
    return code


@pytest.fixture(scope="module")
def game_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "g.json"
    path.write_text(json.dumps({
        "type": "normal", "players": ["A", "B"],
        "parameters": [{"name": "q", "default": "1/2", "domain": [None, None]}],
        "strategies": [["x", "y"], ["u", "v"]],
        "payoffs": [[[1, 0], [0, "q"]], [[0, 1], [1, 0]]]}))
    return path


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(strings)
def test_cli_set_vary_and_json_files(game_file, tmp_path_factory, s):
    ok = reference(s)[0] == "ok"
    code = cli("solve", str(game_file), "--set", f"q={s}", "--float")
    assert code == 2 or ok
    code = cli("sweep", str(game_file), "--vary", f"q={s}:2:3", "--no-critical")
    assert code == 2 or ok
    bad = tmp_path_factory.mktemp("j") / "evil.json"
    bad.write_text(json.dumps(normal_json(s)))
    code = cli("solve", str(bad), "--set", "q=1/3")
    assert code == 2 or reference(s, ["q"])[0] == "ok"


@pytest.mark.parametrize("payload", HOSTILE[:6] + ["9**9**9", "1e999999999", "tyop"])
def test_the_reported_cases(payload, tmp_path):
    """The issue's reproductions: evil.json, --set on the Ukraine model, substitute."""
    evil = tmp_path / "evil.json"
    evil.write_text(json.dumps(normal_json(payload, declare=())))
    assert cli("solve", str(evil)) == 2
    assert cli("solve", "ukraine_guarantees", "--set", f"q={payload}") == 2
    assert cli("sweep", "ukraine_guarantees", "--vary", f"q={payload}:1:3") == 2
    assert outcome(via_substitute, payload)[0] == "error"
    assert outcome(lambda s: ukraine_guarantees.build().substitute(q=s), payload)[0] == \
        "error"


# ---------------------------------------------------------------- models
MODELS = [(ukraine_guarantees, "q", {}), (ukraine_russia_matrix, "q", {}),
          (ukraine_multi_guarantor, "q", {"guarantors": ("US",)}), (deterrence, "p", {}),
          (chain_store, "a", {"N": 1}), (preventive_war, "s", {"T": 2})]


@settings(max_examples=60, deadline=None)
@given(strings, st.sampled_from(MODELS))
def test_models_build_with_string_values(s, model):
    module, name, fixed = model
    got, value = outcome(lambda s: module.build(**fixed, **{name: s}), s)
    want, expected = reference(s)
    if want == "error":
        assert got == "error"
    elif got == "ok":
        assert value == module.build(**fixed, **{name: expected})


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m[0].__name__.rsplit(".", 1)[-1])
def test_models_analyze_refuses_hostile_values(model, payload):
    module, name, fixed = model
    got, _ = outcome(lambda s: module.analyze(**fixed, **{name: s}), payload)
    if reference(payload)[0] == "error":
        assert got == "error"


# ---------------------------------------------------------------- known values
fraction = st.fractions(min_value=0, max_value=50, max_denominator=20)
terms = st.lists(st.tuples(st.sampled_from("+-"), fraction, fraction), min_size=1,
                 max_size=6)


def _text_and_value(ts):
    """``+ a/b * c/d - ...`` without parentheses (precedence does the grouping) and its
    exact value by Fraction arithmetic."""
    text = " ".join(f"{sign} {x.numerator}/{x.denominator} * {y.numerator}/{y.denominator}"
                    for sign, x, y in ts)
    return text, sum((x * y if sign == "+" else -x * y for sign, x, y in ts), F(0))


@settings(max_examples=80, deadline=None)
@given(terms)
def test_generated_expressions_give_their_exact_value_everywhere(ts):
    s, value = _text_and_value(ts)
    for entry in (via_from_arrays, via_tree_payoff, via_substitute,
                  lambda s: from_json(normal_json(s)).payoffs[0, 1, 0]):
        got, x = outcome(entry, s)
        assert got == "ok", (s, x)
        assert sympy.sympify(x, strict=True) == sympy.Rational(value.numerator,
                                                                value.denominator)


def test_no_package_code_can_evaluate_text():
    """Every sympify call in the package is strict (a string raises SympifyError), and
    nothing calls eval, exec or parse_expr: text reaches sympy only through games.expr."""
    import ast
    from pathlib import Path

    root = Path(gt.__file__).parent
    files = list(root.rglob("*.py")) + list((root.parent / "models").rglob("*.py"))
    seen = 0
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            assert name not in ("eval", "exec", "parse_expr"), (path, node.lineno)
            if name == "sympify":
                seen += 1
                strict = [k for k in node.keywords if k.arg == "strict"]
                assert strict and getattr(strict[0].value, "value", None) is True, \
                    (path, node.lineno)
    assert seen >= 20   # the walk really reads the package's calls
