"""Output formats of tables: one :class:`Format` object per format, in :data:`FORMATS`.

A format knows how its text is written: escaping of labels, math, fractions, marks,
several entries in one cell, a header row and the table environment. The tables
(:mod:`gametheory.io.tables`) and the cell formatter (:class:`~gametheory.io.cells.Cells`)
ask the format for these pieces and never branch on its name, so a new format is one
class registered here::

    >>> class Tsv(CsvFormat):
    ...     name, delimiter = "tsv", "\\t"
    >>> register_format(Tsv())
    >>> print(render([Grid(["a", "b"], [["1", "2"]], "ll")], "tsv"), end="")
    a	b
    1	2
    >>> unregister_format("tsv")

:attr:`Format.tidy` formats (CSV) are for programs: tables in them have one plain value
per column (payoff tables one row per cell), and a header of plain names.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError

__all__ = ["Format", "LatexFormat", "MarkdownFormat", "CsvFormat", "HtmlFormat", "FORMATS",
           "register_format", "unregister_format", "get_format", "check_options", "Grid",
           "render", "latex_escape", "decimal_text"]

_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
                  "|": r"\textbar{}"}


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters in plain text (``a_1 & b`` -> ``a\_1 \& b``).

    Examples
    --------
    >>> print(latex_escape("R&D_1"))
    R\&D\_1
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def decimal_text(x: float, digits: int = 15) -> str:
    """A float as the shortest decimal of at most ``digits`` (15) significant digits that
    equals it to that precision (``-7.78`` for the float ``-7.779999999999999``), with a point or
    an exponent so that it reads as a float (``2.0``, as ``repr`` writes it; ``inf``,
    ``-inf``, ``nan`` as Python spells them).

    Fifteen digits is the precision a double holds (C's ``DBL_DIG``): every decimal of
    at most 15 significant digits survives the trip to a double and back, while the
    16th and 17th digits that ``repr`` adds to make the trip exact are the rounding
    noise of the float arithmetic that computed the number.

    Examples
    --------
    >>> decimal_text(-7.779999999999999), decimal_text(0.1 + 0.2), decimal_text(2.0)
    ('-7.78', '0.3', '2.0')
    >>> decimal_text(2 / 3), decimal_text(1e-20), decimal_text(-0.0), decimal_text(1e300)
    ('0.666666666666667', '1e-20', '0.0', '1e+300')
    >>> decimal_text(0.09999999999999987), decimal_text(0.09999999999999987, 12)
    ('0.0999999999999999', '0.1')
    """
    x = float(x)
    if x != x or x in (float("inf"), float("-inf")):
        return repr(x)
    text = f"{x + 0.0:.{int(digits)}g}"        # + 0.0: -0.0 prints as 0
    return text if any(c in text for c in ".en") else text + ".0"


# ----------------------------------------------------------------- grids
@dataclass
class Grid:
    """A table of formatted cells.

    ``groups`` is an optional row of ``(text, span)`` above the header (shown by the
    formats with :attr:`Format.groups`), ``header`` the column titles, ``rows`` the
    body, ``align`` one LaTeX column letter per column, ``title`` a line above the table
    (three-player slices).
    """

    header: list[str]
    rows: list[list[str]]
    align: str
    groups: list[tuple[str, int]] = field(default_factory=list)
    title: str = ""


# ----------------------------------------------------------------- formats
class Format:
    """How one output format writes the pieces of a table.

    The defaults write plain text; a format overrides what differs. The value logic
    (exact or rounded numbers, supports of mixed strategies) is in
    :class:`~gametheory.io.cells.Cells`, which calls these methods.

    Attributes
    ----------
    name : str
        The key in :data:`FORMATS` (the ``format=`` argument of the tables).
    tidy : bool
        For programs: one plain value per column, plain column names (CSV).
    groups : bool
        Shows a row of column groups ("Strategies", "Payoffs") above the header, whose
        column titles are then short (``P1`` rather than ``payoff P1``).
    styles : tuple of str
        The payoff-table styles it writes (others fall back to the first).
    separator : str
        Between the tables of one output (the slices of a three-player game).

    Examples
    --------
    >>> fmt = FORMATS["md"]
    >>> fmt.escape("a|b"), fmt.mark("1", "bold"), fmt.stack(["x", "y"])
    ('a\\\\|b', '**1**', 'x<br>y')
    """

    name: str = ""
    tidy: bool = False
    groups: bool = False
    styles: tuple[str, ...] = ("booktabs",)
    separator: str = "\n\n"

    # ------------------------------------------------------------- text
    def escape(self, text: str) -> str:
        """A label (player, strategy, action) as text of the format."""
        return text

    def math(self, content: str) -> str:
        """Math content (a number, a formula) as cell text."""
        return content

    def fraction(self, q: Fraction) -> str:
        """A non-integer exact rational, as math content."""
        return str(q)

    def infinity(self, negative: bool) -> str:
        """An infinite float, as math content."""
        return "-inf" if negative else "inf"

    def expression(self, expr: Any) -> str:
        """A sympy expression, as math content."""
        return str(expr)

    def braces(self, content: str) -> str:
        """A set ``{content}`` (a region of one value), as math content."""
        return f"{{{content}}}"

    def mark(self, content: str, mark: str) -> str:
        """Math content marked ``"underline"`` or ``"bold"`` (best responses)."""
        return content

    def mix(self, terms: list[tuple[str, str]]) -> str:
        """A mixed strategy as a cell, from ``(probability as math content, label)``."""
        return " + ".join(f"{p} {self.escape(lab)}" for p, lab in terms)

    def stack(self, items: list[str]) -> str:
        """Several entries (the equilibria of a region) in one cell, one per line."""
        return "; ".join(items)

    def parameter(self, name: str) -> str:
        """A parameter name as cell text."""
        return self.escape(name)

    # ------------------------------------------------------------- tables
    def header(self, grid: Grid) -> list[str]:
        """The lines above the body: the column groups (if shown) and the titles."""
        return [self.row(grid.header)]

    def row(self, cells: list[str]) -> str:
        """One body row."""
        return " ".join(cells)

    def table(self, grid: Grid, style: str = "booktabs") -> str:
        """One table: its title, header and rows, in the format's environment."""
        lines = [grid.title] if grid.title else []
        return "\n".join(lines + self.header(grid) + [self.row(r) for r in grid.rows])

    def render(self, grids: list[Grid], style: str = "booktabs") -> str:
        """The whole text of one or more tables."""
        return self.separator.join(self.table(g, style) for g in grids) + "\n"


class LatexFormat(Format):
    r"""LaTeX: booktabs tabulars (``\usepackage{booktabs}``), math in ``$...$``; payoff
    tables also in the ``game`` environment of the sgame package (``style="sgame"``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> fmt = FORMATS["latex"]
    >>> print(fmt.math(fmt.fraction(Fraction(-3, 5))), fmt.escape("R&D"))
    $-\frac{3}{5}$ R\&D
    """

    name = "latex"
    groups = True
    styles = ("booktabs", "sgame")
    separator = "\n\\quad\n"

    def escape(self, text: str) -> str:
        return latex_escape(text)

    def math(self, content: str) -> str:
        return f"${content}$" if content else content

    def fraction(self, q: Fraction) -> str:
        sign = "-" if q < 0 else ""
        return f"{sign}\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"

    def infinity(self, negative: bool) -> str:
        return r"-\infty" if negative else r"\infty"

    def expression(self, expr: Any) -> str:
        import sympy

        return sympy.latex(expr)

    def braces(self, content: str) -> str:
        return f"\\{{{content}\\}}"

    def mark(self, content: str, mark: str) -> str:
        return f"\\underline{{{content}}}" if mark == "underline" else f"\\mathbf{{{content}}}"

    def mix(self, terms: list[tuple[str, str]]) -> str:
        return self.math(" + ".join(f"{p}\\,\\mbox{{{self.escape(lab)}}}" for p, lab in terms))

    def stack(self, items: list[str]) -> str:
        return "\\begin{tabular}[t]{@{}l@{}}" + " \\\\ ".join(items) + "\\end{tabular}"

    def parameter(self, name: str) -> str:
        import sympy

        return self.math(sympy.latex(sympy.Symbol(name)))

    def header(self, grid: Grid) -> list[str]:
        lines = []
        if grid.groups:
            cells, rules, col = [], [], 1
            for text, span in grid.groups:
                if text and span > 1:
                    cells.append(f"\\multicolumn{{{span}}}{{c}}{{{text}}}")
                else:
                    cells.append(text)
                    cells.extend([""] * (span - 1))
                if text:
                    rules.append(f"\\cmidrule(lr){{{col}-{col + span - 1}}}")
                col += span
            lines += [self.row(cells), "".join(rules)]
        return lines + [self.row(grid.header), "\\midrule"]

    def row(self, cells: list[str]) -> str:
        return " & ".join(cells) + " \\\\"

    def table(self, grid: Grid, style: str = "booktabs") -> str:
        if style == "sgame":
            return self._sgame(grid)
        lines = [f"\\begin{{tabular}}{{{grid.align}}}", "\\toprule"]
        if grid.title:
            lines += [f"\\multicolumn{{{len(grid.header)}}}{{c}}{{{grid.title}}} \\\\",
                      "\\midrule"]
        lines += self.header(grid) + [self.row(r) for r in grid.rows]
        return "\n".join(lines + ["\\bottomrule", "\\end{tabular}"])

    def _sgame(self, grid: Grid) -> str:
        """A payoff matrix (header: row player, column strategies; groups: the column
        player) in sgame's ``game`` environment."""
        m, n = len(grid.rows), len(grid.header) - 1
        col_player = grid.groups[1][0] if len(grid.groups) > 1 else ""
        head = (f"\\begin{{game}}{{{m}}}{{{n}}}[{grid.header[0]}][{col_player}]"
                + (f"[{grid.title}]" if grid.title else ""))
        lines = [head, "  & " + " & ".join(grid.header[1:]) + " \\\\"]
        for r, cells in enumerate(grid.rows):
            lines.append(f"{cells[0]} & " + " & ".join(cells[1:])
                         + (" \\\\" if r < m - 1 else ""))
        lines.append("\\end{game}")
        return "\n".join(lines)


class MarkdownFormat(Format):
    """Markdown (GitHub's tables); marks and line breaks in cells as inline HTML."""

    name = "md"

    def escape(self, text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    def mark(self, content: str, mark: str) -> str:
        return f"<ins>{content}</ins>" if mark == "underline" else f"**{content}**"

    def stack(self, items: list[str]) -> str:
        return "<br>".join(items)

    def header(self, grid: Grid) -> list[str]:
        rule = "|" + "|".join(" --- " if k == 0 else " :-: "
                              for k in range(len(grid.header))) + "|"
        return [self.row(grid.header), rule]

    def row(self, cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    def table(self, grid: Grid, style: str = "booktabs") -> str:
        lines = [f"**{grid.title}**", ""] if grid.title else []
        return "\n".join(lines + self.header(grid) + [self.row(r) for r in grid.rows])


class HtmlFormat(Format):
    """An HTML ``<table>``: the first column as row headers, a ``<caption>`` title."""

    name = "html"
    separator = "\n"

    def escape(self, text: str) -> str:
        return html.escape(text)

    def expression(self, expr: Any) -> str:
        return html.escape(super().expression(expr))      # parameter names are user data

    def mark(self, content: str, mark: str) -> str:
        return f"<u>{content}</u>" if mark == "underline" else f"<b>{content}</b>"

    def stack(self, items: list[str]) -> str:
        return "<br>".join(items)

    def header(self, grid: Grid) -> list[str]:
        lines = ["<thead>"]
        if grid.groups:
            lines.append("<tr>" + "".join(f'<th colspan="{s}">{t}</th>' if s > 1
                                          else f"<th>{t}</th>" for t, s in grid.groups)
                         + "</tr>")
        lines.append("<tr>" + "".join(f"<th>{h}</th>" for h in grid.header)
                     + "</tr></thead><tbody>")
        return lines

    def row(self, cells: list[str]) -> str:
        return ("<tr>" + f"<th>{cells[0]}</th>" + "".join(f"<td>{c}</td>" for c in cells[1:])
                + "</tr>")

    def table(self, grid: Grid, style: str = "booktabs") -> str:
        lines = ["<table>"] + ([f"<caption>{grid.title}</caption>"] if grid.title else [])
        lines += self.header(grid) + [self.row(r) for r in grid.rows]
        return "\n".join(lines + ["</tbody></table>"])


class CsvFormat(Format):
    """Comma-separated values (RFC 4180 quoting), tidy: one plain value per column."""

    name = "csv"
    tidy = True
    delimiter = ","

    def render(self, grids: list[Grid], style: str = "booktabs") -> str:
        out = io.StringIO()
        w = csv.writer(out, delimiter=self.delimiter, lineterminator="\n")
        for g in grids:
            w.writerow(g.header)
            w.writerows(g.rows)
        return out.getvalue()


#: The output formats by name, in the order the docs list them.
FORMATS: dict[str, Format] = {f.name: f for f in
                              (LatexFormat(), MarkdownFormat(), CsvFormat(), HtmlFormat())}


def register_format(fmt: Format) -> None:
    """Add (or replace) an output format under ``fmt.name``; every table writes it."""
    if not isinstance(fmt, Format) or not fmt.name:
        raise GameError(f"a table format is a named Format instance; got {fmt!r}")
    FORMATS[fmt.name] = fmt


def unregister_format(name: str) -> None:
    """Remove an output format (GameError for an unknown name)."""
    get_format(name)
    del FORMATS[name]


def get_format(format: str | Format) -> Format:
    """The :class:`Format` named ``format`` (a Format instance is returned as it is).

    Examples
    --------
    >>> get_format("md").name
    'md'
    >>> get_format("pdf")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: unknown table format 'pdf'; choose one of latex, md, csv, html
    """
    if isinstance(format, Format):
        return format
    fmt = FORMATS.get(format) if isinstance(format, str) else None
    if fmt is None:
        raise GameError(f"unknown table format {format!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def check_options(format: str | Format, precision: int) -> Format:
    """The format, after a GameError for an unknown one or a precision that is not a
    non-negative int."""
    fmt = get_format(format)
    if (not isinstance(precision, (int, np.integer)) or isinstance(precision, bool)
            or precision < 0):
        raise GameError(f"precision must be a non-negative integer (decimals); got "
                        f"{precision!r}")
    return fmt


def render(grids: list[Grid], format: str | Format, style: str = "booktabs") -> str:
    """The text of one or more grids in ``format`` (LaTeX: booktabs tabulars)."""
    return get_format(format).render(grids, style)
