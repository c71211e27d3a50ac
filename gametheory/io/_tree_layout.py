"""What of a game tree to draw, and where: shared by the TikZ and matplotlib trees.

:func:`tree_view` chooses the nodes to draw: the whole tree, the subtree after a path of
actions, or the subtrees at the nodes of one information set, and (``collapse=True``)
a subtree identical to one drawn before it, up to renaming parameters, becomes a stub
with a note ("as after NATO, revisionist, with V_sec for V_rev").

:func:`layout` places the drawn nodes and their labels so that no two labels overlap and
no edge crosses a label. A tree grows along the *depth* axis (down the page, or to the
right) and spreads along the *breadth* axis. Along the depth axis every level has two
bands: the node band (the nodes, each player's name beside its node on the side away
from the parent, above it towards the parent) and the edge band below it (each action
label centred on its edge, each payoff vector under its leaf). The bands are as deep as
their deepest label, so labels of different bands never meet. Along the breadth axis
each subtree keeps, for every band, the extent of its labels and of its edges (contours,
as in Reingold and Tilford's tidy trees); siblings are pushed apart until, band by band,
no label of one meets a label or an edge of the other (edges may meet edges: they do at
their parent). Edge labels and a child's name depend on where the parent ends up
(centred over its first and last child), so the spacing of siblings is repeated until it
no longer changes.

References
----------
Reingold, E. M. & Tilford, J. S. (1981). Tidier drawings of trees. *IEEE Transactions on
Software Engineering* SE-7(2), 223-228. Walker, J. Q. (1990). A node-positioning
algorithm for general trees. *Software: Practice and Experience* 20(7), 685-705.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import GameError

__all__ = ["View", "tree_view", "layout", "Placement", "overlaps", "MAX_DRAWN_NODES"]

#: A drawing of more nodes than this is refused (it could not be read on a page).
MAX_DRAWN_NODES = 400

_INF = math.inf


# ----------------------------------------------------------------- what to draw
@dataclass
class View:
    """The nodes to draw. ``gid[i]`` is the game's node id of drawn node ``i``,
    ``parent[i]`` the drawn parent (-1 for a root), ``kind[i]`` one of ``"decision"``,
    ``"chance"``, ``"terminal"``, ``"collapsed"``; ``stub[i]`` the number of the note of a
    collapsed node; ``notes`` are ``(path, [(symbol, replacement), ...])`` pairs (the path
    of the subtree drawn in full)."""

    gid: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    stub: dict[int, int] = field(default_factory=dict)
    notes: list[tuple[str, list]] = field(default_factory=list)
    root_path: str = ""

    def add(self, gid: int, parent: int, kind: str) -> int:
        i = len(self.gid)
        self.gid.append(gid)
        self.parent.append(parent)
        self.kind.append(kind)
        self.children.append([])
        if parent >= 0:
            self.children[parent].append(i)
        return i

    @property
    def roots(self) -> list[int]:
        return [i for i, p in enumerate(self.parent) if p < 0]


def _tree_children(a: Any) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in range(len(a.parent))]
    for v in range(1, len(a.parent)):
        kids[int(a.parent[v])].append(v)
    for k in kids:
        k.sort(key=lambda v: int(a.action[v]))
    return kids


def path_of(game: Any, v: int) -> str:
    """The actions from the root to node ``v``, ``", "``-separated (``"the root"`` for
    0)."""
    a = game.arrays
    labels = []
    while v > 0:
        p = int(a.parent[v])
        labels.append(game.action_labels(p)[int(a.action[v])])
        v = p
    return ", ".join(reversed(labels)) or "the root"


def _find_path(game: Any, path: str | Sequence[str]) -> int:
    """The node after the actions ``path`` from the root: a sequence of action labels,
    or one string of them joined by ``/`` (a label may contain ``/``: the longest label
    that fits is taken)."""
    kids = _tree_children(game.arrays)
    v = 0
    steps = list(path) if not isinstance(path, str) else []
    rest = path.strip("/") if isinstance(path, str) else ""
    while steps or rest:
        labels = game.action_labels(v) if kids[v] else ()
        if steps:
            step = steps.pop(0)
        else:
            fits = [a for a in labels if rest == a or rest.startswith(a + "/")]
            step = max(fits, key=len) if fits else rest.split("/")[0]
            rest = rest[len(step):].lstrip("/")
        if step not in labels:
            raise GameError(f"no action {step!r} at {path_of(game, v)}; the actions there "
                            f"are {', '.join(labels) or 'none (a leaf)'}")
        v = kids[v][labels.index(step)]
    return v


def tree_view(game: Any, subtree: str | Sequence[str] | None = None,
              infoset: str | None = None, collapse: bool = False) -> View:
    """The drawn part of ``game``: from the root, from the node after the actions
    ``subtree`` (``"NATO/revisionist"``), or from every node of the information set
    labelled ``infoset``; with ``collapse``, repeated subtrees as stubs."""
    a = game.arrays
    kids = _tree_children(a)
    if subtree is not None and infoset is not None:
        raise GameError("draw either a subtree or an information set, not both")
    view = View()
    if infoset is not None:
        found = [h for h in game.information_sets if h.label == infoset]
        if not found:
            raise GameError(f"no information set {infoset!r}; the information sets are "
                            + ", ".join(repr(h.label) for h in game.information_sets))
        starts = sorted(found[0].members)
        view.root_path = f"the information set {infoset}"
    else:
        starts = [0 if subtree is None else _find_path(game, subtree)]
        if starts[0] != 0:
            view.root_path = f"the subtree after {path_of(game, starts[0])}"
    terminal = set(int(t) for t in a.terminals.tolist())
    repeats = _Repeats(game, kids) if collapse else None
    for s in starts:
        stack = [(s, -1)]
        while stack:
            v, parent = stack.pop()
            if v in terminal:
                view.add(v, parent, "terminal")
                continue
            same = repeats.same_as(v) if repeats is not None and v not in starts else None
            if same is not None:
                i = view.add(v, parent, "collapsed")
                note = (path_of(game, same[0]), same[1])
                if note not in view.notes:
                    view.notes.append(note)
                view.stub[i] = view.notes.index(note) + 1
                continue
            i = view.add(v, parent, "chance" if int(a.player[v]) == -1 else "decision")
            stack.extend((c, i) for c in reversed(kids[v]))
    return view


class _Repeats:
    """Subtrees of the same shape as one drawn before them (in depth-first order), with
    the same payoffs and probabilities up to renaming parameters and their nodes joined
    into information sets alike, and whose information sets do not reach outside
    them."""

    def __init__(self, game: Any, kids: list[list[int]]):
        a = game.arrays
        self.game, self.kids, self.a = game, kids, a
        n = len(a.parent)
        order, stack = [], [0]
        while stack:
            v = stack.pop()
            order.append(v)
            stack.extend(reversed(kids[v]))
        self.order = order
        pre = {v: k for k, v in enumerate(order)}
        size = [1] * n
        for v in reversed(order):
            for c in kids[v]:
                size[v] += size[c]
        span: dict[int, tuple[int, int]] = {}
        for v in range(n):
            if int(a.player[v]) >= 0 and kids[v]:
                h = int(a.infoset[v])
                lo, hi = span.get(h, (pre[v], pre[v]))
                span[h] = (min(lo, pre[v]), max(hi, pre[v]))
        lo = [pre[v] for v in range(n)]
        hi = [pre[v] for v in range(n)]
        for v in reversed(order):
            if int(a.player[v]) >= 0 and kids[v]:
                s = span[int(a.infoset[v])]
                lo[v], hi[v] = min(lo[v], s[0]), max(hi[v], s[1])
            for c in kids[v]:
                lo[v], hi[v] = min(lo[v], lo[c]), max(hi[v], hi[c])
        self.closed = [lo[v] >= pre[v] and hi[v] < pre[v] + size[v] for v in range(n)]
        self.size = size
        self.term = term = {int(t): k for k, t in enumerate(a.terminals.tolist())}
        # a subtree's shape: moves, actions, and payoffs and probabilities with every
        # parameter blanked out (renamings have the same shape), numbered as found
        ids: dict = {}
        self.shape: dict[int, int] = {}
        for v in reversed(order):
            chance = int(a.player[v]) == -1
            own = (int(a.player[v]), game.action_labels(v) if kids[v] else (),
                   tuple(_blank(a.chance_prob[c]) for c in kids[v]) if chance else (),
                   tuple(_blank(x) for x in a.payoffs[term[v]]) if v in term else ())
            self.shape[v] = ids.setdefault((own, tuple(self.shape[c] for c in kids[v])),
                                           len(ids))
        self.seen: dict[Any, list[int]] = {}

    def values(self, v: int) -> list:
        """Payoffs and chance probabilities of the subtree at v, in depth-first order."""
        a, term = self.a, self.term
        out, stack = [], [v]
        while stack:
            u = stack.pop()
            if u != v:
                out.append(a.chance_prob[u] if int(a.player[int(a.parent[u])]) == -1 else 1)
            if u in term:
                out.extend(a.payoffs[term[u]])
            stack.extend(reversed(self.kids[u]))
        return out

    def partition(self, v: int) -> list[int]:
        """The information sets of the subtree at v as a pattern: for each decision node
        in depth-first order, the number of its information set in order of appearance
        (so two subtrees match when their nodes are joined alike)."""
        a, numbers, out, stack = self.a, {}, [], [v]
        while stack:
            u = stack.pop()
            if int(a.player[u]) >= 0 and self.kids[u]:
                out.append(numbers.setdefault(int(a.infoset[u]), len(numbers)))
            stack.extend(reversed(self.kids[u]))
        return out

    def same_as(self, v: int) -> tuple[int, list] | None:
        if self.size[v] < 3 or not self.closed[v]:
            return None
        reps = self.seen.setdefault(self.shape[v], [])
        for u in reps:
            if self.partition(u) != self.partition(v):    # information sets joined alike
                continue
            sub = _renaming(self.values(u), self.values(v))
            if sub is not None:
                return u, sub
        reps.append(v)
        return None


def _blank(x: Any) -> str:
    """``x`` printed with every parameter replaced by one placeholder."""
    free = getattr(x, "free_symbols", None)
    if not free:
        return str(x)
    import sympy

    return str(x.xreplace({s: sympy.Symbol("_") for s in free}))


def _sym(x: Any) -> Any:
    import sympy

    # trusted: strict sympify of game values (numbers, Fractions); it refuses strings
    return x if isinstance(x, sympy.Basic) else sympy.sympify(x, strict=True)


def _renaming(first: list, second: list) -> list | None:
    """``[(s, t), ...]``: replacing each parameter s by t in ``first`` gives ``second``
    (empty when they are equal); None when no renaming of the parameters that differ,
    read off the entries that differ, does."""
    import sympy

    if len(first) != len(second):
        return None
    try:
        a, b = [_sym(x) for x in first], [_sym(x) for x in second]
    except (sympy.SympifyError, TypeError):
        return None
    fa = set().union(*(x.free_symbols for x in a)) if a else set()
    fb = set().union(*(x.free_symbols for x in b)) if b else set()
    only_a, only_b = fa - fb, fb - fa
    if len(only_a) != len(only_b):
        return None
    mapping: dict = {}
    for x, y in zip(a, b):
        sa, sb = x.free_symbols & only_a, y.free_symbols & only_b
        if len(sa) == 1 and len(sb) == 1:
            s, t = next(iter(sa)), next(iter(sb))
            if mapping.setdefault(s, t) != t:
                return None
    if set(mapping) != only_a or len(set(mapping.values())) != len(mapping):
        return None
    for x, y in zip(a, b):
        if sympy.expand(x.xreplace(mapping) - y) != 0:
            return None
    return sorted(mapping.items(), key=lambda st: str(st[0]))


# ----------------------------------------------------------------- where to draw it
Size = tuple[float, float]          # (width, height) in points, on the page


@dataclass
class Placement:
    """Positions in points (x to the right, y up). ``node[i]`` is drawn node i's centre,
    ``boxes`` the label boxes ``(i, role, x0, y0, x1, y1)`` with role ``"player"``,
    ``"action"`` (the edge into i) or ``"below"`` (payoff vector or stub)."""

    node: list[tuple[float, float]]
    boxes: list[tuple[int, str, float, float, float, float]]
    width: float
    height: float

    def centre(self, box: tuple) -> tuple[float, float]:
        return ((box[2] + box[4]) / 2, (box[3] + box[5]) / 2)


class _Contour:
    """Per band row: the extent of labels (``lab``) and of labels and edges (``all``),
    relative to a subtree's root."""

    __slots__ = ("lab", "all")

    def __init__(self) -> None:
        self.lab: dict[int, list[float]] = {}
        self.all: dict[int, list[float]] = {}

    def put(self, row: int, lo: float, hi: float, label: bool) -> None:
        for d in ((self.lab, self.all) if label else (self.all,)):
            cur = d.setdefault(row, [_INF, -_INF])
            cur[0], cur[1] = min(cur[0], lo), max(cur[1], hi)

    def merge(self, other: _Contour, shift: float) -> None:
        for row, (lo, hi) in other.lab.items():
            self.put(row, lo + shift, hi + shift, True)
        for row, (lo, hi) in other.all.items():
            self.put(row, lo + shift, hi + shift, False)


def _needed(left: _Contour, right: _Contour, gap: float) -> float:
    """The least shift of ``right`` that keeps its labels clear of everything in
    ``left`` and everything of it clear of the labels in ``left``."""
    need = -_INF
    for row, (lo, _) in right.lab.items():
        if row in left.all:
            need = max(need, left.all[row][1] - lo + gap)
    for row, (lo, _) in right.all.items():
        if row in left.lab:
            need = max(need, left.lab[row][1] - lo + gap)
    return need


def layout(view: View, size: Callable[[int, str], Size | None], *, down: bool = True,
           gap: float = 6.0, pad: float = 3.0, radius: float = 2.5,
           min_level: float = 30.0) -> Placement:
    """Place the drawn nodes of ``view`` and their labels (the module's docstring).

    ``size(i, role)`` is the (width, height) in points of drawn node i's label of that
    role, or None when it has none; ``down`` grows the tree down the page (else to the
    right); ``gap`` is the least distance between two labels, or a label and an edge.
    Levels are made longer (edges steeper) until the edges of many siblings clear their
    neighbours' labels.
    """
    n = len(view.gid)
    if n > MAX_DRAWN_NODES:
        raise GameError(f"{n} nodes are too many to draw readably (at most "
                        f"{MAX_DRAWN_NODES}); draw one subtree or collapse repeated subtrees")
    stretch = 1.0
    while True:
        try:
            return _layout(view, size, down, gap, pad, radius, min_level, stretch)
        except _Diverged:
            if stretch > 20:
                raise GameError("the tree could not be laid out without labels meeting "
                                "edges") from None
            stretch *= 1.6


class _Diverged(Exception):
    """Siblings' spacing did not settle: their edges are too flat."""


def _layout(view: View, size: Callable[[int, str], Size | None], down: bool, gap: float,
            pad: float, radius: float, min_level: float, stretch: float) -> Placement:
    n = len(view.gid)

    def local(i: int, role: str) -> Size | None:     # (breadth, depth) extents
        s = size(i, role)
        if s is None:
            return None
        return (s[0], s[1]) if down else (s[1], s[0])

    depth = [0] * n
    order = []
    stack = list(reversed(view.roots))
    while stack:
        i = stack.pop()
        order.append(i)
        for c in reversed(view.children[i]):
            depth[c] = depth[i] + 1
            stack.append(c)
    levels = max(depth) + 1
    above = [0.0] * levels               # node band: player names above the node
    below = [0.0] * levels               # edge band
    strip = [0.0] * levels               # the action labels' depth in the edge band
    for i in range(n):
        d = depth[i]
        s = local(i, "player")
        if s:
            above[d] = max(above[d], s[1] + pad)
        s = local(i, "below")
        if s:
            below[d] = max(below[d], s[1] + 2 * pad)
        s = local(i, "action")
        if s:
            strip[d - 1] = max(strip[d - 1], s[1] + 2 * pad)
    t = [0.0] * levels
    for d in range(levels - 1):
        below[d] = max(below[d], strip[d] + 2 * pad, min_level - radius - above[d + 1],
                       above[d + 1])
        below[d] = stretch * (radius + below[d] + above[d + 1]) - radius - above[d + 1]
        t[d + 1] = t[d] + radius + below[d] + above[d + 1]
    # rows: 4 d (node band), 4 d + 1..3 (edge band: above, at and below the action labels)
    mid = [t[d] + radius + below[d] / 2 for d in range(levels)]

    def edge_rows(d: int) -> list[tuple[int, float, float]]:
        top, bottom = t[d] + radius, t[d] + radius + below[d]
        half = strip[d] / 2
        return [(4 * d + 1, top, mid[d] - half), (4 * d + 2, mid[d] - half, mid[d] + half),
                (4 * d + 3, mid[d] + half, bottom)]

    def incoming(c: int, delta: float) -> tuple[_Contour, dict]:
        """The contour, relative to child c, of its edge from a parent ``delta`` away
        along the breadth axis (parent minus child), its action label and its name."""
        cont = _Contour()
        d = depth[c]
        length = t[d] - t[d - 1]
        at: dict = {}
        for row, t0, t1 in edge_rows(d - 1) + [(4 * d, t[d] - above[d], t[d])]:
            b0 = delta * (1 - (t0 - t[d - 1]) / length)
            b1 = delta * (1 - (t1 - t[d - 1]) / length)
            cont.put(row, min(b0, b1), max(b0, b1), False)
        s = local(c, "action")
        if s:
            bc = delta * (1 - (mid[d - 1] - t[d - 1]) / length)
            cont.put(4 * (d - 1) + 2, bc - s[0] / 2, bc + s[0] / 2, True)
            at["action"] = (bc, mid[d - 1], s)
        s = local(c, "player")
        if s:
            lo, hi = (2.0, 2.0 + s[0]) if delta < 0 else (-2.0 - s[0], -2.0)
            cont.put(4 * d, lo, hi, True)
            at["player"] = ((lo + hi) / 2, t[d] - pad - s[1] / 2, s)
        return cont, at

    own: dict[int, _Contour] = {}
    offset = [0.0] * n                   # breadth of a node relative to its parent
    for i in reversed(order):            # children before parents
        cont = _Contour()
        d = depth[i]
        cont.put(4 * d, -radius, radius, True)
        s = local(i, "below")
        if s:
            top = t[d] + pad
            for row, t0, t1 in edge_rows(d):
                if t0 < top + s[1] and t1 > top:
                    cont.put(row, -s[0] / 2, s[0] / 2, True)
        kids = view.children[i]
        if kids:
            rel = _spread([own[c] for c in kids],
                          lambda k, delta, kids=kids: incoming(kids[k], delta)[0], gap)
            for c, r in zip(kids, rel):
                offset[c] = r
                cont.merge(own[c], r)
                cont.merge(incoming(c, -r)[0], r)
                del own[c]
        own[i] = cont
    roots = view.roots
    for r in roots:
        s = local(r, "player")
        if s:
            own[r].put(4 * depth[r], -s[0] / 2, s[0] / 2, True)
    rel = _spread([own[r] for r in roots], None, gap) if len(roots) > 1 else [0.0]
    for r, x in zip(roots, rel):
        offset[r] = x
    b = [0.0] * n
    for i in order:
        b[i] = offset[i] + (b[view.parent[i]] if view.parent[i] >= 0 else 0.0)
    return _to_page(view, order, depth, b, t, pad, down, local, incoming)


def _spread(blocks: list[_Contour], extra: Callable[[int, float], _Contour] | None,
            gap: float) -> list[float]:
    """Breadth offsets of sibling subtrees relative to their parent, centred over the
    first and last; ``extra(k, delta)`` adds what depends on the parent's position."""
    k = len(blocks)
    pos = [0.0] * k
    def extent(j: int) -> float:
        full = _Contour()
        full.merge(blocks[j], 0.0)
        if extra is not None:
            full.merge(extra(j, 0.0), 0.0)
        return max((hi - lo for lo, hi in full.all.values()), default=0.0) + gap

    bound = 4 * sum(extent(j) for j in range(k))
    for _ in range(80):
        centre = (pos[0] + pos[-1]) / 2
        acc = _Contour()
        new = [0.0] * k
        for j, blk in enumerate(blocks):
            full = _Contour()
            full.merge(blk, 0.0)
            if extra is not None:
                full.merge(extra(j, centre - pos[j]), 0.0)
            if j:
                need = _needed(acc, full, gap)
                new[j] = max(pos[j], need if need > -_INF else new[j - 1], new[j - 1])
            acc.merge(full, new[j])
        if max(abs(x - y) for x, y in zip(new, pos)) < 1e-4:
            pos = new
            break
        if new[-1] > bound:
            raise _Diverged
        pos = new
    else:
        raise _Diverged
    centre = (pos[0] + pos[-1]) / 2
    return [p - centre for p in pos]


def _to_page(view: View, order: list[int], depth: list[int], b: list[float],
             t: list[float], pad: float, down: bool, local: Callable,
             incoming: Callable) -> Placement:
    def page(bb: float, tt: float) -> tuple[float, float]:
        return (bb, -tt) if down else (tt, -bb)

    boxes = []

    def box(i: int, role: str, bc: float, tc: float, s: Size) -> None:
        (x0, y0), (x1, y1) = page(bc - s[0] / 2, tc - s[1] / 2), page(bc + s[0] / 2, tc + s[1] / 2)
        boxes.append((i, role, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    for i in order:
        d = depth[i]
        p = view.parent[i]
        if p >= 0:
            _, at = incoming(i, b[p] - b[i])
            for role in ("action", "player"):
                if role in at:
                    bc, tc, s = at[role]
                    box(i, role, b[i] + bc, tc, s)
        else:
            s = local(i, "player")
            if s:
                box(i, "player", b[i], t[d] - pad - s[1] / 2, s)
        s = local(i, "below")
        if s:
            box(i, "below", b[i], t[d] + pad + s[1] / 2, s)
    nodes = [page(b[i], t[depth[i]]) for i in range(len(b))]
    xs = [x for bx in boxes for x in (bx[2], bx[4])] + [x for x, _ in nodes]
    ys = [y for bx in boxes for y in (bx[3], bx[5])] + [y for _, y in nodes]
    dx, dy = -min(xs), -min(ys)
    nodes = [(x + dx, y + dy) for x, y in nodes]
    boxes = [(i, r, x0 + dx, y0 + dy, x1 + dx, y1 + dy) for i, r, x0, y0, x1, y1 in boxes]
    return Placement(nodes, boxes, max(xs) - min(xs), max(ys) - min(ys))


def overlaps(boxes: Sequence[Sequence[float]], slack: float = 0.0) -> list[tuple[int, int]]:
    """Pairs ``(j, k)`` of boxes ``(x0, y0, x1, y1)`` (the last four entries of each)
    that overlap by more than ``slack``."""
    rects = sorted((tuple(bx[-4:]), k) for k, bx in enumerate(boxes))
    out = []
    for j, ((x0, y0, x1, y1), a) in enumerate(rects):
        for (u0, v0, u1, v1), b in rects[j + 1:]:
            if u0 >= x1 - slack:
                break
            if min(x1, u1) - max(x0, u0) > slack and min(y1, v1) - max(y0, v0) > slack:
                out.append((min(a, b), max(a, b)))
    return out


def substitution_text(pairs: list, name: Callable[[Any], str], and_word: str = ", ") -> str:
    """``"V_sec for V_rev"`` for the pairs ``[(V_rev, V_sec)]``, names by ``name``."""
    return and_word.join(f"{name(t)} for {name(s)}" for s, t in pairs)


def note_texts(view: View, name: Callable[[Any], str], text: Callable[[str], str],
               stacked: Sequence[str] | None = None) -> list[str]:
    """The notes under a drawing: what part of the tree it is, the order of payoffs
    stacked one a line (``stacked``: the players), and each stub's."""
    out = []
    if view.root_path:
        out.append(text(f"Drawn: {view.root_path}."))
    if stacked:
        out.append(text("Payoffs from top to bottom: " + ", ".join(stacked) + "."))
    for k, (path, pairs) in enumerate(view.notes, start=1):
        line = text(f"({k}) as after {path}")
        if pairs:
            line += text(", with ") + substitution_text(pairs, name)
        out.append(line + ".")
    return out


def stub_label(view: View, i: int) -> str:
    return f"({view.stub[i]})"



def tree_labels(game: Any, view: View, number: Callable[[Any], str],
                text: Callable[[str], str], newline: str | None = None
                ) -> dict[tuple[int, str], str]:
    """``{(i, role): label}`` of drawn node i: ``"player"`` (its player, or Chance),
    ``"action"`` (the action into it, with the chance probability as math) and
    ``"below"`` (the payoff vector as math, or a stub's note number; with ``newline``,
    one payoff a line). ``number`` gives a value as math content, ``text`` escapes plain
    text."""
    a = game.arrays
    term = {int(v): k for k, v in enumerate(a.terminals.tolist())}
    roots = set(view.roots)
    out: dict[tuple[int, str], str] = {}
    for i, v in enumerate(view.gid):
        kind = view.kind[i]
        if kind in ("decision", "chance"):
            out[i, "player"] = text("Chance" if kind == "chance"
                                    else game.players[int(a.player[v])])
        elif kind == "terminal":
            values = [number(x) for x in a.payoffs[term[v]]]
            out[i, "below"] = ("$(" + ", ".join(values) + ")$" if newline is None
                               else newline.join(f"${x}$" for x in values))
        else:
            out[i, "below"] = text(stub_label(view, i))
        if i in roots:
            continue
        p = int(a.parent[v])
        label = text(game.action_labels(p)[int(a.action[v])])
        if int(a.player[p]) == -1:
            label += " $(" + number(a.chance_prob[v]) + ")$"
        out[i, "action"] = label
    return out


def infoset_lines(game: Any, view: View) -> list[list[int]]:
    """The drawn nodes of each information set with two or more drawn members, in
    drawing order (the first member first)."""
    a = game.arrays
    groups: dict[int, list[int]] = {}
    for i, v in enumerate(view.gid):
        if view.kind[i] == "decision":
            groups.setdefault(int(a.infoset[v]), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


#: A drawing that fits when scaled by at least this much is kept as it is; a smaller
#: one is tried with repeated subtrees collapsed (when ``collapse`` is None).
GOOD_SCALE = 0.8
#: Scaled by less than this, labels cannot be read: the drawing is refused.
MIN_SCALE = 0.25


@dataclass
class Fit:
    """The chosen drawing: the view, its placement, whether it grows down, and the scale
    that fits it into the available width and height (at most 1)."""

    view: View
    placement: Placement
    down: bool
    scale: float


def _down(direction: str) -> bool:
    if direction not in ("down", "right"):
        raise GameError(f"direction must be 'down' or 'right'; got {direction!r}")
    return direction == "down"


def _least_breadth(view: View, size: Callable[[int, str], Size | None], down: bool
                   ) -> float:
    """A lower bound of a drawing's breadth: its leaves' labels side by side."""
    total = 0.0
    for i, kids in enumerate(view.children):
        if not kids:
            s = size(i, "below") or (0.0, 0.0)
            total += 0.75 * (s[0] if down else s[1]) + 6.0
    return max(total, 1e-9)


def fit(game: Any, measure: Callable[[View, bool], Callable[[int, str], Size | None]], *,
        width: float, height: float, direction: str | None = None,
        collapse: bool | None = None, subtree: str | Sequence[str] | None = None,
        infoset: str | None = None,
        rough: Callable[[View, bool], Callable[[int, str], Size | None]] | None = None
        ) -> Fit:
    """The drawing of ``game`` that needs the least scaling to fit ``width`` x ``height``
    points: growing down or right (``direction=None``), with repeated subtrees collapsed
    when the whole tree would need scaling by less than :data:`GOOD_SCALE`
    (``collapse=None``); a GameError naming what to draw instead when even the best
    needs less than :data:`MIN_SCALE`. ``measure(view, down)`` gives the label sizes
    (``size`` of :func:`layout`), ``rough`` (default ``measure``) quicker ones, at most
    about a third too large, to tell a hopeless drawing before laying it out."""
    downs = [True, False] if direction is None else [_down(direction)]
    collapses = [False, True] if collapse is None else [bool(collapse)]
    best: Fit | None = None
    refused, smallest = "", 0.0
    for col in collapses:
        view = tree_view(game, subtree, infoset, col)
        if col and collapse is None and not view.notes:
            break                                   # nothing repeats
        for down in downs:
            room = width if down else height
            least = _least_breadth(view, (rough or measure)(view, down), down)
            if room / least < MIN_SCALE:             # hopeless: no need to lay it out
                smallest = max(smallest, room / least)
                continue
            size = measure(view, down)
            try:
                pl = layout(view, size, down=down)
            except GameError as e:
                refused = str(e)
                continue
            s = min(1.0, width / max(pl.width, 1e-9), height / max(pl.height, 1e-9))
            # growing down is the custom: preferred unless right is clearly better
            if best is None or s * (1.0 if down else 0.9) > best.scale * (
                    1.0 if best.down else 0.9):
                best = Fit(view, pl, down, s)
        if best is not None and best.scale >= GOOD_SCALE:
            break
    if best is None or best.scale < MIN_SCALE:
        n = len(game.arrays.parent)
        scale = max(smallest, best.scale if best is not None else 0.0)
        why = (refused if best is None and refused else
               f"drawn {'with repeated subtrees collapsed ' if collapse is not False else ''}"
               f"it would be scaled to {scale:.0%} of its size or less, too small to read")
        actions = ", ".join(game.action_labels(0)) if n > 1 else ""
        raise GameError(f"the tree has {n} nodes: {why}; draw one subtree (subtree="
                        f"'ACTION/ACTION/...', the first actions are {actions}; or infoset="
                        "'LABEL')" + (" or collapse repeated subtrees (collapse=True)"
                                      if collapse is False else ""))
    return best
