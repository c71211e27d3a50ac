r"""The notebook's one-line LaTeX displays name a parameter by its declared
:attr:`gametheory.Parameter.latex`, also when the result was computed from a game with
other parameters substituted (critical values with ``V=2``, the regions of a sweep with
a fixed parameter), and by the :func:`~gametheory.io.latex.latex_name` rule otherwise.

The game: Hawk-Dove with prize ``V`` (declared ``\nu``) and cost ``C`` (declared
``\kappa``), Maynard Smith (1982), *Evolution and the Theory of Games*, ch. 2: one
equilibrium (Hawk) for C < V, three for C > V; the equilibrium set changes at C = V.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.io import _notebook

NU, KAPPA = r"\nu", r"\kappa"


def hawk_dove(latex: bool = True) -> gt.NormalFormGame:
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                      [[(V - C) / 2, 0], [V, V / 2]])
    return g.describe(gt.Parameter("V", default=2, domain=(0, 4), latex=NU if latex else ""),
                      gt.Parameter("C", default=4, domain=(0, 10),
                                   latex=KAPPA if latex else ""))


def test_a_critical_value_with_another_parameter_fixed_uses_the_declared_name():
    (cv,) = gt.critical_values(hawk_dove(), "C", V=2)
    assert cv._repr_latex_().startswith(f"${KAPPA} = 2$: Player 1 indifferent")
    assert _notebook.parameter_info_of(cv)["C"].latex == KAPPA
    assert _notebook.parameter_info_of(cv)["V"].latex == NU   # substituted on the way


def test_a_critical_value_at_the_defaults_uses_the_declared_name():
    (cv,) = gt.critical_values(hawk_dove(), "C")
    assert cv._repr_latex_().startswith(f"${KAPPA} = 2$:")


def test_a_symbolic_critical_value_names_the_symbols_in_it():
    (cv,) = gt.critical_values(hawk_dove(), "C", symbolic=("V",))
    assert cv._repr_latex_().startswith(f"${KAPPA} = {NU}$ (everywhere): ")


def test_without_a_declared_name_the_rule_applies():
    (cv,) = gt.critical_values(hawk_dove(latex=False), "C", V=2)
    assert cv._repr_latex_().startswith("$C = 2$: ")


def test_the_regions_of_a_sweep_with_a_fixed_parameter_use_the_declared_name():
    sw = gt.sweep(hawk_dove(), {"C": np.linspace(0.5, 3.5, 7)})      # V at its default 2
    below, at, above = sw.regions("C")
    assert at._repr_latex_().startswith(f"${KAPPA} = 2$: ")
    assert below._repr_latex_().startswith(f"${KAPPA} \\in [\\frac{{1}}{{2}}, 2)$: ")
    assert above._repr_latex_().startswith(f"${KAPPA} \\in (2, \\frac{{7}}{{2}}]$: ")


def test_the_regions_of_a_substituted_game_use_the_declared_name():
    sw = gt.sweep(hawk_dove().substitute(V=2), {"C": np.linspace(0.5, 3.5, 7)})
    assert sw.regions("C")[1]._repr_latex_().startswith(f"${KAPPA} = 2$: ")


@pytest.mark.parametrize("info, expected", [
    (None, "$q_{\\mathrm{N}} = \\frac{1}{7}$"),
    ({"q_N": gt.Parameter("q_N", latex="q")}, "$q = \\frac{1}{7}$"),
    ({"q_N": gt.Parameter("q_N")}, "$q_{\\mathrm{N}} = \\frac{1}{7}$"),
])
def test_critical_latex_line_takes_the_names_it_knows(info, expected):
    assert _notebook.critical_latex_line("q_N", sympy.Rational(1, 7), info) == expected


def test_a_symbolic_value_names_its_symbols_by_the_info():
    V, C = sympy.symbols("V C")
    info = {"C": gt.Parameter("C", latex=KAPPA), "V": gt.Parameter("V", latex=NU)}
    assert _notebook.critical_latex_line("C", V / 2, info) == f"${KAPPA} = \\frac{{{NU}}}{{2}}$"


def test_a_result_holding_no_game_knows_no_names():
    assert _notebook.parameter_info_of(object()) == {}
    assert _notebook.parameter_latex("V_rev", _notebook.parameter_info_of(None)) == \
        "V_{\\mathrm{rev}}"


def test_bisected_regions_use_the_declared_name_too():
    sw = gt.sweep(hawk_dove(), {"C": np.linspace(0.5, 3.5, 7)})
    lines = [r._repr_latex_() for r in sw.regions("C", exact=False)]
    assert [t.split("$")[1].split(" ")[0] for t in lines] == [KAPPA] * 3


def test_the_regions_of_a_tree_use_the_declared_name():
    r = gt.parameters("r")
    t = gt.ExtensiveFormGame(["A"])
    go, stop = t.root.decide("A", ["go", "stop"])
    hi, lo = go.chance({"hi": r, "lo": 1 - r})
    _ = hi.payoffs(1), lo.payoffs(-1), stop.payoffs(0)
    t.describe(gt.Parameter("r", domain=(0, 1), latex=r"\rho"))
    regions = gt.sweep(t, {"r": np.linspace(0, 1, 5)}).regions("r")
    assert all(reg._repr_latex_().startswith("$\\rho ") for reg in regions)


def test_one_rule_names_a_parameter_in_the_tables_the_tree_and_the_notebook(monkeypatch):
    """io.latex.parameter_latex is the single rule: the tables' and TikZ's symbol_names
    and the notebook's parameter_latex and parameter_expression all go through it."""
    from gametheory.io import latex

    assert _notebook.parameter_latex is latex.parameter_latex
    V, C, q_N = sympy.symbols("V C q_N")
    info = {"C": gt.Parameter("C", latex=KAPPA), "q_N": gt.Parameter("q_N")}
    assert latex.symbol_names([V, C, q_N], info) == \
        {V: "V", C: KAPPA, q_N: "q_{\\mathrm{N}}"}
    monkeypatch.setattr(latex, "parameter_latex", lambda name, info=None: f"X{name}")
    assert latex.symbol_names([C], info) == {C: "XC"}
    assert _notebook.parameter_expression(C / 2, info) == "\\frac{XC}{2}"
