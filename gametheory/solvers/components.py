"""Maximal Nash subsets and connected components of a bimatrix game's equilibria.

The extreme equilibria of a bimatrix game are pairs ``(x, y)`` of vertices of the two
best-response polytopes. Join ``x`` and ``y`` by an edge when ``(x, y)`` is an extreme
equilibrium: the maximal bicliques ``(S, T)`` of this bipartite graph are the maximal Nash
subsets (every profile in ``conv(S) x conv(T)`` is an equilibrium), and the connected
components of the graph are the connected components of the set of equilibria (unions of
Nash subsets that share an extreme strategy).

References
----------
Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. Economic Theory 42, 9-37, section 5 (clique enumeration).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .result import Component, NashSubset

__all__ = ["maximal_bicliques", "equilibrium_components"]


def _connected(edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Edge indices grouped by connected component of the bipartite graph (union-find)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(u):
        parent.setdefault(u, u)
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for a, b in edges:
        ra, rb = find(("x", a)), find(("y", b))
        if ra != rb:
            parent[ra] = rb
    groups: dict[Any, list[int]] = {}
    for k, (a, _) in enumerate(edges):
        groups.setdefault(find(("x", a)), []).append(k)
    return sorted(groups.values())


def maximal_bicliques(edges: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, ...],
                                                                     tuple[int, ...]]]:
    """All maximal bicliques ``(S, T)`` of a bipartite graph given by its edges ``(a, b)``.

    A biclique is a pair of non-empty sets with every ``(a, b)`` in ``S x T`` an edge;
    it is maximal when no vertex can be added to either side. The right-hand sides ``T``
    of the maximal bicliques are exactly the non-empty intersections of neighbourhoods
    ``N(a)``, so the family is built by closing ``{N(a)}`` under intersection, one left
    vertex at a time, with neighbourhoods held as bit sets; ``S`` is then the set of all
    ``a`` whose neighbourhood contains ``T``. The work is proportional to the number of
    left vertices times the number of maximal bicliques.

    Parameters
    ----------
    edges : sequence of (int, int)
        Edges between left vertex ``a`` and right vertex ``b``.

    Returns
    -------
    list of (tuple of int, tuple of int)
        The bicliques ``(S, T)``, each side sorted, the list sorted.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. Economic Theory 42, 9-37, section 5.

    Examples
    --------
    A path x0 - y0 - x1 - y1 has two maximal bicliques:

    >>> maximal_bicliques([(0, 0), (1, 0), (1, 1)])
    [((0, 1), (0,)), ((1,), (0, 1))]
    """
    rights = sorted({b for _, b in edges})
    bit = {b: 1 << k for k, b in enumerate(rights)}
    nbr: dict[int, int] = {}
    for a, b in edges:
        nbr[a] = nbr.get(a, 0) | bit[b]
    family: set[int] = set()
    for mask in nbr.values():
        family |= {t & mask for t in family if t & mask}
        family.add(mask)
    out = []
    for t in family:
        side_s = tuple(sorted(a for a, mask in nbr.items() if mask & t == t))
        side_t = tuple(b for b in rights if bit[b] & t)
        out.append((side_s, side_t))
    return sorted(out)


def equilibrium_components(edges: Sequence[tuple[int, int]], xs: Sequence[Any],
                           ys: Sequence[Any]) -> list[Component]:
    """Components and maximal Nash subsets from the extreme equilibria.

    Parameters
    ----------
    edges : sequence of (int, int)
        Extreme equilibrium ``k`` is the pair ``(xs[a], ys[b])`` with ``(a, b) = edges[k]``.
    xs, ys : sequence of array
        The distinct extreme strategies of player 1 and player 2.

    Returns
    -------
    list of Component
        One per connected component; ``equilibria`` index into ``edges`` (that is, into
        the list of profiles built from them), as :func:`build_solution` expects.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. Economic Theory 42, 9-37, section 5.

    Examples
    --------
    Player 2 indifferent: x0 goes with y0 and y1, which are joined in one component.

    >>> comps = equilibrium_components([(0, 0), (0, 1), (1, 2)], ["x0", "x1"],
    ...                                ["y0", "y1", "y2"])
    >>> [(c.equilibria, c.is_isolated) for c in comps]
    [((0, 1), False), ((2,), True)]
    >>> comps[0].nash_subsets[0].extreme
    (('x0',), ('y0', 'y1'))
    """
    edge_index = {e: k for k, e in enumerate(edges)}
    comps = []
    for group in _connected(edges):
        sub = [edges[k] for k in group]
        subsets = []
        for side_s, side_t in maximal_bicliques(sub):
            members = tuple(sorted(edge_index[(a, b)] for a in side_s for b in side_t))
            extreme = (tuple(xs[a] for a in side_s), tuple(ys[b] for b in side_t))
            subsets.append(NashSubset(extreme, members))
        comps.append(Component(tuple(subsets), tuple(sorted(group))))
    return comps
