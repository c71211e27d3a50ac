r"""A report as a small document model, written as self-contained HTML or as LaTeX.

A :class:`Document` is a title and a list of :class:`Section`\ s; a section holds blocks:
:class:`Paragraph` (a list of runs: :class:`Text`, :class:`Code`, :class:`Emph`,
:class:`Math`), :class:`Items` (a bullet list), :class:`Literal` (preformatted text),
:class:`Table` and :class:`Figure`, or another section. The content is built once;
:func:`to_html` and :func:`to_latex` only write it, so the two formats say the same
thing. A table carries its two renderings made by one formatter of
:mod:`gametheory.io.tables` (or :func:`grid_table` from one function of the cell
formatter), a figure its PNG (for HTML) and its PDF or TikZ (for LaTeX) drawn from one
layout.

* **HTML**: one file, no scripts, no external style sheet or image: figures are
  ``data:`` URIs (PNG, base64). Every piece of user text goes through
  :func:`html.escape` (the tables' cells are escaped by their HTML format).
* **LaTeX**: a whole ``article`` that loads every package its snippets name in their
  ``% needs`` comments (:func:`gametheory.io.latex.standalone`); a figure drawn by
  matplotlib is included as the PDF file ``<stem>-<name>.pdf`` written beside the
  ``.tex`` (:func:`figure_files` gives them), a tree is TikZ inside the document.

This module formats what it is given and computes nothing.

Examples
--------
>>> doc = Document("A & B", [Section("Intro", [Paragraph([Text("x < y, "),
...                                                       Math("q = 1/7", r"q = \frac{1}{7}")])])])
>>> page = to_html(doc)
>>> "<h1>A &amp; B</h1>" in page, "x &lt; y" in page
(True, True)
>>> tex = to_latex(doc)
>>> "x \\textless{} y, $q = \\frac{1}{7}$" in tex, tex.splitlines()[0]
(True, '\\documentclass{article}')
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from ._layout import finish, options, paper_cells
from .cells import Cells
from .formats import Grid, latex_escape
from .latex import standalone

__all__ = ["Text", "Code", "Emph", "Math", "Paragraph", "Items", "Literal", "Table", "Figure",
           "Section", "Document", "grid_table", "runs", "docstring_blocks", "to_html",
           "to_latex", "figure_files"]


# ----------------------------------------------------------------- runs of text
@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Code:
    """A name or a formula as the program writes it (``q_N``, ``3*q - 2``)."""

    text: str


@dataclass(frozen=True)
class Emph:
    """Emphasised text."""

    text: str


@dataclass(frozen=True)
class Math:
    """Mathematics: ``text`` as HTML shows it (``q = 1/7``), ``latex`` the LaTeX math
    content without ``$`` (``q = \\frac{1}{7}``)."""

    text: str
    latex: str


Run = Union[Text, Code, Emph, Math]


# ----------------------------------------------------------------- blocks
@dataclass
class Paragraph:
    """A paragraph of runs; ``note=True`` sets it apart (a step skipped, a warning)."""

    runs: list
    note: bool = False


@dataclass
class Items:
    """A bullet list, each item a list of runs."""

    items: list


@dataclass
class Literal:
    """Preformatted text (a drawing of a tree in characters)."""

    text: str


@dataclass
class Table:
    """A table in its two renderings, made by one formatter; ``caption`` is plain
    text."""

    html: str
    latex: str
    caption: str = ""


@dataclass
class Figure:
    """A figure: ``png`` for HTML; for LaTeX ``tikz`` (a snippet) or ``pdf`` (included
    as the file ``<stem>-<name>.pdf``). ``caption`` and ``alt`` are plain text."""

    name: str
    caption: str
    alt: str
    png: bytes
    pdf: bytes | None = None
    tikz: str | None = None

    def __post_init__(self) -> None:
        if self.pdf is None and self.tikz is None:
            raise ValueError(f"figure {self.name!r} needs a PDF or a TikZ picture for LaTeX")


@dataclass
class Section:
    """A titled section; its blocks may include sections (one level down)."""

    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Document:
    """A report: a title, lines of runs under it, and its sections."""

    title: str
    sections: list
    byline: list = field(default_factory=list)


# ----------------------------------------------------------------- tables from grids
def grid_table(make: Callable[[Cells], tuple[list[Grid], list[str]]], caption: str = "",
               symbols: Sequence[Any] = (), info: Any = None,
               precision: int | None = None) -> Table:
    r"""A table written twice by one function ``make(cells) -> (grids, notes)``: once
    with HTML cells, once with the paper LaTeX cells (parameters ``symbols`` by their
    LaTeX names from ``info``), and finished by the tables' own layout. Floats get
    ``precision`` decimals (None: the shortest decimal of at most 12 significant
    digits, :data:`~gametheory.io.cells.TABLE_DIGITS`).

    >>> from gametheory.io.formats import Grid
    >>> t = grid_table(lambda c: ([Grid([c.text("a&b")], [[c.value(0.5)]], "l")], []))
    >>> "<th>a&amp;b</th>" in t.html, r"a\&b" in t.latex
    (True, True)
    """
    out = []
    for fmt in ("html", "latex"):
        c = paper_cells(options(fmt, precision), precision, symbols, info)
        grids, notes = make(c)
        out.append(finish(c, grids, notes))
    return Table(out[0], out[1], caption)


# ----------------------------------------------------------------- docstrings
_HEADING = re.compile(r"^(\S[^\n]*)\n-{3,}\s*$", re.M)
_INLINE = re.compile(r"``(.+?)``|:\w+:`~?([^`]+)`|\*\*(.+?)\*\*|\*(\S(?:.*?\S)?)\*|`([^`]+)`")


def runs(text: str) -> list:
    """The runs of one paragraph of reStructuredText: ````code````, ``:role:`name```
    (as code), ``*emphasis*`` and ``**strong**`` (both as emphasis); line breaks are
    spaces.

    >>> runs("A ``q`` and *so* :func:`~m.f`.")
    [Text(text='A '), Code(text='q'), Text(text=' and '), Emph(text='so'), Text(text=' '), \
Code(text='f'), Text(text='.')]
    """
    text = " ".join(text.split())
    out: list = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos:m.start()]))
        code, role, strong, emph, plain = m.groups()
        if code is not None:
            out.append(Code(code))
        elif role is not None:
            out.append(Code(role.split(".")[-1] if m.group(0).count("~") else role))
        else:
            out.append(Emph(strong or emph) if (strong or emph) else Code(plain))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


def docstring_blocks(doc: str, skip: Sequence[str] = ("Examples",)) -> tuple[str, list]:
    """A numpydoc-style module docstring as ``(summary, sections)``: its first line, and
    a :class:`Section` per heading (underlined with dashes) other than ``skip``, with
    paragraphs, bullet lists (``- `` items) and literal blocks (after ``::``).

    >>> summary, secs = docstring_blocks('''Title.
    ...
    ... The story
    ... ---------
    ... A tree::
    ...
    ...     a -> b
    ...
    ... - one
    ... - two
    ...
    ... Examples
    ... --------
    ... >>> 1
    ... ''')
    >>> summary, [s.title for s in secs], [type(b).__name__ for b in secs[0].blocks]
    ('Title.', ['The story'], ['Paragraph', 'Literal', 'Items'])
    """
    import textwrap

    doc = textwrap.dedent(doc or "").strip("\n")
    parts = _HEADING.split(doc)
    head = parts[0].strip()
    summary = " ".join(head.split("\n\n")[0].split())
    sections = []
    for title, body in zip(parts[1::2], parts[2::2]):
        if title.strip() in skip:
            continue
        sections.append(Section(title.strip(), _blocks(body)))
    return summary, sections


def _blocks(body: str) -> list:
    """Paragraphs, bullet lists and literal blocks of a section's text."""
    out: list = []
    literal = False
    for chunk in re.split(r"\n\s*\n", body.strip("\n")):
        if not chunk.strip():
            continue
        if literal and chunk.startswith((" ", "\t")):
            import textwrap

            out.append(Literal(textwrap.dedent(chunk)))
            continue
        literal = False
        text = chunk.strip()
        if text.endswith("::"):
            literal = True
            text = text[:-1] if not text.endswith(" ::") else text[:-3]
        if text.startswith("- "):
            items = re.split(r"\n\s*- ", "\n" + text)[1:]
            out.append(Items([runs(i) for i in items]))
        elif text:
            out.append(Paragraph(runs(text)))
    return out


# ----------------------------------------------------------------- HTML
_CSS = """body{font-family:Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;
margin-top:2em}table{border-collapse:collapse;margin:.5em 0}th,td{padding:.2em .6em;
border-top:1px solid #ddd;text-align:left;vertical-align:top}thead th{border-bottom:
2px solid #444}figure{margin:1em 0}figcaption{font-size:.9em;color:#444}img{max-width:100%}
code,.math{font-family:Menlo,Consolas,monospace;font-size:.92em}.note{background:#fff6e0;
border-left:4px solid #e0a000;padding:.3em .8em}pre{background:#f6f6f6;padding:.6em;
overflow-x:auto}.byline{color:#555}"""


def _html_runs(items: Sequence[Any]) -> str:
    out = []
    for r in items:
        if isinstance(r, Code):
            out.append(f"<code>{html.escape(r.text)}</code>")
        elif isinstance(r, Emph):
            out.append(f"<em>{html.escape(r.text)}</em>")
        elif isinstance(r, Math):
            out.append(f'<span class="math">{html.escape(r.text)}</span>')
        else:
            out.append(html.escape(r.text))
    return "".join(out)


def _html_block(b: Any, level: int, count: dict) -> str:
    if isinstance(b, Section):
        inner = "\n".join(_html_block(x, level + 1, count) for x in b.blocks)
        return f"<section>\n<h{level}>{html.escape(b.title)}</h{level}>\n{inner}\n</section>"
    if isinstance(b, Paragraph):
        return f'<p{" class=note" if b.note else ""}>{_html_runs(b.runs)}</p>'
    if isinstance(b, Items):
        return "<ul>" + "".join(f"<li>{_html_runs(i)}</li>" for i in b.items) + "</ul>"
    if isinstance(b, Literal):
        return f"<pre>{html.escape(b.text)}</pre>"
    if isinstance(b, Table):
        count["table"] += 1
        cap = f"<figcaption>Table {count['table']}. {html.escape(b.caption)}</figcaption>" \
            if b.caption else ""
        return f'<figure class="table">{cap}\n{b.html}</figure>'
    if isinstance(b, Figure):
        count["figure"] += 1
        data = base64.b64encode(b.png).decode("ascii")
        return (f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(b.alt)}">'
                f"<figcaption>Figure {count['figure']}. {html.escape(b.caption)}"
                "</figcaption></figure>")
    raise TypeError(f"not a block of a report: {type(b).__name__}")


def to_html(doc: Document) -> str:
    """The document as one self-contained HTML page."""
    count = {"table": 0, "figure": 0}
    body = "\n".join(_html_block(s, 2, count) for s in doc.sections)
    byline = "".join(f'<p class="byline">{_html_runs(line)}</p>' for line in doc.byline)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n<h1>{html.escape(doc.title)}</h1>\n{byline}\n{body}\n</body>\n</html>\n")


# ----------------------------------------------------------------- LaTeX
def _tex_runs(items: Sequence[Any]) -> str:
    out = []
    for r in items:
        if isinstance(r, Code):
            out.append(f"\\texttt{{{latex_escape(r.text)}}}")
        elif isinstance(r, Emph):
            out.append(f"\\emph{{{latex_escape(r.text)}}}")
        elif isinstance(r, Math):
            out.append(f"${r.latex}$")
        else:
            out.append(latex_escape(r.text))
    return "".join(out)


#: Font sizes of a literal block and the characters of typewriter type each fits on a
#: line of a default ``article`` page (345 pt; cmtt is 0.525 em wide).
_VERBATIM = (("", 65), ("\\small", 72), ("\\footnotesize", 82), ("\\scriptsize", 93))


def _verbatim_size(text: str) -> str:
    """The largest size at which every line of ``text`` fits the page (``\\tiny``, 131
    characters, when none does)."""
    longest = max((len(line.rstrip()) for line in text.splitlines()), default=0)
    return next((size for size, chars in _VERBATIM if longest <= chars), "\\tiny")


_SECTION = {2: "section", 3: "subsection", 4: "subsubsection", 5: "paragraph"}


def _tex_block(b: Any, level: int, stem: str, count: dict) -> str:
    if isinstance(b, Section):
        inner = "\n\n".join(_tex_block(x, level + 1, stem, count) for x in b.blocks)
        return f"\\{_SECTION[min(level, 5)]}{{{latex_escape(b.title)}}}\n\n{inner}"
    if isinstance(b, Paragraph):
        text = _tex_runs(b.runs)
        return f"\\begin{{quote}}\\small\\textbf{{Note.}} {text}\\end{{quote}}" if b.note \
            else text
    if isinstance(b, Items):
        return "\\begin{itemize}\n" + "\n".join(f"\\item {_tex_runs(i)}" for i in b.items) \
            + "\n\\end{itemize}"
    if isinstance(b, Literal):
        return "{" + _verbatim_size(b.text) + "\\begin{verbatim}\n" + b.text.rstrip("\n") \
            + "\n\\end{verbatim}}"
    if isinstance(b, Table):
        count["table"] += 1
        cap = (f"\\par\\medskip\\noindent\\textbf{{Table {count['table']}.}} "
               f"{latex_escape(b.caption)}\\par\\nopagebreak\\smallskip\n") if b.caption else ""
        return f"{cap}{{\\centering\n{b.latex.rstrip()}\n\\par}}"
    if isinstance(b, Figure):
        art = b.tikz.rstrip() if b.tikz is not None else \
            f"\\begin{{center}}\\includegraphics[width=\\linewidth]{{{stem}-{b.name}}}" \
            "\\end{center}"
        count["figure"] += 1
        return (f"{art}\n\\par\\noindent\\textbf{{Figure {count['figure']}.}} "
                f"{latex_escape(b.caption)}\\par")
    raise TypeError(f"not a block of a report: {type(b).__name__}")


def to_latex(doc: Document, stem: str = "report") -> str:
    """The document as a whole LaTeX ``article``; matplotlib figures are included as
    ``<stem>-<name>.pdf`` (write them with :func:`figure_files`)."""
    count = {"table": 0, "figure": 0}
    body = "\n\n".join(_tex_block(s, 2, stem, count) for s in doc.sections)
    byline = "".join(f"\\par{{\\small {_tex_runs(line)}}}" for line in doc.byline)
    head = ("% needs \\usepackage{graphicx,amsmath,booktabs,array}\n"
            "\\sloppy\n"
            f"{{\\centering{{\\LARGE {latex_escape(doc.title)}\\par}}\\medskip{byline}\\par}}"
            "\\bigskip\n")
    return standalone([head + body])


def figure_files(doc: Document, stem: str = "report") -> dict[str, bytes]:
    """``{file name: PDF bytes}`` of the matplotlib figures that :func:`to_latex`
    includes."""
    out: dict[str, bytes] = {}

    def walk(blocks: Sequence[Any]) -> None:
        for b in blocks:
            if isinstance(b, Section):
                walk(b.blocks)
            elif isinstance(b, Figure) and b.tikz is None and b.pdf is not None:
                out[f"{stem}-{b.name}.pdf"] = b.pdf

    walk(doc.sections)
    return out
