"""Batched subgame perfection: a tree with imperfect information at many points at once.

The decomposition of :mod:`~gametheory.solvers.subgames` with a batch axis. The tree is
cut into its pieces once (:func:`~gametheory.solvers.subgames.subgame_pieces`); working
upwards, every piece is solved at all points together, its proper subgames replaced by
terminal nodes carrying their continuation values point by point:

- a piece with perfect information by batched backward induction
  (:func:`~gametheory.solvers.batched_backward.tree_batch`);
- a piece in which at most two players move by batched support enumeration
  (:func:`~gametheory.solvers.batched_support.bimatrix_batch`) on its reduced normal
  form, whose payoffs are built for every point by one matrix product (the profiles
  consistent with each terminal times the chance probability of reaching it);
- a piece in which three or more players move by a batched search for pure equilibria.

A normal-form equilibrium becomes behaviour by Kuhn's theorem, as
:meth:`~gametheory.ExtensiveFormGame.mixed_to_behavior` does. Wherever a piece has
anything but exactly one equilibrium that is clear of the tolerances (a tie, a degenerate
normal form, several or no pure equilibria), the continuation is a set, and the point is
handed to the per-point solver (``gt.solve(game, method="spe")``), as the other engines do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np

from .batch import BatchEngine, BatchEquilibria
from .batched_backward import ENGINE as _TREE_ENGINE
from .batched_backward import rows_of, tree_batch
from .batched_support import bimatrix_batch

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["subgames_batch", "ENGINE"]

#: Payoff differences up to this times the point's largest absolute payoff are ties that
#: send the point to the per-point solver (well above the solvers' own 1e-9 tolerances).
TIE = 1e-8


@dataclass
class _Piece:
    """One piece, prepared once: its own tree and how its nodes map to the game's."""

    root: int
    kind: str                    # "tree", "pair" or "pure"
    arrays: Any                  # the piece's TreeArrays (kind "tree")
    nodes: np.ndarray            # piece node -> game node
    leaf_from: list              # per piece terminal: ("t", column) or ("v", piece root)
    cols: np.ndarray             # piece behaviour column -> game behaviour column
    reach_path: list             # per piece terminal: piece nodes on its path (root excl.)
    indicator: np.ndarray | None  # (terminals, cells): profiles reaching each terminal
    shape: tuple = ()
    pair: list | None = None
    kuhn: list | None = None     # per player: [(game columns, (s, k) action table)]


def _piece_nodes(game: Any, v: int, stops: set) -> np.ndarray:
    """Game node of every node of ``subtree_game(game, v, stops)``, by the piece's ids
    (the order in which subtree_game creates them)."""
    kids = [game.children(u) for u in range(game.num_nodes)]
    nodes, stack, nxt = [v], [(v, 0)], 1
    out = {}
    while stack:
        u, nid = stack.pop()
        out[nid] = u
        if u in stops or not kids[u]:
            continue
        ids = list(range(nxt, nxt + len(kids[u])))
        nxt += len(kids[u])
        stack.extend(zip(kids[u], ids, strict=True))
    nodes = np.array([out[i] for i in range(nxt)], dtype=np.int64)
    return nodes


def _offsets(arrays: Any) -> np.ndarray:
    return np.cumsum([0] + [len(x) for x in arrays.infoset_actions])


def _prepare(game: ExtensiveFormGame, numeric: Any) -> list[_Piece]:
    """The pieces of ``numeric`` (the game at one point: same structure) bottom-up."""
    from ..games._subtree import subtree_game
    from ..games._tree_reduce import reduced_strategies
    from .subgames import piece_pair, subgame_pieces

    a = numeric.arrays
    keep, below = subgame_pieces(numeric)
    labels = {lab: h for h, lab in enumerate(a.infoset_labels)}
    off = _offsets(a)
    tcol = {int(t): k for k, t in enumerate(a.terminals)}
    out = []
    for v in reversed(keep):
        stops = set(below[v])
        piece = subtree_game(numeric, v, {u: [0.0] * numeric.num_players for u in stops})
        pa = piece.arrays
        nodes = _piece_nodes(numeric, v, stops)
        if len(nodes) != len(pa.parent) or not np.array_equal(
                a.parent[nodes[1:]], nodes[pa.parent[1:]]):
            raise AssertionError("piece nodes out of step with subtree_game")
        leaf_from = [("v", int(nodes[t])) if int(nodes[t]) in stops
                     else ("t", tcol[int(nodes[t])]) for t in pa.terminals]
        poff = _offsets(pa)
        cols = np.concatenate([np.arange(off[labels[lab]], off[labels[lab] + 1])
                               for lab in pa.infoset_labels] or [np.zeros(0, np.int64)])
        paths = []
        for t in pa.terminals.tolist():
            path = []
            while t > 0:
                path.append(t)
                t = int(pa.parent[t])
            paths.append(path)
        if piece.has_perfect_information:
            out.append(_Piece(v, "tree", pa, nodes, leaf_from, cols.astype(np.int64), paths,
                              None))
            continue
        kids = [piece.children(u) for u in range(len(pa.parent))]
        N = piece.num_players
        S = [reduced_strategies(pa, kids, p) for p in range(N)]
        shape = tuple(max(len(s), 1) for s in S)
        ind = np.zeros((len(pa.terminals),) + shape)
        for k, t in enumerate(pa.terminals.tolist()):
            ok = []
            u = t
            need: list[list[tuple[int, int]]] = [[] for _ in range(N)]
            while pa.parent[u] >= 0:
                w = int(pa.parent[u])
                if pa.player[w] >= 0:
                    need[int(pa.player[w])].append((int(pa.infoset[w]), int(pa.action[u])))
                u = w
            for p in range(N):
                if not len(S[p]):
                    ok.append(np.ones(1, dtype=bool))
                    continue
                sel = np.ones(len(S[p]), dtype=bool)
                for h, act in need[p]:
                    sel &= S[p][:, h] == act
                ok.append(sel)
            ind[(k,) + np.ix_(*ok)] = 1.0
        kuhn = []
        for p in range(N):
            own = []
            for h in np.flatnonzero(pa.infoset_player == p).tolist():
                k = int(poff[h + 1] - poff[h])
                table = np.zeros((shape[p], k))
                if len(S[p]):
                    reach = S[p][:, h] >= 0
                    table[np.flatnonzero(reach), S[p][reach, h]] = 1.0
                own.append((cols[poff[h]:poff[h + 1]], table))
            kuhn.append(own)
        nf = piece.to_normal_form()
        pair = piece_pair(nf)
        out.append(_Piece(v, "pair" if pair is not None else "pure", pa, nodes, leaf_from,
                          cols.astype(np.int64), paths, ind.reshape(len(pa.terminals), -1),
                          shape, pair, kuhn))
    return out


def _leaf_values(piece: _Piece, payoffs: np.ndarray, values: dict) -> np.ndarray:
    """(B, piece terminals, N): the game's terminal payoffs or the continuation values."""
    return np.stack([payoffs[:, i] if kind == "t" else values[i]
                     for kind, i in piece.leaf_from], axis=1)


def _behaviour(piece: _Piece, mixed: list[np.ndarray], rows: np.ndarray,
               behav: np.ndarray) -> None:
    """Kuhn's theorem: write the behaviour of ``mixed`` (one (B, s_p) array per player)
    into ``behav[rows]`` (an information set its owner never reaches: first action)."""
    for p, own in enumerate(piece.kuhn):
        for cols, table in own:
            w = mixed[p] @ table                                   # (B, k)
            tot = w.sum(axis=1, keepdims=True)
            first = np.zeros_like(w)
            first[:, 0] = 1.0
            with np.errstate(invalid="ignore", divide="ignore"):
                behav[np.ix_(rows, cols)] = np.where(tot > 0, w / tot, first)


def _normal_form(piece: _Piece, leaf: np.ndarray, chance: np.ndarray) -> np.ndarray:
    """(B, N, cells) reduced-normal-form payoffs of the piece at every point."""
    B = len(leaf)
    reach = np.ones((B, len(piece.nodes)))
    prob = chance[:, piece.nodes]
    for u in range(1, len(piece.nodes)):          # ids grow downwards
        reach[:, u] = reach[:, int(piece.arrays.parent[u])] * prob[:, u]
    term = reach[:, piece.arrays.terminals]                        # (B, T)
    cu = leaf * term[:, :, None]                                   # (B, T, N)
    return np.einsum("btn,tc->bnc", cu, piece.indicator)


def _solve_pair(piece: _Piece, U: np.ndarray, tie: float, behav: np.ndarray,
                bad: np.ndarray) -> np.ndarray:
    """Batched support enumeration on the pair's game; continuation values (B, N)."""
    B, N = U.shape[:2]
    pair = piece.pair
    full = U.reshape((B, N) + piece.shape)
    m, n = piece.shape[pair[0]], piece.shape[pair[1]]
    P = full[:, pair].reshape(B, 2, m, n)
    asked: list[int] = []

    def mark(idx: np.ndarray) -> list:
        asked.extend(int(i) for i in idx)
        return [SimpleNamespace(complete=False, equilibria=[]) for _ in idx]

    res = bimatrix_batch(P, tie, mark)
    one = (res.counts == 1) & res.complete
    bad |= ~one
    rows = np.full(B, -1, dtype=np.int64)
    rows[res.point[one[res.point]]] = np.flatnonzero(one[res.point])
    ok = np.flatnonzero(one)
    x = np.zeros((B, m))
    y = np.zeros((B, n))
    x[ok] = res.profile[rows[ok], :m]
    y[ok] = res.profile[rows[ok], m:]
    mixed = [np.ones((B, 1)) for _ in range(N)]
    mixed[pair[0]], mixed[pair[1]] = x, y
    _behaviour(piece, mixed, np.arange(B), behav)
    return _pair_values(full, pair, x, y)


def _pair_values(full: np.ndarray, pair: list, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """All players' expected payoffs (B, N) when ``pair`` mixes x, y (the others have one
    strategy)."""
    B, N = full.shape[:2]
    moved = np.moveaxis(full, [2 + pair[0], 2 + pair[1]], [-2, -1])
    M = moved.reshape(B, N, x.shape[1], y.shape[1])
    return np.einsum("bi,bnij,bj->bn", x, M, y)


def _solve_pure(piece: _Piece, U: np.ndarray, tie: np.ndarray, behav: np.ndarray,
                bad: np.ndarray) -> np.ndarray:
    """The pure equilibrium where it is unique and clear: every profile's largest regret
    is either at most the rounding of the payoffs (an equilibrium for any tolerance) or
    above ``tie`` (for none); continuation values (B, N)."""
    B, N = U.shape[:2]
    full = U.reshape((B, N) + piece.shape)
    err = 5e-14 * np.abs(U).reshape(B, -1).max(axis=1)
    regret = np.zeros((B,) + piece.shape)
    for i in range(N):
        Ui = full[:, i]
        regret = np.maximum(regret, Ui.max(axis=1 + i, keepdims=True) - Ui)
    regret = regret.reshape(B, -1)
    ne = regret <= err[:, None]
    bad |= (ne.sum(axis=1) != 1) | ((~ne) & (regret <= tie[:, None])).any(axis=1)
    cell = ne.argmax(axis=1)
    idx = np.unravel_index(cell, piece.shape)
    mixed = []
    for p in range(N):
        x = np.zeros((B, piece.shape[p]))
        x[np.arange(B), idx[p]] = 1.0
        mixed.append(x)
    _behaviour(piece, mixed, np.arange(B), behav)
    return U[np.arange(B), :, cell]


def subgames_batch(game: ExtensiveFormGame, payoffs: np.ndarray, chance: np.ndarray,
                   tol: float | None = None,
                   fallback: Callable[[np.ndarray], list] | None = None,
                   numeric: Any = None) -> BatchEquilibria:
    """Subgame-perfect equilibria of a tree with imperfect information at B points.

    Parameters
    ----------
    game : ExtensiveFormGame
        The (parametric) tree; perfect recall needed, chance allowed.
    payoffs : ndarray, shape (B, num_terminals, N)
        Terminal payoffs at each point (``game.evaluator()`` gives them).
    chance : ndarray, shape (B, num_nodes)
        Chance probability into each node at each point (1 below decision nodes).
    tol : float, optional
        The per-point solver's ``tol``; payoff differences up to it (and up to ``1e-8``
        times the point's largest absolute payoff) send the point to ``fallback``.
    fallback : callable, optional
        ``fallback(indices) -> list[Solution]`` solves the points where some piece has a
        tie, a degenerate normal form or not exactly one equilibrium; their equilibria
        replace the batch's. Without it such points have no equilibria and
        ``complete`` False.
    numeric : ExtensiveFormGame, optional
        The game at one point (the same structure with numbers), used to cut the tree;
        default ``game``.

    Returns
    -------
    BatchEquilibria
        ``profile`` rows are behaviour probabilities (information sets in order, actions
        in order), ``payoffs`` the expected payoffs; ``complete`` is False where a piece
        in which three or more players move was searched for pure equilibria only (as
        ``gt.solve(method="spe")`` says).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Kuhn, H. W. (1953).
    Extensive games and the problem of information. *Contributions to the Theory of Games
    II*, 193-216.

    Examples
    --------
    P1 quits (payoffs 0, 3) or plays matching pennies against P2, worth 2 + q to P1 on
    (H, H) and 2 on (T, T): P2 plays H with probability 2 / (4 + q).

    >>> import numpy as np
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.ExtensiveFormGame(["P1", "P2"])
    >>> quit, play = g.root.decide("P1", ["quit", "play"])
    >>> _ = quit.payoffs(0, 3)
    >>> for i, n in enumerate(play.decide("P1", ["H", "T"])):
    ...     for j, m in enumerate(n.decide("P2", ["H", "T"], infoset="P2 guesses")):
    ...         _ = m.payoffs((2 + q if i == 0 else 2) if i == j else 0, 0 if i == j else 2)
    >>> pay, prob = g.evaluator()({"q": np.array([0.0, 2.0])})
    >>> res = subgames_batch(g, pay, prob, numeric=g.substitute(q=0))
    >>> res.profile.round(3).tolist()
    [[0.0, 1.0, 0.5, 0.5, 0.5, 0.5], [0.0, 1.0, 0.5, 0.5, 0.333, 0.667]]
    >>> res.payoffs.round(3).tolist()
    [[1.0, 1.0], [1.333, 1.0]]
    """
    numeric = game if numeric is None else numeric
    payoffs = np.asarray(payoffs, dtype=np.float64)
    chance = np.asarray(chance, dtype=np.float64)
    B, _, N = payoffs.shape
    scale = np.abs(payoffs).max(axis=(1, 2)) if payoffs.size else np.zeros(B)
    tie = TIE * scale
    if tol is not None:
        tie = np.maximum(tie, float(tol) * (1 + 1e-9) + 1e-12 * scale)
    tie = np.maximum(tie, 1e-300)
    pieces = _prepare(game, numeric)
    K = int(_offsets(numeric.arrays)[-1])
    behav = np.zeros((B, K))
    bad = np.zeros(B, dtype=bool)
    pure = np.zeros(B, dtype=bool)
    values: dict[int, np.ndarray] = {}
    for piece in pieces:
        leaf = _leaf_values(piece, payoffs, values)
        if piece.kind == "tree":
            res = tree_batch(piece.arrays, leaf, chance[:, piece.nodes], tie)
            bad |= ~res.complete
            behav[:, piece.cols] = res.profile
            values[piece.root] = res.payoffs
            continue
        U = _normal_form(piece, leaf, chance)
        if piece.kind == "pair":
            rel = TIE if tol is None else max(TIE, 10 * float(tol))
            values[piece.root] = _solve_pair(piece, U, rel, behav, bad)
        else:
            values[piece.root] = _solve_pure(piece, U, tie, behav, bad)
            pure[:] = True
    root = values[0]
    complete = ~pure
    good = np.flatnonzero(~bad)
    if fallback is None:
        complete[bad] = False
        return BatchEquilibria(B, good, behav[good], root[good], complete)
    tied = np.flatnonzero(bad)
    if not len(tied):
        return BatchEquilibria(B, good, behav[good], root[good], complete)
    solutions = fallback(tied)
    pts, prof, pay, comp = rows_of(numeric.arrays, _offsets(numeric.arrays), solutions, tied)
    complete[tied] = comp
    point = np.concatenate([good, np.array(pts, dtype=np.int64)])
    rows = np.concatenate([behav[good], np.array(prof).reshape(-1, K)])
    pays = np.concatenate([root[good], np.array(pay).reshape(-1, N)])
    idx = np.argsort(point, kind="stable")
    return BatchEquilibria(B, point[idx], rows[idx], pays[idx], complete)


def _imperfect(game: Game) -> bool:
    return (game.is_tree and game.num_players >= 2 and not game.has_perfect_information
            and game.has_perfect_recall)


def _accepts(game: Game) -> bool:
    """What ``method="auto"`` solves by "spe": perfect information, or three or more
    players with perfect recall (two-player trees go to their reduced normal form)."""
    return _TREE_ENGINE.accepts(game) or (_imperfect(game) and game.num_players != 2)


def _named(game: Game) -> bool:
    """What a sweep with ``method="spe"`` may batch: any tree "spe" solves."""
    return _TREE_ENGINE.accepts(game) or _imperfect(game)


def _run(game: ExtensiveFormGame, evaluated: tuple, tol: float | None,
         solve_point: Callable[..., Any], game_at: Callable[[int], Any]) -> BatchEquilibria:
    """The sweep engine: perfect information by batched backward induction, otherwise
    :func:`subgames_batch`; unsettled points are solved by ``solve_point``."""
    if game.has_perfect_information:
        return _TREE_ENGINE.run(game, evaluated, tol, solve_point, game_at)
    payoffs, chance = evaluated
    opts = {} if tol is None else {"tol": tol}

    def fallback(indices: np.ndarray) -> list:
        return [solve_point(game_at(i), **opts) for i in np.asarray(indices, dtype=np.intp)]

    numeric = game_at(0) if len(payoffs) else game
    return subgames_batch(game, payoffs, chance, tol, fallback, numeric)


#: The sweep engine of "spe": every tree it solves, perfect information or not.
ENGINE = BatchEngine("spe", _accepts, _run, named=_named)
