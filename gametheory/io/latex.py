r"""LaTeX for papers: parameter names, readable formulas, and tables that fit the page.

The tables of :mod:`gametheory.io.tables` write LaTeX through :class:`PaperLatex`, a
:class:`~gametheory.io.formats.LatexFormat` that knows the game's parameters:

* **Parameter names.** A parameter prints as its :attr:`gametheory.Parameter.latex`
  name, or else by the rule of :func:`latex_name`: the part before the first
  underscore is the symbol (a Greek letter's name or Unicode letter becomes the letter,
  a capital LaTeX has no command for the upright Latin letter it looks like: ``Beta``
  -> ``\mathrm{B}``; a longer word ``\mathit``), every part after it a subscript,
  upright when it is a word or a letter (``V_rev`` -> ``V_{\mathrm{rev}}``, ``q_N`` ->
  ``q_{\mathrm{N}}``: labels, not indices), as it is when it is a number (``u_0`` ->
  ``u_{0}``). A run of underscores between two parts separates them as one does
  (``q__1`` -> ``q_{1}``, never sympy's superscript ``q^{1}``).
* **Formulas in a readable order** (:func:`expression`): in a sum the positive terms
  come first, constants last within each sign (``3 q - 2``, ``1 - r``,
  ``q_{\mathrm{N}} (w_{\mathrm{B}} - w_{\mathrm{H}}) - w_{\mathrm{B}}``).
* **Common subexpressions** (:func:`common_subexpressions`): a sum of several terms that
  repeats across the cells of a table is named once (``A``, ``B``, ... letters no
  parameter uses) and stated in a note below the table.
* **Fit.** :func:`estimate_width` guesses a table's width in points; a table that may
  not fit the text width of a default ``article`` page (345 pt) is wrapped in a box
  that LaTeX measures and shrinks to ``\linewidth`` only when it is wider (a last
  resort, after the compact layouts of the tables); a table of more than
  :data:`LONG_ROWS` body rows is a ``longtable`` (which breaks across pages and is set
  in a smaller font when it is wide, since it cannot be scaled).
* **Packages** (:func:`snippet`): every snippet starts with a comment naming the
  packages it needs (``% needs \usepackage{booktabs}``); :func:`standalone` makes a
  whole document that loads them.
* **Letters pdflatex can set** (:func:`pdflatex_problem`): with LaTeX's default fonts
  pdflatex sets ASCII, accented Latin letters (``Zürich``) and typographic punctuation,
  but not Cyrillic (``Україна``), Greek or CJK text, which stop it with "Unicode
  character ... not set up for use with LaTeX". A snippet with such text says so in a
  second comment line (the paper's preamble may provide the fonts); :func:`standalone`
  refuses it with a GameError that names the text and the fix (xelatex or lualatex
  with fontspec; for Cyrillic under pdflatex, ``\usepackage[T2A]{fontenc}`` with the
  fonts of texlive-lang-cyrillic), so a whole document it writes compiles.

Examples
--------
>>> print(latex_name("V_rev"), latex_name("q_N"), latex_name("kappa_US"), latex_name("u_0"))
V_{\mathrm{rev}} q_{\mathrm{N}} \kappa_{\mathrm{US}} u_{0}
>>> import sympy
>>> q, w_B, w_H = sympy.symbols("q w_B w_H")
>>> print(expression(q * (w_B - w_H) - w_B))
q \left(w_{\mathrm{B}} - w_{\mathrm{H}}\right) - w_{\mathrm{B}}
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import GameError
from .formats import Grid, LatexFormat

__all__ = ["latex_name", "parameter_latex", "symbol_names", "expression", "common_subexpressions",
           "estimate_width", "grid_width", "paragraph_column", "split_wide", "narrow", "snippet",
           "standalone", "pdflatex_problem", "PDFLATEX_TEXT",
           "PaperLatex", "TEXT_WIDTH", "LONG_ROWS"]

#: The text width of a default ``article`` page (10 pt, letter or A4 paper), in points.
TEXT_WIDTH = 345.0
#: Body rows beyond which a table becomes a ``longtable`` (a page holds about 40).
LONG_ROWS = 36
_CHAR = 5.0          # average width of a character of text at 10 pt, in points
_COLSEP = 12.0       # 2 \tabcolsep


# ----------------------------------------------------------------- names
def latex_name(name: str) -> str:
    r"""The default LaTeX name of a parameter (the rule in the module's docstring).

    Examples
    --------
    >>> print(latex_name("c_G"), latex_name("delta"), latex_name("rho_N"), latex_name("cost"))
    c_{\mathrm{G}} \delta \rho_{\mathrm{N}} \mathit{cost}
    >>> print(latex_name("x_1_a"), latex_name("k_hard"))
    x_{1,\mathrm{a}} k_{\mathrm{hard}}
    >>> print(latex_name("Delta_q"), latex_name("Beta"), latex_name("λ_1"))
    \Delta_{\mathrm{q}} \mathrm{B} \lambda_{1}

    A double underscore is a separator like a single one, not a superscript:

    >>> print(latex_name("q__1"), latex_name("w__B_2"))
    q_{1} w_{\mathrm{B},2}
    """
    name = _spelled_greek(str(name))
    base, *subs = re.split(r"(?<=[^_])_+(?=[^_])", name)
    if not base or name[0] == "_" or name[-1] == "_" or not re.fullmatch(r"[A-Za-z0-9_]+", name):
        import sympy

        return sympy.latex(sympy.Symbol(name))
    text = _greek(base) or (base if len(base) == 1 else rf"\mathit{{{base}}}")
    if not subs:
        return text
    return text + "_{" + ",".join(_sub(s) for s in subs) + "}"


def _sub(part: str) -> str:
    if part.isdigit():
        return part
    return _greek(part) or rf"\mathrm{{{part}}}"


_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho "
          "sigma tau upsilon phi chi psi omega").split()


#: The capital Greek letters that LaTeX has no command for, by the Latin letter each
#: looks like (there is no ``\\Beta``: a capital beta is an upright B).
_LATIN_CAPITALS = {"alpha": "A", "beta": "B", "epsilon": "E", "zeta": "Z", "eta": "H",
                   "iota": "I", "kappa": "K", "mu": "M", "nu": "N", "rho": "P", "tau": "T",
                   "chi": "X"}


def _greek(word: str) -> str:
    """The LaTeX of a Greek letter's name (``delta`` -> ``\\delta``, ``Delta`` ->
    ``\\Delta``, ``Beta`` -> ``\\mathrm{B}``), or "" for another word."""
    low = word.lower()
    if low not in _GREEK:
        return ""
    if word.islower():
        return "\\" + word
    if low in _LATIN_CAPITALS:
        return f"\\mathrm{{{_LATIN_CAPITALS[low]}}}"
    return "\\" + word.capitalize()


def _spelled_greek(name: str) -> str:
    """``name`` with each Greek letter written in Unicode spelled out (``α_1`` ->
    ``alpha_1``, ``Δ`` -> ``Delta``), so that it prints as its LaTeX command."""
    if name.isascii():
        return name
    import unicodedata

    out = []
    for ch in name:
        words = unicodedata.name(ch, "").split()
        if len(words) == 4 and words[:1] == ["GREEK"] and words[2] == "LETTER" \
                and words[3].lower() in _GREEK:
            letter = words[3].lower()
            out.append(letter if words[1] == "SMALL" else letter.capitalize())
        elif words[:1] == ["GREEK"] and words[-1] == "LAMDA" and len(words) == 4:
            out.append("lambda" if words[1] == "SMALL" else "Lambda")   # Unicode's spelling
        else:
            out.append(ch)
    return "".join(out)


def parameter_latex(name: str, info: Mapping[str, Any] | None = None) -> str:
    r"""The LaTeX name (math content) of parameter ``name``: the
    :attr:`~gametheory.Parameter.latex` of ``info[name]`` (a game's ``parameter_info``,
    or :func:`gametheory.io._notebook.parameter_info_of` a result) when it is set, else
    :func:`latex_name`. The one rule every output format names a parameter by.

    >>> import gametheory as gt
    >>> print(parameter_latex("V_rev"), parameter_latex("V_rev", {"V_rev": gt.Parameter(
    ...     "V_rev", latex="V")}))
    V_{\mathrm{rev}} V
    """
    return getattr((info or {}).get(name), "latex", "") or latex_name(name)


def symbol_names(symbols: Iterable[Any], info: Mapping[str, Any] | None = None) -> dict:
    """``{Symbol: LaTeX name}``: each symbol named by :func:`parameter_latex` with
    ``info`` (a game's ``parameter_info``)."""
    return {s: parameter_latex(s.name, info) for s in symbols}


# ----------------------------------------------------------------- formulas
def _printer_class():
    from sympy.printing.latex import LatexPrinter

    class ReadablePrinter(LatexPrinter):
        """sympy's LaTeX printer with sums in a readable order: positive terms first,
        constants last within each sign; products as sympy orders them."""

        def _print_Mul(self, expr):
            flipped = _without_minus(expr)
            if flipped is not None:
                return super()._print_Mul(flipped)
            return super()._print_Mul(expr)

        def _as_ordered_terms(self, expr, order=None):
            terms = list(super()._as_ordered_terms(expr, order=order))
            if not expr.is_Add:
                return terms
            return sorted(terms, key=lambda t: (bool(t.could_extract_minus_sign()),
                                                bool(t.is_number)))

    return ReadablePrinter


def _without_minus(expr: Any) -> Any:
    """A product with a minus sign and a sum among its factors, with the sign taken into
    that sum (``-(C - V)/2`` -> ``(V - C)/2``) when the sum then leads with a positive
    term; else None."""
    import sympy

    coeff, rest = expr.as_coeff_Mul()
    if not (coeff.is_number and coeff < 0):
        return None
    factors = list(sympy.Mul.make_args(rest))
    for k, f in enumerate(factors):
        base, sign = (f, 1) if f.is_Add else (f.base, -1) if (
            f.is_Pow and f.base.is_Add and f.exp == -1) else (None, 0)
        if base is None:
            continue
        neg = -base
        if neg.is_Add and not sorted(neg.args, key=lambda t: bool(t.could_extract_minus_sign())
                                     )[0].could_extract_minus_sign():
            new = factors[:k] + [neg if sign == 1 else sympy.Pow(neg, -1, evaluate=False)] \
                + factors[k + 1:]
            lead = [] if coeff == -1 else [-coeff]
            return sympy.Mul(*(lead + new), evaluate=False)
    return None


_PRINTER: list = []


def expression(expr: Any, names: Mapping[Any, str] | None = None) -> str:
    r"""A sympy expression in LaTeX, sums in a readable order, symbols by ``names``
    (``{Symbol: LaTeX}``; others by :func:`latex_name`).

    >>> import sympy
    >>> p, r = sympy.symbols("p r")
    >>> print(expression(1 - 3 * p), "|", expression(-2 + 3 * p), "|", expression(p * (1 - r)))
    1 - 3 p | 3 p - 2 | p \left(1 - r\right)
    """
    import sympy

    if not isinstance(expr, sympy.Basic):
        # trusted: strict sympify, text raises; formulas come from games, not strings
        expr = sympy.sympify(expr, strict=True)
    if not _PRINTER:
        _PRINTER.append(_printer_class())
    given = dict(names or {})
    full = {s: given.get(s) or latex_name(s.name) for s in expr.free_symbols
            if isinstance(s, sympy.Symbol)}
    return _PRINTER[0]({"symbol_names": full}).doprint(expr)


def common_subexpressions(exprs: Sequence[Any], reserved: Iterable[str] = (),
                          min_ops: int = 4, limit: int = 4) -> tuple[list, list]:
    r"""Name the sums that repeat across ``exprs``.

    A candidate is a sum of two or more terms of some sum in ``exprs`` (sympy flattens
    sums, so ``a r + b (1 - r)`` is found inside ``a r + b (1 - r) - q (c + a r + b (1 -
    r))``) with at least ``min_ops`` operations, that occurs at least twice and at least
    once inside a larger expression. The one that saves most ((occurrences - 1) x size)
    is named, and the search repeats, up to ``limit`` names. Names are capital letters
    that are not in ``reserved`` (the names of the symbols in use).

    Returns
    -------
    (list, list)
        The expressions with the names substituted, and the ``(Symbol, sum)`` pairs in
        the order named.

    Examples
    --------
    >>> import sympy
    >>> a, b, r, q, c = sympy.symbols("a b r q c")
    >>> e = [a*r + b*(1 - r) - q*(c + a*r + b*(1 - r)), a*r + b*(1 - r) - c, q]
    >>> new, named = common_subexpressions(e, reserved=["a", "b"])
    >>> named
    [(A, a*r + b*(1 - r))]
    >>> new[0], new[1]
    (A - q*(A + c), A - c)
    """
    import sympy

    exprs = [e for e in exprs]
    taken = set(reserved)
    named: list = []
    while len(named) < limit:
        best = _best_candidate([e for e in exprs if isinstance(e, sympy.Basic)], min_ops)
        if best is None:
            break
        letter = next((ch for ch in "ABDEFGHJKMNPQRSTUXYZ" if ch not in taken), None)
        if letter is None:
            break
        taken.add(letter)
        sym = sympy.Symbol(letter)
        exprs = [e.subs(best, sym) if isinstance(e, sympy.Basic) else e for e in exprs]
        named.append((sym, best))
    return exprs, named


def _best_candidate(exprs: list, min_ops: int) -> Any:
    import sympy

    count: Counter = Counter()
    inner: Counter = Counter()
    for e in exprs:
        for node in sympy.preorder_traversal(e):
            if not node.is_Add or len(node.args) > 8:
                continue
            whole = node is e or node == e
            for k in range(2, len(node.args) + 1):
                for sub in itertools.combinations(node.args, k):
                    key = frozenset(sub)
                    count[key] += 1
                    if not (whole and k == len(node.args)):
                        inner[key] += 1
    best, saving = None, 0
    for key, n in count.items():
        if n < 2 or not inner[key]:
            continue
        cand = sympy.Add(*key)
        size = sympy.count_ops(cand)
        if size < min_ops or len(cand.free_symbols) < 2:
            continue
        s = (n - 1) * size
        if s > saving or (s == saving and best is not None and str(cand) < str(best)):
            best, saving = cand, s
    return best


# ----------------------------------------------------------------- width
_COMMAND = re.compile(r"\\(?:[a-zA-Z]+|.)")


def estimate_width(cell: str) -> float:
    r"""A rough width in points of one cell of LaTeX at 10 pt: visible characters (a
    fraction counts its longer part, at the smaller size of inline math), a command
    such as ``\alpha`` one character, stacked lines their longest.

    >>> estimate_width("abc") == 15.0 and estimate_width(r"$\frac{1}{12}$") < 15
    True
    """
    if "\\\\" in cell:
        return max(estimate_width(part) for part in cell.split("\\\\"))
    text = re.sub(r"\\begin\{tabular\}\[[tb]\]\{@\{\}[lc]@\{\}\}|\\end\{tabular\}", "", cell)
    for cmd in ("\\begin", "\\end"):
        text = re.sub(re.escape(cmd) + r"\{[^}]*\}(\[[^]]*\])?(\{[^}]*\})?", "", text)
    text = re.sub(r"\\(?:mathrm|mathit|mbox|mathbf|underline|text|textbf)\b", "", text)
    frac = 0.0
    while True:
        m = re.search(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}", text)
        if not m:
            break
        frac += 0.7 * max(_visible(m.group(1)), _visible(m.group(2))) + 2
        text = text[:m.start()] + text[m.end():]
    subs = sum(_visible(s) for s in re.findall(r"_\{([^{}]*)\}", text))
    text = re.sub(r"_\{([^{}]*)\}", "", text)
    return _visible(text) + frac + 0.7 * subs


def _visible(text: str) -> float:
    """Points of text: capitals 7.2, other characters 5, a binary operator in math with
    its spaces 12."""
    text = _COMMAND.sub("x", text.replace("\\left", "").replace("\\right", "")
                        .replace("\\,", "").replace("\\quad", "xx"))
    ops = len(re.findall(r"\s[-+=<>]\s", text))
    text = re.sub(r"\s[-+=<>]\s", "", text)
    chars = re.sub(r"[{}$^_\s]", "", text)
    caps = sum(ch.isupper() for ch in chars)
    return 7.2 * caps + _CHAR * (len(chars) - caps) + 12.0 * ops \
        + 2.5 * len(re.findall(r"\s", text))


# ----------------------------------------------------------------- the format
class PaperLatex(LatexFormat):
    r"""LaTeX tables for a paper: parameters by their LaTeX names, formulas in a
    readable order, long headers on several lines, long tables as ``longtable``.

    ``names`` maps sympy Symbols to LaTeX (:func:`symbol_names`).

    >>> import sympy
    >>> fmt = PaperLatex({sympy.Symbol("V_rev"): "V"})
    >>> print(fmt.parameter("V_rev"), fmt.parameter("q_N"))
    $V$ $q_{\mathrm{N}}$
    """

    def __init__(self, names: Mapping[Any, str] | None = None):
        self.names = dict(names or {})
        self.long = False

    def expression(self, expr: Any) -> str:
        return expression(expr, self.names)

    def parameter(self, name: str) -> str:
        return self.math(self.parameter_name(name))

    def scientific(self, mantissa: str, exponent: int) -> str:
        """A float's decimal with an exponent (``1e-07``) as math content."""
        return f"{mantissa} \\times 10^{{{exponent}}}"

    def parameter_name(self, name: str) -> str:
        """A parameter's LaTeX name as math content (without ``$``)."""
        for s, tex in self.names.items():
            if getattr(s, "name", None) == name:
                return tex
        return latex_name(name)

    def header(self, grid: Grid) -> list[str]:
        widths = column_widths(grid)
        wrapped = Grid([_wrap_header(h, w) for h, w in zip(grid.header, widths)], grid.rows,
                       grid.align, grid.groups, grid.title)
        return super().header(wrapped)

    def table(self, grid: Grid, style: str = "booktabs") -> str:
        if style == "sgame" or len(grid.rows) <= LONG_ROWS:
            return super().table(grid, style)
        self.long = True
        head = self.header(grid)
        lines = [f"\\begin{{longtable}}{{{grid.align}}}", "\\toprule"]
        if grid.title:
            lines += [f"\\multicolumn{{{len(grid.header)}}}{{c}}{{{grid.title}}} \\\\",
                      "\\midrule"]
        n = len(grid.header)
        lines += head + ["\\endfirsthead", "\\toprule"] + head \
            + ["\\endhead", "\\midrule",
               f"\\multicolumn{{{n}}}{{r}}{{\\footnotesize continued on the next page}} \\\\",
               "\\endfoot", "\\bottomrule", "\\endlastfoot"]
        lines += [self.row(r) for r in grid.rows]
        return "\n".join(lines + ["\\end{longtable}"])


def column_widths(grid: Grid) -> list[float]:
    """The estimated width in points of each column's widest body cell."""
    widths = [0.0] * len(grid.header)
    for row in grid.rows:
        for k, cell in enumerate(row[:len(widths)]):
            widths[k] = max(widths[k], estimate_width(cell))
    return widths


def grid_width(grid: Grid) -> float:
    """The estimated width in points of a whole table (headers wrapped as written; a
    paragraph column ``p{..pt}`` its given width)."""
    body = column_widths(grid)
    head = [estimate_width(_wrap_header(h, w)) for h, w in zip(grid.header, body)]
    fixed = paragraph_widths(grid.align)
    return sum((fixed[k] if k in fixed else max(a, b)) + _COLSEP
               for k, (a, b) in enumerate(zip(body, head)))


def split_wide(grid: Grid) -> list[Grid]:
    r"""A table much wider than the page (more than 1.6 times the text width, or wider
    at all when it is a ``longtable``, which cannot be scaled) as several tables, each
    with the leading columns (the first group of the header, else the first column)
    and as many of the others as fit; their titles say which part each is.

    >>> g = Grid(["x"] + [f"c{k}" for k in range(40)], [["1"] + ["long cell text"] * 40],
    ...          "l" * 41)
    >>> parts = split_wide(g)
    >>> len(parts) > 1, parts[0].header[:2], parts[1].header[0], parts[1].title
    (True, ['x', 'c0'], 'x', 'part 2 of 10')
    """
    width = grid_width(grid)
    if width <= TEXT_WIDTH or (width <= 1.6 * TEXT_WIDTH and len(grid.rows) <= LONG_ROWS):
        return [grid]
    lead = grid.groups[0][1] if grid.groups and not grid.groups[0][0] else 1
    body = column_widths(grid)
    cols = [max(b, estimate_width(_wrap_header(h, b))) + _COLSEP
            for h, b in zip(grid.header, body)]
    budget = 0.95 * TEXT_WIDTH - sum(cols[:lead])
    blocks, cur, used = [], [], 0.0
    for k in range(lead, len(cols)):
        if cur and used + cols[k] > budget:
            blocks.append(cur)
            cur, used = [], 0.0
        cur.append(k)
        used += cols[k]
    blocks.append(cur)
    if len(blocks) == 1:
        return [grid]
    specs = _column_specs(grid.align)
    out = []
    for n, block in enumerate(blocks):
        keep = list(range(lead)) + block
        title = f"part {n + 1} of {len(blocks)}"
        out.append(Grid([grid.header[k] for k in keep], [[r[k] for k in keep] for r in grid.rows],
                        "".join(specs[k] for k in keep) if len(specs) == len(cols)
                        else "l" * len(keep), _groups_of(grid.groups, keep),
                        f"{grid.title}; {title}" if grid.title else title))
    return out


def narrow(grid: Grid) -> Grid:
    r"""A table still wider than the page with its widest columns (over 90 pt) set as
    ragged-right paragraph columns of one width (at least 80 pt), just narrow enough:
    text wraps at spaces, inline math after its ``+`` and ``-`` signs.

    >>> g = narrow(Grid(["a", "b"], [["x" * 60, "y" * 50]], "ll"))
    >>> print(g.align)
    >{\raggedright\arraybackslash}p{152pt}>{\raggedright\arraybackslash}p{152pt}
    """
    over = grid_width(grid) - 0.95 * TEXT_WIDTH
    specs = _column_specs(grid.align)
    if over <= 0 or len(specs) != len(grid.header):
        return grid
    widths = column_widths(grid)
    fixed = paragraph_widths(grid.align)
    free = [k for k in range(len(specs)) if widths[k] > 90 and k not in fixed]
    lo, hi = 80.0, max((widths[k] for k in free), default=80.0)
    for _ in range(40):                   # the cap that takes off just enough
        cap = (lo + hi) / 2
        lo, hi = (cap, hi) if sum(max(0.0, widths[k] - cap) for k in free) > over \
            else (lo, cap)
    for k in free:
        if widths[k] > lo:
            specs[k] = paragraph_column(lo)
    return Grid(grid.header, grid.rows, "".join(specs), grid.groups, grid.title)


def _column_specs(align: str) -> list[str]:
    """The column specifications of a ``tabular`` preamble, one string each."""
    return re.findall(r"(?:>\{(?:[^{}]|\{[^{}]*\})*\})?(?:p\{[^}]*\}|[lcr])", align)


def _groups_of(groups: list, keep: list[int]) -> list:
    """The header groups ``(text, span)`` over the columns ``keep`` (in order)."""
    if not groups:
        return []
    owner = [g for g, (_, span) in enumerate(groups) for _ in range(span)]
    out: list = []
    for k in keep:
        g = owner[k] if k < len(owner) else len(groups) - 1
        if out and out[-1][0] == g:
            out[-1][1] += 1
        else:
            out.append([g, 1])
    return [(groups[g][0], n) for g, n in out]


def paragraph_widths(align: str) -> dict[int, float]:
    """``{column: width in points}`` of the ``p{..pt}`` columns of a column spec."""
    spec = re.sub(r">\{(?:[^{}]|\{[^{}]*\})*\}", "", align)
    out, k = {}, 0
    for m in re.finditer(r"p\{([\d.]+)pt\}|[lcr]", spec):
        if m.group(1):
            out[k] = float(m.group(1))
        k += 1
    return out


def paragraph_column(width: float) -> str:
    """A ragged-right paragraph column of ``width`` points (needs the array package)."""
    return f">{{\\raggedright\\arraybackslash}}p{{{width:.0f}pt}}"


def _wrap_header(text: str, width: float) -> str:
    """A header on several lines (a ``[b]`` stack) when it is much wider than its
    column: broken at spaces into lines about as wide as the column (at least 8
    characters)."""
    limit = max(width, 8 * _CHAR)
    if estimate_width(text) <= limit * 1.15 or "$" in text or "\\begin" in text:
        return text
    lines, cur = [], ""
    for word in text.split(" "):
        trial = f"{cur} {word}" if cur else word
        if cur and estimate_width(trial) > limit:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    lines.append(cur)
    if len(lines) == 1:
        return text
    return "\\begin{tabular}[b]{@{}l@{}}" + " \\\\ ".join(lines) + "\\end{tabular}"


# ----------------------------------------------------------------- snippets
#: Characters a ``\label`` key cannot hold (they end it, or break the ``longtable`` row
#: or the ``.aux`` file it is written to).
_BAD_LABEL = re.compile(r"[\\{}%#&~^$\s]")


def snippet(body: str, packages: Sequence[str] = ("booktabs",), notes: Sequence[str] = (),
            caption: str | None = None, label: str | None = None, wide: bool = False,
            long: bool = False) -> str:
    r"""A table snippet ready for a paper.

    Parameters
    ----------
    body : str
        One or more ``tabular`` (or one ``longtable``) environments.
    packages : sequence of str
        The packages the body needs; named in the first line's comment, with
        ``graphicx`` added when ``wide``.
    notes : sequence of str
        Paragraphs printed in small type below the table (LaTeX text, escaped).
    caption, label : str, optional
        With either, a ``tabular`` goes into a ``table`` float (``\caption`` above, the
        notes below); a ``longtable`` gets them as its first row. The caption is LaTeX
        text; a label with a character a ``\label`` key cannot hold (``\ { } % # & ~
        ^ $``, a space) is a GameError.
    wide : bool
        The body may be wider than the text: box it, and let LaTeX shrink it to
        ``\linewidth`` only if it is wider (``\resizebox`` of graphicx).
    long : bool
        The body is a ``longtable`` (no float, no scaling; ``\small`` when ``wide``);
        like every ``longtable`` it needs two or three LaTeX runs to align its columns
        across pages.

    Examples
    --------
    >>> print(snippet("\\begin{tabular}{l}\nx \\\\\n\\end{tabular}", notes=["A note."],
    ...               caption="A table", label="tab:x"))
    % needs \usepackage{booktabs}
    \begin{table}[htbp]
    \centering
    \caption{A table}
    \label{tab:x}
    \begin{tabular}{l}
    x \\
    \end{tabular}
    <BLANKLINE>
    \par\smallskip{\footnotesize\raggedright A note.\par}
    \end{table}
    """
    if label is not None and _BAD_LABEL.search(label):
        raise GameError(f"{label!r} cannot be a LaTeX \\label key: it may not contain "
                        "\\ { } % # & ~ ^ $ or spaces")
    pkgs = list(dict.fromkeys(list(packages) + (["graphicx"] if wide and not long else [])
                              + (["longtable"] if long else [])
                              + (["array"] if "\\arraybackslash" in body else [])))
    head = [f"% needs \\usepackage{{{','.join(pkgs)}}}"]
    problem = pdflatex_problem(body + "".join(notes) + (caption or ""))
    head += [f"% {problem}"] if problem else []
    note = "\n".join(f"\\par\\smallskip{{\\footnotesize\\raggedright {n}\\par}}" for n in notes)
    if long:
        cap = ""
        if caption or label:
            cap = (f"\\caption{{{caption}}}" if caption else "\\caption{}") \
                + (f"\\label{{{label}}}" if label else "") + " \\\\"
        text = body.replace("\\toprule", (cap + "\n\\toprule") if cap else "\\toprule", 1)
        size = ["\\begingroup\\small"] if wide else []
        return "\n".join(head + size + [text] + (["\\endgroup"] if wide else [])
                         + ([note] if note else []))
    if wide:
        body = ("\\noindent\\begingroup\\sbox0{" + body + "}%\n\\ifdim\\wd0>\\linewidth"
                " \\resizebox{\\linewidth}{!}{\\usebox0}\\else\\usebox0\\fi\\endgroup")
    if caption or label:
        lines = ["\\begin{table}[htbp]", "\\centering"]
        lines += [f"\\caption{{{caption}}}"] if caption else []
        lines += [f"\\label{{{label}}}"] if label else []
        lines += [body] + (["", note] if note else []) + ["\\end{table}"]
        return "\n".join(head + lines)
    if not note:
        return "\n".join(head + [body])
    return "\n".join(head + ["\\begin{center}", body, "", note, "\\end{center}"])


def standalone(snippets: Sequence[str]) -> str:
    r"""A whole ``article`` document with the snippets, loading every package their
    ``% needs`` comments name; a GameError (:func:`pdflatex_problem`) when they hold
    text that pdflatex cannot set with LaTeX's default fonts.

    >>> print(standalone(["% needs \\usepackage{booktabs,graphicx}\nx"]).splitlines()[1])
    \usepackage{booktabs,graphicx}
    >>> standalone(["Росія"])
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: pdflatex cannot set 'Росія' (Cyrillic) with LaTeX's ...
    """
    problem = next((p for p in map(pdflatex_problem, snippets) if p), None)
    if problem:
        raise GameError(problem)
    pkgs: list[str] = []
    for s in snippets:
        for m in re.finditer(r"^% needs \\usepackage\{([^}]*)\}", s, flags=re.M):
            pkgs += [p.strip() for p in m.group(1).split(",")]
    pkgs = list(dict.fromkeys(pkgs))
    return "\n".join(["\\documentclass{article}"]
                     + ([f"\\usepackage{{{','.join(pkgs)}}}"] if pkgs else [])
                     + ["\\begin{document}", "\n\n\\bigskip\n\n".join(snippets),
                        "\\end{document}", ""])


#: The characters beyond ASCII that pdflatex sets in text with LaTeX's default setup
#: (UTF-8 input; Computer Modern in the OT1 and TS1 encodings), as code point ranges:
#: accented Latin letters, typographic punctuation, a few symbols. Measured with TeX Live
#: 2022 by compiling every letter, number, punctuation mark and symbol of U+00A0-U+052F,
#: U+1E00-U+1EFF and U+2000-U+22FF (tests/io/test_pdflatex.py compiles these ranges).
#: The others stop pdflatex: "Unicode character ... not set up for use with LaTeX", or
#: "unavailable in encoding OT1" (the Icelandic eth and thorn, guillemets).
PDFLATEX_TEXT = ((0x00A0, 0x00AA), (0x00AC, 0x00AC), (0x00AE, 0x00BA), (0x00BC, 0x00CF),
                 (0x00D1, 0x00DD), (0x00DF, 0x00EF), (0x00F1, 0x00FD), (0x00FF, 0x0103),
                 (0x0106, 0x010F), (0x0112, 0x0117), (0x011A, 0x0125), (0x0128, 0x012D),
                 (0x0130, 0x0137), (0x0139, 0x013E), (0x0141, 0x0148), (0x014C, 0x0165),
                 (0x0168, 0x0171), (0x0174, 0x017E), (0x0192, 0x0192), (0x01C4, 0x01D4),
                 (0x01E2, 0x01E3), (0x01E6, 0x01E9), (0x01F0, 0x01F0), (0x01F4, 0x01F5),
                 (0x0218, 0x021B), (0x0232, 0x0233), (0x0237, 0x0237), (0x02C6, 0x02C7),
                 (0x02D8, 0x02D9), (0x02DC, 0x02DD), (0x1E02, 0x1E03), (0x1E0D, 0x1E0D),
                 (0x1E1E, 0x1E21), (0x1E25, 0x1E25), (0x1E30, 0x1E31), (0x1E37, 0x1E37),
                 (0x1E43, 0x1E43), (0x1E45, 0x1E45), (0x1E47, 0x1E47), (0x1E5B, 0x1E5B),
                 (0x1E63, 0x1E63), (0x1E6D, 0x1E6D), (0x1E8E, 0x1E91), (0x1E9E, 0x1E9E),
                 (0x1EF2, 0x1EF3), (0x2010, 0x2016), (0x2018, 0x2019), (0x201C, 0x201D),
                 (0x2020, 0x2022), (0x2026, 0x2026), (0x2030, 0x2031), (0x203B, 0x203B),
                 (0x203D, 0x203D), (0x2044, 0x2044), (0x204E, 0x204E), (0x2052, 0x2052),
                 (0x20A1, 0x20A1), (0x20A4, 0x20A4), (0x20A6, 0x20A6), (0x20A9, 0x20A9),
                 (0x20AB, 0x20AC), (0x20B1, 0x20B1), (0x2103, 0x2103), (0x2116, 0x2117),
                 (0x211E, 0x211E), (0x2120, 0x2120), (0x2122, 0x2122), (0x2126, 0x2127),
                 (0x212E, 0x212E), (0x2190, 0x2193))


def _pdflatex_sets(ch: str) -> bool:
    code = ord(ch)
    return code < 0x80 or any(lo <= code <= hi for lo, hi in PDFLATEX_TEXT)


def pdflatex_problem(text: str) -> str:
    r""""" when pdflatex sets every character of ``text`` with LaTeX's default fonts
    (:data:`PDFLATEX_TEXT`), else one line naming the first word it cannot set, its
    script and the fix.

    >>> pdflatex_problem("Zürich & Genève, “quoted” – ok")
    ''
    >>> print(pdflatex_problem("Україна & co"))  # doctest: +NORMALIZE_WHITESPACE
    pdflatex cannot set 'Україна' (Cyrillic) with LaTeX's default fonts: compile with
    xelatex or lualatex and \usepackage{fontspec} with a font that has these letters, or
    with pdflatex and \usepackage[T2A]{fontenc} (the Cyrillic fonts of
    texlive-lang-cyrillic), or use names in Latin letters
    """
    bad = next((ch for ch in text if not _pdflatex_sets(ch)), None)
    if bad is None:
        return ""
    import unicodedata

    word = re.search(r"\w*" + re.escape(bad) + r"\w*", text).group(0)
    script = unicodedata.name(bad, "").split(" ")[0].capitalize() or f"U+{ord(bad):04X}"
    cyrillic = (" or with pdflatex and \\usepackage[T2A]{fontenc} (the Cyrillic fonts of "
                "texlive-lang-cyrillic),") if script == "Cyrillic" else ""
    return (f"pdflatex cannot set {word!r} ({script}) with LaTeX's default fonts: compile "
            "with xelatex or lualatex and \\usepackage{fontspec} with a font that has these "
            f"letters,{cyrillic} or use names in Latin letters")
