"""Payoff matrices of two-player games from CSV files or Excel sheets.

:meth:`gametheory.NormalFormGame.from_csv` and :meth:`~gametheory.NormalFormGame.from_excel`
read them with :func:`payoff_tables`. Two layouts:

* one file whose cells hold both players' payoffs, ``"row payoff, column payoff"``
  (quoted in a CSV file, since the cell holds a comma)::

      Row \\ Col, Left,      Right
      Up,        "3, 3",    "0, 5"
      Down,      "5, 0",    "1, 1"

* two files of one number per cell, the row player's payoffs and the column player's,
  with the same labels.

The first row holds the column player's strategies and the first column the row
player's, unless the top-left cell is a number (or a pair of numbers): then the file is
all payoffs and the strategies get the default labels. A top-left cell ``Row \\ Col``
(a backslash between two names) names the players. Every entry is read by the package's
restricted parser (:func:`gametheory.parse_number`; never ``eval``): ``3``, ``-7.78``
(exactly 778/100), ``1/3``, ``sqrt(2)/2``. Empty cells, ``NaN``, text and rows of unequal
length are errors naming the file, row and column; a CSV file must be UTF-8 (a byte-order
mark is allowed). ``.xlsx`` and ``.xlsm`` files are read with openpyxl
(``pip install openpyxl``), each cell as Excel saved it: numbers as the shortest decimals
that give their float, a formula as its saved value (a formula saved with no value, as
openpyxl and other writers that do not compute formulas leave it, is an error, not an
empty cell), an error value such as ``#DIV/0!`` and text such as ``NaN`` or ``NA`` as
text, so an error naming the cell. ``.xls`` files are read with pandas and xlrd.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GameError
from ..games.expr import parse_number

__all__ = ["payoff_tables", "EXCEL_SUFFIXES"]

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
_ENGINES = {".xlsx": "openpyxl", ".xlsm": "openpyxl", ".xls": "xlrd"}


def payoff_tables(paths: Sequence[str | os.PathLike], excel: bool = False,
                  sheet: int | str = 0) -> tuple[list[np.ndarray], list[str] | None,
                                                 list[list[str]] | None]:
    """The payoff arrays, player names and strategy labels of one file of pairs or two
    files of numbers (see the module docstring): ``(arrays, players, strategies)``, the
    names and labels None where the files give none.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pd.csv"
    >>> _ = path.write_text('Row \\\\ Col,C,D\\nC,"3, 3","0, 5"\\nD,"5, 0","1, 1"\\n')
    >>> arrays, players, strategies = payoff_tables([path])
    >>> arrays[1].tolist(), players, strategies
    ([[3, 5], [0, 1]], ['Row', 'Col'], [['C', 'D'], ['C', 'D']])
    """
    if len(paths) not in (1, 2):
        raise GameError(f"give one file of payoff pairs or two files (row player's, column "
                        f"player's payoffs); got {len(paths)} files")
    tables = [_table(_grid(Path(p), excel, sheet), str(p), 2 if len(paths) == 1 else 1)
              for p in paths]
    labels = [t[2] for t in tables]
    if len(tables) == 2:
        if tables[0][0][0].shape != tables[1][0][0].shape:
            raise GameError(f"{paths[0]} and {paths[1]} have payoff tables of different "
                            f"shapes, {tables[0][0][0].shape} and {tables[1][0][0].shape}")
        if labels[0] != labels[1] and None not in labels:
            raise GameError(f"{paths[0]} and {paths[1]} label the strategies differently; "
                            "give both files the same first row and first column")
    arrays = [a for t in tables for a in t[0]]
    players = next((t[1] for t in tables if t[1] is not None), None)
    return arrays, players, next((lab for lab in labels if lab is not None), None)


# ----------------------------------------------------------------- reading files
def _grid(path: Path, excel: bool, sheet: int | str) -> list[list[str]]:
    """The cells of the file as stripped text, rows checked to be of one length."""
    if excel:
        rows = _excel_rows(path, sheet)
    else:
        rows = _csv_rows(path)
    while rows and not any(rows[-1]):
        rows.pop()                                       # blank lines at the end
    if not rows:
        raise GameError(f"{path}: the file holds no payoffs")
    for r, row in enumerate(rows[1:], 2):
        if len(row) != len(rows[0]):
            raise GameError(f"{path}: row {r} has {len(row)} cells, the first row "
                            f"{len(rows[0])}; a payoff table is rectangular")
    return rows


def _csv_rows(path: Path) -> list[list[str]]:
    """A CSV file's cells as stripped text; a GameError for a missing or unreadable file,
    or one that is not UTF-8 or not CSV (a cell over the csv module's 128 KiB)."""
    if not path.is_file():
        raise GameError(f"no such file: {path}")
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            return [[c.strip() for c in row] for row in csv.reader(f)]
    except UnicodeDecodeError as exc:
        raise GameError(f"{path}: not UTF-8 text (byte {exc.start}); save the table as "
                        "CSV UTF-8") from None
    except csv.Error as exc:
        raise GameError(f"{path}: not a payoff table in CSV: {exc}") from None
    except OSError as exc:
        raise GameError(f"{path}: cannot read the file: {exc.strerror or exc}") from None


def _excel_rows(path: Path, sheet: int | str) -> list[list[str]]:
    """An Excel sheet's cells as text (numbers as their shortest decimals)."""
    engine = _ENGINES.get(path.suffix.lower(), "openpyxl")
    needs = ("pandas", engine) if engine == "xlrd" else (engine,)
    missing = [m for m in needs if importlib.util.find_spec(m) is None]
    if missing:
        raise GameError(f"reading {path.suffix or 'Excel'} files needs "
                        f"{' and '.join(missing)}: pip install {' '.join(missing)}")
    if not path.is_file():
        raise GameError(f"no such file: {path}")
    if engine == "openpyxl":
        return _openpyxl_rows(path, sheet)
    import pandas

    try:
        frame = pandas.read_excel(path, sheet_name=sheet, header=None, dtype=object,
                                  engine=engine, keep_default_na=False)
    except (ValueError, KeyError, IndexError) as exc:
        raise GameError(f"{path}: cannot read sheet {sheet!r}: {exc}") from None
    return [[_excel_text(x) for x in row] for row in frame.itertuples(index=False)]


def _openpyxl_rows(path: Path, sheet: int | str) -> list[list[str]]:
    """The cells of an .xlsx sheet as text, from A1 to the last cell holding something;
    a GameError for a file openpyxl cannot open, an unknown sheet, or a formula saved
    with no value."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    def load(data_only: bool) -> Any:
        try:
            book = openpyxl.load_workbook(path, data_only=data_only)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
                OSError, SyntaxError) as exc:                  # SyntaxError: bad XML
            raise GameError(f"{path}: not an Excel workbook openpyxl can read "
                            f"({type(exc).__name__}: {' '.join(str(exc).split())})") from None
        names = [ws.title for ws in book.worksheets]           # not chart sheets
        if isinstance(sheet, str) and sheet in names:
            return book[sheet]
        if isinstance(sheet, int) and not isinstance(sheet, bool) \
                and 0 <= sheet < len(book.worksheets):
            return book.worksheets[sheet]
        which = f"named {sheet!r}" if isinstance(sheet, str) else f"{sheet!r} (counting from 0)"
        raise GameError(f"{path}: no sheet {which}; the sheets are "
                        f"{', '.join(repr(n) for n in names)}")

    cells = [list(row) for row in load(False).iter_rows()]     # from A1, formatted cells too
    used = [(r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)
            if cell.value is not None]                          # formulas count, saved or not
    height, width = (max(rc[k] for rc in used) + 1 if used else 0 for k in (0, 1))
    cells = [row[:width] for row in cells[:height]]
    values = [[cell.value for cell in row] for row in cells]
    if any(cell.data_type == "f" for row in cells for cell in row):
        saved = load(True)
        for r, row in enumerate(cells):
            for c, cell in enumerate(row):
                if cell.data_type != "f":
                    continue
                values[r][c] = saved.cell(r + 1, c + 1).value
                if values[r][c] is None:
                    text = getattr(cell.value, "text", cell.value)   # an ArrayFormula's text
                    raise GameError(f"{path}, row {r + 1}, column {c + 1}: the cell holds the "
                                    f"formula {text!r} with no saved value (the program that "
                                    "wrote the file did not compute it); open and save the "
                                    "file in Excel or LibreOffice, or type the payoff")
    return [[_excel_text(x) for x in row] for row in values]


def _excel_text(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if isinstance(x, float):
        return repr(x)
    return str(x).strip()


# ----------------------------------------------------------------- parsing cells
def _table(rows: list[list[str]], path: str, per_cell: int
           ) -> tuple[list[np.ndarray], list[str] | None, list[list[str]] | None]:
    """The payoff arrays (``per_cell`` of them), player names and strategy labels."""
    labelled = not _is_number_cell(rows[0][0], per_cell)
    players = strategies = None
    if labelled:
        corner, columns = rows[0][0], rows[0][1:]
        if "\\" in corner:
            players = [p.strip() for p in corner.split("\\", 1)]
            if not all(players):
                raise GameError(f"{path}: the top-left cell {corner!r} should name the row "
                                "and the column player, as 'Row \\ Col'")
        strategies = [[r[0] for r in rows[1:]], columns]
        for what, labels in zip(("first column", "first row"), strategies):
            if not all(labels):
                raise GameError(f"{path}: a strategy label in the {what} is empty")
        rows = [r[1:] for r in rows[1:]]
    if not rows or not rows[0]:
        raise GameError(f"{path}: the file holds no payoffs, only labels")
    skip = 1 if labelled else 0
    values = [[_cell(text, f"{path}, row {r + skip + 1}, column {c + skip + 1}", per_cell)
               for c, text in enumerate(row)] for r, row in enumerate(rows)]
    arrays = []
    for k in range(per_cell):
        a = np.empty((len(rows), len(rows[0])), dtype=object)
        for r, row in enumerate(values):
            for c, v in enumerate(row):
                a[r, c] = v[k]
        arrays.append(a)
    return arrays, players, strategies


def _cell(text: str, where: str, per_cell: int) -> list[Any]:
    """The numbers of one cell, read by the restricted parser."""
    if not text:
        raise GameError(f"{where}: the cell is empty; every cell needs a payoff")
    parts = _split(text)
    if len(parts) != per_cell:
        need = ("a pair 'row payoff, column payoff'" if per_cell == 2 else
                "one number (the other player's payoffs are in the other file)")
        raise GameError(f"{where}: {text!r} holds {len(parts)} number"
                        f"{'s' if len(parts) != 1 else ''}; expected {need}")
    return [_integral(parse_number(p, where=where)) for p in parts]


def _integral(x: Any) -> Any:
    """A whole Fraction as an int (so that integer tables stay integer arrays)."""
    return int(x) if isinstance(x, Fraction) and x.denominator == 1 else x


def _is_number_cell(text: str, per_cell: int) -> bool:
    """Whether a cell is payoffs (not a label)."""
    parts = _split(text)
    if len(parts) != per_cell:
        return False
    try:
        for p in parts:
            parse_number(p)
    except GameError:
        return False
    return True


def _split(text: str) -> list[str]:
    """The comma-separated parts of a cell, commas inside parentheses kept
    (``max(1, 2), 3`` is two parts)."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    parts.append(text[start:].strip())
    return parts
