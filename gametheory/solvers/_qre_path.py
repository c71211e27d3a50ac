"""The logit QRE system in log-probability coordinates and its predictor-corrector tracer.

A game is flattened to *agents* (a normal-form player, or an information set of a tree in
agent form) with actions numbered ``0 .. E-1``, and *terminals* (a cell of the payoff
array, or a terminal node) each reached by a path of agent actions with a chance weight.
For an action ``e`` of agent ``h`` (owned by player i) and a terminal ``z`` below it, the
coefficient ``c(z, e)`` is the chance weight times the probabilities of every action on
z's path except player i's own actions at or above h. Then ``W(e) = sum_z c u_i(z)`` and
``W1(e) = sum_z c`` give the conditional action value ``V(e) = W(e) / W1(e)`` (the value
of e at h under Bayes beliefs; for normal forms W1 = 1). The logit equations are, per
agent with actions ``a0, a1, ...``::

    sum_a exp(x_a) - 1 = 0,      x_a - x_a0 - lam (V_a - V_a0) = 0   (a != a0)

with ``x = log p``. In log coordinates each ``c`` is ``exp`` of a sum of ``x``'s, so
``dc / dx_f = c`` for every action f counted in it and the Jacobian is one scatter.

References
----------
McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form
games. *Games and Economic Behavior* 10, 6-38. McKelvey, R. D. & Palfrey, T. R. (1998).
Quantal response equilibria for extensive form games. *Experimental Economics* 1, 9-41.
Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal response
equilibrium correspondence. *Games and Economic Behavior* 51, 243-263. Allgower, E. L. &
Georg, K. (1990). *Numerical Continuation Methods*, ch. 2-3 (predictor-corrector,
step-size control, bifurcation detection by the orientation determinant).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..games.values import to_float_array
from ._compiled import kernel

__all__ = ["System", "normal_system", "tree_system", "trace", "solve_at", "polish",
           "candidates"]

_TINY = 1e-100   # relative weights below this are dropped: harmless, and LU stays fast
_LOG_TINY = float(np.log(_TINY))
# A step over which det [J; t] changes sign is retried at half the length until it is
# _FLIP_SHRINK times shorter than the first such step: generic games' branches have no
# bifurcations, and a flip over a long step is then usually a jump to a nearby part of
# the curve (over close turning points); a flip that persists over a step that short is
# taken for a bifurcation (as at the pitchfork of a symmetric game) and crossed. The
# shortened length is forgotten after _FLIP_MEMORY steps without a flip.
_FLIP_SHRINK = 16.0
_FLIP_MEMORY = 25


@dataclass(frozen=True)
class System:
    """The flattened game (see the module docstring)."""

    E: int                    # number of actions over all agents
    offsets: np.ndarray       # (H + 1,) first action of each agent
    agent_of: np.ndarray      # (E,) agent of each action
    pair_e: np.ndarray        # (P,) the action e of each (terminal, action) pair
    pair_u: np.ndarray        # (P,) the owner's payoff at the pair's terminal
    pair_logw: np.ndarray     # (P,) log chance weight of the pair's terminal
    q_pair: np.ndarray        # (Q,) pair of each counted action
    q_act: np.ndarray         # (Q,) the counted action
    scale: float              # payoff range (max - min) in units, at least tiny
    order: np.ndarray         # (P,) pairs sorted by their action
    starts: np.ndarray        # first position in ``order`` of each action with pairs
    has: np.ndarray           # the actions with pairs, one per entry of ``starts``
    unit: float = 1.0         # the game's payoffs are ``unit`` times ``pair_u``
    product: bool = False     # every pair of an action counts one action of each of the
    #                           same agents with chance weight 1 (a normal form)

    @property
    def H(self) -> int:
        return len(self.offsets) - 1

    @cached_property
    def first(self) -> np.ndarray:
        """(E,) the first action a0 of each action's agent."""
        return self.offsets[:-1][self.agent_of]

    @cached_property
    def flat_pairs(self) -> np.ndarray:
        """(Q,) the flat index ``e * E + f`` in dV/dx of each counted action f."""
        return self.pair_e[self.q_pair] * self.E + self.q_act

    @cached_property
    def frame(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The parts of H's x-Jacobian that do not depend on (x, lam): ``D`` (E, E),
        the derivative of ``x_a - x_a0`` on rows a != a0 (zero on the agents' first
        rows), ``keep`` (E, 1), 0 on the first rows and 1 elsewhere, and ``S`` (E, E),
        1 where a first row sums its agent's probabilities."""
        E, heads, rows = self.E, self.offsets[:-1], np.arange(self.E)
        D = np.eye(E)
        D[rows, self.first] -= 1.0
        D[heads] = 0.0
        keep = np.ones((E, 1))
        keep[heads] = 0.0
        S = np.zeros((E, E))
        S[self.first, rows] = 1.0
        return D, keep, S

    @cached_property
    def arrays(self) -> tuple:
        """The arguments that the compiled kernels of :mod:`._qre_numba` take first."""
        return (self.E, self.pair_e, self.pair_u, self.pair_logw, self.q_pair, self.q_act,
                self.product)


def _compiled(name: str):
    """The numba kernel ``name`` of :mod:`._qre_numba`, or None (numpy code runs)."""
    return kernel("_qre_numba", name)


def _finish(E, offsets, pairs_e, pairs_u, pairs_w, q_pair, q_act, pay,
            product: bool = False) -> System:
    """The system with payoffs in units of the power of two nearest the payoff range, so
    that lambda times a payoff, the tracer's tolerances and its steps do not depend on
    the units the game is written in (the game's lambda is the system's over unit)."""
    offsets = np.asarray(offsets, dtype=np.int64)
    agent_of = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    with np.errstate(divide="ignore"):
        logw = np.log(np.asarray(pairs_w, dtype=float))
    span = float(np.ptp(pay)) if np.size(pay) else 0.0
    unit = 2.0 ** round(np.log2(span)) if span > 0 else 1.0
    pairs_e = np.asarray(pairs_e, dtype=np.int64)
    order = np.argsort(pairs_e, kind="stable")
    has, starts = np.unique(pairs_e[order], return_index=True)
    return System(E, offsets, agent_of, pairs_e, np.asarray(pairs_u, dtype=float) / unit,
                  logw, np.asarray(q_pair, dtype=np.int64),
                  np.asarray(q_act, dtype=np.int64), max(span / unit, 1e-300), order,
                  starts, has, unit, product)


def normal_system(U: np.ndarray) -> System:
    """The system of a normal form with float payoffs ``U`` of shape (N, n1, ..., nN)."""
    N, shape = U.shape[0], U.shape[1:]
    offsets = np.concatenate([[0], np.cumsum(shape)])
    cells = np.indices(shape).reshape(N, -1).T           # (T, N) strategy of each player
    T = len(cells)
    edges = cells + offsets[:-1]                          # flat action of each player
    flatU = U.reshape(N, -1)
    pair_e = edges.T.ravel()                              # pair k = i * T + t
    pair_u = flatU.ravel()
    others = np.array([[j for j in range(N) if j != i] for i in range(N)], dtype=np.int64)
    q_pair = np.repeat(np.arange(N * T), N - 1)
    q_act = edges[np.repeat(np.tile(np.arange(T), N), N - 1),
                  np.repeat(others, T, axis=0).ravel()]
    return _finish(int(offsets[-1]), offsets, pair_e, pair_u, np.ones(N * T), q_pair, q_act,
                   U, product=True)


def tree_system(a) -> System:
    """The agent-form system of compiled tree arrays ``a`` (perfect recall, numeric)."""
    sizes = [len(x) for x in a.infoset_actions]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    parent, player, infoset, action = (x.tolist() for x in (a.parent, a.player, a.infoset,
                                                             a.action))
    pay = to_float_array(a.payoffs)       # a GameError beyond the float range
    reach = a.chance_reach.astype(np.float64)
    pe, pu, pw, qp, qa = [], [], [], [], []
    for t, z in enumerate(a.terminals.tolist()):
        if reach[t] <= 0:
            continue
        path = []                                  # (action, owner) from the root down
        v = z
        while parent[v] >= 0:
            u = parent[v]
            if player[u] >= 0:
                path.append((int(offsets[infoset[u]] + action[v]), player[u]))
            v = u
        path.reverse()
        for k, (e, i) in enumerate(path):
            pair = len(pe)
            pe.append(e)
            pu.append(pay[t, i])
            pw.append(reach[t])
            for m, (f, j) in enumerate(path):
                if j != i or m > k:
                    qp.append(pair)
                    qa.append(f)
    return _finish(int(offsets[-1]), offsets, pe, pu, pw, qp, qa, pay)


def values(sys: System, x: np.ndarray, jac: bool = True):
    """Conditional action values V (E,) and, with ``jac``, dV/dx (E, E)."""
    compiled = _compiled("values")
    if compiled is not None:
        V, JV = compiled(*sys.arrays, sys.offsets, sys.agent_of,
                         np.ascontiguousarray(x, dtype=float), jac)
        return V, (JV if jac else None)
    P = len(sys.pair_e)
    logc = sys.pair_logw + np.bincount(sys.q_pair, weights=x[sys.q_act], minlength=P)
    top = np.zeros(sys.E)              # scale each action's pairs by their largest
    if P:                              # coefficient: V and dV/dx do not change
        top[sys.has] = np.maximum.reduceat(logc[sys.order], sys.starts)
    with np.errstate(invalid="ignore"):     # an action no pair reaches: NaN, kept
        c = np.exp(logc - top[sys.pair_e])
    c[c < _TINY] = 0.0     # (products of tiny numbers underflow to subnormals in LU,
                           # which slow LAPACK a hundredfold)
    W = np.bincount(sys.pair_e, weights=c * sys.pair_u, minlength=sys.E)
    W1 = np.bincount(sys.pair_e, weights=c, minlength=sys.E)
    W1 = np.where(W1 > 0, W1, 1e-300)
    V = W / W1
    if not jac:
        return V, None
    coef = c * (sys.pair_u - V[sys.pair_e]) / W1[sys.pair_e]
    JV = np.bincount(sys.flat_pairs, weights=coef[sys.q_pair], minlength=sys.E * sys.E)
    return V, JV.reshape(sys.E, sys.E)


def equations(sys: System, x: np.ndarray, lam: float, jac: bool = True):
    """H(x, lam) (E,) and, with ``jac``, its Jacobian (E, E + 1) (last column d/dlam)."""
    compiled = _compiled("equations") if jac else None
    if compiled is not None:
        return compiled(*sys.arrays, sys.offsets, sys.agent_of,
                        np.ascontiguousarray(x, dtype=float), float(lam))
    V, JV = values(sys, x, jac)
    first = sys.first                                   # a0 of each action's agent
    F = x - x[first] - lam * (V - V[first])
    heads = sys.offsets[:-1]
    p = np.exp(np.maximum(x, _LOG_TINY))
    p[x < _LOG_TINY] = 0.0
    F[heads] = np.add.reduceat(p, heads) - 1.0
    if not jac:
        return F, None
    D, keep, S = sys.frame
    J = np.empty((sys.E, sys.E + 1))
    J[:, :-1] = D - lam * keep * (JV - JV[first]) + S * p
    J[:, -1] = -(V - V[first])
    J[heads, -1] = 0.0
    J[np.abs(J) < _TINY] = 0.0
    return F, J


def agent_regret(sys: System, x: np.ndarray) -> float:
    """Largest gain of any agent from its best action over its current mix; NaN when an
    agent's actions are reached by no pair at x (probabilities exactly 0 above it: its
    conditional values are 0/0), so that such a profile passes no finite gate."""
    V, _ = values(sys, x, jac=False)
    p = np.exp(x)
    heads = sys.offsets[:-1]
    return float((np.maximum.reduceat(V, heads) - np.add.reduceat(p * V, heads)).max(
        initial=0.0))


@dataclass
class Branch:
    """Raw output of :func:`trace`."""

    lam: list
    x: list
    turning: list
    bifurcations: list
    end: np.ndarray | None = None        # polished equilibrium log-profile, if any
    end_lam: float | None = None
    at: list | None = None               # (lam, x) at requested lambdas
    reason: str = ""


#: Above this many unknowns the linear algebra is sparse (a tree's Jacobian has a few
#: non-zeros per row; dense LU of 700 x 700 took 0.2 s on the test machine, sparse 6 ms;
#: at 79 x 79 dense LU took 0.04 ms and sparse 0.35 ms).
SPARSE_FROM = 120


def _parity(perm: np.ndarray) -> int:
    """+1 or -1: the sign of a permutation, from its number of cycles."""
    seen = np.zeros(len(perm), dtype=bool)
    cycles = 0
    for k in range(len(perm)):
        if not seen[k]:
            cycles += 1
            while not seen[k]:
                seen[k] = True
                k = perm[k]
    return -1 if (len(perm) - cycles) % 2 else 1


def _solve(A: np.ndarray, rhs: np.ndarray, sign: bool = False):
    """``A^-1 rhs`` (and the sign of det A when ``sign``); LinAlgError when singular."""
    if len(A) < SPARSE_FROM:
        from scipy.linalg.lapack import dgetrf, dgetrs

        lu, piv, info = dgetrf(A)             # one LU gives the solution and det's sign
        if info != 0:
            raise np.linalg.LinAlgError("singular matrix")
        z, info = dgetrs(lu, piv, rhs)
        if not sign:
            return z
        swaps = int(np.count_nonzero(piv != np.arange(len(piv))))
        d = np.prod(np.sign(np.diagonal(lu)))
        return z, float(-d if swaps % 2 else d)
    from scipy.sparse import csc_matrix
    from scipy.sparse.linalg import splu

    try:
        lu = splu(csc_matrix(A))
    except RuntimeError as exc:           # "Factor is exactly singular"
        raise np.linalg.LinAlgError(str(exc)) from None
    z = lu.solve(rhs)
    if not sign:
        return z
    d = np.sign(lu.U.diagonal())
    s = float(np.prod(d)) * _parity(lu.perm_r) * _parity(lu.perm_c)
    return z, s


def _tangent(J: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float]:
    """The unit tangent continuing ``t`` and the sign of det [J; tangent]: with
    A = [J; t], A z = e_last gives z in J's null space with t.z = 1 > 0, and
    det [J; z] = det(A) |z|^2 (the cofactor vector of [J; .] is det(A) z)."""
    compiled = _compiled("tangent") if len(t) < SPARSE_FROM else None
    if compiled is not None:
        z, sign, ok = compiled(J, t)
        if not ok:
            raise np.linalg.LinAlgError("singular matrix")
        return z, sign
    A = np.vstack([J, t])
    e = np.zeros(len(t))
    e[-1] = 1.0
    z, sign = _solve(A, e, sign=True)
    z /= np.linalg.norm(z)
    z[np.abs(z) < _TINY] = 0.0
    return z, sign


def _correct(sys, y, t, tol, max_iter=6):
    """Newton on H = 0 with steps orthogonal to ``t``: (y, Jacobian at the last iterate,
    first correction's length), or None when it does not contract."""
    compiled = _compiled("correct") if len(t) < SPARSE_FROM else None
    if compiled is not None:
        ok, y, J, first = compiled(*sys.arrays, sys.offsets, sys.agent_of, y, t,
                                   float(tol), int(max_iter))
        return (y, J, first) if ok else None
    first = prev = None
    A, rhs = np.empty((len(t), len(t))), np.zeros(len(t))     # [J; t] d = [-F; 0]
    A[-1] = t
    for _ in range(max_iter):
        F, J = equations(sys, y[:-1], y[-1])
        A[:-1] = J
        np.negative(F, out=rhs[:-1])
        try:
            d = _solve(A, rhs)
        except np.linalg.LinAlgError:
            return None
        n = float(np.linalg.norm(d))
        if not np.isfinite(n):
            return None
        if first is None:
            first = n
        elif n > 0.5 * prev:   # Newton is not contracting: the step was too long
            return None
        y = y + d
        # the error left after this step, estimated as n r / (1 - r) <= 2 n r if the
        # contraction rate r = n / prev <= 1/2 seen so far persists (pessimistic, as
        # Newton's rate improves quadratically); stop once it or the step is below tol
        left = n if prev is None else min(n, 2.0 * n * n / max(prev, 1e-300))
        prev = n
        if left <= tol * max(1.0, float(np.abs(y).max())):
            return y, J, first
    return None


#: Attempted steps per call of the compiled stepper (between checks of the time limit).
CHUNK = 256


def _predict(y: np.ndarray, t: np.ndarray, h: float, bend: np.ndarray) -> np.ndarray:
    """The predictor: a step ``h`` along ``t``, second-order where the tangent turns by
    little over the step (far from folds, where extrapolating the curvature could jump
    between sheets)."""
    pred = y + h * t
    if h * float(np.linalg.norm(bend)) <= 0.1:
        pred += (0.5 * h * h) * bend
    return pred


def _screen(stop, converged: bool) -> tuple[float, float]:
    """``(lam_from, gate)``: ``stop(x, lam)`` is None whenever lam < lam_from or the agent
    regret at x exceeds gate (``stop.screen``; a stop without one is asked every step)."""
    if converged:
        return np.inf, -np.inf
    return getattr(stop, "screen", (-np.inf, np.inf))


def trace(sys: System, x0: np.ndarray, max_lambda: float, first_step: float,
          max_accel: float, stop, lambdas=(), max_steps: int = 100000,
          target: float = 0.2, newton_tol: float = 1e-10, budget=None) -> Branch:
    """Follow the branch from ``(x0, 0)``; ``stop(x, lam)`` returns a polished end or None.
    ``budget`` (a :class:`~gametheory.solvers._progress.Budget`) counts accepted steps
    and ends the trace, with reason ``"time_limit"``, once it has expired.

    The tangent is the unit null vector of H's Jacobian, oriented to continue the
    previous one (and with increasing lambda at the start); the predictor steps along it
    by ``h``, the corrector is Newton orthogonal to the tangent; a failed corrector
    halves ``h``, a quick one lengthens it by up to ``max_accel``. Turning points are
    sign changes of d lam / ds, bifurcations sign changes of det [J; t] that persist over
    a step shortened by :data:`_FLIP_SHRINK` (a shorter step usually shows a flip to be a
    jump between nearby parts of the curve). ``max_steps``
    caps the attempted steps. With numba, runs of steps that need nothing here (no
    turning point, bifurcation, requested lambda, end of the range, nor a point where
    ``stop`` could end the trace: see :func:`_screen`) are taken by the compiled
    :func:`._qre_numba.advance`, with the same arithmetic.
    """
    y = np.append(x0, 0.0)
    F, J = equations(sys, x0, 0.0)
    # at lambda = 0, dH/dx is regular (each agent's equations involve only its own x)
    t = np.append(_solve(J[:, :-1], -J[:, -1]), 1.0)
    t, sign_det = _tangent(J, t / np.linalg.norm(t))
    br = Branch([0.0], [x0.copy()], [], [], at=[])
    wanted = sorted(float(v) for v in lambdas)
    h = first_step
    bend = np.zeros_like(t)       # d t / ds, estimated from the last accepted step
    runner = _compiled("advance") if len(t) < SPARSE_FROM else None
    rows = np.empty((CHUNK, len(t))) if runner is not None else None
    attempts = 0
    flip_floor, flip_since = None, 0       # the shortest step a flip is retried down to
    while attempts < max_steps:
        if runner is not None:
            lam_from, gate = _screen(stop, br.end is not None)
            code, n, used, y, t, h, bend, y_new, J, first, t_new, s = runner(
                *sys.arrays, sys.offsets, sys.agent_of, y, t, h, bend, sign_det,
                newton_tol, max_accel, target, min(CHUNK, max_steps - attempts),
                max_lambda, wanted[0] if wanted else np.inf, lam_from, gate, rows)
            attempts += used
            if n:
                quiet = rows[:n].copy()
                br.lam.extend(quiet[:, -1].tolist())
                br.x.extend(quiet[:, :-1])
                # each quiet step is a step without a flip: forget a shortened length as
                # the Python loop below would have at the last of them
                if flip_floor is not None and len(br.lam) - 1 - flip_since > _FLIP_MEMORY:
                    flip_floor = None
                if budget is not None:
                    budget.step(n)
                    if budget.expired:
                        br.reason = br.reason or "time_limit"
                        return br
            if code == 0:                           # attempts used up: go on
                continue
            if code == 2:
                br.reason = br.reason or "step size underflow"
                return br
            if code == 3:
                raise np.linalg.LinAlgError("singular matrix")
        else:
            attempts += 1
            out = _correct(sys, _predict(y, t, h, bend), t, newton_tol)
            if out is None:
                h *= 0.5
                if h < 1e-12:
                    br.reason = br.reason or "step size underflow"
                    return br
                continue
            y_new, J, first = out     # J from the last Newton iterate: within tol of y_new
            t_new, s = _tangent(J, t)
        if s != 0 and s != sign_det:      # det [J; t] flipped: see _FLIP_SHRINK
            if flip_floor is None:
                flip_floor, flip_since = h / _FLIP_SHRINK, len(br.lam)
            if h > flip_floor:
                h *= 0.5
                continue
            flip_floor = None
        elif flip_floor is not None and len(br.lam) - flip_since > _FLIP_MEMORY:
            flip_floor = None
        lam_old, lam_new = y[-1], y_new[-1]
        if np.sign(t_new[-1]) != np.sign(t[-1]) and t[-1] != 0:
            br.turning.append(_turn(sys, y, t, float((y_new - y) @ t), newton_tol,
                                     float(t_new[-1])))
        if s != 0 and s != sign_det:
            br.bifurcations.append(float(lam_new))
            sign_det = s
        while wanted and lam_old < wanted[0] <= lam_new:
            lw = wanted.pop(0)
            w = (lw - lam_old) / (lam_new - lam_old)
            xs = solve_at(sys, (1 - w) * y[:-1] + w * y_new[:-1], lw)
            br.at.append((lw, xs))
        ds = float(np.linalg.norm(y_new - y))
        bend = (t_new - t) / ds if ds > 0 else np.zeros_like(t)
        y, t = y_new, t_new
        br.lam.append(float(y[-1]))
        br.x.append(y[:-1].copy())
        if budget is not None:
            budget.step()
            if budget.expired:
                br.reason = br.reason or "time_limit"
                return br
        # the first Newton correction measures the predictor's error (the second-order
        # predictor's is about h**3 times the change of curvature): aim it at ``target``
        h *= min(max_accel, max(0.5, np.sqrt(target / max(first, 1e-300))))
        if y[-1] >= max_lambda:
            br.reason = br.reason or "max_lambda"
            return br
        if y[-1] < -1e-9:
            br.reason = br.reason or "the branch returned to lambda = 0"
            return br
        if br.end is None:
            end = stop(y[:-1], y[-1])
            if end is not None:
                br.end, br.end_lam = end, float(y[-1])
                br.reason = "converged"
        if br.end is not None and not wanted:     # go on only for requested lambdas
            return br
    br.reason = br.reason or "max_steps"
    return br


def _turn(sys: System, y: np.ndarray, t: np.ndarray, h: float, tol: float,
          slope_end: float) -> float:
    """Lambda of the turning point between ``y`` and its successor a step ``h`` along
    ``t``: the root of d lambda / ds (``t[-1]`` at the start, ``slope_end`` at the
    successor, opposite signs) by regula falsi with the Illinois modification
    (superlinear: d lambda / ds is close to linear in s near a simple turning point,
    where lambda is an extremum, so an error e in s moves lambda by O(e**2))."""
    a, fa, b, fb = 0.0, float(t[-1]), h, float(slope_end)
    lam = float(y[-1])
    for _ in range(30):
        if fb == fa:
            break
        s = b - fb * (b - a) / (fb - fa)
        out = _correct(sys, y + s * t, t, tol)
        if out is None:
            break
        fs = float(_tangent(out[1], t)[0][-1])
        lam = float(out[0][-1])
        if fs * fb < 0:
            a, fa = b, fb
        else:
            fa *= 0.5
        b, fb = s, fs
        if abs(fs) <= 1e-12 or abs(b - a) <= 1e-12 * abs(h):
            break
    return lam


def solve_at(sys: System, x: np.ndarray, lam: float, tol: float = 1e-13,
             max_iter: int = 50) -> np.ndarray:
    """Newton on H(., lam) = 0 from ``x`` (the profile at a fixed lambda)."""
    for _ in range(max_iter):
        F, J = equations(sys, x, lam)
        try:
            d = _solve(J[:, :-1], -F)
        except np.linalg.LinAlgError:
            d = np.linalg.lstsq(J[:, :-1], -F, rcond=None)[0]
        x = x + d
        if np.linalg.norm(d) <= tol * max(1.0, np.linalg.norm(x)):
            break
    return x


def polish(sys: System, x: np.ndarray, support: np.ndarray, max_iter: int = 30,
           tol: float = 1e-14) -> np.ndarray | None:
    """Newton on the Nash conditions with the given support (boolean (E,)): the values
    of the support actions of each agent are equal and each agent's probabilities sum to
    one; actions off the support keep their (tiny) probabilities. None on failure."""
    compiled = _compiled("polish") if support.sum() < SPARSE_FROM else None
    if compiled is not None:
        ok, y = compiled(*sys.arrays, sys.offsets, sys.agent_of,
                         np.ascontiguousarray(x, dtype=float), np.asarray(support, dtype=bool),
                         int(max_iter), float(tol), float(sys.scale))
        return y if ok else None
    x = x.copy()
    heads = sys.offsets[:-1]
    cols = np.flatnonzero(support)
    # the reference action of each agent: its first support action
    ref = np.full(sys.H, -1)
    for e in cols[::-1]:
        ref[sys.agent_of[e]] = e
    if (ref < 0).any():
        return None
    r = ref[sys.agent_of]
    eq = support & (np.arange(sys.E) != r)
    member = (sys.agent_of[None, :] == np.arange(sys.H)[:, None])[:, cols]
    for _ in range(max_iter):
        V, JV = values(sys, x)
        p = np.exp(x)
        p[p < _TINY] = 0.0
        F = np.concatenate([(V - V[r])[eq], np.add.reduceat(p, heads) - 1.0])
        Jr = np.vstack([(JV[eq] - JV[r[eq]])[:, cols], member * p[cols]])
        Jr[np.abs(Jr) < _TINY] = 0.0
        try:
            d = _solve(Jr, -F)
        except np.linalg.LinAlgError:
            d = np.linalg.lstsq(Jr, -F, rcond=None)[0]
        if not np.isfinite(d).all():
            return None
        x[cols] += np.clip(d, -5.0, 5.0)
        if np.abs(d).max() <= tol:
            return x
    F_norm = float(np.abs(F).max())
    return x if F_norm <= 1e-10 * sys.scale else None


def candidates(sys: System, x: np.ndarray, gate: float = np.inf,
               cuts: tuple = (1e-6, 1e-3), max_dist: float = 0.05) -> Iterator[np.ndarray]:
    """Polished profiles near the branch point ``x`` (log probabilities), in order: for
    each cut, the support is every action with probability at least cut times its
    agent's largest (a support the cut before already had is not polished again); the
    polished profile (:func:`polish`, off-support actions then set to 0) is kept if it
    is within ``max_dist`` of ``exp(x)`` in every probability and its agent regret
    (:func:`agent_regret`) is at most ``gate`` (a NaN regret is not). A cut is polished
    only when the caller asks for the next candidate."""
    compiled = _compiled("candidates") if sys.E < SPARSE_FROM else None
    if compiled is not None:
        x = np.ascontiguousarray(x, dtype=float)
        for k in range(len(cuts)):
            yield from compiled(*sys.arrays, sys.offsets, sys.agent_of, x,
                                np.asarray(cuts[:k + 1], float), k, float(max_dist),
                                float(gate), 30, 1e-14, float(sys.scale))
        return
    p = np.exp(x)
    best = np.maximum.reduceat(p, sys.offsets[:-1])[sys.agent_of]
    tried = None
    for cut in cuts:
        support = p >= cut * best
        if tried is not None and np.array_equal(support, tried):
            continue
        tried = support
        y = polish(sys, x, support)
        if y is None:
            continue
        q = np.where(support, np.exp(y), 0.0)
        q /= np.add.reduceat(q, sys.offsets[:-1])[sys.agent_of]
        if not np.abs(q - p).max() <= max_dist:
            continue
        if gate < np.inf:
            with np.errstate(divide="ignore"):
                if not agent_regret(sys, np.log(q)) <= gate:
                    continue    # (a NaN regret, from an unreached agent, does not pass)
        yield q
