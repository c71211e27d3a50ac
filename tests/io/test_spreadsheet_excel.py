"""NormalFormGame.from_excel on real .xlsx files written with openpyxl: both layouts of
gametheory.io.spreadsheet (one sheet of "a, b" pairs; two sheets of numbers), labels and
the "Row \\ Col" cell, default labels, numeric and text cells read exactly, the sheet
argument, and the one-line errors naming the file, row and column."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import gametheory as gt

openpyxl = pytest.importorskip("openpyxl")

# Prisoner's dilemma payoffs as in Osborne 2004, sec. 2.2 (T=5 > R=3 > P=1 > S=0).
PD = [["Row \\ Col", "C", "D"], ["C", "3, 3", "0, 5"], ["D", "5, 0", "1, 1"]]


def workbook(path, rows, title=None, **sheets):
    """Write ``rows`` (and further sheets by name) to an .xlsx file; return the path."""
    book = openpyxl.Workbook()
    first = book.active
    if title:
        first.title = title
    for row in rows:
        first.append(row)
    for name, more in sheets.items():
        sheet = book.create_sheet(name)
        for row in more:
            sheet.append(row)
    book.save(path)
    return path


def one_line_error(*paths, kind=gt.GameError, **how):
    with pytest.raises(kind) as info:
        gt.NormalFormGame.from_excel(*paths, **how)
    text = str(info.value)
    assert "\n" not in text
    return text


def test_one_sheet_of_pairs_with_labels_and_player_names(tmp_path):
    g = gt.NormalFormGame.from_excel(workbook(tmp_path / "pd.xlsx", PD))
    assert g.players == ("Row", "Col") and g.strategies == (("C", "D"), ("C", "D"))
    assert g.payoffs[0].tolist() == [[3, 0], [5, 1]]
    assert g.payoffs[1].tolist() == [[3, 5], [0, 1]] and g.payoffs.dtype.kind == "i"


def test_two_files_of_numbers_with_labels_but_no_player_names(tmp_path):
    row = workbook(tmp_path / "row.xlsx", [[None, "L", "R"], ["U", 2, 0], ["D", 0, 1]])
    col = workbook(tmp_path / "col.xlsx", [[None, "L", "R"], ["U", 1, 0], ["D", 0, 2]])
    g = gt.NormalFormGame.from_excel(row, col, players=["Her", "Him"])
    assert g.strategies == (("U", "D"), ("L", "R")) and g.players == ("Her", "Him")
    assert g.payoffs.tolist() == [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
    # Battle of the sexes (Osborne 2004, sec. 4.1.4): two pure equilibria and one mixed
    assert len(gt.solve(g, exact=True).equilibria) == 3


def test_all_payoffs_get_the_default_labels(tmp_path):
    g = gt.NormalFormGame.from_excel(workbook(tmp_path / "t.xlsx",
                                              [["3, 3", "0, 5"], ["5, 0", "1, 1"]]))
    assert g.strategies == (("a1", "a2"), ("b1", "b2"))
    assert g.players == gt.NormalFormGame.from_arrays([[0]], [[0]]).players
    assert g.payoffs[0].tolist() == [[3, 0], [5, 1]]


def test_numeric_cells_are_their_shortest_decimals_exactly(tmp_path):
    row = workbook(tmp_path / "r.xlsx", [[1, 0.1, -7.78], [2.5, 3.0, 1e-05]])
    col = workbook(tmp_path / "c.xlsx", [[0, 0, 0], [0, 0, 0]])
    g = gt.NormalFormGame.from_excel(row, col)
    a = g.payoffs[0]
    assert a[0, 1] == Fraction(1, 10) and a[0, 2] == Fraction(-389, 50)
    assert a[1, 0] == Fraction(5, 2) and a[1, 1] == 3 and a[1, 2] == Fraction(1, 100000)
    assert all(isinstance(x, (int, Fraction)) for x in a.flat) and g.kind == "exact"


def test_text_cells_hold_fractions_and_roots(tmp_path):
    g = gt.NormalFormGame.from_excel(workbook(
        tmp_path / "t.xlsx", [[None, "L"], ["U", "1/3, sqrt(2)/2"], ["D", "-7.78, 2"]]))
    assert g.payoffs[0, 0, 0] == Fraction(1, 3) and g.payoffs[0, 1, 0] == Fraction(-389, 50)
    assert sympy.simplify(g.payoffs[1, 0, 0] - sympy.sqrt(2) / 2) == 0


def test_csv_and_excel_give_the_same_game(tmp_path):
    rows = [["Her \\ Him", "Bach", "Stravinsky"], ["Bach", "2, 1", "0, -7.78"],
            ["Stravinsky", "1/3, 0", "1, 2"]]
    csv = tmp_path / "bos.csv"
    csv.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n")
    from_csv = gt.NormalFormGame.from_csv(csv)
    from_excel = gt.NormalFormGame.from_excel(workbook(tmp_path / "bos.xlsx", rows))
    assert from_csv == from_excel and from_csv.strategies == from_excel.strategies
    assert from_csv.players == from_excel.players == ("Her", "Him")
    # the same with numeric cells in two sheets and two CSV files
    (tmp_path / "r.csv").write_text("0.1,2\n3,-7.78\n")
    (tmp_path / "c.csv").write_text("1,0\n0,2\n")
    r = workbook(tmp_path / "r.xlsx", [[0.1, 2], [3, -7.78]])
    c = workbook(tmp_path / "c.xlsx", [[1, 0], [0, 2]])
    assert gt.NormalFormGame.from_csv(tmp_path / "r.csv", tmp_path / "c.csv") == \
        gt.NormalFormGame.from_excel(r, c)


def test_the_sheet_argument_by_name_and_index(tmp_path):
    f = workbook(tmp_path / "t.xlsx", [["not", "a"], ["game"]], title="Notes", PD=PD)
    by_name = gt.NormalFormGame.from_excel(f, sheet="PD")
    by_index = gt.NormalFormGame.from_excel(f, sheet=1)
    assert by_name == by_index and by_name.players == ("Row", "Col")
    assert by_name.payoffs[0].tolist() == [[3, 0], [5, 1]]


@pytest.mark.parametrize("sheet, message", [
    ("Nope", "t.xlsx: no sheet named 'Nope'; the sheets are 'PD', 'Notes'"),
    (5, "t.xlsx: no sheet 5 (counting from 0); the sheets are 'PD', 'Notes'"),
    (-1, "t.xlsx: no sheet -1 (counting from 0)"),
])
def test_an_unknown_sheet_is_a_one_line_error_listing_the_sheets(tmp_path, sheet, message):
    f = workbook(tmp_path / "t.xlsx", PD, title="PD", Notes=[["x"]])
    assert message in one_line_error(f, sheet=sheet)


@pytest.mark.parametrize("rows, kind, message", [
    ([[None, "L", "R"], ["U", "1, 2", None]], gt.GameError,
     "row 2, column 3: the cell is empty"),
    ([[None, "L", "R"], ["U", "1, 2", "3, 4"], ["D", "1, 2"]], gt.GameError,
     "row 3, column 3: the cell is empty"),                      # a short (ragged) row
    ([[None, "L"], ["U", "1, abc"]], gt.ParseError, "row 2, column 2: cannot read 'abc'"),
    ([[None, "L"], ["U", "__import__('os'), 1"]], gt.ParseError,
     "row 2, column 2: cannot read \"__import__('os')\""),
    ([[None, "L"], ["U", "1, 2, 3"]], gt.GameError, "row 2, column 2: '1, 2, 3' holds 3"),
    ([[None, "L"], [None, "1, 2"]], gt.GameError, "a strategy label in the first column"),
])
def test_bad_cells_are_one_line_errors_naming_file_row_and_column(tmp_path, rows, kind,
                                                                  message):
    text = one_line_error(workbook(tmp_path / "bad.xlsx", rows), kind=kind)
    assert "bad.xlsx" in text and message in text


def test_a_missing_file_is_a_one_line_error(tmp_path):
    assert f"no such file: {tmp_path / 'none.xlsx'}" in one_line_error(tmp_path / "none.xlsx")


# ----------------------------------------------------------------- what pandas hid
@pytest.mark.parametrize("text", ["NaN", "NA", "null", "None", "n/a", "#N/A"])
def test_text_that_pandas_takes_for_missing_is_read_as_text_not_as_an_empty_cell(tmp_path,
                                                                                 text):
    f = workbook(tmp_path / "t.xlsx", [[None, "L"], ["U", 1]])
    c = workbook(tmp_path / "c.xlsx", [[None, "L"], ["U", text]])
    message = one_line_error(f, c, kind=gt.ParseError)
    assert f"c.xlsx, row 2, column 2: cannot read {text!r}" in message


def test_a_nan_number_is_saved_as_an_empty_cell_and_refused_as_one(tmp_path):
    f = workbook(tmp_path / "t.xlsx", [[1, float("nan")], [0, 1]])    # openpyxl writes <v/>
    message = one_line_error(f, f)
    assert "t.xlsx, row 1, column 2: the cell is empty" in message


def test_an_excel_error_value_is_named(tmp_path):
    f = workbook(tmp_path / "t.xlsx", [[1, "#DIV/0!"], [0, 1]])
    assert openpyxl.load_workbook(f).active["B1"].data_type == "e"   # an error cell
    message = one_line_error(f, f, kind=gt.ParseError)
    assert "t.xlsx, row 1, column 2: cannot read '#DIV/0!'" in message


def with_saved_value(path, value):
    """The workbook at ``path`` with ``value`` saved as its formulas' value, as Excel and
    LibreOffice save them (openpyxl writes formulas with no value)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b"<v></v>" in parts[sheet] or b"<v />" in parts[sheet]
    parts[sheet] = parts[sheet].replace(b"<v></v>", b"<v>%s</v>" % value.encode()) \
        .replace(b"<v />", b"<v>%s</v>" % value.encode())
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("rows, where", [
    ([[1, "=1+2"], [0, 1]], "row 1, column 2"),
    ([["1, 2", "=1+2"]], "row 1, column 2"),                # in the last column
    ([["1, 2"], ["=1+2"]], "row 2, column 1"),              # in the last row
])
def test_a_formula_with_no_saved_value_is_a_clear_error_not_an_empty_cell(tmp_path, rows,
                                                                          where):
    f = workbook(tmp_path / "t.xlsx", rows)
    message = one_line_error(*[f] * (2 if isinstance(rows[0][0], int) else 1))
    assert f"t.xlsx, {where}: the cell holds the formula '=1+2' with no saved value" \
        in message and "empty" not in message


def test_a_formula_is_read_as_its_saved_value(tmp_path):
    f = with_saved_value(workbook(tmp_path / "t.xlsx", [[1, "=1/10"], [0, 1]]), "0.1")
    g = gt.NormalFormGame.from_excel(f, f)
    assert g.payoffs[0, 0, 1] == Fraction(1, 10)
    f = with_saved_value(workbook(tmp_path / "e.xlsx", [[1, "=1/10"], [None, 1]]), "0.1")
    assert "e.xlsx, row 2, column 1: the cell is empty" in one_line_error(f, f)


@pytest.mark.parametrize("name, data", [("t.xlsx", b""), ("t.xlsx", b"hello"),
                                        ("t.xlsx", b"PK\x03\x04 not really a zip"),
                                        ("t.csv", b"1,2\n3,4\n")])
def test_a_file_that_is_not_a_workbook_is_a_one_line_error(tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    assert f"{name}: not an Excel workbook openpyxl can read" in one_line_error(f)


def test_empty_formatted_cells_after_the_table_are_not_part_of_it(tmp_path):
    f = workbook(tmp_path / "t.xlsx", PD)
    book = openpyxl.load_workbook(f)
    book.active["E1"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    book.active["A7"].number_format = "0.00"
    book.save(f)
    assert gt.NormalFormGame.from_excel(f).payoffs[1].tolist() == [[3, 5], [0, 1]]


def test_the_cli_solves_an_xlsx_table_and_reports_a_bad_one_in_one_line(tmp_path, capsys):
    from gametheory.cli import main

    f = workbook(tmp_path / "bos.xlsx", [["Her \\ Him", "Bach", "Stravinsky"],
                                         ["Bach", "2, 1", "0, 0"], ["Stravinsky", "0, 0", "1, 2"]])
    assert main(["solve", str(f)]) == 0
    assert "3 equilibria" in capsys.readouterr().out      # Osborne 2004, sec. 4.1.4
    bad = workbook(tmp_path / "bad.xlsx", [["1, 2", "=1+2"]])
    assert main(["solve", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx, row 1, column 2: the cell holds the formula '=1+2'" in err
    assert err.count("\n") == 1
