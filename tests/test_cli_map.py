"""``gametheory map``: the equilibrium map of a bundled model from the command line.

The Ukraine model's critical values in q at the defaults are 1/7 and 2/5 (its docstring's
analytic solution; tests/sensitivity/test_equilibrium_map.py checks the map in (q, r)).
"""

import json

import pytest

from gametheory import cli


def main(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_map_in_q(capsys):
    code, out, err = main(capsys, "map", "ukraine_guarantees", "--vary", "q")
    assert code == 0, err
    assert "Equilibrium map in q: 5 regions" in out
    for cond in ("q < 1/7", "q = 1/7", "1/7 < q < 2/5", "q = 2/5", "q > 2/5"):
        assert f"\n{cond}: " in out


def test_json_map_in_q_r(capsys):
    code, out, err = main(capsys, "map", "ukraine_guarantees", "--vary", "q,r",
                          "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["parameters"] == ["q", "r"] and data["complete"] is True
    conds = [r["condition"] for r in data["regions"]]
    assert "q < 1/7" in conds and "q > 1/7 and r > 689/(800 - 300*q)" in conds


def test_method_names_the_source(capsys):
    code, out, err = main(capsys, "map", "ukraine_guarantees", "--vary", "q",
                          "--method", "spe")
    assert code == 0, err
    assert "Equilibrium map in q: 5 regions" in out


def test_latex_and_set(capsys):
    code, out, err = main(capsys, "map", "ukraine_guarantees", "--vary", "q", "--set",
                          "V_sec=2", "--format", "latex")
    assert code == 0, err
    assert out.startswith("% needs") and r"\item If $q < \frac{1}{4}$" in out
    code, out, err = main(capsys, "map", "ukraine_guarantees", "--vary", "q",
                          "--format", "table")
    assert code == 0 and r"\toprule" in out


@pytest.mark.parametrize("args, message", [
    (["--vary", "q,x"], "unknown parameter 'x'"),
    (["--vary", "q", "--set", "q=1"], "both in --vary and --set"),
    (["--vary", ","], "--vary needs parameter names"),
    (["--vary", "q", "--set", "zz=1"], "unknown parameter 'zz'"),
    (["--vary", "q", "--seed", "-1"], "--seed"),
    (["--vary", "q", "--method", "nosuch"], "unknown method 'nosuch'"),
])
def test_bad_input(capsys, args, message):
    code, out, err = main(capsys, "map", "ukraine_guarantees", *args)
    assert code == 2 and message in err and err.count("\n") == 1
