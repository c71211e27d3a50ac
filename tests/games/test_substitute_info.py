r"""``substitute`` keeps the :class:`gametheory.Parameter` metadata: that of the parameters
left free in ``parameter_info``, that of the ones given values in
``substituted_metadata`` (so that a result computed from the substituted game, such as
the solution at a point of a sweep, still knows their LaTeX names).

The games: a 2x2 normal form in ``q`` (declared ``\theta``) and a cost ``c_W`` (declared
``\kappa``); a one-player tree with a chance move of probability ``r`` and a prize
``V``; a repeated Prisoner's Dilemma with temptation ``T``.
"""

from __future__ import annotations

import pickle

import pytest

import gametheory as gt
from gametheory import Parameter

THETA = Parameter("q", default="1/2", domain=(0, 1), latex=r"\theta")
KAPPA = Parameter("c_W", default=1, domain=(0, None), description="cost", latex=r"\kappa")


def normal() -> gt.NormalFormGame:
    q, c = gt.parameters("q c_W")
    g = gt.NormalFormGame.from_arrays([[q, -c], [0, 1]], [[1, 0], [0, q - c]])
    return g.describe(THETA, KAPPA)


def tree() -> gt.ExtensiveFormGame:
    r, V = gt.parameters("r V")
    g = gt.ExtensiveFormGame(["A"])
    hi, lo = g.root.chance({"hi": r, "lo": 1 - r})
    _ = hi.payoffs(V), lo.payoffs(0)
    return g.describe(Parameter("r", domain=(0, 1), latex=r"\rho"),
                      Parameter("V", latex=r"V_{\mathrm{prize}}"))


@pytest.mark.parametrize("build, fix, left", [(normal, "c_W", "q"), (normal, "q", "c_W"),
                                              (tree, "V", "r"), (tree, "r", "V")])
def test_the_remaining_parameter_keeps_its_info(build, fix, left):
    g = build()
    sub = g.substitute(**{fix: 1})
    assert [p.name for p in sub.parameters] == [left]
    assert sub.parameter_info == {left: g.parameter_info[left]}
    assert sub.parameter_info[left].latex == g.parameter_info[left].latex != ""
    assert dict(sub.parameter_metadata) == {left: g.parameter_info[left]}


@pytest.mark.parametrize("build", [normal, tree])
def test_the_substituted_parameters_are_remembered_along_a_chain(build):
    g = build()
    first, second = (p.name for p in g.parameters)
    assert dict(g.substituted_metadata) == {}
    one = g.substitute(**{first: 1})
    assert dict(one.substituted_metadata) == {first: g.parameter_info[first]}
    both = one.substitute(**{second: "1/2"})
    assert both.parameters == () and both.parameter_info == {}
    assert dict(both.substituted_metadata) == g.parameter_info
    assert dict(g.substitute(**{first: 1, second: "1/2"}).substituted_metadata) \
        == g.parameter_info


def test_a_game_never_described_remembers_nothing():
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, q]])
    assert dict(g.substitute(q=1).substituted_metadata) == {}
    assert g.substitute(q=1).__dict__.get("_fixed_meta") is None


def test_a_parameter_replaced_by_an_expression_in_another():
    g = normal()
    q = g.parameters[1]
    sub = g.substitute(c_W=q / 2)
    assert sub.parameter_info == {"q": THETA}
    assert dict(sub.substituted_metadata) == {"c_W": KAPPA}


def test_the_reduced_normal_form_of_a_substituted_tree_remembers_too():
    g = tree()
    nf = g.substitute(V=10).to_normal_form()
    assert nf.parameter_info["r"].latex == r"\rho"
    assert nf.substituted_metadata["V"].latex == r"V_{\mathrm{prize}}"


def test_metadata_survives_pickling_and_is_read_only():
    sub = normal().substitute(q="1/4")
    back = pickle.loads(pickle.dumps(sub))
    assert back.parameter_info == {"c_W": KAPPA}
    assert dict(back.substituted_metadata) == {"q": THETA}
    with pytest.raises(TypeError):
        sub.substituted_metadata["x"] = THETA


def test_a_repeated_game_keeps_the_stage_parameters_info():
    T, S = gt.parameters("T S")
    pd = gt.NormalFormGame.from_arrays([[3, S], [T, 1]], [[3, T], [S, 1]])
    pd = pd.describe(Parameter("T", default=5, latex=r"\tau"),
                     Parameter("S", default=0, latex=r"\sigma"))
    rep = gt.RepeatedGame(pd).substitute(S=0)
    assert rep.parameter_info["T"].latex == r"\tau"
    assert rep.parameter_info["delta"].domain == (0, 1)
    assert dict(rep.substituted_metadata) == {"S": pd.parameter_info["S"]}
    fixed = rep.substitute(T=5, delta="3/4")
    assert fixed.parameter_info == {}
    assert set(fixed.substituted_metadata) == {"S", "T"}
