"""Cell formatting for tables: numbers, labels and marks in LaTeX, Markdown, CSV and HTML.

A :class:`Cells` object formats for one output format: exact values (int, Fraction,
sympy rationals) stay exact (``3/5``, or ``\\frac{3}{5}`` in LaTeX), floats get a fixed
number of decimals, and sympy expressions print as formulas. :func:`render` turns a
:class:`Grid` of formatted cells into the final text of each format.
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

__all__ = ["FORMATS", "Cells", "Grid", "render", "exact_value", "latex_escape", "check_options"]

FORMATS = ("latex", "md", "csv", "html")
MARKS = ("underline", "bold", None)

_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
                  "|": r"\textbar{}"}


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters in plain text (``a_1 & b`` -> ``a\_1 \& b``)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def check_options(format: str, precision: int) -> None:
    """GameError for an unknown format or a precision that is not a non-negative int."""
    if format not in FORMATS:
        raise GameError(f"unknown table format {format!r}; choose one of {', '.join(FORMATS)}")
    if (not isinstance(precision, (int, np.integer)) or isinstance(precision, bool)
            or precision < 0):
        raise GameError(f"precision must be a non-negative integer (decimals); got "
                        f"{precision!r}")


def exact_value(x: Any) -> Fraction | None:
    """``x`` as a Fraction when it is an exact rational (int, Fraction, sympy Rational)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (bool, int, np.integer)):
        return Fraction(int(x))
    if getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    return None


def _float_value(x: Any) -> float | None:
    if isinstance(x, (float, np.floating)):
        return float(x)
    if getattr(x, "is_Float", False):
        return float(x)
    return None


class Cells:
    """Formatting of values and labels for one output ``format`` (see :data:`FORMATS`).

    Examples
    --------
    >>> from fractions import Fraction
    >>> tex, md = Cells("latex", precision=2), Cells("md", precision=2)
    >>> print(tex.value(Fraction(-3, 5), "underline"), md.value(Fraction(-3, 5), "bold"))
    $\\underline{-\\frac{3}{5}}$ **-3/5**
    >>> print(md.mix(["C", "D"], [0.25, 0.75]), "|", tex.text("R&D_1"))
    0.25 C + 0.75 D | R\\&D\\_1
    """

    def __init__(self, format: str, precision: int = 3):
        check_options(format, precision)
        self.format = format
        self.precision = int(precision)

    # ------------------------------------------------------------- numbers
    def number(self, x: Any) -> str:
        """One value; in LaTeX as math content (without ``$``)."""
        q = exact_value(x)
        if q is not None:
            if self.format != "latex" or q.denominator == 1:
                return str(q)
            sign = "-" if q < 0 else ""
            return f"{sign}\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
        f = _float_value(x)
        if f is not None:
            if not np.isfinite(f):
                return {"latex": r"\infty"}.get(self.format, "inf") if f > 0 else \
                    ({"latex": r"-\infty"}.get(self.format, "-inf") if f < 0 else "nan")
            text = f"{f:.{self.precision}f}"
            return text[1:] if text.startswith("-") and float(text) == 0 else text
        if hasattr(x, "free_symbols"):
            import sympy

            x = _round_floats(x, self.precision)
            return sympy.latex(x) if self.format == "latex" else str(x)
        return str(x)

    def math(self, content: str) -> str:
        """Math content as a cell: ``$...$`` in LaTeX, else as it is."""
        return f"${content}$" if self.format == "latex" and content else content

    def value(self, x: Any, mark: str | None = None) -> str:
        """A single number as a cell, optionally marked."""
        return self.math(self.marked(self.number(x), mark))

    def marked(self, content: str, mark: str | None) -> str:
        """Mark a formatted number (underline or bold)."""
        if mark is None or self.format == "csv":
            return content
        if self.format == "latex":
            return (f"\\underline{{{content}}}" if mark == "underline"
                    else f"\\mathbf{{{content}}}")
        if self.format == "md":
            return f"<ins>{content}</ins>" if mark == "underline" else f"**{content}**"
        return f"<u>{content}</u>" if mark == "underline" else f"<b>{content}</b>"

    # ------------------------------------------------------------- labels
    def text(self, label: Any) -> str:
        """A label (player, strategy, action) escaped for the format."""
        s = str(label)
        if self.format == "latex":
            return latex_escape(s)
        if self.format == "md":
            return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
        if self.format == "html":
            return html.escape(s)
        return s

    def parameter(self, name: str) -> str:
        """A parameter name (a sympy symbol in LaTeX math)."""
        if self.format != "latex":
            return self.text(name)
        import sympy

        return self.math(sympy.latex(sympy.Symbol(name)))

    def mix(self, labels: Any, probs: Any) -> str:
        """A (mixed) strategy over the support: ``C`` or ``3/5 C + 2/5 D``."""
        support = [(lab, _readable(p) if getattr(p, "free_symbols", None) else p)
                   for lab, p in zip(labels, probs) if not _is_zero(p)]
        if len(support) == 1 and _is_one(support[0][1]):
            return self.text(support[0][0])
        if not support:
            return self.math("0")
        if self.format == "latex":
            terms = [f"{_wrap(self.number(p))}\\,\\mbox{{{latex_escape(lab)}}}"
                     for lab, p in support]
            return self.math(" + ".join(terms))
        return " + ".join(f"{_wrap(self.number(p))} {self.text(lab)}" for lab, p in support)

    def stack(self, items: list[str]) -> str:
        """Several entries (e.g. equilibria of one region) in one cell, one per line."""
        if len(items) == 1:
            return items[0]
        if self.format == "latex":
            return "\\begin{tabular}[t]{@{}l@{}}" + " \\\\ ".join(items) + "\\end{tabular}"
        if self.format in ("md", "html"):
            return "<br>".join(items)
        return "; ".join(items)


def _wrap(text: str) -> str:
    """Parenthesise a formula with a top-level sum, so ``(q + 1)/2 C`` reads right."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        if depth == 0 and k > 0 and ch in "+-" and text[k - 1] == " ":
            return f"({text})"
    return text


def _readable(expr: Any) -> Any:
    """The factored form, or the expanded one when that avoids a leading minus sign
    (``1 - v/2`` rather than ``-(v - 2)/2``) without getting much longer."""
    import sympy

    factored = sympy.factor(expr)
    text = str(factored)
    if not text.startswith("-"):
        return factored
    expanded = sympy.expand(expr)
    s = str(expanded)
    if not s.startswith("-") and len(s) <= 1.5 * len(text) + 4:
        return expanded
    return factored


def _round_floats(expr: Any, digits: int) -> Any:
    import sympy

    floats = expr.atoms(sympy.Float)
    return expr.xreplace({f: sympy.Float(round(float(f), digits)) for f in floats}) \
        if floats else expr


def _is_zero(p: Any) -> bool:
    if hasattr(p, "free_symbols"):
        return bool(p.is_zero)
    return float(p) == 0.0


def _is_one(p: Any) -> bool:
    if hasattr(p, "free_symbols"):
        return bool((p - 1).is_zero)
    return float(p) == 1.0


# ----------------------------------------------------------------- grids
@dataclass
class Grid:
    """A table of formatted cells.

    ``groups`` is an optional row of ``(text, span)`` above the header (LaTeX and HTML
    show it; Markdown and CSV leave it out), ``header`` the column titles, ``rows``
    the body, ``align`` one LaTeX column letter per column, ``title`` a line above the
    table (three-player slices).
    """

    header: list[str]
    rows: list[list[str]]
    align: str
    groups: list[tuple[str, int]] = field(default_factory=list)
    title: str = ""


def render(grids: list[Grid], format: str) -> str:
    """The text of one or more grids in ``format`` (LaTeX: booktabs tabulars)."""
    if format == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        for g in grids:
            w.writerow(g.header)
            w.writerows(g.rows)
        return out.getvalue()
    parts = [{"latex": _latex, "md": _markdown, "html": _html}[format](g) for g in grids]
    sep = {"latex": "\n\\quad\n", "md": "\n\n", "html": "\n"}[format]
    return sep.join(parts) + "\n"


def _latex(g: Grid) -> str:
    n = len(g.header)
    lines = [f"\\begin{{tabular}}{{{g.align}}}", "\\toprule"]
    if g.title:
        lines += [f"\\multicolumn{{{n}}}{{c}}{{{g.title}}} \\\\", "\\midrule"]
    if g.groups:
        cells, rules, col = [], [], 1
        for text, span in g.groups:
            if text and span > 1:
                cells.append(f"\\multicolumn{{{span}}}{{c}}{{{text}}}")
            else:
                cells.append(text)
                cells.extend([""] * (span - 1))
            if text:
                rules.append(f"\\cmidrule(lr){{{col}-{col + span - 1}}}")
            col += span
        lines += [" & ".join(cells) + " \\\\", "".join(rules)]
    lines.append(" & ".join(g.header) + " \\\\")
    lines.append("\\midrule")
    lines += [" & ".join(r) + " \\\\" for r in g.rows]
    lines += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(lines)


def _markdown(g: Grid) -> str:
    lines = [f"**{g.title}**", ""] if g.title else []
    lines.append("| " + " | ".join(g.header) + " |")
    lines.append("|" + "|".join(" --- " if k == 0 else " :-: " for k in range(len(g.header)))
                 + "|")
    lines += ["| " + " | ".join(r) + " |" for r in g.rows]
    return "\n".join(lines)


def _html(g: Grid) -> str:
    parts = ["<table>"]
    if g.title:
        parts.append(f"<caption>{g.title}</caption>")
    parts.append("<thead>")
    if g.groups:
        parts.append("<tr>" + "".join(f'<th colspan="{s}">{t}</th>' if s > 1 else f"<th>{t}</th>"
                                      for t, s in g.groups) + "</tr>")
    parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in g.header) + "</tr></thead><tbody>")
    for r in g.rows:
        parts.append("<tr>" + f"<th>{r[0]}</th>" + "".join(f"<td>{c}</td>" for c in r[1:])
                     + "</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)
