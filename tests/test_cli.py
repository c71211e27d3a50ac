"""The `gametheory` command, run as a subprocess."""

import json
import subprocess
import sys
import textwrap

import pytest


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gametheory.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_solve_default_game_prints_equilibria():
    r = run("solve")
    assert r.returncode == 0, r.stderr
    assert "Driver 1" in r.stdout and "Swerve" in r.stdout
    # Chicken has three equilibria (two pure, one mixed): Osborne 2004, ex. 2.2
    assert "3 equilibria" in r.stdout


def test_solve_exact_json():
    r = run("solve", "battle_of_the_sexes", "--exact", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["complete"] is True and out["exact"] is True
    mixed = [e for e in out["equilibria"] if "2/3" in e["strategies"][0]]
    assert mixed == [{"strategies": [["2/3", "1/3"], ["1/3", "2/3"]],
                      "payoffs": ["2/3", "2/3"]}]


def test_solve_python_file(tmp_path):
    f = tmp_path / "mygame.py"
    f.write_text(textwrap.dedent("""
        import gametheory as gt
        def build():
            return gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]],
                                                 players=["Kyiv", "Moscow"])
    """))
    r = run("solve", str(f), "--method", "pure")
    assert r.returncode == 0, r.stderr
    assert "Kyiv" in r.stdout and "2 equilibria by pure" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["solve", "no_such_game"], "unknown game 'no_such_game'"),
    (["solve", "chicken", "--method", "magic"], "unknown method 'magic'"),
    (["solve", "missing.py"], "no such file"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_is_one_line_exit_2(args, message):
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_models_lists_catalog():
    r = run("models")
    assert r.returncode == 0
    assert "catalog" in r.stdout and "prisoners_dilemma" in r.stdout


def test_exact_payoffs_are_solved_exactly_by_default_and_float_on_request():
    # Chicken's mixed equilibrium swerves with probability 9/10 (catalog.chicken).
    assert "Swerve 9/10" in run("solve", "chicken").stdout
    assert "Swerve 0.9" in run("solve", "chicken", "--float").stdout
