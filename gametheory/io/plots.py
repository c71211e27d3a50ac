"""Figures with matplotlib: equilibria against a swept parameter, region maps, small trees.

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

#: ``plot_tree`` refuses larger trees (their labels would overlap); use TikZ instead.
MAX_TREE_NODES = 200


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
                    label="_nolegend_" if k in shown else text, gid="branch")
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
    handles = [Patch(color=cmap(i), label=textwrap.fill(textwrap.shorten(
        f"{i + 1}: {_region_text(sw, by_key[key])}", 3 * wrap, placeholder=" ..."),
        wrap, subsequent_indent="   ")) for i, key in enumerate(keys)]
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
def _payoff_text(x: Any) -> str:
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.3g}"
    return str(x)


def plot_tree(game: ExtensiveFormGame, ax: Any = None, max_nodes: int = MAX_TREE_NODES) -> Any:
    """A small game tree: players at decision nodes, chance nodes, actions with chance
    probabilities on the edges, dashed information sets, payoffs under the leaves.

    Parameters
    ----------
    game : ExtensiveFormGame
    ax : matplotlib Axes, optional
    max_nodes : int
        Larger trees are refused (their labels would overlap; use
        :func:`gametheory.io.tikz.tree_tikz`).

    Returns
    -------
    matplotlib Axes
        Edges carry the ``gid`` ``"edge"``, information sets ``"infoset"``.

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
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"plot_tree draws an ExtensiveFormGame; got {type(game).__name__}")
    a = game.arrays
    n = len(a.parent)
    if n > max_nodes:
        raise GameError(f"the tree has {n} nodes, more than plot_tree draws ({max_nodes}); "
                        "use `gametheory tree --format tikz` or pass max_nodes")
    ax = _axes(ax)
    children: list[list[int]] = [[] for _ in range(n)]
    depth = np.zeros(n, dtype=int)
    for v in range(1, n):
        children[a.parent[v]].append(v)
        depth[v] = depth[a.parent[v]] + 1
    xpos = np.zeros(n)
    leaf, stack = 0, [0]
    while stack:                                  # leaves left to right, depth first
        v = stack.pop()
        if not children[v]:
            xpos[v] = leaf
            leaf += 1
        stack.extend(reversed(children[v]))
    for v in range(n - 1, -1, -1):               # parents (lower ids) over their children
        if children[v]:
            xpos[v] = np.mean(xpos[children[v]])
    ypos = -depth.astype(float)
    term_index = {int(t): k for k, t in enumerate(a.terminals)}
    for v in range(1, n):
        p = int(a.parent[v])
        ax.plot([xpos[p], xpos[v]], [ypos[p], ypos[v]], color="0.2", lw=1, gid="edge")
        label = game.action_labels(p)[a.action[v]]
        if a.player[p] == -1:
            label += f" ({_payoff_text(a.chance_prob[v])})"
        ax.text((xpos[p] + xpos[v]) / 2, (ypos[p] + ypos[v]) / 2, label, fontsize=7,
                ha="center", va="center", bbox={"fc": "white", "lw": 0, "pad": 0.5})
    for v in range(n):
        if a.player[v] >= 0:
            ax.plot(xpos[v], ypos[v], "o", color="C0", ms=6, gid="node")
            ax.text(xpos[v], ypos[v] + 0.12, game.players[a.player[v]], fontsize=8,
                    ha="center", va="bottom")
        elif a.player[v] == -1:
            ax.plot(xpos[v], ypos[v], "o", mfc="white", mec="C1", ms=6, gid="node")
            ax.text(xpos[v], ypos[v] + 0.12, "chance", fontsize=8, ha="center",
                    va="bottom", color="C1")
        else:
            pay = a.payoffs[term_index[v]]
            ax.text(xpos[v], ypos[v] - 0.1, "(" + ", ".join(_payoff_text(x) for x in pay)
                    + ")", fontsize=7, ha="center", va="top", rotation=90 if leaf > 8 else 0)
    members: dict[int, list[int]] = {}
    for v in range(n):
        if a.player[v] >= 0:
            members.setdefault(int(a.infoset[v]), []).append(v)
    for vs in members.values():
        if len(vs) > 1:
            vs = sorted(vs, key=lambda v: xpos[v])
            ax.plot(xpos[vs], ypos[vs], ls="--", color="C0", lw=1, gid="infoset")
    ax.set_axis_off()
    ax.set_xlim(-0.7, max(leaf - 0.3, 0.7))
    ax.set_ylim(float(ypos.min()) - 0.9, 0.5)
    if game.title:
        ax.set_title(game.title, fontsize=10)
    return ax
