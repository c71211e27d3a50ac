r"""The table of an equilibrium map (:func:`gametheory.equilibrium_map`): one row per
equilibrium of each region, the region's condition on its first row, only the choices
that differ between rows as columns (the others in a note), payoffs as formulas.

It formats what the map holds (its regions' conditions and closed forms); nothing here
solves a game. The parameters print by their LaTeX names when the mapped game is given
(:attr:`gametheory.Parameter.latex`), else by :func:`gametheory.io.latex.latex_name`.
"""

from __future__ import annotations

from typing import Any

from ._layout import (
    body,
    by_information_set,
    choice_columns,
    finish,
    options,
    paper_cells,
    strategy_cell,
)
from .cells import Cells
from .formats import Format, Grid
from .latex import TEXT_WIDTH, PaperLatex, grid_width

__all__ = ["map_table"]


def map_table(emap: Any, format: str | Format = "latex", precision: int | None = None,
              caption: str | None = None, label: str | None = None,
              game: Any = None) -> str:
    r"""An equilibrium map as a table: condition, choices, payoffs.

    Parameters
    ----------
    emap : EquilibriumMap
        The result of :func:`gametheory.equilibrium_map`.
    format : str or Format
        A name in :data:`gametheory.io.formats.FORMATS`; tidy formats (CSV) give one
        row per equilibrium with the region's index and condition as text.
    precision : int, optional
        Decimals of float values; None (the default): the shortest decimal of at most
        12 significant digits (:data:`~gametheory.io.cells.TABLE_DIGITS`).
    caption, label : str, optional
        As for :func:`gametheory.io.tables.equilibrium_table`.
    game : Game, optional
        The mapped game, for its parameters' LaTeX names and (a tree) the players of its
        information sets; by default the map's own ``game`` (without either, the player
        is read from each label's start).

    Returns
    -------
    str
        In LaTeX a snippet whose first line names the packages it needs.

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2 (Hawk-Dove:
    Hawk where V > C, a mixture where V < C).

    Examples
    --------
    >>> import gametheory as gt
    >>> V, C = gt.parameters("V C")
    >>> g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
    ...                                   [[(V - C) / 2, 0], [V, V / 2]],
    ...                                   strategies=[["Hawk", "Dove"]] * 2)
    >>> g = g.describe(gt.Parameter("V", domain=(0, None)), gt.Parameter("C", domain=(0, None)))
    >>> print(map_table(gt.equilibrium_map(g, ["V", "C"]), "md"))
    | condition | Player 1 | Player 2 | payoff Player 1 | payoff Player 2 |
    | --- | :-: | :-: | :-: | :-: |
    | C < V | Hawk | Hawk | -(C - V)/2 | -(C - V)/2 |
    | C = V (a continuum) | Hawk | Hawk | 0 | 0 |
    |  | Hawk | Dove | V | 0 |
    |  | Dove | Hawk | 0 | V |
    | C > V | Hawk | Dove | V | 0 |
    |  | V/C Hawk + (C - V)/C Dove | V/C Hawk + (C - V)/C Dove | V*(C - V)/(2*C) | V*(C - V)/(2*C) |
    |  | Dove | Hawk | 0 | V |
    <BLANKLINE>
    (a continuum): the rows are the extreme equilibria of a continuum.
    <BLANKLINE>
    >>> print(map_table(gt.equilibrium_map(g, ["V", "C"])).splitlines()[8])
    $C < V$ & Hawk & Hawk & $\frac{V - C}{2}$ & $\frac{V - C}{2}$ \\
    """
    fmt = options(format, precision)
    game = game if game is not None else getattr(emap, "game", None)
    symbols = set()
    for r in emap.regions:
        symbols |= getattr(r.condition, "free_symbols", set())
        for e in r.equilibria:
            for v in e.payoffs:
                symbols |= getattr(v, "free_symbols", set())
    c = paper_cells(fmt, precision, sorted(symbols, key=str),
                    getattr(game, "parameter_info", {}) if game is not None else {})
    eqs = [e for r in emap.regions for e in r.equilibria]
    tree = bool(eqs) and all(e.behavior is not None for e in eqs)
    keys = (list(eqs[0].behavior) if tree else list(eqs[0].players)) if eqs else []
    cols = choice_columns(game if tree and getattr(game, "is_tree", False) else None, tree,
                          keys)          # the game's information sets name their players
    players = list(eqs[0].players) if eqs else []
    blocks = []
    for k, r in enumerate(emap.regions):
        cond = _condition(c, r.condition)
        strat = [[strategy_cell(e, col, j, tree, c) for j, col in enumerate(cols)]
                 for e in r.equilibria]
        pays = [[c.value(v) for v in e.payoffs] for e in r.equilibria]
        blocks.append((k, r, cond, strat, pays))
    if fmt.tidy:
        header = ["region", "condition", "continuum"] + [col.key for col in cols] \
            + [f"payoff:{p}" for p in players]
        rows = [[str(k + 1), r.text, str(int(bool(r.continuum)))] + s + p
                for k, r, _, strat, pays in blocks for s, p in zip(strat, pays)]
        return fmt.render([Grid(header, rows, "")])
    b = body(c, cols, tree, players, [row for blk in blocks for row in blk[3]],
             [p for blk in blocks for p in blk[4]], "In every region")
    notes = b.notes
    if any(r.continuum for r in emap.regions):
        notes.append(c.text("(a continuum): the rows are the extreme equilibria of a "
                            "continuum."))
    header = [c.text("condition")] + b.header
    rows = []
    for _, r, cond, strat, pays in blocks:
        lead = cond + (" " + c.text("(a continuum)") if r.continuum else "")
        for j, (s, p) in enumerate(zip(strat, pays)):
            rows.append([lead if j == 0 else ""] + b.row(s, p))
        if not strat:                     # no equilibrium found there: an empty row
            rows.append([lead] + [""] * len(b.header))
    groups = [("", 1)] + b.groups if fmt.groups else []
    grid = Grid(header, rows, "l" * len(header), groups)
    if tree and isinstance(c.fmt, PaperLatex) and len(rows) <= 6 \
            and grid_width(grid) > TEXT_WIDTH:
        heads, choices, pays = [], [], []
        for _, _, cond, strat, pay in blocks:
            for j, (s, p) in enumerate(zip(strat, pay)):
                heads.append(cond + (f" ({j + 1})" if len(strat) > 1 else ""))
                choices.append([s[i] for i in b.keep])
                pays.append([p[i] for i in b.pays])
        grid = by_information_set(c, [cols[j] for j in b.keep], choices,
                                  [players[i] for i in b.pays], pays, heads, "Region")
    return finish(c, [grid], notes, caption, label)


def _condition(c: Cells, cond: Any) -> str:
    """A region's condition: its parts joined by commas, ``a < x`` and ``x < b`` on the
    same expression as ``a < x < b``, the arms of an Or joined by "or"."""
    import sympy

    if cond is sympy.true:
        return c.text("everywhere")
    text = _condition_content(c, cond)
    if not isinstance(c.fmt, PaperLatex):
        return text.replace("\\ \\mathrm{or}\\ ", " or ")
    return c.math(text)


_PLAIN = {"\\le": "<=", "\\ge": ">=", "\\ne": "!="}


def _op(c: Cells, op: str) -> str:
    """A relation's operator: LaTeX's for a paper, else ASCII escaped for the format (an
    HTML table writes ``&lt;``)."""
    return op if isinstance(c.fmt, PaperLatex) else c.fmt.escape(_PLAIN.get(op, op))


def _condition_content(c: Cells, cond: Any) -> str:
    """The condition as math content: the arms of an Or joined by "or"."""
    import sympy

    if isinstance(cond, sympy.Or):
        return "\\ \\mathrm{or}\\ ".join(_condition_content(c, a) for a in cond.args)
    parts = list(cond.args) if isinstance(cond, sympy.And) else [cond]
    lows: dict = {}
    highs: dict = {}
    rest = []
    for p in parts:
        if isinstance(p, (sympy.StrictLessThan, sympy.LessThan)) and p.rhs.is_number:
            highs.setdefault(p.lhs, (p, "<" if p.rel_op == "<" else "\\le"))
        elif isinstance(p, (sympy.StrictGreaterThan, sympy.GreaterThan)) and p.rhs.is_number:
            lows.setdefault(p.lhs, (p, "<" if p.rel_op == ">" else "\\le"))
        else:
            rest.append(p)
    texts = []
    for x in list(dict.fromkeys(list(lows) + list(highs))):
        lo, hi = lows.get(x), highs.get(x)
        if lo and hi:
            texts.append(f"{c.number(lo[0].rhs)} {_op(c, lo[1])} {c.number(x)} "
                         f"{_op(c, hi[1])} {c.number(hi[0].rhs)}")
        else:
            rest.append((lo or hi)[0])
    texts += [_relation(c, p) for p in rest]
    return (",\\ " if isinstance(c.fmt, PaperLatex) else ", ").join(texts)


def _relation(c: Cells, p: Any) -> str:
    import sympy

    ops = {"<": "<", "<=": "\\le", ">": ">", ">=": "\\ge", "==": "=", "!=": "\\ne"}
    if isinstance(p, sympy.core.relational.Relational):
        return f"{c.number(p.lhs)} {_op(c, ops.get(p.rel_op, p.rel_op))} {c.number(p.rhs)}"
    return c.number(p)
