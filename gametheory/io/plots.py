"""Figures with matplotlib: equilibria against a swept parameter, region maps, game trees.

matplotlib is an optional dependency (``pip install gametheory[plot]``), imported inside
the functions. Every function draws on the axes it is given (or on new ones) and returns
them, so a script can add titles, change limits and save the figure itself.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games.extensive import ExtensiveFormGame

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["plot_sweep", "plot_regions", "plot_tree", "equilibrium_label", "value_text"]

#: ``plot_tree`` refuses to draw more nodes (draw a subtree, or collapse repeats).
MAX_TREE_NODES = 400


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("plots need matplotlib; install it with "
                          "`pip install gametheory[plot]`") from None
    return plt


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=(7, 4.2), layout="constrained")
    return ax


def value_text(x: Any, digits: int = 4, max_denominator: int = 1000) -> str:
    """A number as a paper prints it: a short fraction when ``x`` is one, else ``%g``.

    Numbers within 1e-11 of a fraction with denominator at most ``max_denominator``
    print as that fraction (region boundaries are refined to about 1e-12).

    Parameters
    ----------
    x : float, Fraction or sympy number
    digits : int
        Significant digits of a number that is not a short fraction.
    max_denominator : int
        The largest denominator printed as a fraction.

    Returns
    -------
    str

    References
    ----------
    Khinchin, A. Ya. (1964). *Continued Fractions*, ch. 2 (best rational approximations).

    Examples
    --------
    >>> value_text(0.14285714285714), value_text(0.4), value_text(2.0), value_text(0.123456)
    ('1/7', '2/5', '2', '0.1235')
    >>> from fractions import Fraction
    >>> value_text(Fraction(-389, 50), 3, max_denominator=12)
    '-7.78'

    """
    try:
        if isinstance(x, (int, np.integer)) or (getattr(x, "is_Integer", False)):
            return str(int(x))
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not np.isfinite(f):
        return str(f)
    near = Fraction(f).limit_denominator(max_denominator)
    if abs(float(near) - f) <= 1e-11 * max(1.0, abs(f)):
        return str(near)
    return f"{f:.{digits}g}"


def _chosen(d: dict) -> str:
    """The actions of one information set (or a player's strategies) in use."""
    used = [(a, float(p)) for a, p in d.items() if float(p) > 1e-9]
    if len(used) == 1:
        return used[0][0]
    return ", ".join(f"{a} {value_text(p, 3)}" for a, p in used)


def equilibrium_label(game: Game, eq: Any) -> str:
    """An equilibrium in a few words: the strategies in use (normal form), or the choice
    at every information set on the equilibrium path (trees).

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
    eq : Equilibrium

    Returns
    -------
    str
        ``"Ukraine: NATO; Russia | NATO, security: escalate"``; pure strategies by their
        label, mixed ones with their probabilities.

    References
    ----------
    Osborne, M. J. (2004). *An Introduction to Game Theory*, sec. 5.2 (the equilibrium
    path of an extensive game).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> equilibrium_label(g, gt.solve(g).equilibria[0])
    'Player 1: a1 1/2, a2 1/2; Player 2: b1 1/2, b2 1/2'
    """
    if eq.behavior is None or eq.strategies:
        return "; ".join(f"{p}: {_chosen(dict(zip(labels, s)))}"
                         for p, labels, s in zip(eq.players, eq.labels, eq.strategies))
    a = game.arrays
    children: dict[int, list[int]] = {}
    for v in range(1, len(a.parent)):
        children.setdefault(int(a.parent[v]), []).append(v)
    items, stack, seen = [], [0], set()
    while stack:                                   # depth first, actions in order
        v = stack.pop()
        kids = children.get(v, [])
        if a.player[v] >= 0:
            label = a.infoset_labels[a.infoset[v]]
            d = eq.behavior[label]
            if label not in seen:
                seen.add(label)
                items.append(f"{label}: {_chosen(d)}")
            acts = a.infoset_actions[a.infoset[v]]
            kids = [c for c in kids if float(d[acts[a.action[c]]]) > 1e-9]
        stack.extend(reversed(kids))
    return "; ".join(items)


# ----------------------------------------------------------------- sweeps
def _one_axis(sw: Any, parameter: str | None) -> str:
    varying = [n for n, a in zip(sw.names, sw.grid.axes) if len(a) > 1]
    if parameter is None:
        if len(varying) != 1:
            raise GameError(f"plot_sweep needs one varying parameter; this sweep varies "
                            f"{', '.join(varying) or 'none'}: name one and fix the others")
        return varying[0]
    if parameter not in sw.names:
        raise GameError(f"{parameter!r} is not swept; the sweep's parameters are "
                        f"{', '.join(sw.names)}")
    others = [n for n in varying if n != parameter]
    if others:
        raise GameError(f"plot_sweep draws one varying parameter; {', '.join(others)} also "
                        "varies (plot_regions draws two)")
    return parameter


def _columns(sw: Any, what: str, columns: Sequence[str] | None) -> tuple[list[int], list[str]]:
    """Indices and labels of the plotted columns of the profile (or payoff) rows."""
    if what == "payoffs":
        labels = [f"payoff of {p}" for p in sw.game.players]
        idx = list(range(len(labels)))
        values = sw.batch.payoffs
    elif what == "strategies":
        labels = sw.profile_labels
        values = sw.batch.profile
        groups, start = [], 0
        sizes = ([len(h.actions) for h in sw.game.information_sets]
                 if sw.game.is_tree else list(sw.game.shape))
        for n in sizes:
            groups.append(list(range(start, start + n)))
            start += n
        # two choices: the first one's probability says it all
        idx = [j for g in groups for j in (g[:1] if len(g) == 2 else g)]
    else:
        raise GameError(f"what must be 'strategies' or 'payoffs'; got {what!r}")
    if columns is not None:
        unknown = [c for c in columns if c not in labels]
        if unknown:
            raise GameError(f"unknown column {unknown[0]!r}; the columns are "
                            f"{', '.join(labels)}")
        idx = [labels.index(c) for c in columns]
    elif what == "strategies" and len(values):
        moving = [j for j in idx if np.ptp(values[:, j]) > 1e-9]
        idx = moving or idx
    return idx, [labels[j] for j in idx]


def _boundaries(sw: Any, parameter: str) -> list[float]:
    regions = sw.regions(*[n for n, a in zip(sw.names, sw.grid.axes)
                           if len(a) > 1 or n == parameter] or [parameter])
    axis = sw.values(parameter)
    lo, hi = float(axis.min()), float(axis.max())
    out: list[float] = []
    for r in regions[:-1]:               # inner ends only; a point region at an end is no boundary
        x = float(r.hi)
        if lo + 1e-12 < x < hi - 1e-12 and (not out or x - out[-1] > 1e-9):
            out.append(x)
    return out


def plot_sweep(sw: Any, parameter: str | None = None, ax: Any = None,
               what: str = "strategies", critical: Sequence[Any] | None = None,
               columns: Sequence[str] | None = None, boundaries: bool = True) -> Any:
    """Equilibrium probabilities or expected payoffs against a swept parameter.

    One line per branch of equilibria (:meth:`SweepResult.branches`) and plotted column,
    coloured by column; region boundaries (:meth:`SweepResult.regions`) as dotted lines
    labelled with their value, exact critical values as dashed red lines labelled
    ``q = 1/7``.

    Parameters
    ----------
    sw : SweepResult
        A sweep with one varying parameter.
    parameter : str, optional
        The varying parameter (default: the only one).
    ax : matplotlib Axes, optional
        Where to draw (default: new axes of a new figure).
    what : {"strategies", "payoffs"}
        Probabilities (for an information set or player with two choices, that of the
        first; columns constant over the whole sweep are left out unless all are) or each
        player's expected payoff.
    critical : list, optional
        Exact critical values, e.g. ``gt.critical_values(game, "q")`` (objects with
        ``value``, or numbers), marked and labelled.
    columns : list of str, optional
        The columns to draw, by their :meth:`SweepResult.records` names (e.g.
        ``"Ukraine:NATO"``).
    boundaries : bool
        Mark the region boundaries.

    Returns
    -------
    matplotlib Axes
        The lines drawn for the equilibria carry the ``gid`` ``"branch"``, boundary
        markers ``"boundary"``, critical values ``"critical"``.

    References
    ----------
    Hunter, J. D. (2007). Matplotlib: a 2D graphics environment. *Computing in Science &
    Engineering* 9(3), 90-95.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import gametheory as gt
    >>> v = gt.parameters("v")
    >>> g = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
    ...                                   [[(v - 1) / 2, 0], [v, v / 2]],
    ...                                   strategies=[["H", "D"], ["H", "D"]])
    >>> ax = plot_sweep(gt.sweep(g, {"v": [0.25, 0.5, 0.75, 1.25, 1.75]}), critical=[1])
    >>> ax.get_xlabel(), [t.get_text() for t in ax.texts]
    ('v', ['v = 1'])
    """
    name = _one_axis(sw, parameter)
    ax = _axes(ax)
    x_all = sw.values(name)
    idx, labels = _columns(sw, what, columns)
    values = sw.batch.payoffs if what == "payoffs" else sw.batch.profile
    x_rows = x_all[sw.batch.point]
    branch = sw.branches()
    colours = [f"C{k % 10}" for k in range(len(idx))]
    # lines that coincide stay visible: earlier columns are drawn wider, underneath
    widths = np.linspace(1.5 + 1.6 * (len(idx) - 1), 1.5, len(idx)) if idx else []
    shown = set()
    for b in np.unique(branch):
        rows = np.flatnonzero(branch == b)
        rows = rows[np.argsort(x_rows[rows], kind="stable")]
        for k, (j, label) in enumerate(zip(idx, labels)):
            text = label if what == "payoffs" else f"P({label.replace(':', ': ', 1)})"
            ax.plot(x_rows[rows], values[rows, j], color=colours[k], lw=widths[k],
                    marker="o" if len(rows) == 1 else None, ms=3 + widths[k],
                    solid_capstyle="butt", zorder=2 + k,
                    label="_nolegend_" if k in shown else _mathtext(text), gid="branch")
            shown.add(k)
    crit = [c if not hasattr(c, "value") else c.value for c in (critical or [])]
    crit_f = [float(c) for c in crit]
    if boundaries:
        for xb in _boundaries(sw, name):
            if any(abs(xb - c) <= 1e-9 for c in crit_f):
                continue
            ax.axvline(xb, color="0.5", ls=":", lw=1, gid="boundary")
            ax.annotate(value_text(xb), (xb, 1), xycoords=("data", "axes fraction"),
                        xytext=(2, -10), textcoords="offset points", fontsize=8,
                        color="0.35")
    for c, cf in zip(crit, crit_f):
        ax.axvline(cf, color="C3", ls="--", lw=1.2, gid="critical")
        ax.annotate(f"{name} = {value_text(c)}", (cf, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -12), textcoords="offset points", fontsize=9, color="C3",
                    bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 0.5})
    ax.set_xlabel(name)
    ax.set_ylabel("equilibrium probability" if what == "strategies" else "expected payoff")
    if what == "strategies":
        ax.set_ylim(-0.05, 1.12)
    else:
        ax.margins(y=0.15)
    ax.set_xlim(float(x_all.min()), float(x_all.max()))
    ax.legend(fontsize=8, loc="best")
    return ax


def plot_regions(sw: Any, x: str, y: str, ax: Any = None, wrap: int = 50) -> Any:
    """A two-parameter map of the regions of constant equilibrium structure.

    Every grid point is coloured by the structure of its equilibria (the same colour for
    disconnected regions of one structure); each connected region is numbered at its
    centre, and the legend says which equilibria the number stands for.

    Parameters
    ----------
    sw : SweepResult
        A sweep over ``x`` and ``y`` (other parameters fixed).
    x, y : str
        The parameters on the horizontal and vertical axes.
    ax : matplotlib Axes, optional
    wrap : int
        Width at which the legend's descriptions are wrapped (each is cut to three
        lines).

    Returns
    -------
    matplotlib Axes
        The map is ``ax.collections[0]`` (a QuadMesh whose array holds the structure
        number of every grid point, 1-based); the numbers are ``ax.texts``.

    References
    ----------
    Hunter, J. D. (2007). Matplotlib: a 2D graphics environment. *Computing in Science &
    Engineering* 9(3), 90-95.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import gametheory as gt
    >>> a, b = gt.parameters("a b")
    >>> g = gt.NormalFormGame.from_arrays([[a, 0], [0, b]], [[1, 0], [0, 1]])
    >>> sw = gt.sweep(g, {"a": [-1, -0.5, 0.5, 1], "b": [-1, 1]})
    >>> ax = plot_regions(sw, "a", "b")
    >>> ax.get_xlabel(), ax.get_ylabel(), len(ax.texts)
    ('a', 'b', 4)
    """
    plt = _pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    for n in (x, y):
        if n not in sw.names:
            raise GameError(f"{n!r} is not swept; the sweep's parameters are "
                            f"{', '.join(sw.names)}")
    if x == y:
        raise GameError(f"plot_regions needs two different parameters; got {x!r} twice")
    regions = sw.regions(x, y)
    ax = _axes(ax)
    keys = list(dict.fromkeys(r.key for r in regions))
    xs, ys = np.unique(sw.values(x)), np.unique(sw.values(y))
    Z = np.zeros((len(ys), len(xs)), dtype=int)
    xv, yv = sw.values(x), sw.values(y)
    for r in regions:
        k = keys.index(r.key) + 1
        Z[np.searchsorted(ys, yv[r.indices]), np.searchsorted(xs, xv[r.indices])] = k
    cmap = ListedColormap([plt.get_cmap("tab20")(i % 20) for i in range(len(keys))])
    norm = BoundaryNorm(np.arange(0.5, len(keys) + 1), cmap.N)
    ax.pcolormesh(xs, ys, Z, cmap=cmap, norm=norm, shading="nearest")
    for r in regions:
        cx, cy = float(np.mean(xv[r.indices])), float(np.mean(yv[r.indices]))
        ax.text(cx, cy, str(keys.index(r.key) + 1), ha="center", va="center",
                fontsize=10, weight="bold",
                bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "alpha": 0.8, "lw": 0})
    by_key = {r.key: r for r in regions}
    handles = [Patch(color=cmap(i), label=_mathtext(textwrap.fill(textwrap.shorten(
        f"{i + 1}: {_region_text(sw, by_key[key])}", 3 * wrap, placeholder=" ..."),
        wrap, subsequent_indent="   "))) for i, key in enumerate(keys)]   # plain text
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1),
              borderaxespad=0)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    return ax


def _region_text(sw: Any, region: Any) -> str:
    eqs = region.solution.equilibria
    if not eqs:
        return "no equilibrium"
    game = region.solution.game if region.solution.game is not None else sw.game
    labels = list(dict.fromkeys(equilibrium_label(game, eq) for eq in eqs))
    if len(eqs) == 1:
        return labels[0]
    return f"{len(eqs)} equilibria: " + " | ".join(labels)


# ----------------------------------------------------------------- trees
#: The room a tree figure is fitted into before it is shrunk, in points (width, height).
TREE_ROOM = (600.0, 700.0)
_TREE_FONT = 8.0        # points, at the layout's scale


def _mathtext(s: str) -> str:
    """Plain text for matplotlib: ``$`` escaped (the labels' math is added apart)."""
    return s.replace("$", r"\$")


class _Measure:
    """Sizes in points of labels as matplotlib draws them at :data:`_TREE_FONT` (math
    that mathtext cannot parse falls back to plain text)."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(dpi=72)
        self.renderer = FigureCanvasAgg(fig).get_renderer()
        self.text = fig.text(0, 0, "", fontsize=_TREE_FONT)
        self.cache = _MEASURED

    def readable(self, s: str) -> str:
        try:
            self(s)
        except ValueError:
            return s.replace("$", "")
        return s

    def __call__(self, s: str) -> tuple[float, float]:
        if s not in self.cache:
            if len(self.cache) > 20000:
                self.cache.clear()
            self.text.set_text(s)
            bb = self.text.get_window_extent(self.renderer)
            self.cache[s] = (bb.width + 2.0, bb.height + 1.0)
        return self.cache[s]


_MEASURED: dict[str, tuple[float, float]] = {}      # label -> size, across figures


def _scaled_text_class() -> Any:
    from matplotlib.text import Text

    class ScaledText(Text):
        """Text whose size follows the axes' scale: one data unit is one point of the
        layout, so the figure can be resized without labels meeting."""

        def __init__(self, x: float, y: float, text: str, size: float, **kw: Any):
            super().__init__(x, y, text, fontsize=size, **kw)
            self._layout_size = size

        def _rescale(self) -> None:
            ax = self.axes
            if ax is None or self.figure is None:
                return
            (x0, _), (x1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 0.0)])
            self._fontproperties.set_size(self._layout_size * abs(x1 - x0) * 72.0
                                          / self.figure.dpi)

        def draw(self, renderer: Any) -> None:
            self._rescale()
            super().draw(renderer)

        def get_window_extent(self, renderer: Any = None, dpi: Any = None) -> Any:
            self._rescale()
            return super().get_window_extent(renderer, dpi)

    return ScaledText


def plot_tree(game: ExtensiveFormGame, ax: Any = None, max_nodes: int = MAX_TREE_NODES, *,
              direction: str | None = None, subtree: Any = None, infoset: str | None = None,
              collapse: bool | None = None, precision: int = 3) -> Any:
    """A game tree: players beside their decision nodes, chance nodes, actions (with
    chance probabilities) on the edges, dashed information sets, payoff vectors under the
    leaves; payoffs and probabilities as math, parameters by their LaTeX names.

    The layout is that of :func:`gametheory.io.tikz.tree_tikz` (no label meets another
    label or an edge), in points; the labels' size follows the axes' scale, so resizing
    the figure keeps them apart. ``direction``, ``subtree``, ``infoset`` and
    ``collapse`` are those of ``tree_tikz``; the room to fit is :data:`TREE_ROOM`.

    Parameters
    ----------
    game : ExtensiveFormGame
    ax : matplotlib Axes, optional
        Where to draw (default: new axes of a new figure sized to the tree, shrunk to
        fit :data:`TREE_ROOM` but with labels of at least half their 8 pt).
    max_nodes : int
        Drawings of more nodes are refused (draw a subtree, or collapse repeats).
    direction : {"down", "right"}, optional
    subtree : str or sequence of str, optional
    infoset : str, optional
    collapse : bool, optional
    precision : int
        Decimals of float payoffs and probabilities.

    Returns
    -------
    matplotlib Axes
        Edges carry the ``gid`` ``"edge"``, information sets ``"infoset"``; the labels
        are ``ax.texts`` (notes on collapsed subtrees last).

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. In
    *Contributions to the Theory of Games II*, 193-216 (the game tree).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> out, enter = g.root.decide("Entrant", ["out", "enter"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> ax = plot_tree(g)
    >>> sum(line.get_gid() == "edge" for line in ax.lines)
    4
    >>> sorted(t.get_text() for t in ax.texts)[:3]
    ['$(-1, -1)$', '$(0, 2)$', '$(1, 1)$']
    """
    from . import _tree_layout as tl
    from .cells import Cells
    from .interop import as_game
    from .latex import PaperLatex
    from .tikz import STACK_WIDTH, _names, _size

    game = as_game(game)
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"plot_tree draws an ExtensiveFormGame; got {type(game).__name__}")
    _pyplot()
    n = len(game.arrays.parent)
    if n > max_nodes and subtree is None and infoset is None and collapse is None:
        raise GameError(f"the tree has {n} nodes, more than plot_tree draws ({max_nodes}); "
                        "draw one subtree (subtree=...), collapse repeated subtrees "
                        "(collapse=True) or pass max_nodes")
    names = _names(game)
    cells = Cells(PaperLatex(names), precision)
    measure_text = _Measure()
    texts: dict = {}
    stacked: list = []

    def rough(view: Any, down: bool) -> Any:      # TikZ's guesses: no mathtext parsing
        texts.clear()
        texts.update(tl.tree_labels(game, view, cells.number, _mathtext))
        stacked[:] = [down and max((_size(t)[0] for k, t in texts.items()
                                    if k[1] == "below"), default=0) > STACK_WIDTH]
        if stacked[0]:
            texts.update(tl.tree_labels(game, view, cells.number, _mathtext, "\n"))
        return lambda i, role: _size(texts[i, role]) if (i, role) in texts else None

    def measure(view: Any, down: bool) -> Any:
        rough(view, down)

        def size(i: int, role: str) -> Any:
            if (i, role) not in texts:
                return None
            texts[i, role] = measure_text.readable(texts[i, role])
            return measure_text(texts[i, role])
        return size

    chosen = tl.fit(game, measure, width=TREE_ROOM[0], height=TREE_ROOM[1],
                    direction=direction, collapse=collapse, subtree=subtree,
                    infoset=infoset, rough=rough)
    if len(chosen.view.gid) > max_nodes:
        raise GameError(f"the drawing has {len(chosen.view.gid)} nodes, more than plot_tree "
                        f"draws ({max_nodes}); draw one subtree or pass max_nodes")
    size = measure(chosen.view, chosen.down)
    for key in list(texts):
        size(*key)                                   # mathtext that fails: plain text
    notes = [measure_text.readable(t) for t in tl.note_texts(
        chosen.view, lambda s: f"${names.get(s) or s}$", _mathtext,
        game.players if stacked[0] else None)]
    return _draw_tree(game, chosen, texts, notes, measure_text, ax)


def _draw_tree(game: Any, chosen: Any, texts: dict, notes: list[str], measure: Any,
               ax: Any) -> Any:
    from matplotlib.patches import Circle, Rectangle

    from . import _tree_layout as tl

    view, pl = chosen.view, chosen.placement
    line_h = _TREE_FONT * 1.6
    width = max([pl.width] + [measure(t)[0] for t in notes])
    height = pl.height + line_h * len(notes) + (4 if notes else 0)
    margin = 6.0
    if ax is None:
        k, title = max(chosen.scale, 0.5), (18.0 if game.title else 0.0)   # labels >= 4 pt
        full = height + 2 * margin + title
        fig = _pyplot().figure(figsize=((width + 2 * margin) * k / 72, full * k / 72))
        ax = fig.add_axes((0, 0, 1, (full - title) / full))
    text_class = _scaled_text_class()
    for i in range(len(view.gid)):
        p = view.parent[i]
        if p >= 0:
            (x0, y0), (x1, y1) = pl.node[p], pl.node[i]
            ax.plot([x0, x1], [y0, y1], color="0.2", lw=0.8, gid="edge", zorder=1)
    for members in tl.infoset_lines(game, view):
        ids = sorted(members, key=lambda i: (pl.node[i][0], -pl.node[i][1]))
        ax.plot([pl.node[i][0] for i in ids], [pl.node[i][1] for i in ids], ls="--",
                color="C0", lw=1.2, gid="infoset", zorder=1)
    for i, kind in enumerate(view.kind):
        x, y = pl.node[i]
        if kind == "decision":
            ax.add_patch(Circle((x, y), 2.5, color="0.1", zorder=3))
        elif kind == "chance":
            ax.add_patch(Circle((x, y), 2.5, fc="white", ec="0.1", lw=0.8, zorder=3))
        elif kind == "collapsed":
            ax.add_patch(Rectangle((x - 2.5, y - 2.5), 5, 5, fc="white", ec="0.1", lw=0.8,
                                   zorder=3))
    for i, role, x0, y0, x1, y1 in pl.boxes:
        style = {"bbox": {"fc": "white", "lw": 0, "pad": 0.1}} if role == "action" else {}
        ax.add_artist(text_class((x0 + x1) / 2, (y0 + y1) / 2, texts[i, role], _TREE_FONT,
                                 ha="center", va="center", multialignment="center",
                                 zorder=4, **style))
    for k, note in enumerate(notes):
        ax.add_artist(text_class(0, -4 - line_h * (k + 0.5), note, _TREE_FONT, ha="left",
                                 va="center", zorder=4))
    ax.set_xlim(-margin, width + margin)
    ax.set_ylim(pl.height - height - margin, pl.height + margin)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if game.title:
        ax.set_title(_mathtext(game.title), fontsize=10)   # a title is plain text
    return ax
