"""Cell formatting for tables: numbers, labels and marks in any output format.

A :class:`Cells` object formats values for one output format
(:data:`gametheory.io.formats.FORMATS`): exact values (int, Fraction, sympy rationals)
stay exact (``3/5``, or ``\\frac{3}{5}`` in LaTeX), floats get a fixed number of
decimals, or with ``precision=None`` the shortest decimal of at most
:data:`TABLE_DIGITS` (12) significant digits (``0.1``, not the ``0.0999999999999999`` of
a float computed with a little rounding error; :func:`~gametheory.io.formats.decimal_text`),
and sympy expressions print as formulas.
It decides what to write; the :class:`~gametheory.io.formats.Format` how.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .formats import Format, check_options, decimal_text

__all__ = ["Cells", "exact_value", "MARKS", "TABLE_DIGITS"]

#: Significant digits of a float in a table with ``precision=None``: three fewer than a
#: double holds, so the rounding error of the arithmetic that computed it (a few units
#: in the 16th digit, which can carry into the 15th) does not show.
TABLE_DIGITS = 12

MARKS = ("underline", "bold", None)


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
    """Formatting of values and labels for one output ``format``: a name in
    :data:`~gametheory.io.formats.FORMATS` or a :class:`~gametheory.io.formats.Format`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> tex, md = Cells("latex", precision=2), Cells("md", precision=2)
    >>> print(tex.value(Fraction(-3, 5), "underline"), md.value(Fraction(-3, 5), "bold"))
    $\\underline{-\\frac{3}{5}}$ **-3/5**
    >>> print(md.mix(["C", "D"], [0.25, 0.75]), "|", tex.text("R&D_1"))
    0.25 C + 0.75 D | R\\&D\\_1
    """

    def __init__(self, format: str | Format, precision: int | None = 3):
        self.fmt = check_options(format, 0 if precision is None else precision)
        self.format = self.fmt.name
        self.precision = None if precision is None else int(precision)

    # ------------------------------------------------------------- numbers
    def number(self, x: Any) -> str:
        """One value as math content (in LaTeX without the ``$``)."""
        q = exact_value(x)
        if q is not None:
            return str(q) if q.denominator == 1 else self.fmt.fraction(q)
        f = _float_value(x)
        if f is not None:
            if not np.isfinite(f):
                return "nan" if np.isnan(f) else self.fmt.infinity(f < 0)
            if self.precision is None:
                return self._shortest(f)
            text = f"{f:.{self.precision}f}"
            return text[1:] if text.startswith("-") and float(text) == 0 else text
        if hasattr(x, "free_symbols"):
            return self.fmt.expression(x if self.precision is None
                                       else _round_floats(x, self.precision))
        return str(x)

    def _shortest(self, f: float) -> str:
        """The shortest decimal of at most :data:`TABLE_DIGITS` significant digits equal
        to ``f`` at that precision (:func:`~gametheory.io.formats.decimal_text`: ``-7.78``, not the
        float's ``-7.779999999999999``), an exponent as ``\\times 10^{k}`` where the
        format writes one."""
        text = decimal_text(f, TABLE_DIGITS)          # -0.0 prints as 0.0
        text = text[:-2] if text.endswith(".0") else text
        mant, _, exp = text.partition("e")
        if exp and hasattr(self.fmt, "scientific"):
            return self.fmt.scientific(mant, int(exp))
        return text

    def math(self, content: str) -> str:
        """Math content as a cell (``$...$`` in LaTeX)."""
        return self.fmt.math(content)

    def value(self, x: Any, mark: str | None = None) -> str:
        """A single number as a cell, optionally marked."""
        return self.math(self.marked(self.number(x), mark))

    def marked(self, content: str, mark: str | None) -> str:
        """Mark a formatted number (``"underline"``, ``"bold"`` or None)."""
        return content if mark is None else self.fmt.mark(content, mark)

    # ------------------------------------------------------------- labels
    def text(self, label: Any) -> str:
        """A label (player, strategy, action) escaped for the format."""
        return self.fmt.escape(str(label))

    def parameter(self, name: str) -> str:
        """A parameter name (a sympy symbol in LaTeX math)."""
        return self.fmt.parameter(name)

    def mix(self, labels: Any, probs: Any) -> str:
        """A (mixed) strategy over the support: ``C`` or ``3/5 C + 2/5 D``."""
        support = [(lab, _readable(p) if getattr(p, "free_symbols", None) else p)
                   for lab, p in zip(labels, probs) if not _is_zero(p)]
        if len(support) == 1 and _is_one(support[0][1]):
            return self.text(support[0][0])
        if not support:
            return self.math("0")
        return self.fmt.mix([(_wrap(self.number(p)), str(lab)) for lab, p in support])

    def stack(self, items: list[str]) -> str:
        """Several entries (e.g. equilibria of one region) in one cell, one per line."""
        return items[0] if len(items) == 1 else self.fmt.stack(items)


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
