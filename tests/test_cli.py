"""The `gametheory` command: run as a subprocess where the process matters (exit code,
stderr, no traceback), else through ``cli.main`` in-process to keep the suite quick."""

import csv
import json
import subprocess
import sys
import textwrap

import pytest

from gametheory import cli


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gametheory.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def main(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ----------------------------------------------------------------- subprocess
def test_solve_default_game_prints_equilibria():
    r = run("solve")
    assert r.returncode == 0, r.stderr
    assert "Driver 1" in r.stdout and "Swerve" in r.stdout
    # Chicken has three equilibria (two pure, one mixed): Osborne 2004, ex. 2.2
    assert "3 equilibria" in r.stdout


def test_default_sweep_is_the_ukraine_model_over_q():
    r = run("sweep")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("Ukraine: NATO or guaranteed neutrality")
    assert "q - probability the bilateral guarantor is committed" in out
    # the critical values 1/7 and 2/5: models/ukraine_guarantees.py, analytic solution
    # the exact partition: open intervals between them and the values themselves (both
    # with two equilibria, whether or not the grid hits them), each solved exactly
    assert "  q in [0, 1/7): 1 equilibrium\n      [1] Ukraine: NATO;" in out
    assert "  q = 1/7: 2 equilibria\n      [1] Ukraine: NATO;" in out
    assert "      [2] Ukraine: NEUTRAL;" in out
    assert "  q in (1/7, 2/5): 1 equilibrium\n      [1] Ukraine: NEUTRAL;" in out
    # E_NEUTRAL = 3q - 2 there (model docstring), as a closed form
    assert "payoffs: Ukraine 3*q - 2, Russia 2 - 5*q, Guarantor 0" in out
    assert "  q = 2/5: 2 equilibria" in out and "  q in (2/5, 1]: 1 equilibrium" in out
    assert "exact critical values of q in (0, 1):\n  q = 1/7: " in out
    assert "\n  q = 2/5: Russia indifferent" in out


@pytest.mark.parametrize("args, message", [
    (["solve", "no_such_game"], "unknown game 'no_such_game'"),
    (["sweep", "--vary", "q=1:0:11"], "bad range '1:0:11' for q"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_is_one_line_exit_2(args, message):
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_malformed_file_names_line_and_column_and_debug_shows_traceback(tmp_path):
    f = tmp_path / "bad.efg"
    f.write_text('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" "b" 0 ;\n')
    r = run("solve", str(f))
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert f"{f}: line 2, column 23: expected a quoted action label" in r.stderr
    r = run("--debug", "solve", str(f))
    assert "Traceback" in r.stderr and "ParseError" in r.stderr


MODEL_ERRORS = {
    # file text, the line named, the exception named
    "raises": ("import gametheory as gt\n\ndef helper():\n    return 1 / 0\n\n"
               "def build():\n    return helper()\n", 4, "build() failed: ZeroDivisionError: "
               "division by zero"),
    "game error": ("import gametheory as gt\ndef build():\n    return gt.NormalFormGame."
                   "from_arrays([[1, 0]], [[0, 1, 2]])\n", 3, "build() failed: GameError: "),
    "syntax": ("def build():\n    return 1 +\n", 2, "failed to load: SyntaxError: "
               "invalid syntax"),
    "import": ("import no_such_module_p6\ndef build():\n    pass\n", 1,
               "failed to load: ModuleNotFoundError: No module named 'no_such_module_p6'"),
    "no game": ("def build():\n    return None\n", None,
                "build() returned NoneType; it must return a NormalFormGame or an "
                "ExtensiveFormGame"),
}


@pytest.mark.parametrize("case", sorted(MODEL_ERRORS))
def test_model_file_that_fails_is_one_line_naming_file_line_and_exception(tmp_path, case):
    text, line, message = MODEL_ERRORS[case]
    f = tmp_path / "mymodel.py"
    f.write_text(text)
    r = run("solve", str(f))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    where = f"{f}, line {line}" if line else str(f)
    assert r.stderr.startswith(f"gametheory: error: {where}: {message}"), r.stderr
    for args in (("--debug", "solve", str(f)), ("solve", str(f), "--debug")):
        r = run(*args)   # --debug before or after the command, as the message suggests
        assert r.returncode != 0 and "Traceback" in r.stderr and str(f) in r.stderr


def test_warnings_are_one_line_without_source_code(tmp_path):
    f = tmp_path / "warns.py"
    f.write_text(textwrap.dedent("""
        import warnings
        import gametheory as gt
        def build():
            warnings.warn("first line\\n   second line")
            # degenerate: rows a1 and a2 tie against both columns
            return gt.NormalFormGame.from_arrays([[1, 1], [1, 1], [0, 2]],
                                                 [[1, 1], [1, 1], [2, 0]])
    """))
    r = run("solve", str(f), "--method", "lemke-howson", "--float")
    assert r.returncode == 0, r.stderr
    first, second = r.stderr.splitlines()     # one line each, no source line after them
    assert first == "gametheory: warning: first line second line (UserWarning)"
    assert second.startswith("gametheory: warning: the game is degenerate")
    assert second.endswith("(DegenerateGameWarning)")


def test_main_restores_the_warning_display(capsys, tmp_path):
    import warnings

    before = warnings.showwarning
    f = tmp_path / "w.py"
    f.write_text("import warnings, gametheory as gt\ndef build():\n    warnings.warn('x')\n"
                 "    return gt.NormalFormGame.from_arrays([[1]], [[1]])\n")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        code, _, err = main(capsys, "solve", str(f))
    assert code == 0 and "gametheory: warning: x (UserWarning)" in err
    assert warnings.showwarning is before


# ----------------------------------------------------------------- in-process
def test_solve_exact_json(capsys):
    code, out, _ = main(capsys, "solve", "battle_of_the_sexes", "--exact", "--format", "json")
    assert code == 0
    out = json.loads(out)
    assert out["complete"] is True and out["exact"] is True
    mixed = [e for e in out["equilibria"] if "2/3" in e["strategies"][0]]
    # Osborne 2004, sec. 4.1.4: ((2/3, 1/3), (1/3, 2/3))
    assert mixed == [{"strategies": [["2/3", "1/3"], ["1/3", "2/3"]],
                      "payoffs": ["2/3", "2/3"]}]


def test_solve_python_file(capsys, tmp_path):
    f = tmp_path / "mygame.py"
    f.write_text(textwrap.dedent("""
        import gametheory as gt
        def build():
            return gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]],
                                                 players=["Kyiv", "Moscow"])
    """))
    code, out, _ = main(capsys, "solve", str(f), "--method", "pure")
    assert code == 0
    assert "Kyiv" in out and "2 equilibria by pure" in out


def test_solve_bundled_model_with_set(capsys):
    # at q = 1/7 the security type is indifferent: two SPE, NATO and NEUTRAL
    # (models/ukraine_guarantees.py, analytic solution)
    code, out, _ = main(capsys, "solve", "ukraine_guarantees", "--set", "q=1/7",
                        "--format", "json")
    assert code == 0
    eqs = json.loads(out)["equilibria"]
    # exact numbers are JSON strings, integers too (one encoding, see cli.main._jsonable)
    assert sorted(e["behavior"]["Ukraine"]["NATO"] for e in eqs) == ["0", "1"]
    code, out, _ = main(capsys, "solve", "battle_of_the_sexes", "--format", "md")
    assert code == 0 and out.startswith("| # |") and "2/3" in out


def test_exact_payoffs_are_solved_exactly_by_default_and_float_on_request(capsys):
    # Chicken's mixed equilibrium swerves with probability 9/10 (catalog.chicken).
    assert "Swerve 9/10" in main(capsys, "solve", "chicken")[1]
    assert "Swerve 0.9" in main(capsys, "solve", "chicken", "--float")[1]


def test_models_lists_parameters_defaults_and_meanings(capsys):
    code, out, _ = main(capsys, "models")
    assert code == 0
    assert "ukraine_guarantees: " in out
    assert "    q      = 1/2     in [0, 1]  probability the bilateral guarantor" in out
    assert "catalog (no parameters): prisoners_dilemma" in out


@pytest.mark.parametrize("args, message", [
    (["solve", "ukraine_guarantees", "--set", "zz=1"], "unknown parameter 'zz'"),
    (["solve", "ukraine_guarantees", "--set", "q=2"],
     "value 2 of parameter 'q' is outside its domain [0, 1]"),
    (["solve", "chicken", "--set", "q=1"], "chicken has no parameters"),
    (["solve", "chicken", "--method", "magic"], "unknown method 'magic'"),
    (["solve", "missing.py"], "no such file"),
    (["sweep", "--vary", "q=0:1"], "bad range '0:1' for q"),
    (["sweep", "--vary", "q=0:1:x"], "bad range '0:1:x' for q"),
    (["sweep", "--vary", "zz=0:1:5"], "unknown parameter 'zz' of ukraine_guarantees"),
    (["sweep", "chicken", "--vary", "q=0:1:5"], "chicken has no parameters to vary"),
    (["sweep", "--vary", "q=-1:1:5"], "outside its domain"),
    (["sweep", "--vary", "q=0:1:5", "--set", "q=1"], "q is both varied and set"),
    (["sweep", "--out", "x.docx"], "--out writes .csv"),
    (["sweep", "--jobs", "0"], "--jobs must be at least 1"),
    (["tree", "chicken"], "chicken is a normal-form game"),
    (["convert", "chicken", "x.txt"], "convert writes .nfg, .efg, .json"),
    (["solve", "chicken", "--exact", "--float"],
     "argument --float: not allowed with argument --exact"),
])
def test_bad_input_in_process(capsys, args, message):
    code, out, err = main(capsys, *args)
    assert code == 2 and message in err and err.count("\n") == 1


def test_sweep_writes_csv_and_figure(capsys, tmp_path):
    import matplotlib.image

    f = tmp_path / "q.csv"
    code, out, _ = main(capsys, "sweep", "--vary", "q=0:1:11", "--out", str(f),
                        "--no-critical")
    assert code == 0 and "critical" not in out and out.endswith(f"wrote {f}\n")
    rows = list(csv.DictReader(f.open()))
    # one row per point, two at q = 2/5 where the revisionist type is indifferent
    assert len(rows) == 12 and [float(r["q"]) for r in rows].count(0.4) == 2
    assert {r["Ukraine:NATO"] for r in rows if float(r["q"]) < 1 / 7} == {"1.0"}
    png = tmp_path / "q.png"
    assert main(capsys, "sweep", "--vary", "q=0:1:11", "--out", str(png))[0] == 0
    assert matplotlib.image.imread(png).shape[:2] == (840, 960)   # 8 x 7 in at 120 dpi


def test_sweep_two_parameters_and_jobs(capsys, tmp_path):
    code, serial, _ = main(capsys, "sweep", "ukraine_russia_matrix", "--vary", "q=0:1:11",
                           "--vary", "r=0:1:3")
    assert code == 0 and "critical" not in serial
    assert ", r = 1/2: " in serial or "r from" in serial
    code, parallel, _ = main(capsys, "sweep", "ukraine_russia_matrix", "--vary", "q=0:1:11",
                             "--vary", "r=0:1:3", "--jobs", "2")
    assert code == 0
    strip = [ln for ln in serial.splitlines() if not ln.startswith("solved")]
    assert strip == [ln for ln in parallel.splitlines() if not ln.startswith("solved")]


def test_table_tree_and_convert(capsys, tmp_path):
    code, out, _ = main(capsys, "table", "chicken", "--format", "md")
    assert code == 0 and out.startswith("| Driver 1 \\ Driver 2 | Swerve | Straight |")
    code, out, _ = main(capsys, "tree", "ukraine_guarantees", "--set", "q=1/2")
    # a snippet that names its packages, the picture boxed to fit the text width
    assert code == 0 and out.startswith("% needs \\usepackage{tikz,graphicx}\n")
    assert "\\begin{tikzpicture}" in out and "\\resizebox{\\linewidth}" in out
    png = tmp_path / "t.png"
    assert main(capsys, "tree", "ukraine_guarantees", "--format", "png", "--out", str(png))[0] == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    j, nfg, efg = tmp_path / "c.json", tmp_path / "c.nfg", tmp_path / "k.efg"
    assert main(capsys, "convert", "chicken", str(j))[0] == 0
    assert main(capsys, "convert", str(j), str(nfg))[0] == 0
    assert "Swerve 9/10" in main(capsys, "solve", str(nfg))[1]
    tree = tmp_path / "tree.py"
    tree.write_text("from gametheory.models import ukraine_guarantees as m\n"
                    "def build():\n    return m.build(**{k: d for k, (d, _, _) in "
                    "m.PARAMETERS.items()})\n")
    tj = tmp_path / "tree.json"
    assert main(capsys, "convert", str(tree), str(tj))[0] == 0
    assert main(capsys, "convert", str(tj), str(efg))[0] == 0
    import gametheory as gt
    from gametheory.io.jsonform import read_json

    assert read_json(tj) == gt.read_gambit(efg)


def test_sweep_on_a_dask_scheduler(capsys):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None, protocol="tcp://") as cluster:
        code, out, _ = main(capsys, "sweep", "--vary", "q=0:1:21", "--no-critical",
                            "--scheduler", cluster.scheduler_address)
    assert code == 0 and "  q in (1/7, 2/5): 1 equilibrium" in out
    code, _, err = main(capsys, "sweep", "--scheduler", "tcp://127.0.0.1:9", "--jobs", "2")
    assert code == 2 and "not both" in err


def test_convert_refuses_irrational_numbers_for_gambit_and_keeps_them_in_json(capsys, tmp_path):
    # issue 11: write_gambit wrote the probability sqrt(2)/2 as 0 (a corrupt file)
    f = tmp_path / "irrational.py"
    f.write_text(textwrap.dedent("""
        import sympy
        import gametheory as gt
        def build():
            g = gt.ExtensiveFormGame(["A", "B"])
            hi, lo = g.root.chance({"hi": sympy.sqrt(2) / 2, "lo": 1 - sympy.sqrt(2) / 2})
            x, y = hi.decide("A", ["x", "y"])
            x.payoffs(sympy.sqrt(2), 3)
            y.payoffs(0, 1)
            lo.payoffs(1, 2)
            return g
    """))
    efg, js = tmp_path / "out.efg", tmp_path / "out.json"
    code, _, err = main(capsys, "convert", str(f), str(efg))
    assert code == 2 and err.count("\n") == 1 and not efg.exists()
    assert "cannot write the probability of 'hi' at node 'root', sqrt(2)/2, to a Gambit file" \
        in err
    assert main(capsys, "convert", str(f), str(js))[0] == 0
    from gametheory.cli import load_game
    from gametheory.io.jsonform import read_json

    assert read_json(js) == load_game(str(f))[0]


def test_sweep_json_regions(capsys):
    """--format json: the regions as data, numbers as exact text; the critical values
    1/7 and 2/5 of the Ukraine model (model docstring) are point regions."""
    import json

    code, out, _ = main(capsys, "sweep", "--vary", "q=0:1:11", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["region"] for r in data["regions"]] == \
        ["q in [0, 1/7)", "q = 1/7", "q in (1/7, 2/5)", "q = 2/5", "q in (2/5, 1]"]
    mid = data["regions"][2]
    assert (mid["lo"], mid["hi"], mid["closed"], mid["grid_points"]) == \
        ("1/7", "2/5", [False, False], 2)          # q = 0.2, 0.3
    assert mid["equilibria"][0]["payoffs"]["Ukraine"] == "3*q - 2"
    assert [c["value"] for c in data["critical_values"]] == ["1/7", "2/5"]
    code, out, _ = main(capsys, "sweep", "--vary", "q=0:1:11", "--no-critical",
                        "--format", "json")
    data = json.loads(out)
    assert "critical_values" not in data and not any(r["exact"] for r in data["regions"])


def test_sweep_symbolic_critical_values_text_and_json():
    """Ukraine (model docstring): the security type's escalation threshold q = 1/(1 + C_R)
    and the revisionist's q = 4/(4 + C_R) hold for every C_R; Ukraine's switch at 37/100
    only for C_R <= 63/37 (tests/sensitivity/test_symbolic_critical.py)."""
    r = run("sweep", "--vary", "q=0:1:101", "--symbolic", "C_R")
    assert r.returncode == 0, r.stderr
    assert "critical values of q as formulas in C_R:" in r.stdout
    assert "q = 1/(C_R + 1) (everywhere): " in r.stdout
    assert "q = 37/100 if C_R <= 63/37: " in r.stdout
    r = run("sweep", "--vary", "q=0:1:101", "--symbolic", "C_R", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)["symbolic_critical_values"]
    assert [d["value"] for d in data] == ["1/(C_R + 1)", "37/100", "4/(C_R + 4)"]
    assert [d["condition"] for d in data][1] == "C_R <= 63/37"
    assert all(d["in"] == ["C_R"] for d in data)


@pytest.mark.parametrize("args,message", [
    (["--symbolic", "X"], "--symbolic: unknown parameter 'X'"),
    (["--symbolic", "q"], "q is both swept and symbolic; drop one"),
    (["--symbolic", "C_R", "--set", "C_R=2"], "C_R is both set and symbolic; drop one"),
    (["--symbolic", "C_R", "--vary", "r=0:1:3"], "--symbolic needs exactly one varied"),
])
def test_sweep_symbolic_errors_exit_2(args, message):
    r = run("sweep", "--vary", "q=0:1:11", *args)
    assert r.returncode == 2 and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
