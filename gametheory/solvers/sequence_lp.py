"""Two-player zero-sum game trees by the sequence-form linear program.

With realisation plans x of player 1 (``E x = e, x >= 0``) and y of player 2
(``F y = f, y >= 0``) and player 1's sequence-form payoff matrix A, the value of the game
and an optimal plan x of player 1 solve

    maximise f^T q   subject to   F^T q - A^T x <= 0,   E x = e,   x >= 0,

whose dual is player 2's program ``minimise e^T p s.t. E^T p - A y >= 0, F y = f,
y >= 0``; the optimal y is read from the duals of the first program (and the second
program is solved only if those fail verification). The programs have size linear in the
tree, unlike the reduced normal form. They are solved with HiGHS on sparse matrices;
``exact=True`` rebuilds both plans in rationals from the equations that are tight at the
float optimum and verifies them exactly.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..games.values import to_float_array, to_fraction_array, unit_float_array
from ._highs import solve_highs
from ._tree_checks import check_two_player_tree
from .result import Solution, build_tree_solution, payoff_tolerance

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["solve_sequence_lp", "sum_mismatch"]

#: Tolerance on the LP output (plans in [0, 1], payoffs scaled to [-1, 1]).
_EPS = 1e-9
_LP_TOL = 1e-10   # HiGHS's primal and dual feasibility tolerances


def solve_sequence_lp(game: ExtensiveFormGame, exact: bool = False, tol: float | None = None,
                      **options: Any) -> Solution:
    """Optimal behaviour strategies and the value of a two-player zero-sum game tree.

    Constant-sum trees (payoffs summing to the same c at every terminal) are solved as
    the zero-sum tree with player 1's payoffs.

    Parameters
    ----------
    game : ExtensiveFormGame
        A two-player zero-sum or constant-sum tree with perfect recall and numeric
        payoffs and chance probabilities.
    exact : bool
        Rebuild the optimal realisation plans in rational arithmetic from the equations
        that are tight at the float optimum, verify them exactly and return Fractions
        (value included). Float entries are read as the decimals they print as.
    tol : float, optional
        Regret tolerance for float results (default
        :func:`~gametheory.solvers.result.payoff_tolerance`: 1e-9 times the largest
        payoff range, plus rounding); also the tolerance of the constant-sum test for
        float payoffs.

    Returns
    -------
    Solution
        One equilibrium (a pair of optimal behaviour strategies, in ``behavior``) and
        ``value``, player 1's payoff at every equilibrium. ``complete`` is False:
        other optimal strategies may exist (uniqueness is not checked). At information
        sets that a player's own optimal plan never reaches, the first action is given
        probability 1 (any choice there is optimal).

    Raises
    ------
    GameError
        If the game is not a tree, not two-player, not zero- or constant-sum, lacks
        perfect recall, or has symbolic payoffs or probabilities.
    SolverError
        If HiGHS fails, or the solution (or its exact reconstruction) fails verification.

    References
    ----------
    Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient computation of equilibria
    for extensive two-person games. *Games and Economic Behavior* 14, 247-259.
    von Stengel, B. (1996). Efficient computation of behavior strategies. *Games and
    Economic Behavior* 14, 220-246.

    Examples
    --------
    Kuhn poker is worth -1/18 to the first player (Kuhn 1950).

    >>> from gametheory.models.poker import kuhn_poker
    >>> sol = solve_sequence_lp(kuhn_poker(), exact=True)
    >>> sol.value, sol.equilibria[0].payoffs
    (Fraction(-1, 18), (Fraction(-1, 18), Fraction(1, 18)))
    >>> sol.equilibria[0].behavior["Bob J after bet"]
    {'fold': Fraction(1, 1), 'call': Fraction(0, 1)}
    >>> round(solve_sequence_lp(kuhn_poker()).value, 9)
    -0.055555556
    """
    if options:
        raise SolverError(f"sequence-lp does not take the option(s) "
                          f"{', '.join(sorted(options))}")
    sf, W, constant = _check(game, tol, exact)
    w, w_exact = _unit_weights(W[:, 0], exact)
    x, q, y, p = _solve_lp(sf, w)
    if exact:
        x, y = _exact_plans(sf, w_exact, x, q, y, p)
        beh = sf.behavior(game, (x, y))
    else:
        if tol is None:
            tol = payoff_tolerance(game.arrays.payoffs, player_axis=1)
        beh = sf.behavior(game, (x, y))
        x, y = sf.realization_plan(game, beh)
        if _regret(sf, W[:, 0], x, y) > tol:
            y = _solve_lp(sf, w, me=1)[0]                # player 2's own program
            beh = sf.behavior(game, (x, y))
            x, y = sf.realization_plan(game, beh)
            if _regret(sf, W[:, 0], x, y) > tol:
                raise SolverError("the sequence-form LP solution failed verification as "
                                  "an equilibrium (regret above tol); the tree may be "
                                  "badly scaled; try exact=True")
    convert = Fraction if exact else float
    payoffs = (convert(_payoff(sf, W[:, 0], x, y)), convert(_payoff(sf, W[:, 1], x, y)))
    notes = ["other optimal strategies may exist: uniqueness is not checked"]
    if constant:
        notes.append("constant-sum game: solved as the zero-sum game with player 1's "
                     "payoffs")
    sol = build_tree_solution(game, [beh], "sequence-lp", complete=False, exact=exact,
                              notes=notes, payoffs=[payoffs])
    return dataclasses.replace(sol, value=payoffs[0])


def _check(game: Game, tol: float | None, exact: bool):
    """Validate the game; return its sequence form, the terminal weights (T, 2) (exact
    when ``exact``) and whether the game is constant-sum but not zero-sum."""
    arrays = check_two_player_tree(game, "sequence-lp", "use method='lp' for a matrix game",
                                   kind="zero-sum ")
    k, slack = sum_mismatch(arrays, tol)
    total = arrays.payoffs[:, 0] + arrays.payoffs[:, 1]
    if k is not None:
        node = int(arrays.terminals[k])
        raise GameError(f"sequence-lp needs a zero-sum or constant-sum tree, but the payoffs "
                        f"sum to {total[0]} at terminal node {int(arrays.terminals[0])} and "
                        f"to {total[k]} at terminal node {node}")
    constant = bool(len(total)) and abs(total[0]) > slack
    sf = game.sequence_form()
    W = sf.weights
    if not exact:
        W = to_float_array(W)          # a GameError beyond the float range
    elif W.dtype.kind not in "iu":
        W = to_fraction_array(W)
    return sf, W, constant


def sum_mismatch(arrays: Any, tol: float | None = None) -> tuple[int | None, Any]:
    """The first terminal of a two-player tree (compiled ``arrays``) whose payoffs do
    not sum to the first terminal's total, or None when the tree is constant-sum; and
    the slack used: 0 for exact payoffs, else ``tol`` (default
    :func:`~gametheory.solvers.result.payoff_tolerance`, which scales with the payoffs).

    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(["A", "B"])
    >>> left, right = t.root.decide("A", ["L", "R"])
    >>> _ = left.payoffs(3e-12, -3e-12), right.payoffs(1e-12, 0)
    >>> sum_mismatch(t.arrays)[0]      # 1e-12 apart: not constant-sum in these units
    1
    """
    pay = arrays.payoffs
    total = pay[:, 0] + pay[:, 1]
    if arrays.kind == "float":
        slack = payoff_tolerance(pay, player_axis=1) if tol is None else tol
        bad = np.flatnonzero(np.abs(total - total[0]) > slack) if len(total) else []
    else:
        slack = 0.0
        bad = [k for k, t in enumerate(total) if t != total[0]]
    return (int(bad[0]) if len(bad) else None), slack


def _unit_weights(w: np.ndarray, exact: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """Player 1's terminal weights divided by their largest magnitude (1 for a game of
    zeros): as floats for the LP and, when ``exact``, as Fractions for the exact
    reconstruction (so huge or tiny payoffs give the same programs; plans do not change
    when all payoffs are scaled)."""
    if not exact:
        return unit_float_array(w)[0], None
    w_exact = to_fraction_array(w)
    floats, top = unit_float_array(w_exact)
    return floats, w_exact / top


def _solve_lp(sf, w: np.ndarray, me: int = 0):
    """Player ``me``'s maximin plan x and the vector q of its program, for player 1's
    terminal weights ``w`` (player 2 maximises ``-w``); the opponent's plan y and the
    vector p of the opponent's program (for player 1, ``p[0]`` is minus the value)."""
    other = 1 - me
    ts = sf.terminal_sequences
    n1, n2 = sf.sizes[me], sf.sizes[other]
    e_rows, e_cols, e_vals = _constraint_entries(sf, me)
    f_rows, f_cols, f_vals = _constraint_entries(sf, other)
    m1, m2 = len(sf.first[me]) + 1, len(sf.first[other]) + 1   # rows of E and F
    # rows: F^T q - A^T x <= 0 (one per opponent sequence), then E x = e; columns: x, q
    rows = np.concatenate([ts[:, other], f_cols, n2 + e_rows])
    cols = np.concatenate([ts[:, me], n1 + f_rows, e_cols])
    vals = np.concatenate([w if me else -w, f_vals, e_vals])
    c = np.zeros(n1 + m2)
    c[n1] = -1.0
    b = np.zeros(n2 + m1)
    b[n2] = 1.0
    lower = np.concatenate([np.zeros(n1), np.full(m2, -np.inf)])
    z, duals = solve_highs(c, (rows, cols, vals), n2, b, lower, np.full(n1 + m2, np.inf), _LP_TOL,
                           "the sequence form")
    x = np.clip(z[:n1], 0.0, None)
    y = np.clip(-duals[:n2], 0.0, None)
    return x, z[n1:], y, duals[n2:]


def _constraint_entries(sf, p: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nonzero entries ``(rows, columns, values)`` of player p's constraint matrix E
    (:meth:`~gametheory.games.sequence_form.SequenceForm.constraints`): row 0 is
    ``x[0] = 1``, row ``j + 1`` is ``sum_a x[h_j, a] - x[parent(h_j)] = 0``."""
    first, parent = sf.first[p], sf.parent[p]
    seqs = np.arange(1, sf.sizes[p])            # every sequence but the empty one ...
    owner = np.searchsorted(first, seqs, side="right")   # ... lies at infoset owner - 1
    H = len(first)
    return (np.concatenate([[0], np.arange(1, H + 1), owner]),
            np.concatenate([[0], parent, seqs]),
            np.concatenate([[1.0], np.full(H, -1.0), np.ones(len(seqs))]))


# ------------------------------------------------------------------ payoffs and regret
def _payoff(sf, w, x, y):
    """``x A y`` for terminal weights w (one player's column)."""
    ts = sf.terminal_sequences
    return np.dot(w, np.asarray(x)[ts[:, 0]] * np.asarray(y)[ts[:, 1]])


def _against(sf, w, plan, p: int) -> np.ndarray:
    """Per sequence of player p: the payoff (weights w) against the other's plan."""
    ts = sf.terminal_sequences
    contrib = w * np.asarray(plan)[ts[:, 1 - p]]
    out = np.zeros(sf.sizes[p], dtype=contrib.dtype)
    if out.dtype == object:
        out[:] = 0
    np.add.at(out, ts[:, p], contrib)
    return out


def _best_response(sf, p: int, g: np.ndarray) -> Any:
    """``max over plans z of player p of z . g``, by dynamic programming over the
    information sets from the deepest (von Stengel 1996, sec. 4)."""
    first, parent = sf.first[p], sf.parent[p]
    owner = np.searchsorted(first, parent, side="right") - 1   # infoset of each parent
    depth = [-1] * len(first)
    for j in range(len(first)):
        chain = [j]
        while parent[chain[-1]] != 0 and depth[chain[-1]] < 0:
            chain.append(int(owner[chain[-1]]))
        d = depth[chain[-1]] if depth[chain[-1]] >= 0 else 0
        for k in reversed(chain):
            if depth[k] < 0:
                depth[k] = d
            d = depth[k] + 1
    val = list(g)
    for j in sorted(range(len(first)), key=lambda k: -depth[k]):
        f = int(first[j])
        end = int(first[j + 1]) if j + 1 < len(first) else len(val)
        val[int(parent[j])] += max(val[f:end])
    return val[0]


def _regret(sf, w, x, y) -> Any:
    """Maximal gain of either player from deviating (w: player 1's terminal weights)."""
    u = _payoff(sf, w, x, y)
    best1 = _best_response(sf, 0, _against(sf, w, y, 0))
    best2 = -_best_response(sf, 1, -_against(sf, w, x, 1))
    return max(best1 - u, u - best2)


# ------------------------------------------------------------------ exact reconstruction
def _exact_plans(sf, w, x, q, y, p):
    """Exact optimal plans from the float optimum (x, q; y, p) of the program with
    player 1's terminal weights ``w`` (Fractions, largest magnitude 1), verified: each
    is a best response to the other (zero regret in rationals)."""
    for by_slack in (True, False):     # all near-tight constraints, else the support's
        x_ex, _ = _tight_system(sf, w, 0, x, q, y, by_slack)
        y_ex, _ = _tight_system(sf, -w, 1, y, p, x, by_slack)
        if x_ex is not None and y_ex is not None and _regret(sf, w, x_ex, y_ex) == 0:
            return x_ex, y_ex
    raise SolverError("the exact reconstruction of the sequence-form LP solution "
                      "failed (the float optimum is not accurate enough to identify "
                      "its tight constraints); the tree may be badly scaled")


def _tight_system(sf, w, me: int, x, q, y, by_slack: bool = True):
    """Player ``me``'s plan and duals solving ``E x = e``, ``x_s = 0`` off the support and
    ``(F^T q - A^T x)_t = 0`` where y_t > 0 (complementary slackness) and, ``by_slack``,
    where the float optimum is tight; free unknowns keep their float values (as nearby
    fractions). Returns ``(plan, duals)`` or ``(None, None)``."""
    other = 1 - me
    n, m = sf.sizes[me], len(sf.infosets[other]) + 1
    ts = sf.terminal_sequences
    cols: dict[int, dict[int, Any]] = defaultdict(dict)   # A^T: opponent seq -> {mine: a}
    for s, t, v in zip(ts[:, me].tolist(), ts[:, other].tolist(), w.tolist()):
        if v != 0:
            cols[t][s] = cols[t].get(s, 0) + v
    rows: list[dict[int, Any]] = [{0: Fraction(1)}]
    rhs: list[Fraction] = [Fraction(1)]
    for j in range(len(sf.infosets[me])):
        f, end = _seq_range(sf, me, j)
        rows.append({int(sf.parent[me][j]): Fraction(-1), **{s: Fraction(1)
                                                             for s in range(f, end)}})
        rhs.append(Fraction(0))
    rows += [{s: Fraction(1)} for s in np.flatnonzero(x <= _EPS).tolist()]
    rhs += [Fraction(0)] * (len(rows) - len(rhs))
    F_cols: dict[int, dict[int, int]] = defaultdict(dict)   # F^T: opponent seq -> {row: f}
    F_cols[0][n] = 1
    for j in range(len(sf.infosets[other])):
        f, end = _seq_range(sf, other, j)
        F_cols[int(sf.parent[other][j])][n + j + 1] = -1
        for t in range(f, end):
            F_cols[t][n + j + 1] = 1
    tight = np.asarray(y) > _EPS
    if by_slack:                   # (w has largest magnitude 1: _EPS is relative)
        tight |= _float_slack(sf, other, x, q, cols, F_cols, n) <= _EPS
    for t in np.flatnonzero(tight).tolist():
        row = {k: Fraction(v) for k, v in F_cols[t].items()}
        for s, a in cols[t].items():
            row[s] = row.get(s, 0) - a
        rows.append({k: v for k, v in row.items() if v != 0})
        rhs.append(Fraction(0))
    guess = [Fraction(float(v)).limit_denominator(10**6) for v in np.concatenate([x, q])]
    z = _rational_solve_sparse(rows, rhs, n + m, guess)
    if z is None:
        return None, None
    plan = np.empty(n, dtype=object)
    plan[:] = z[:n]
    return (plan, z[n:]) if all(v >= 0 for v in plan) else (None, None)


def _seq_range(sf, p: int, j: int) -> tuple[int, int]:
    f = int(sf.first[p][j])
    end = int(sf.first[p][j + 1]) if j + 1 < len(sf.first[p]) else sf.sizes[p]
    return f, end


def _float_slack(sf, other: int, x, q, cols, F_cols, n: int) -> np.ndarray:
    """``(A^T x - F^T q)_t`` in floats, per sequence t of player ``other``."""
    out = np.zeros(sf.sizes[other])
    for t in range(sf.sizes[other]):
        out[t] = sum(float(a) * x[s] for s, a in cols[t].items()) - \
            sum(f * q[k - n] for k, f in F_cols[t].items())
    return out


def _rational_solve_sparse(rows, rhs, n: int, guess) -> list[Fraction] | None:
    """Solve ``rows z = rhs`` exactly (rows as ``{column: coefficient}``) by sparse
    Gauss-Jordan elimination; unknowns the equations leave free take ``guess``.
    Returns None if the equations are inconsistent."""
    rows = [dict(r) for r in rows]
    rhs = list(rhs)
    where: dict[int, set[int]] = defaultdict(set)
    for i, r in enumerate(rows):
        for c in r:
            where[c].add(i)
    pivot: dict[int, int] = {}
    used: set[int] = set()
    for c in range(n):
        cands = [i for i in where[c] if i not in used]
        if not cands:
            continue
        i = min(cands, key=lambda k: (len(rows[k]), k))
        used.add(i)
        pivot[c] = i
        piv = rows[i][c]
        if piv != 1:
            rows[i] = {k: v / piv for k, v in rows[i].items()}
            rhs[i] /= piv
        for k in list(where[c]):
            if k == i:
                continue
            f = rows[k][c]
            for cc, v in rows[i].items():
                new = rows[k].get(cc, 0) - f * v
                if new:
                    rows[k][cc] = new
                    where[cc].add(k)
                else:
                    rows[k].pop(cc, None)
                    where[cc].discard(k)
            rhs[k] -= f * rhs[i]
    if any(rhs[i] != 0 for i in range(len(rows)) if i not in used):
        return None
    z = [Fraction(g) for g in guess]
    for c, i in pivot.items():
        z[c] = rhs[i] - sum((v * z[cc] for cc, v in rows[i].items() if cc != c), Fraction(0))
    return z
