"""Parameter metadata, checked substitution and the compiled batch evaluator."""

from __future__ import annotations

import pickle

import numpy as np
import parametric
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import GameError, Parameter


def _error(fn, *fragments):
    with pytest.raises(GameError) as info:
        fn()
    for f in fragments:
        assert f in str(info.value), (f, str(info.value))


def bos(q):
    return gt.NormalFormGame.from_arrays([[2 * q, 0], [0, 1]], [[1, 0], [0, 2 - q]])


def coin(r):
    g = gt.ExtensiveFormGame(["A"])
    hi, lo = g.root.chance({"hi": r, "lo": 1 - r})
    _ = hi.payoffs(10), lo.payoffs(0)
    return g


# ------------------------------------------------------------------ Parameter
@pytest.mark.parametrize("kwargs, fragment", [
    (dict(name=""), "non-empty string"),
    (dict(name=3), "non-empty string"),
    (dict(name="q", domain=(0,)), "must be a pair"),
    (dict(name="q", domain="01"), "must be a pair"),
    (dict(name="q", domain=(1, 0)), "domain of parameter 'q' is empty"),
    (dict(name="q", domain=(0, "x")), "domain bound of parameter 'q'"),
    (dict(name="q", domain=(0, float("nan"))), "nan"),
    (dict(name="q", default=2, domain=(0, 1)), "default 2 of parameter 'q' is outside"),
    (dict(name="q", default="abc"), "not a number"),
    (dict(name="q", description=5), "description"),
])
def test_parameter_validation(kwargs, fragment):
    _error(lambda: Parameter(**kwargs), fragment)


def test_parameter_bounds_and_open_sides():
    assert Parameter("q").bounds == (-np.inf, np.inf)
    p = Parameter("q", default="1/2", domain=(0, float("inf")))
    assert p.bounds == (0.0, np.inf) and p.default == "1/2"


# ------------------------------------------------------------------ describe
@pytest.mark.parametrize("build", [bos, coin])
def test_describe_and_parameter_info(build):
    g = build(gt.parameters("q"))
    assert g.parameter_info == {"q": Parameter("q")}
    meta = Parameter("q", default=0.5, domain=(0, 1), description="commitment")
    assert g.describe(meta) is g
    assert g.parameter_info == {"q": meta}
    _error(lambda: g.describe(Parameter("rho")), "no parameter 'rho'", "q")
    _error(lambda: g.describe("q"), "gt.Parameter")


def test_describe_numeric_game_has_no_parameters():
    g = gt.NormalFormGame.from_arrays([[1]], [[2]])
    assert g.parameter_info == {}
    _error(lambda: g.describe(Parameter("q")), "no parameter 'q'", "none")


# ------------------------------------------------------------------ substitute
@pytest.mark.parametrize("build", [bos, coin])
def test_substitute_checks_the_domain(build):
    q = gt.parameters("q")
    g = build(q).describe(Parameter("q", domain=(0, 1)))
    _error(lambda: g.substitute(q=1.5), "value 1.5 of parameter 'q' is outside its domain [0, 1]")
    _error(lambda: g.substitute(q="-1/3"), "value -1/3", "outside")
    _error(lambda: g.substitute(q=sympy.I), "not a finite real number")
    _error(lambda: g.substitute(x=0.5), "unknown parameter 'x'", "q")
    assert g.substitute(q=1).parameters == () and g.substitute(q="0").parameters == ()


def test_substitute_keeps_metadata_of_free_parameters():
    q, r = gt.parameters("q r")
    g = gt.NormalFormGame.from_arrays([[q, r], [0, 1]], [[1, 0], [0, q * r]])
    g.describe(Parameter("q", domain=(0, 1)), Parameter("r", default=2, description="cost"))
    part = g.substitute(q="1/2")
    assert part.parameter_info == {"r": Parameter("r", default=2, description="cost")}
    # an expression in another parameter is not checked against the domain
    t = parametric.symbolic_tree(30, 1)
    assert t.substitute(r=1).parameter_info["q"].domain == (0, 1)
    assert g.substitute(q=r / 4).parameters == (r,)


# ------------------------------------------------------------------ evaluator
def test_evaluator_is_cached_and_survives_pickling():
    q = gt.parameters("q")
    g = bos(q)
    ev = g.evaluator()
    assert g.evaluator() is ev
    g.describe(Parameter("q", domain=(0, 1)))
    ev2 = g.evaluator()
    assert ev2 is not ev
    _error(lambda: ev2({"q": [0.5, 2.0]}), "value 2.0 of parameter 'q' at point 1",
           "outside its domain [0.0, 1.0]")
    h = pickle.loads(pickle.dumps(g))
    assert np.array_equal(h.evaluator()({"q": 0.25}), ev2({"q": [0.25]}))
    ev3 = pickle.loads(pickle.dumps(ev2))
    assert np.array_equal(ev3({"q": [0.5]}), ev2({"q": [0.5]}))


def test_evaluator_of_numeric_game_broadcasts_constants():
    g = gt.NormalFormGame.from_arrays([[1, "1/2"]], [[0, 3]])
    out = g.evaluator()({})
    assert out.shape == (1, 2, 1, 2) and out[0, 0, 0, 1] == 0.5


def test_evaluator_errors():
    q, r = gt.parameters("q r")
    g = gt.NormalFormGame.from_arrays([[1 / q, 0], [0, r]], [[1, 0], [0, 1]])
    ev = g.evaluator()
    _error(lambda: ev({"q": [1.0], "r": [1.0], "s": 1}), "unknown parameter 's'")
    _error(lambda: ev({"q": [1.0]}), "no values for parameter 'r'")
    _error(lambda: ev({"q": [1.0, 2.0], "r": [1.0, 2.0, 3.0]}), "different lengths")
    _error(lambda: ev({"q": [[1.0]], "r": 1.0}), "1-d array")
    _error(lambda: ev({"q": ["a"], "r": 1.0}), "not numbers")
    _error(lambda: ev({"q": [float("nan")], "r": 1.0}), "parameter 'q' at point 0 is nan")
    _error(lambda: ev({"q": [1.0, 0.0], "r": 1.0}),
           "payoff of Player 1 in cell (0, 0) is not finite", "point 1 (q=0.0, r=1.0)")
    _error(lambda: ev([1.0]), "mapping")
    r = gt.parameters("r")
    _error(lambda: coin(r).evaluator()({"r": [0.5, 1.5]}),
           "chance probability into node 1 is not a probability (1.5) at point 1 (r=1.5)")


entries = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3),
                    st.integers(-2, 2), st.sampled_from(["poly", "ratio", "const"]))


def _entry(c, q, r):
    a, b, d, e, kind = c
    if kind == "const":
        return sympy.Rational(a, 2)
    if kind == "ratio":
        return (a + b * q) / (1 + q**2) + d * r
    return a + b * q + d * r + e * q * r


@settings(deadline=None, max_examples=25)
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_evaluator_matches_substitute(m, n, data):
    q, r = gt.parameters("q r")
    cells = data.draw(st.lists(entries, min_size=2 * m * n, max_size=2 * m * n))
    arr = np.array([_entry(c, q, r) for c in cells], dtype=object).reshape(2, m, n)
    arr[0, 0, 0] = q + r           # both parameters present
    g = gt.NormalFormGame(arr)
    pts = data.draw(st.lists(st.tuples(st.floats(-3, 3), st.floats(-3, 3)), min_size=1,
                             max_size=4))
    qs, rs = (np.array(x) for x in zip(*pts, strict=True))
    out = g.evaluator()({"q": qs, "r": rs})
    for k in range(len(pts)):
        want = g.substitute(q=float(qs[k]), r=float(rs[k])).float_payoffs()
        assert np.allclose(out[k], want, rtol=1e-12, atol=1e-12)


@settings(deadline=None, max_examples=15)
@given(st.integers(5, 40), st.integers(0, 10**6), st.floats(0, 1), st.floats(-2, 2))
@example(5, 179, 0.5, 0.5)
def test_tree_evaluator_matches_substitute(nodes, seed, qv, rv):
    g = parametric.symbolic_tree(nodes, seed)
    names = [p.name for p in g.parameters]
    vals = {k: v for k, v in (("q", qv), ("r", rv)) if k in names}
    pay, prob = g.evaluator()({k: np.array([v, v]) for k, v in vals.items()})
    a = g.substitute(**vals).arrays if vals else g.arrays
    rows = 2 if vals else 1       # no parameter drawn (e.g. nodes=5, seed=179): one point
    assert pay.shape == (rows,) + a.payoffs.shape and prob.shape == (rows, len(a.parent))
    assert np.allclose(pay[-1], a.payoffs.astype(float), rtol=1e-12, atol=1e-12)
    assert np.allclose(prob[0], a.chance_prob.astype(float), rtol=1e-12, atol=1e-12)


def test_reduced_normal_form_keeps_metadata():
    r = gt.parameters("r")
    g = coin(r).describe(Parameter("r", default=0.5, domain=(0, 1)))
    nf = g.to_normal_form()
    assert nf.parameter_info == g.parameter_info
    _error(lambda: nf.substitute(r=2), "outside its domain")


def test_unbounded_domain_side_and_nan_values():
    """``(0, None)`` means non-negative; NaN is refused with a GameError, not a TypeError."""
    V = gt.parameters("V")
    g = gt.NormalFormGame.from_arrays([[V, 0], [0, 1]], [[1, 0], [0, V]])
    g.describe(gt.Parameter("V", default=2, domain=(0, None)))
    assert g.parameter_info["V"].bounds == (0.0, float("inf"))
    assert g.substitute(V=10**6).parameters == ()
    with pytest.raises(gt.GameError, match="outside its domain"):
        g.substitute(V=-1)
    with pytest.raises(gt.GameError, match="not a finite real number"):
        g.substitute(V=float("nan"))


# ------------------------------------------------------------------ strings are data (issue 11)
def test_string_defaults_and_bounds_are_read_exactly_by_the_restricted_parser():
    p = Parameter("q", default="0.1", domain=("0", "sqrt(2)/2"))
    assert p.bounds == (0.0, pytest.approx(0.7071067811865476)) and p.default == "0.1"
    g = bos(gt.parameters("q")).describe(p)
    assert g.substitute(q="1/10") == g.substitute(q=sympy.Rational(1, 10))
    _error(lambda: g.substitute(q="0.71"), "outside its domain [0, sqrt(2)/2]")
    _error(lambda: Parameter("q", domain=("1e3999", None)), "beyond the float range",
           "use None")
    _error(lambda: Parameter("q", domain=(10**400, None)), "beyond the float range")
    _error(lambda: Parameter("q", default="__import__('os')"), "'__import__' is not a "
           "function")
    _error(lambda: Parameter("q", default="9**9**9"), "too large")


class _Evil:
    """sympify(x) without strict=True evaluates str(x) for unknown types."""

    def __str__(self):
        return "__import__('os').getpid()"


def test_objects_are_never_read_through_their_text():
    g = bos(gt.parameters("q"))
    _error(lambda: g.substitute(q=_Evil()), "not a number")
    _error(lambda: Parameter("q", default=_Evil()), "not a number")
    _error(lambda: Parameter("q", domain=(_Evil(), 1)), "not a number")
    _error(lambda: gt.NormalFormGame.from_arrays([[_Evil()]], [[1]]), "not a number")


@pytest.mark.parametrize("text, value", [("1/3", sympy.Rational(1, 3)),
                                         ("0.25", sympy.Rational(1, 4)),
                                         ("1e-3", sympy.Rational(1, 1000)),
                                         ("sqrt(2)/2", sympy.sqrt(2) / 2),
                                         (" 2**-3 ", sympy.Rational(1, 8))])
def test_substitute_reads_strings_exactly(text, value):
    q = gt.parameters("q")
    assert bos(q).substitute(q=text).payoffs[0, 0, 0] == 2 * value
    assert coin(q).substitute(q=text).arrays.chance_prob[1] == value
