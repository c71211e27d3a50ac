"""Command-line habits: --version, ``python -m gametheory``, the registry under --method,
``convert --set``, optional dependencies checked before any work, one-line errors from a
user's build() (a traceback with --debug), equilibria numbered from 1 in text and files,
and one encoding of numbers (JSON: exact as strings, floats as numbers; CSV: no float
noise)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
import textwrap
import time

import pytest

import gametheory as gt
from gametheory import cli
from gametheory.solvers.registry import METHODS


def python_m(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True,
                          text=True)


def main(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ----------------------------------------------------------------- entry points
def test_version_and_python_m_gametheory():
    r = python_m("--version")
    assert r.returncode == 0 and r.stdout == f"gametheory {gt.__version__}\n"
    r = python_m("solve", "prisoners_dilemma", "--method", "pure")
    assert r.returncode == 0, r.stderr
    assert "1 equilibrium by pure" in r.stdout


def test_method_help_lists_the_registry_one_line_each(capsys):
    for command in ("solve", "sweep", "uncertainty", "map"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        out = capsys.readouterr().out
        assert "auto: a complete method where one applies" in out
        for m in METHODS.values():
            assert re.search(rf"^\s+{re.escape(m.name)}: {re.escape(m.summary)}$", out,
                             re.MULTILINE), (command, m.name)


def test_an_unknown_method_is_one_line_before_any_work(capsys):
    for command in (["solve"], ["sweep", "--vary", "q=0:1:1001"]):
        code, _, err = main(capsys, *command, "--method", "simplex")
        assert code == 2 and "unknown method 'simplex'" in err and err.count("\n") == 1


# ----------------------------------------------------------------- convert --set
def test_convert_takes_set(capsys, tmp_path):
    out = tmp_path / "u.efg"
    from gametheory.models import ukraine_guarantees as model

    sets = [f"{k}={v[0]}" for k, v in model.PARAMETERS.items()]
    args = ["convert", "ukraine_guarantees", str(out)]
    for s in sets:
        args += ["--set", s]
    code, text, _ = main(capsys, *args)
    assert code == 0 and text == f"wrote {out}\n"
    game = gt.read_gambit(out)
    want = model.build().substitute(**{k: v[0] for k, v in model.PARAMETERS.items()})
    assert game == want
    # JSON keeps what is not set; Gambit files need every parameter fixed
    js = tmp_path / "u.json"
    assert main(capsys, "convert", "ukraine_guarantees", str(js), "--set", "q=1/7")[0] == 0
    declared = [d if isinstance(d, str) else d["name"]
                for d in json.loads(js.read_text())["parameters"]]
    assert "q" not in declared and "r" in declared
    code, _, err = main(capsys, "convert", "ukraine_guarantees", str(out), "--set", "q=1/7")
    assert code == 2 and "parameters" in err and err.count("\n") == 1
    code, _, err = main(capsys, "convert", "chicken", str(out), "--set", "q=1")
    assert code == 2 and "chicken has no parameters" in err


# ----------------------------------------------------------------- optional dependencies
@pytest.fixture
def no_matplotlib(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name.split(".")[0] == "matplotlib"
                        else real(name, *a))

    def never(*args, **kwargs):
        raise AssertionError("the sweep ran before the missing matplotlib was reported")

    import gametheory.sensitivity.sweep  # noqa: F401  (the module; its package shadows it)

    monkeypatch.setattr(sys.modules["gametheory.sensitivity.sweep"], "sweep", never)


def test_a_missing_matplotlib_fails_at_once(no_matplotlib, capsys, tmp_path):
    start = time.perf_counter()
    code, out, err = main(capsys, "sweep", "--vary", "q=0:1:100001", "--out",
                          str(tmp_path / "map.png"))
    assert code == 2 and out == ""
    assert err == "gametheory: error: figures need matplotlib: pip install " \
                  "'gametheory[plot]'\n"
    code, _, err = main(capsys, "tree", "ukraine_guarantees", "--format", "png")
    assert code == 2 and "figures need matplotlib" in err
    assert time.perf_counter() - start < 5
    assert not (tmp_path / "map.png").exists()


# ----------------------------------------------------------------- a user's build()
def test_build_errors_name_the_file_and_line_and_debug_shows_the_traceback(tmp_path):
    f = tmp_path / "broken.py"
    f.write_text(textwrap.dedent("""\
        import gametheory as gt

        def build():
            payoffs = [[1, 0], [0, 1]]
            return gt.NormalFormGame.from_arrays(payoffs, [[1, 0]])
    """))
    r = python_m("solve", str(f))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith(f"gametheory: error: {f}, line 5: build() failed: GameError: ")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    r = python_m("solve", str(f), "--debug")
    assert r.returncode == 1 and "Traceback" in r.stderr and 'broken.py", line 5' in r.stderr


# ----------------------------------------------------------------- numbering and numbers
def test_equilibria_are_numbered_from_1_in_text_and_tables(capsys):
    _, text, _ = main(capsys, "solve", "battle_of_the_sexes")
    numbers = re.findall(r"^  \[(\d+)\] ", text, re.MULTILINE)
    assert numbers == ["1", "2", "3"]
    _, table, _ = main(capsys, "solve", "battle_of_the_sexes", "--format", "csv")
    rows = list(csv.DictReader(table.splitlines()))
    assert [r["equilibrium"] for r in rows] == numbers
    # the same equilibrium under the same number: the mixed one is [2] in both
    assert "[2] Player 1: Bach 2/3" in text and rows[1]["Player 1:Bach"] == "2/3"


def test_a_continuum_names_its_equilibria_by_their_numbers(capsys, tmp_path):
    f = tmp_path / "deg.csv"
    f.write_text('A \\ B,l,r\nu,"1, 1","1, 1"\nd,"0, 0","0, 0"\n')
    _, text, _ = main(capsys, "solve", str(f))
    assert "  [1] A: u 1; B: l 1" in text and "  [2] A: u 1; B: r 1" in text
    assert "component joining equilibria [1, 2]" in text


def test_assessment_components_are_numbered_as_the_equilibria(capsys, tmp_path):
    from gametheory.io.jsonform import write_json

    f = tmp_path / "bq.json"
    write_json(gt.classics.beer_quiche(), f)
    _, text, _ = main(capsys, "solve", str(f), "--method", "pbe")
    assert re.findall(r"^  \[(\d+)\] ", text, re.MULTILINE) == ["1", "2", "3", "4"]
    assert "component joining assessments [1, 2]: a continuum" in text
    assert "component joining assessments [3, 4]: a continuum" in text
    assert "    between [1, 2]: mu(strong | Receiver: quiche) = 1/2" in text
    assert "[0, 1]" not in text


def test_sweep_csv_numbers_equilibria_from_1_and_prints_no_float_noise(capsys, tmp_path):
    f = tmp_path / "q.csv"
    assert main(capsys, "sweep", "--vary", "q=0:1:11", "--out", str(f), "--no-critical")[0] == 0
    text = f.read_text()
    assert not re.search(r"\d{16}", text)             # no 16- or 17-digit float noise
    rows = list(csv.DictReader(text.splitlines()))
    # NATO at q < 1/7: Ukraine's payoff -7.78 at the defaults (a float computed as
    # -7.779999999999999; models/ukraine_guarantees.py)
    assert rows[0]["payoff:Ukraine"] == "-7.78" and rows[3]["q"] == "0.3"
    assert {r["equilibrium"] for r in rows} == {"1", "2"}   # two at q = 2/5
    assert [r["equilibrium"] for r in rows if r["q"] == "0.4"] == ["1", "2"]


def _leaves(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from _leaves(v)
    elif isinstance(x, list):
        for v in x:
            yield from _leaves(v)
    else:
        yield x


def test_json_numbers_are_exact_strings_or_floats_never_mixed(capsys):
    _, out, _ = main(capsys, "solve", "battle_of_the_sexes", "--format", "json")
    eqs = json.loads(out)["equilibria"]
    values = [v for eq in eqs for v in _leaves([eq["payoffs"], eq["strategies"]])]
    assert values and all(isinstance(v, str) for v in values)
    assert eqs[0]["payoffs"] == ["2", "1"] and eqs[1]["payoffs"] == ["2/3", "2/3"]
    _, out, _ = main(capsys, "solve", "battle_of_the_sexes", "--float", "--format", "json")
    eqs = json.loads(out)["equilibria"]
    values = [v for eq in eqs for v in _leaves([eq["payoffs"], eq["strategies"]])]
    assert values and all(isinstance(v, float) for v in values)
    assert eqs[1]["payoffs"] == [0.666666666666667, 0.666666666666667]
    _, out, _ = main(capsys, "solve", "ukraine_guarantees", "--format", "json")
    behavior = json.loads(out)["equilibria"][0]["behavior"]
    assert all(isinstance(v, str) for v in _leaves(behavior))


def test_map_json_numbers_regions_and_equilibria_from_1(capsys):
    _, out, _ = main(capsys, "map", "ukraine_russia_matrix", "--vary", "q", "--format", "json")
    data = json.loads(out)
    records = data["records"]
    assert min(r["region"] for r in records) == 1
    assert max(r["region"] for r in records) == len(data["regions"])
    first = [r["equilibrium"] for r in records if r["region"] == 1]
    assert first == list(range(1, len(first) + 1))
    assert all(isinstance(v, str) for r in records for k, v in r.items()
               if k.startswith("payoff"))


# ----------------------------------------------------------------- captions
def test_latex_tables_take_caption_and_label(capsys, tmp_path):
    """``table``, ``solve --format latex`` and ``sweep --out .tex`` pass --caption and
    --label to the table writers: a ``table`` float with both."""
    for args in (["table", "ukraine_simultaneous"],
                 ["solve", "prisoners_dilemma", "--format", "latex"]):
        code, out, _ = main(capsys, *args, "--caption", "The game", "--label", "tab:g")
        assert code == 0 and "\\caption{The game}" in out and "\\label{tab:g}" in out
    out_file = tmp_path / "regions.tex"
    code, _, _ = main(capsys, "sweep", "deterrence", "--vary", "p=0:1:11", "--out",
                      str(out_file), "--caption", "Deterrence in p", "--label", "tab:p")
    text = out_file.read_text()
    assert code == 0 and "\\caption{Deterrence in p}" in text and "\\label{tab:p}" in text
    code, out, _ = main(capsys, "table", "ukraine_simultaneous")
    assert code == 0 and "\\caption" not in out


def test_tree_takes_the_drawing_options(capsys, tmp_path):
    """``tree`` passes --subtree, --collapse, --direction and --istgame to tree_tikz:
    the part after NATO/revisionist has no NEUTRAL edge, the collapsed tree names the
    subtree it repeats, istgame's macros appear; --istgame with a PNG is refused."""
    code, whole, _ = main(capsys, "tree", "ukraine_guarantees")
    code, part, _ = main(capsys, "tree", "ukraine_guarantees", "--subtree", "NATO/revisionist")
    assert code == 0 and "NEUTRAL" in whole and "NEUTRAL" not in part
    code, out, _ = main(capsys, "tree", "ukraine_guarantees", "--collapse")
    assert code == 0 and "as after NATO, revisionist" in out
    code, out, _ = main(capsys, "tree", "ukraine_guarantees", "--istgame", "--direction",
                        "right")
    assert code == 0 and "\\istroot" in out
    code, _, err = main(capsys, "tree", "ukraine_guarantees", "--format", "png", "--istgame",
                        "--out", str(tmp_path / "t.png"))
    assert code == 2 and "--istgame is for --format tikz" in err


def test_tree_subtree_takes_action_labels_with_a_slash(capsys, tmp_path):
    """--subtree is read as tree_tikz reads a path: the longest action label that fits
    is taken, so an action called "yes/no" can be named."""
    from gametheory.io.jsonform import write_json

    g = gt.ExtensiveFormGame(["A", "B"])
    left, right = g.root.decide("A", ["yes/no", "maybe"])
    for k, leaf in enumerate(left.decide("B", ["x", "y"])):
        leaf.payoffs(k, 1)
    right.payoffs(0, 0)
    f = tmp_path / "slash.json"
    write_json(g, f)
    code, out, err = main(capsys, "tree", str(f), "--subtree", "yes/no")
    assert code == 0, err
    assert "Drawn: the subtree after yes/no." in out


def test_tree_tikz_is_not_written_to_a_figure_file(capsys, tmp_path):
    out = tmp_path / "tree.png"
    code, _, err = main(capsys, "tree", "deterrence", "--out", str(out))
    assert code == 2 and "--format tikz writes LaTeX" in err and "--format png" in err
    assert not out.exists()
    code, _, _ = main(capsys, "tree", "deterrence", "--out", str(tmp_path / "tree.tex"))
    assert code == 0 and (tmp_path / "tree.tex").read_text().startswith("% needs")


def test_sweep_out_into_a_missing_directory_is_refused_before_the_sweep(capsys, tmp_path):
    out = tmp_path / "missing" / "q.csv"
    code, _, err = main(capsys, "sweep", "--vary", "q=0:1:11", "--out", str(out))
    assert code == 2 and f"--out {out}: no directory {out.parent}" in err


def test_sweep_table_of_two_varied_parameters_is_refused_before_the_sweep(capsys, tmp_path,
                                                                          monkeypatch):
    import importlib

    sweep_module = importlib.import_module("gametheory.sensitivity.sweep")

    def no_sweep(*args, **kwargs):
        raise AssertionError("the sweep ran")

    monkeypatch.setattr(sweep_module, "sweep", no_sweep)
    code, _, err = main(capsys, "sweep", "deterrence", "--vary", "p=0:1:5", "--vary",
                        "C=1:2:3", "--out", str(tmp_path / "t.tex"))
    assert code == 2 and "a table of regions needs exactly one varying parameter" in err
