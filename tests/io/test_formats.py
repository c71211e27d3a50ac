"""The output formats are a registry: a format added in a test is written by every table,
and io formats data without solving anything."""

import ast
import csv
import io
from pathlib import Path

import numpy as np
import pytest
from sample_trees import guarantees_tree

import gametheory as gt
import gametheory.sensitivity.formulas
import gametheory.solvers
from gametheory.io.formats import (
    FORMATS,
    CsvFormat,
    Format,
    get_format,
    register_format,
    unregister_format,
)
from gametheory.io.tables import equilibrium_table, payoff_table, regions_table, sweep_table

IO = Path(gt.__file__).resolve().parent / "io"


class TabSeparated(CsvFormat):
    """Tab-separated values: all a tidy format needs is its name and delimiter."""

    name = "tsv"
    delimiter = "\t"


class Plain(Format):
    """Plain text: cells joined by " / ", labels upper-cased."""

    name = "plain"

    def escape(self, text):
        return text.upper()

    def row(self, cells):
        return " / ".join(cells)


@pytest.fixture
def formats(monkeypatch):
    monkeypatch.setitem(FORMATS, "tsv", TabSeparated())
    monkeypatch.setitem(FORMATS, "plain", Plain())


def hawk_dove():
    """Hawk-Dove with prize v and cost 1 (Maynard Smith 1982, ch. 2)."""
    v = gt.parameters("v")
    row = np.array([[(v - 1) / 2, v], [0, v / 2]], dtype=object)
    return gt.NormalFormGame.from_arrays(row, row.T, players=["P1", "P2"],
                                         strategies=[["H", "D"]] * 2)


def prisoners_dilemma():
    return gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                         players=["Row", "Col"],
                                         strategies=[["C", "D"], ["C", "D"]])


def rows(text, delimiter):
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.usefixtures("formats")
def test_a_registered_tidy_format_is_written_by_every_table():
    pd = prisoners_dilemma()
    sol = gt.solve(pd, exact=True)
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0, 2, 5)})
    for tsv, comma in [(payoff_table(pd, "tsv"), payoff_table(pd, "csv")),
                       (equilibrium_table(sol, "tsv"), equilibrium_table(sol, "csv")),
                       (sweep_table(sw, "v", "tsv"), sweep_table(sw, "v", "csv")),
                       (sweep_table(sw, "v", "tsv", closed_form=False),
                        sweep_table(sw, "v", "csv", closed_form=False))]:
        assert "\t" in tsv
        assert rows(tsv, "\t") == rows(comma, ",")


@pytest.mark.usefixtures("formats")
def test_a_registered_text_format_is_written_by_every_table():
    pd = prisoners_dilemma()
    assert payoff_table(pd, "plain", mark=None).splitlines() == [
        "ROW \\ COL / C / D", "C / 3, 3 / 0, 5", "D / 5, 0 / 1, 1"]
    lines = equilibrium_table(gt.solve(pd, exact=True), "plain").splitlines()
    assert lines == ["# / ROW / COL / payoff ROW / payoff COL", "1 / D / D / 1 / 1"]
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0, 2, 5)})
    lines = sweep_table(sw, "v", "plain").splitlines()
    assert lines[0] == "V / P1 / P2 / payoff P1 / payoff P2"
    assert [line.split(" / ")[0] for line in lines[1:]] == ["{0} (A CONTINUUM)", "(0, 1)",
                                                            "{1} (A CONTINUUM)", "(1, 2]"]
    assert lines[2].split(" / ")[1] == "H; v H + (1 - v) D; D"
    tree = gt.solve(guarantees_tree(0.5), exact=True)
    lines = equilibrium_table(tree, "plain").splitlines()    # the shared choices in a note
    assert lines[0] == "# / RUSSIA | NATO" and lines[-1].startswith("IN EVERY EQUILIBRIUM: ")


def test_register_and_unregister():
    register_format(TabSeparated())
    try:
        assert get_format("tsv").delimiter == "\t"
        assert payoff_table(prisoners_dilemma(), "tsv").startswith("Row\tCol\t")
    finally:
        unregister_format("tsv")
    with pytest.raises(gt.GameError, match="unknown table format 'tsv'; choose one of latex"):
        payoff_table(prisoners_dilemma(), "tsv")
    with pytest.raises(gt.GameError, match="named Format"):
        register_format("tsv")
    assert list(FORMATS) == ["latex", "md", "csv", "html"]


def test_a_format_object_may_be_passed_directly():
    pd = prisoners_dilemma()
    assert payoff_table(pd, TabSeparated()) == payoff_table(pd, "csv").replace(",", "\t")


def test_the_regions_table_formats_given_data_without_solving(monkeypatch):
    """Everything the table shows comes from the sweep's regions and closed forms:
    with the solvers and the closed forms switched off it is written all the same."""
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0, 2, 5)})
    regions = sw.regions("v")
    formulas = sw.region_formulas("v")
    expected = {f: (sweep_table(sw, "v", f), sweep_table(sw, "v", f, closed_form=False))
                for f in ("latex", "md", "csv", "html")}
    for r in regions:
        _ = r.representative

    def refuse(*args, **kwargs):
        raise AssertionError("io solved a game")

    monkeypatch.setattr(gametheory.solvers, "solve", refuse)
    monkeypatch.setattr(gametheory.sensitivity.formulas, "equilibrium_formulas", refuse)
    for f, (closed, numeric) in expected.items():
        assert regions_table(regions, sw.game, formulas, format=f) == closed
        assert regions_table(regions, sw.game, format=f) == numeric
        assert sweep_table(sw, "v", f) == closed          # regions and formulas cached


def _imports(path):
    """The gametheory modules ``path`` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = "gametheory.io" if node.level == 1 else "gametheory" if node.level == 2 \
                else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("gametheory")}


@pytest.mark.parametrize("path", sorted(IO.glob("*.py")), ids=lambda p: p.name)
def test_io_imports_no_solver_and_no_sensitivity(path):
    bad = sorted(m for m in _imports(path)
                 if m.startswith(("gametheory.solvers", "gametheory.sensitivity",
                                  "gametheory.cli", "gametheory.models"))
                 or m in ("gametheory", "gametheory.solve"))
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.usefixtures("formats")
def test_a_registered_format_is_a_choice_of_the_command_line(capsys):
    from gametheory.cli import main

    assert main(["table", "chicken", "--format", "tsv"]) == 0
    tsv = capsys.readouterr().out
    assert main(["table", "chicken", "--format", "csv"]) == 0
    assert "\t" in tsv and rows(tsv, "\t") == rows(capsys.readouterr().out, ",")
    assert main(["solve", "chicken", "--format", "plain"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("# / DRIVER 1 / DRIVER 2")
    del FORMATS["plain"]
    assert main(["solve", "chicken", "--format", "plain"]) == 2
