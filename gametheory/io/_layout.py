r"""The layout shared by the tables of equilibria (:mod:`gametheory.io.tables`), of a
sweep's regions (:mod:`gametheory.io._sweep_table`) and of an equilibrium map
(:mod:`gametheory.io._map_table`).

* Columns of choices: one per player of a normal form, one per information set of a
  tree, grouped under the player who moves there (in LaTeX a row of player names spans
  their information sets, whose headers are then the rest of the label: ``NATO,
  revisionist`` under ``Russia``).
* Compaction (:func:`body`): a column of choices or of payoffs that is the same in
  every row (of two or more) is dropped and stated once in a note below the table
  ("In every equilibrium: ...").
* Rows: in LaTeX each equilibrium of a region is a row of its own (so that a page can
  break between them), the region's cells on its first row; the other formats stack a
  region's equilibria in one cell.
* Finishing (:func:`finish`): LaTeX as a snippet of :func:`gametheory.io.latex.snippet`
  (packages, caption, label, notes, the measured shrink as a last resort); Markdown and
  the other text formats with the caption above and the notes below; HTML with a
  ``<caption>`` (a ``<p>`` above several tables, or above one with a title of its own:
  a table has one caption) and ``<p>`` notes; tidy formats (CSV) are data and get
  neither.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .cells import Cells
from .formats import Format, Grid, HtmlFormat, LatexFormat, check_options
from .latex import (
    LONG_ROWS,
    TEXT_WIDTH,
    PaperLatex,
    column_widths,
    grid_width,
    narrow,
    paragraph_column,
    snippet,
    split_wide,
    symbol_names,
)

__all__ = ["options", "paper_cells", "Column", "choice_columns", "choice_headings", "compact",
           "body", "Body", "by_information_set", "finish", "strategy_cell"]


def options(format: str | Format, precision: int | None) -> Format:
    """:func:`~gametheory.io.formats.check_options`, with ``precision=None`` (the
    shortest decimal of each float) allowed."""
    return check_options(format, 0 if precision is None else precision)


def paper_cells(fmt: Format, precision: int | None, symbols: Any = (),
                info: Any = None) -> Cells:
    """The cell formatter of one table: in LaTeX a :class:`PaperLatex` that prints the
    parameters (``symbols``, with their metadata ``info``) by their LaTeX names."""
    if isinstance(fmt, LatexFormat) and not isinstance(fmt, PaperLatex):
        fmt = PaperLatex(symbol_names(symbols, info))
    return Cells(fmt, precision)


@dataclass(frozen=True)
class Column:
    """A column of choices: ``key`` (a player, or an information set's label), the
    player who chooses there and the header under that player's group."""

    key: str
    player: str
    detail: str

    @property
    def heading(self) -> str:
        """The column's name where no row of players names its player: the key, or
        ``player: label`` for an information set whose label does not start with the
        name of the player who moves there (``Entrant: h1``)."""
        if self.detail != self.key or self.player == self.key:
            return self.key
        return f"{self.player}: {self.key}"


def choice_columns(game: Any, tree: bool, keys: Sequence[str] | None = None) -> list[Column]:
    """The columns of choices of a game: its players, or its information sets."""
    if not tree:
        return [Column(p, p, p) for p in (keys if keys is not None else game.players)]
    if game is not None and getattr(game, "is_tree", False):
        sets = [(h.label, game.players[h.player]) for h in game.information_sets]
    else:
        sets = [(k, k.split(" | ")[0].split(":")[0]) for k in (keys or [])]
    out = []
    for label, player in sets:
        detail = label[len(player):].lstrip(" |:") if label.startswith(player) else label
        out.append(Column(label, player, detail))
    return out


def choice_headings(game: Any, keys: Sequence[str]) -> dict[str, str]:
    """``{information set label: its heading}`` (:attr:`Column.heading`) for the labels
    ``keys`` of a tree's behaviour, their players from ``game`` when it is a tree (else
    guessed from each label's start, as :func:`choice_columns` does): the name the
    tables without a row of players give each label, for the text forms to use too."""
    tree_game = game if getattr(game, "is_tree", False) else None
    return {col.key: col.heading for col in choice_columns(tree_game, True, keys)}


def _constant_items(c: Cells, cols: list[Column], const: list[int], row: list[str]) -> list:
    """``Russia | NATO: escalate`` per constant column, named by its
    :attr:`Column.heading` (``Entrant: h1: in``); a player whose every column (two or
    more) is constant with one choice is summed up: ``Guarantor: abandon at each of its
    4 information sets``."""
    items = []
    for player in dict.fromkeys(cols[j].player for j in const):
        mine = [k for k, col in enumerate(cols) if col.player == player]
        if len(mine) > 1 and set(mine) <= set(const) and len({row[k] for k in mine}) == 1:
            items.append(f"{c.text(player)}: {row[mine[0]]} "
                         f"{c.text(f'at each of its {len(mine)} information sets')}")
        else:
            items += [f"{c.text(cols[k].heading)}: {row[k]}" for k in mine if k in const]
    return items


def choice_header(c: Cells, cols: Sequence[Column], tree: bool) -> tuple[list[str], list]:
    """The header cells of the columns of choices and their groups: in formats with
    groups, one per run of a player's information sets (or "Strategies"); in the others
    an information set whose label does not start with its player's name is headed
    ``player: label``."""
    if not c.fmt.groups:          # no row of players: a label without its player gets it
        return [c.text(col.heading) for col in cols], []
    if not tree:
        return [c.text(col.key) for col in cols], [("Strategies", len(cols))] if cols else []
    groups: list = []
    for col in cols:
        if groups and groups[-1][0] == col.player:
            groups[-1][1] += 1
        else:
            groups.append([col.player, 1])
    head = [c.text(col.detail) for col in cols]
    return head, [(c.text(p), n) for p, n in groups]


def compact(cols: list[Column], cells: list[list[str]]) -> tuple[list[int], list[int]]:
    """The positions of the columns that vary and of those that are constant (the same
    non-empty text in every one of two or more rows)."""
    if len(cells) < 2:
        return list(range(len(cols))), []
    keep, const = [], []
    for j in range(len(cols)):
        values = {row[j] for row in cells}
        (const if len(values) == 1 and "" not in values else keep).append(j)
    return keep, const


@dataclass
class Body:
    """The columns of choices and payoffs that a table shows after :func:`body`:
    positions kept, their header cells and groups, and the note on the others."""

    keep: list[int]
    pays: list[int]
    header: list[str]
    groups: list
    notes: list[str]

    def row(self, choices: list[str], payoffs: list[str]) -> list[str]:
        """One row's cells in the kept columns."""
        return [choices[j] for j in self.keep] + [payoffs[i] for i in self.pays]


def body(c: Cells, cols: list[Column], tree: bool, players: Sequence[str],
         choices: list[list[str]], payoffs: list[list[str]], where: str) -> Body:
    """Drop the columns of choices and of payoffs that are the same in every row (of
    two or more) and state them once: ``In every equilibrium: Russia | NATO: escalate;
    payoff of Guarantor: 0.``"""
    keep, const = compact(cols, choices)
    pays, pconst = compact([Column(p, p, p) for p in players], payoffs)
    items = _constant_items(c, cols, const, choices[0] if choices else [])
    items += [f"{c.text('payoff of ' + players[i])}: {payoffs[0][i]}" for i in pconst]
    notes = [f"{c.text(where)}: " + "; ".join(items) + "."] if items else []
    head, groups = choice_header(c, [cols[j] for j in keep], tree)
    head += [c.text(players[i]) if c.fmt.groups else f"payoff {c.text(players[i])}"
             for i in pays]
    if c.fmt.groups and pays:
        groups = groups + [("Payoffs", len(pays))]
    return Body(keep, pays, head, groups, notes)


def strategy_cell(e: Any, col: Column, j: int, tree: bool, c: Cells) -> str:
    """One equilibrium's choice in a column: its behaviour at the information set, or
    the player's (mixed) strategy."""
    if tree:
        acts = (e.behavior or {}).get(col.key, {})
        return c.mix(list(acts), list(acts.values())) if acts else ""
    return c.mix(e.labels[j], e.strategies[j])


def by_information_set(c: Cells, cols: list, cells: list[list[str]], players: list,
                       pays: list[list[str]], heads: list[str], group: str) -> Grid:
    """A tree's equilibria the other way round: a row per information set (the player
    named on the first of theirs), a column per equilibrium (headed ``heads``, under
    ``group``), then the payoffs. A paragraph column takes the labels of the
    information sets when the table would be wider than the page."""
    rows, last, n = [], None, len(cells)
    for j, col in enumerate(cols):
        rows.append([c.text(col.player) if col.player != last else "", c.text(col.detail)]
                    + [cells[k][j] for k in range(n)])
        last = col.player
    for i, p in enumerate(players):
        rows.append([c.text("Payoff") if i == 0 else "", c.text(p)]
                    + [pays[k][i] for k in range(n)])
    if cols and players:
        rows[len(cols)][0] = "\\midrule " + rows[len(cols)][0]
    header = [c.text("Player"), c.text("Information set")] + list(heads)
    groups = [("", 2), (c.text(group), n)]
    grid = Grid(header, rows, "ll" + "l" * n, groups)
    over = grid_width(grid) - 0.95 * TEXT_WIDTH
    if over > 0:              # the labels of the information sets wrap in their column
        detail = max(120.0, column_widths(grid)[1] - over)
        grid.align = "l" + paragraph_column(detail) + "l" * n
    return grid


def finish(c: Cells, grids: list[Grid], notes: Sequence[str] = (), caption: str | None = None,
           label: str | None = None, style: str = "booktabs",
           packages: Sequence[str] = ("booktabs",)) -> str:
    """The text of a table in its format, with its caption, label and notes."""
    fmt = c.fmt
    if isinstance(fmt, PaperLatex):
        fmt = copy.copy(fmt)        # this table's layout (longtable, separator) is its own:
        fmt.long = False            # a PaperLatex given as the format is left as it was
        if style == "booktabs":
            grids = [narrow(part) if len(part.rows) > LONG_ROWS else part
                     for g in grids for part in split_wide(g)]    # a longtable cannot scale
        widths = [grid_width(g) for g in grids]
        if len(grids) > 1 and sum(widths) + 12 * len(grids) > TEXT_WIDTH:
            fmt.separator = "\n\n\\medskip\n"           # slices one below the other
        text = fmt.render(grids, style).rstrip("\n")
        wide = max(widths, default=0) > 0.9 * TEXT_WIDTH
        pkgs = ("sgame",) if style == "sgame" else tuple(packages)
        return snippet(text, pkgs, notes, caption, label, wide=wide, long=fmt.long) + "\n"
    text = fmt.render(grids, style)
    if fmt.tidy:
        return text
    if isinstance(fmt, HtmlFormat):
        if caption and text.count("<table>") == 1 and "<caption>" not in text:
            text = text.replace("<table>", f"<table>\n<caption>{fmt.escape(caption)}</caption>",
                                1)
        elif caption:           # a table has one <caption>: several (or titled) get a heading
            text = f"<p>{fmt.escape(caption)}</p>\n{text}"
        return text + "".join(f"<p>{n}</p>\n" for n in notes)
    head = f"{caption}\n\n" if caption else ""
    return head + text + "".join(f"\n{n}\n" for n in notes)
