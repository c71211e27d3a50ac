"""Plain-text and HTML payoff tables for games (used by ``str`` and ``_repr_html_``)."""

from __future__ import annotations

import html
import itertools
from fractions import Fraction

import numpy as np

__all__ = ["fmt", "text_table", "html_table"]


def fmt(x, digits: int = 6) -> str:
    """Format one number: Fractions as ``3/5``, floats to ``digits`` significant digits."""
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        v = float(x)
        if v == 0:
            return "0"
        return f"{v:.{digits}g}"
    return str(x)


def _slices(game):
    """Yield (caption, 2-D cell function) for each profile of players 3..N."""
    N = game.num_players
    if N == 1:
        yield "", None
        return
    rest = [range(n) for n in game.shape[2:]]
    for combo in itertools.product(*rest):
        caption = ", ".join(f"{game.players[2 + k]} plays {game.strategies[2 + k][s]}"
                            for k, s in enumerate(combo))
        yield caption, combo


def _cell(game, r, c, combo):
    idx = (r, c) + tuple(combo)
    return ", ".join(fmt(game.payoffs[(i,) + idx]) for i in range(game.num_players))


def text_table(game) -> str:
    """A fixed-width payoff table with player and strategy labels."""
    if game.num_players == 1:
        rows = [f"{s}: {fmt(game.payoffs[0, k])}" for k, s in enumerate(game.strategies[0])]
        return f"{game.players[0]}\n" + "\n".join(rows)
    blocks = []
    for caption, combo in _slices(game):
        corner = f"{game.players[0]} \\ {game.players[1]}"
        header = [corner] + list(game.strategies[1])
        body = [[game.strategies[0][r]] + [_cell(game, r, c, combo)
                                           for c in range(game.shape[1])]
                for r in range(game.shape[0])]
        widths = [max(len(row[k]) for row in [header] + body) for k in range(len(header))]
        lines = []
        for row in [header] + body:
            first = row[0].ljust(widths[0])
            rest = "".join(("    " + v.rjust(w)) for v, w in zip(row[1:], widths[1:], strict=False))
            lines.append((first + rest).rstrip())
        blocks.append((caption + ":\n" if caption else "") + "\n".join(lines))
    return "\n\n".join(blocks)


def html_table(game) -> str:
    """An HTML payoff table (one per profile of players 3..N)."""
    e = html.escape
    if game.num_players == 1:
        return "<pre>" + e(text_table(game)) + "</pre>"
    parts = []
    for caption, combo in _slices(game):
        cap = f"<caption>{e(caption)}</caption>" if caption else ""
        head = "".join(f"<th>{e(s)}</th>" for s in game.strategies[1])
        rows = "".join(
            f"<tr><th>{e(game.strategies[0][r])}</th>"
            + "".join(f"<td>{e(_cell(game, r, c, combo))}</td>" for c in range(game.shape[1]))
            + "</tr>" for r in range(game.shape[0]))
        parts.append(f"<table>{cap}<thead><tr><th>{e(game.players[0])} \\ "
                     f"{e(game.players[1])}</th>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "".join(parts)
