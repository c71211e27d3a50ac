"""Game trees as TikZ pictures for papers.

Decision nodes are filled dots labelled with their player, chance nodes open circles
labelled "Chance" whose branches carry their probabilities, the nodes of one information
set are joined by a dashed line, and every terminal node shows the payoff vector. The
output needs only ``\\usepackage{tikz}``.
"""

from __future__ import annotations

from ..errors import GameError
from ..games.extensive import ExtensiveFormGame
from .cells import Cells
from .formats import latex_escape

__all__ = ["tree_tikz"]

_STYLES = r"""[x=1cm, y=1cm,
  decision/.style={circle, fill, inner sep=1.6pt},
  chance/.style={circle, draw, fill=white, inner sep=1.6pt},
  terminal/.style={inner sep=0pt, minimum size=0pt},
  player/.style={font=\small},
  action/.style={font=\small, inner sep=1.5pt},
  payoff/.style={font=\small, below=2pt},
  infoset/.style={dashed, thick}]"""

#: Approximate width of one character of a small label, in cm (for spacing leaves).
_CHAR_CM = 0.17


def tree_tikz(game: ExtensiveFormGame, standalone: bool = False, *, precision: int = 3,
              leaf_distance: float | None = None, level_distance: float = 1.8) -> str:
    r"""A game tree as a TikZ picture.

    Leaves are spread evenly from left to right in the order of the tree, each inner
    node centred over its children, and each level ``level_distance`` cm below its
    parent's.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree (or a ``pygambit.ExtensiveGame``); payoffs and probabilities may be
        exact, floats or formulas.
    standalone : bool
        Return a complete LaTeX document (class ``article``, package ``tikz``) rather
        than the ``tikzpicture`` environment alone.
    precision : int
        Decimals of float payoffs and probabilities.
    leaf_distance : float, optional
        Horizontal distance between neighbouring leaves in cm (default: wide enough
        for the longest payoff vector, at least 1.6).
    level_distance : float
        Vertical distance between levels in cm.

    Returns
    -------
    str

    Raises
    ------
    GameError
        When ``game`` is not a game tree.

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
    >>> print(tex.splitlines()[8])
    \node[decision] (n0) at (1.32, 0.00) {};
    >>> "$(-1, -1)$" in tex, tex.count(r"\draw")
    (True, 4)
    """
    from .interop import as_game

    game = as_game(game)                 # a pygambit tree: ours
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"tree_tikz needs an ExtensiveFormGame; got {type(game).__name__}")
    c = Cells("latex", precision)
    a = game.arrays
    n = len(a.parent)
    terminal_index = {int(v): k for k, v in enumerate(a.terminals.tolist())}
    payoff_text = {v: "$(" + ", ".join(c.number(x) for x in a.payoffs[k]) + ")$"
                   for v, k in terminal_index.items()}
    if leaf_distance is None:
        widest = max((len(_plain(t)) for t in payoff_text.values()), default=0)
        leaf_distance = max(1.6, _CHAR_CM * widest + 0.4)
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[int(a.parent[v])].append(v)
    for kids in children:
        kids.sort(key=lambda v: int(a.action[v]))
    x, y = _layout(children, float(leaf_distance), float(level_distance))

    lines = [r"\begin{tikzpicture}" + _STYLES]
    for v in range(n):
        who = int(a.player[v])
        kind = "terminal" if v in terminal_index else ("chance" if who == -1 else "decision")
        lines.append(f"\\node[{kind}] (n{v}) at ({x[v]:.2f}, {y[v]:.2f}) {{}};")
    for v in range(n):
        who = int(a.player[v])
        if v in terminal_index:
            lines.append(f"\\node[payoff] at (n{v}) {{{payoff_text[v]}}};")
            continue
        name = "Chance" if who == -1 else latex_escape(game.players[who])
        side = "above" if v == 0 else ("above left" if x[v] < x[int(a.parent[v])] else
                                       "above right" if x[v] > x[int(a.parent[v])] else "left")
        lines.append(f"\\node[player, {side}=2pt] at (n{v}) {{{name}}};")
    for v in range(1, n):
        p = int(a.parent[v])
        act = latex_escape(game.action_labels(p)[int(a.action[v])])
        if int(a.player[p]) == -1:
            act += f" (${c.number(a.chance_prob[v])}$)"
        side = "above left" if x[v] < x[p] else "above right"
        lines.append(f"\\draw (n{p}) -- node[action, {side}] {{{act}}} (n{v});")
    for h in sorted(game.information_sets, key=lambda h: h.members[:1]):   # by first node
        if len(h.members) > 1:
            nodes = sorted(h.members, key=lambda v: (x[v], y[v]))
            for u, w in zip(nodes, nodes[1:]):
                lines.append(f"\\draw[infoset] (n{u}) -- (n{w});")
    lines.append(r"\end{tikzpicture}")
    picture = "\n".join(lines) + "\n"
    if not standalone:
        return picture
    return ("\\documentclass{article}\n\\usepackage{tikz}\n\\pagestyle{empty}\n"
            "\\begin{document}\n\\noindent\n" + picture + "\\end{document}\n")


def _plain(tex: str) -> str:
    """Rough printed text of a formula (for widths): drop commands and braces."""
    import re

    return re.sub(r"\\[a-zA-Z]+|[{}$]", "", tex)


def _layout(children: list[list[int]], dx: float, dy: float) -> tuple[list[float], list[float]]:
    """Leaves at dx apart in depth-first order; inner nodes centred over their children."""
    n = len(children)
    x, y = [0.0] * n, [0.0] * n
    order, stack, depth = [], [0], [0] * n
    while stack:                        # preorder without recursion
        v = stack.pop()
        order.append(v)
        for c in reversed(children[v]):
            depth[c] = depth[v] + 1
            stack.append(c)
    leaf = 0
    for v in order:
        y[v] = 0.0 - dy * depth[v]
        if not children[v]:
            x[v] = dx * leaf
            leaf += 1
    for v in reversed(order):           # children before parents
        if children[v]:
            x[v] = (x[children[v][0]] + x[children[v][-1]]) / 2
    return x, y
