r"""Game trees as TikZ pictures for papers.

Decision nodes are filled dots with their player's name beside them, chance nodes open
circles named "Chance" whose edges carry their probabilities, the nodes of one
information set are joined by a dashed line (Osborne and Rubinstein 1994, ch. 11), every
leaf shows its payoff vector, and payoffs and probabilities are math, each parameter by
its LaTeX name (:attr:`gametheory.Parameter.latex`, else the rule of
:func:`gametheory.io.latex.latex_name`: ``V_rev`` -> :math:`V_{\mathrm{rev}}`).

The layout (:mod:`gametheory.io._tree_layout`) keeps every label clear of every other
label and edge (label sizes are generous guesses from the text, not measured by LaTeX);
the tree grows down, or to the right when that needs clearly less shrinking; wide payoff
vectors are stacked one payoff a line. The picture is shrunk to the page's height
(:data:`PAGE_HEIGHT`) when taller, and to ``\linewidth`` by LaTeX only when it is wider. A
tree that would have to be shrunk below 80% is tried with repeated subtrees drawn once
("(1) as after NATO, revisionist, with :math:`V_{\mathrm{sec}}` for
:math:`V_{\mathrm{rev}}`"); one that would still be shrunk below 25% is refused with a
GameError that says what to draw instead (one subtree, or one information set's
subtrees). The snippet's first line names the packages it needs
(``% needs \usepackage{tikz,graphicx}``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

from ..errors import GameError
from ..games.extensive import ExtensiveFormGame
from . import _tree_layout as tl
from .cells import Cells
from .formats import latex_escape
from .latex import TEXT_WIDTH, PaperLatex, estimate_width, snippet, symbol_names
from .latex import standalone as standalone_document

__all__ = ["tree_tikz", "PAGE_HEIGHT"]

#: The height a tree may take on a default ``article`` page, in points (of 550).
PAGE_HEIGHT = 500.0

_STYLES = r"""[x=1pt, y=1pt, font=\footnotesize,
  decision/.style={circle, fill, inner sep=1.6pt},
  chance/.style={circle, draw, fill=white, inner sep=1.6pt},
  terminal/.style={inner sep=0pt, minimum size=0pt},
  collapsed/.style={draw, fill=white, inner sep=1.8pt},
  label/.style={inner sep=0.5pt, align=center},
  action/.style={inner sep=0.5pt, fill=white},
  infoset/.style={dashed, thick}]"""

#: A tree growing down whose widest payoff vector is wider (in points) stacks the payoffs.
STACK_WIDTH = 60.0

_FONT = 0.8      # \footnotesize (8 pt) against the 10 pt of latex.estimate_width


@functools.lru_cache(maxsize=4096)
def _size(text: str) -> tuple[float, float]:
    """A generous guess of the size in points of a label set in \\footnotesize (lines
    separated by ``\\\\`` or a newline)."""
    lines = text.replace("\n", "\\\\").split("\\\\")
    tall = sum(12.5 if "\\frac" in line else 12.0 if "\\left" in line else 8.2
               for line in lines) + 2.0 * (len(lines) - 1)
    return max(_FONT * estimate_width(line) * 1.12 + 4.0 for line in lines), tall + 1.5


def tree_tikz(game: ExtensiveFormGame, standalone: bool = False, *, precision: int = 3,
              direction: str | None = None, subtree: str | Sequence[str] | None = None,
              infoset: str | None = None, collapse: bool | None = None,
              width: float = TEXT_WIDTH, istgame: bool = False) -> str:
    r"""A game tree as a TikZ picture that fits the page.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree (or a ``pygambit`` game); payoffs and probabilities may be exact,
        floats or formulas.
    standalone : bool
        Return a complete LaTeX document (class ``article``) rather than the snippet.
    precision : int
        Decimals of float payoffs and probabilities.
    direction : {"down", "right"}, optional
        Where the tree grows (default: down, or right when that needs clearly less
        shrinking to fit the page).
    subtree : str or sequence of str, optional
        Draw only the subtree after these actions from the root (``"NATO/revisionist"``).
    infoset : str, optional
        Draw only the subtrees at the nodes of the information set with this label,
        side by side and joined by its dashed line.
    collapse : bool, optional
        Draw a subtree that repeats one drawn before it (the same moves, payoffs and
        probabilities up to renaming parameters, its information sets inside it and
        joining its nodes alike) as a box with a note. Default: only when the whole
        tree would be too small to read.
    width : float
        The width to fit, in points (default 345, a default ``article`` page).
    istgame : bool
        Draw the nodes, branches and information sets with the macros of the
        ``istgame`` package (CTAN; ``\istroot``, ``\istb``, ``\xtInfoset``), each
        branch aimed at the layout's position of its child; the labels stay where the
        layout puts them. The snippet then needs ``\usepackage{istgame}``.

    Returns
    -------
    str
        ``% needs \usepackage{tikz,graphicx}``, then the picture in a box that LaTeX
        shrinks to ``\linewidth`` only if it is wider, then the notes.

    Raises
    ------
    GameError
        When ``game`` is not a game tree, a path or label is unknown, or the drawing
        would be too small to read (the message says what to draw instead).

    References
    ----------
    Tantau, T. *The TikZ and PGF Packages*, manual for version 3.1, part III (nodes
    and paths). Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*,
    ch. 6 and 11 (drawing extensive games: information sets as dashed lines).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> out, enter = g.root.decide("Entrant", ["out", "enter"])
    >>> fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = out.payoffs(0, 2), fight.payoffs(-1, -1), acc.payoffs(1, 1)
    >>> tex = tree_tikz(g)
    >>> print(tex.splitlines()[0])
    % needs \usepackage{tikz,graphicx}
    >>> "{$(-1, -1)$};" in tex, tex.count(r"\draw (")
    (True, 4)
    >>> print(tree_tikz(g, subtree="enter").splitlines()[-2])
    \par\smallskip{\footnotesize\raggedright Drawn: the subtree after enter.\par}
    """
    from .interop import as_game

    game = as_game(game)                 # a pygambit tree: ours
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"tree_tikz needs an ExtensiveFormGame; got {type(game).__name__}")
    names = _names(game)
    cells = Cells(PaperLatex(names), precision)
    texts: dict = {}
    stacked: list = []

    def measure(view: tl.View, down: bool):
        texts.clear()
        texts.update(tl.tree_labels(game, view, cells.number, latex_escape))
        stacked[:] = [down and max((_size(texts[k])[0] for k in texts if k[1] == "below"),
                                   default=0) > STACK_WIDTH]
        if stacked[0]:
            texts.update(tl.tree_labels(game, view, cells.number, latex_escape, r"\\"))
        return lambda i, role: _size(texts[i, role]) if (i, role) in texts else None

    chosen = tl.fit(game, measure, width=width, height=PAGE_HEIGHT, direction=direction,
                    collapse=collapse, subtree=subtree, infoset=infoset)
    measure(chosen.view, chosen.down)    # the labels of the chosen drawing
    picture = (_istgame_picture if istgame else _picture)(game, chosen, texts)
    notes = tl.note_texts(chosen.view, lambda s: f"${names.get(s) or s}$", latex_escape,
                          game.players if stacked[0] else None)
    out = snippet(picture, packages=("istgame" if istgame else "tikz",), notes=notes,
                  wide=True)
    return standalone_document([out]) if standalone else out


def _names(game: Any) -> dict:
    """``{Symbol: LaTeX name}`` of the game's parameters."""
    a = game.arrays
    symbols: set = set()
    for x in list(a.payoffs.ravel()) + list(a.chance_prob):
        symbols |= getattr(x, "free_symbols", set())
    return symbol_names(sorted(symbols, key=str), getattr(game, "parameter_info", None))


def _fitted(chosen: tl.Fit) -> tuple[tl.Placement, str]:
    """The placement shrunk to :data:`PAGE_HEIGHT` when it is taller (LaTeX's box fits
    the width only), and the picture's options with the nodes shrunk alike."""
    pl = chosen.placement
    k = min(1.0, PAGE_HEIGHT / max(pl.height, 1e-9))
    if k == 1.0:
        return pl, _STYLES
    node = [(x * k, y * k) for x, y in pl.node]
    boxes = [(i, r, x0 * k, y0 * k, x1 * k, y1 * k) for i, r, x0, y0, x1, y1 in pl.boxes]
    return (tl.Placement(node, boxes, pl.width * k, pl.height * k),
            _STYLES.replace("[x=1pt,", f"[every node/.append style={{scale={k:.3f}}}, x=1pt,"))


def _picture(game: Any, chosen: tl.Fit, texts: dict) -> str:
    view = chosen.view
    pl, styles = _fitted(chosen)
    lines = [r"\begin{tikzpicture}" + styles]
    for i, v in enumerate(view.gid):
        x, y = pl.node[i]
        lines.append(f"\\node[{view.kind[i]}] (n{v}) at ({x:.2f}, {y:.2f}) {{}};")
    for i, v in enumerate(view.gid):
        if view.parent[i] >= 0:
            lines.append(f"\\draw (n{view.gid[view.parent[i]]}) -- (n{v});")
    for members in tl.infoset_lines(game, view):
        key = (lambda i: pl.node[i][0]) if chosen.down else (lambda i: -pl.node[i][1])
        ids = sorted(members, key=key)
        path = " -- ".join(f"(n{view.gid[i]})" for i in ids)
        lines.append(f"\\draw[infoset] {path};")
    lines += _label_nodes(pl, texts)
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def _label_nodes(pl: tl.Placement, texts: dict) -> list[str]:
    out = []
    for i, role, x0, y0, x1, y1 in pl.boxes:
        style = "action" if role == "action" else "label"
        out.append(f"\\node[{style}] at ({(x0 + x1) / 2:.2f}, {(y0 + y1) / 2:.2f}) "
                   f"{{{texts[i, role]}}};")
    return out


def _istgame_picture(game: Any, chosen: tl.Fit, texts: dict) -> str:
    """The drawing with istgame's macros: one ``\\istroot`` at every decision or chance
    node, at the layout's position, and one ``\\istb`` a child, grown at the angle and
    length that reach the child's position (sibling distance 0)."""
    view = chosen.view
    pl, styles = _fitted(chosen)
    lines = [r"\begin{istgame}" + styles]
    for i, kind in enumerate(view.kind):
        x, y = pl.node[i]
        if kind == "collapsed":
            lines.append(f"\\node[collapsed] (n{view.gid[i]}) at ({x:.2f}, {y:.2f}) {{}};")
        if kind not in ("decision", "chance"):
            continue
        node = "solid node" if kind == "decision" else "chance node"
        lines.append(f"\\istroot(n{view.gid[i]})({x:.2f}, {y:.2f})[{node}]{{}}+0pt..0pt+")
        for c in view.children[i]:
            dx, dy = pl.node[c][0] - x, pl.node[c][1] - y
            angle = math.degrees(math.atan2(dy, dx))
            length = math.hypot(dx, dy)
            lines.append(f"  \\istb<grow={angle:.2f}, level distance={length:.2f}pt>{{}}")
        lines.append(r"\endist")
    for members in tl.infoset_lines(game, view):
        key = (lambda i: pl.node[i][0]) if chosen.down else (lambda i: -pl.node[i][1])
        ids = sorted(members, key=key)
        for u, w in zip(ids, ids[1:]):
            lines.append(f"\\xtInfoset(n{view.gid[u]})(n{view.gid[w]})")
    lines += _label_nodes(pl, texts)
    lines.append(r"\end{istgame}")
    return "\n".join(lines)
