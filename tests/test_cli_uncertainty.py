"""`gametheory uncertainty`, run in-process through ``cli.main``."""

import json
import math

import pytest

from gametheory import cli
from gametheory.cli.loading import UsageError
from gametheory.cli.uncertainty import DISTRIBUTIONS, parse_dist


def main(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def tol(p, n, k=4):
    return k * math.sqrt(p * (1 - p) / n)


def _structures(records):
    return {r["name"]: r["mean"] for r in records if r["kind"] == "structure"}


def test_ukraine_uniform_q_structure_probabilities(capsys):
    # q ~ U(0, 1), the rest at their defaults: critical values 1/7 and 2/5 (the model's
    # docstring; tests/sensitivity/test_uncertainty.py): NATO with P = 1/7, NEUTRAL with
    # the revisionist escalating 2/5 - 1/7 = 9/35, NEUTRAL at peace 3/5
    n = 1024
    code, out, err = main(capsys, "uncertainty", "--dist", "q=uniform:0:1", "--n", str(n),
                          "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["model"] == "ukraine_guarantees" and data["n"] == n
    by = {}
    for name, p in _structures(data["records"]).items():
        by[("NATO/" in name, "escalate" in name)] = p
    assert len(by) == 3
    assert abs(by[(True, True)] - 1 / 7) < tol(1 / 7, n)
    assert abs(by[(False, True)] - 9 / 35) < tol(9 / 35, n)
    assert abs(by[(False, False)] - 3 / 5) < tol(3 / 5, n)


def test_text_output_with_quantity(capsys):
    code, out, err = main(capsys, "uncertainty", "--dist", "q=uniform:0:1", "--n", "256",
                          "--quantity", "prob:Ukraine:NATO", "--quantity", "payoff:Ukraine")
    assert code == 0, err
    assert out.startswith("uncertainty over 256 quasi-random points: q ~ uniform(0, 1)")
    assert "equilibrium structures:" in out and "outcomes reached:" in out
    assert "prob:Ukraine:NATO: " in out and "payoff:Ukraine: " in out


def test_set_fixes_a_parameter(capsys):
    # --set values are held fixed and shown in the header
    code, out, err = main(capsys, "uncertainty", "--dist", "q=beta:2:5", "--set", "r=1/4",
                          "--n", "64")
    assert code == 0, err
    assert "q ~ beta(2, 5); r = 0.25" in out


def test_json_quantity_and_seed(capsys):
    args = ["uncertainty", "--dist", "q=beta:2:5", "--n", "128", "--quantity",
            "prob:Ukraine:NATO", "--format", "json"]
    a = json.loads(main(capsys, *args, "--seed", "1")[1])
    b = json.loads(main(capsys, *args, "--seed", "1")[1])
    assert a == b
    (q,) = [r for r in a["records"] if r["kind"] == "quantity"]
    assert q["name"] == "prob:Ukraine:NATO" and 0 < q["mean"] < 1 and q["n"] == 128


def test_sobol_indices(capsys):
    # P(NATO) = P(q < threshold(r)); q matters far more than r over these ranges
    code, out, err = main(capsys, "uncertainty", "--dist", "q=beta:2:5", "--dist",
                          "r=uniform:0:1", "--n", "64", "--sobol", "prob:Ukraine:NATO")
    assert code == 0, err
    assert "Sobol' indices of prob:Ukraine:NATO (first order, total):" in out
    code, out, err = main(capsys, "uncertainty", "--dist", "q=beta:2:5", "--dist",
                          "r=uniform:0:1", "--n", "64", "--sobol", "prob:Ukraine:NATO",
                          "--format", "json")
    assert code == 0, err
    ind = json.loads(out)["sobol"]["indices"]
    assert set(ind) == {"q", "r"}
    assert ind["q"]["total"] > ind["r"]["total"]


def test_parse_dist_table():
    import scipy.stats as st

    for text, ref in [("uniform:0:1", st.uniform(0, 1)), ("beta:2:5", st.beta(2, 5)),
                      ("norm:1/2:1/10", st.norm(0.5, 0.1)),
                      ("truncnorm:-2:2:1/2:1/10", st.truncnorm(-2, 2, 0.5, 0.1)),
                      ("triang:1/2:0:1", st.triang(0.5, 0, 1)),
                      ("lognorm:1/2:1", st.lognorm(0.5, scale=1)),
                      ("gamma:2:1", st.gamma(2, scale=1))]:
        name, d = parse_dist(f"x={text}")
        assert name == "x" and d.dist.name == ref.dist.name
        assert d.ppf(0.3) == pytest.approx(ref.ppf(0.3))
    assert set(DISTRIBUTIONS) == {"uniform", "beta", "norm", "truncnorm", "triang",
                                  "lognorm", "gamma"}


@pytest.mark.parametrize("args, message", [
    (["--dist", "q=cauchy:0:1"], "unknown distribution 'cauchy'; allowed: uniform, beta"),
    (["--dist", "q=__import__('os'):1"], "unknown distribution"),
    (["--dist", "q=rv_continuous:1"], "unknown distribution"),
    (["--dist", "q=beta:2"], "beta takes 2 arguments (beta:a:b); got 1"),
    (["--dist", "q=uniform:0:1:2"], "uniform takes 2 arguments"),
    (["--dist", "q=beta:2:x"], "cannot read 'x'"),
    (["--dist", "q=beta:2:__import__('os')"], "cannot read"),
    (["--dist", "q=beta:-1:2"], "invalid arguments for beta"),
    (["--dist", "q=uniform:0:0"], "invalid arguments for uniform"),
    (["--dist", "q=beta:1e999:2"], "not a finite number"),
    (["--dist", "q"], "expected NAME=DIST:ARG"),
    (["--dist", "=beta:2:5"], "expected NAME=DIST:ARG"),
    (["--dist", "zz=uniform:0:1"], "unknown parameter 'zz'"),
    (["--dist", "q=uniform:0:1", "--dist", "q=beta:2:5"], "--dist q given twice"),
    (["--dist", "q=norm:0:1"], "outside its domain"),
    ([], "give --dist NAME=DIST:ARG:..., e.g. --dist q=uniform:0:1"),
    (["--dist", "q=uniform:0:1", "--set", "q=1/2"], "q has both --dist and --set"),
    (["--dist", "q=uniform:0:1", "--set", "zz=1"], "unknown parameter 'zz'"),
    (["--dist", "q=uniform:0:1", "--set", "r=abc"], "cannot read 'abc'"),
    (["--dist", "q=uniform:0:1", "--n", "1"], "--n must be from 2"),
    (["--dist", "q=uniform:0:1", "--n", "x"], "invalid int value"),
    (["--dist", "q=uniform:0:1", "--seed", "-1"], "--seed must be a non-negative"),
    (["--dist", "q=uniform:0:1", "--quantity", "payoff:Nobody"], "unknown player 'Nobody'"),
    (["--dist", "q=uniform:0:1", "--n", "8", "--sobol", "prob:Ukraine:maybe"], "quantity"),
    (["--dist", "q=uniform:0:1", "--format", "xml"], "invalid choice"),
    (["no_such_game", "--dist", "q=uniform:0:1"], "unknown game 'no_such_game'"),
    (["chicken", "--dist", "q=uniform:0:1"], "chicken has no parameters"),
])
def test_bad_input_is_one_line_exit_2(capsys, args, message):
    code, out, err = main(capsys, "uncertainty", *args)
    assert code == 2
    assert err.startswith("gametheory: error: ") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_parse_dist_raises_usage_error():
    with pytest.raises(UsageError, match="allowed: uniform, beta, norm, truncnorm, triang, "
                                         "lognorm, gamma"):
        parse_dist("q=exec:1")
