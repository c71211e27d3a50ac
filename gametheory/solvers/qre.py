"""Logit quantal response equilibrium: the principal branch from lambda = 0 and its limit.

``solve(game, method="qre")`` follows the logit QRE correspondence (McKelvey & Palfrey
1995) from the centroid at ``lambda = 0`` by predictor-corrector continuation in
log-probability coordinates (Turocy 2005), for normal forms of any number of players and
for trees in agent form (McKelvey & Palfrey 1998), whose limit approximates a sequential
equilibrium. The limit is reported as an equilibrium only after verification: once the
branch is close to a Nash equilibrium, Newton's method on the equilibrium conditions with
the branch's support polishes it, and the polished profile must have regret at most
``tol``; if no polished profile passes by ``max_lambda``, the Solution has no equilibria
and a note says why (never a non-equilibrium, unlike Gambit issue 492). The branch itself
(``sol.branch``, a :class:`QREBranch`) holds every computed point, the turning points and
bifurcations met, and the profiles at requested lambdas. :func:`qre_fit` estimates lambda
by maximum likelihood from observed choice counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from . import _qre_path as qp
from ._progress import Budget
from .result import Solution, build_solution, build_tree_solution, default_tol, payoff_tolerance

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["solve_qre", "qre_fit", "QREBranch", "QREFit"]


@dataclass(frozen=True, eq=False)
class QREBranch:
    """The traced principal branch of the logit QRE correspondence.

    Attributes
    ----------
    lambdas : ndarray, shape (K,)
        Lambda at each computed point, in the order of the path (not monotone past a
        turning point).
    profiles : ndarray, shape (K, E)
        The probabilities of every action (players' strategies, or information sets'
        actions in the tree's order) at each point; :meth:`profile` splits one.
    turning_points, bifurcations : tuple of float
        Lambdas where d lambda / ds changed sign, and where the orientation determinant
        ``det [J; t]`` did (a branch point was crossed).
    at : tuple of (float, profile)
        The profile at each requested lambda (first crossing of the branch).
    reason : str
        Why tracing stopped: ``"converged"``, ``"max_lambda"``, ``"max_steps"``,
        ``"time_limit"`` or a numerical failure.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> br = gt.solve(g, method="qre", lambdas=[2.0]).branch
    >>> lam, (x, y) = br.at[0]
    >>> lam, x.round(6).tolist()
    (2.0, [0.5, 0.5])

    References
    ----------
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal
    response equilibrium correspondence. *Games and Economic Behavior* 51, 243-263.
    """

    lambdas: np.ndarray
    profiles: np.ndarray
    turning_points: tuple = ()
    bifurcations: tuple = ()
    at: tuple = ()
    reason: str = ""
    game: Any = field(repr=False, default=None)

    def __len__(self) -> int:
        return len(self.lambdas)

    def profile(self, k: int) -> Any:
        """Point ``k`` as one vector per player (normal form) or a behaviour dict."""
        return _split(self.game, self.profiles[k])


def _split(game: Game, p: np.ndarray) -> Any:
    from ..games.normal import NormalFormGame

    if isinstance(game, NormalFormGame):
        cuts = np.cumsum(game.shape)[:-1]
        return tuple(np.split(np.asarray(p, dtype=float), cuts))
    a = game.arrays
    out, k = {}, 0
    for lab, acts in zip(a.infoset_labels, a.infoset_actions):
        out[lab] = {x: float(p[k + j]) for j, x in enumerate(acts)}
        k += len(acts)
    return out


def _system(game: Game) -> tuple[qp.System, bool]:
    from ..games.normal import NormalFormGame

    if isinstance(game, NormalFormGame):
        if game.parameters or game.kind == "symbolic":
            raise GameError("qre needs numeric payoffs; fix the parameters with "
                            "game.substitute(...)")
        return qp.normal_system(game.float_payoffs()), False
    from ..games.extensive import ExtensiveFormGame

    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"qre needs a game, got {type(game).__name__}")
    a = game.arrays
    if a.kind == "symbolic":
        raise GameError("qre needs numeric payoffs; fix the parameters with "
                        "game.substitute(...)")
    if not game.has_perfect_recall:
        raise GameError("qre works on trees in agent form, which needs perfect recall: "
                        + game.recall_problems()[0])
    return qp.tree_system(a), True


def _tolerance(game: Game, tree: bool) -> float:
    if not tree:
        return default_tol(game)
    return payoff_tolerance(game.arrays.payoffs, player_axis=1)


def _regret(game: Game, tree: bool, p: np.ndarray) -> float:
    prof = _split(game, p)
    if tree:
        return float(max(game.behavior_regrets(prof), default=0.0))
    vecs = game.payoff_vectors(prof)
    return float(max(v.max() - v @ s for v, s in zip(vecs, prof)))


class _Stopper:
    """``stop(x, lam)``: a verified equilibrium that the branch has settled on, or None.

    Once the agent regret is below 1e-3 of the payoff range, the branch point is
    polished (Newton on the equilibrium conditions with its support) and the result
    verified by regret; the branch has settled when two verified candidates a decade of
    lambda apart agree within 1e-6 (a tied action can take long to leave the support).
    ``final=True`` returns the last verified candidate, if any. :attr:`screen` tells the
    tracer where ``stop`` returns None without polishing.
    """

    def __init__(self, sys: qp.System, game: Game, tree: bool, tol: float):
        self.sys, self.game, self.tree, self.tol = sys, game, tree, tol
        self.cand: np.ndarray | None = None
        self.next = 0.0                     # no polish below this lambda
        # a normal form's agent regret in the system's units is the game's regret over
        # ``unit`` to rounding (far below 1e-12 of the largest payoff): a candidate above
        # tol by more than that fails the exact check (``_regret``), which need not run
        self.gate = np.inf if tree else (tol + 1e-12 * sys.unit * float(
            np.abs(sys.pair_u).max(initial=0.0))) / sys.unit
        self.stop_gate = 1e-3 * sys.scale  # no polish above this agent regret

    @property
    def screen(self) -> tuple[float, float]:
        """``(lam_from, gate)``: ``stop(x, lam)`` is None if lam < lam_from or the agent
        regret at x is above gate."""
        return self.next, self.stop_gate

    def attempt(self, x: np.ndarray) -> np.ndarray | None:
        """The polished profile near the branch point x with regret at most tol, or
        None."""
        for q in qp.candidates(self.sys, x, self.gate):
            if _regret(self.game, self.tree, q) <= self.tol:
                return q
        return None

    def __call__(self, x: np.ndarray, lam: float, final: bool = False) -> np.ndarray | None:
        if not final and (lam < self.next or qp.agent_regret(self.sys, x) > self.stop_gate):
            return None
        q = self.attempt(x)
        if q is None:
            self.next = 1.5 * lam
            return self.cand if final else None
        self.next = 10.0 * lam
        if final or (self.cand is not None and np.abs(q - self.cand).max() <= 1e-6):
            return q
        self.cand = q
        return None


def _trace(game: Game, max_lambda: float | None, tol: float | None, first_step: float,
           max_accel: float, max_steps: int, lambdas: Sequence[float] = (), budget=None,
           default_max: float = 1e7):
    """Trace the branch of the system in payoff units (``sys.unit``); the QREBranch
    reports the game's lambdas (the system's divided by the unit)."""
    sys, tree = _system(game)
    tol = _tolerance(game, tree) if tol is None else float(tol)
    unit = sys.unit
    if max_lambda is None:
        max_lambda = default_max / unit
    for v in (max_lambda, first_step, max_accel):
        if not np.isfinite(v) or v <= 0:
            raise GameError(f"max_lambda, first_step and max_accel must be positive; "
                            f"got {v!r}")
    sizes = np.diff(sys.offsets)
    x0 = np.repeat(-np.log(sizes.astype(float)), sizes)
    stop = _Stopper(sys, game, tree, tol)
    raw = qp.trace(sys, x0, float(max_lambda) * unit, float(first_step), float(max_accel),
                   stop, lambdas=[float(v) * unit for v in lambdas],
                   max_steps=int(max_steps), budget=budget)
    if raw.end is None and raw.x:
        raw.end = stop(raw.x[-1], raw.lam[-1], final=True)
    branch = QREBranch(np.array(raw.lam) / unit, np.exp(np.array(raw.x)),
                       tuple(v / unit for v in raw.turning),
                       tuple(v / unit for v in raw.bifurcations),
                       tuple((lam / unit, _split(game, np.exp(x))) for lam, x in raw.at),
                       raw.reason, game)
    return sys, tree, tol, raw, branch


def solve_qre(game: Game, exact: bool = False, tol: float | None = None,
              max_lambda: float | None = None, first_step: float = 0.03,
              max_accel: float = 2.0,
              max_steps: int = 10000, lambdas: Sequence[float] | None = None,
              time_limit: float | None = None, progress: bool = False) -> Solution:
    """The limit of the principal branch of the logit QRE, verified, and the branch.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        Numeric payoffs, any number of players; a tree is solved in agent form (one
        logit choice per information set, values under Bayes beliefs) and needs
        perfect recall.
    exact : bool
        Not supported (SolverError): the branch is computed in floating point.
    tol : float, optional
        Regret tolerance for the reported equilibrium (default
        :func:`~gametheory.solvers.result.payoff_tolerance`: 1e-9 times the largest
        payoff range, plus rounding).
    max_lambda : float, optional
        Stop tracing here if the branch has not converged earlier. The default is 1e7
        divided by the payoff unit (the power of two nearest the range of all payoffs):
        lambda multiplies payoffs, so a game in small units needs a larger lambda.
    first_step, max_accel : float
        Initial arc length (in log probabilities and lambda times the payoff unit, so
        independent of the units of the payoffs) and the largest factor by which a step
        may grow; steps shrink by half when the corrector fails.
    max_steps : int
        Cap on accepted steps.
    lambdas : sequence of float, optional
        Lambdas at which to record the profile (``sol.branch.at``): the first crossing
        of the branch, solved by Newton at that lambda; tracing goes on past the limit
        until the largest is reached, and lambdas beyond ``max_lambda`` are left out.
    time_limit : float, optional
        Seconds after which tracing stops (``sol.branch.reason == "time_limit"``); the
        last verified candidate, if any, is reported.
    progress : bool
        Show a tqdm progress bar over the steps along the branch.

    Returns
    -------
    Solution
        ``method="qre"``, ``complete=False``; ``equilibria`` holds the verified limit
        (empty if none verified), ``branch`` the :class:`QREBranch`; notes report
        turning points and bifurcations.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form
    games. *Games and Economic Behavior* 10, 6-38. Turocy, T. L. (2005), *GEB* 51,
    243-263. McKelvey, R. D. & Palfrey, T. R. (1998). Quantal response equilibria for
    extensive form games. *Experimental Economics* 1, 9-41.

    Examples
    --------
    McKelvey & Palfrey's (1995) asymmetric matching pennies: the limit is the Nash
    equilibrium (row mixes 1/2, column plays left with 1/10):

    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> sol = gt.solve(g, method="qre")
    >>> [s.round(9).tolist() for s in sol.equilibria[0].strategies]
    [[0.5, 0.5], [0.1, 0.9]]
    >>> sol.branch.reason
    'converged'
    """
    if exact:
        raise SolverError("qre computes in floating point; call it with exact=False")
    if game.is_tree and not len(game.arrays.infoset_labels):
        # nobody moves (chance only): the empty profile is the one equilibrium, no path
        return build_tree_solution(game, [{}], "qre", True, False,
                                   notes=["no player moves: the empty profile is the "
                                          "only equilibrium"])
    with Budget(int(max_steps), "qre", progress, time_limit, unit="step") as budget:
        _, tree, tol, raw, branch = _trace(game, max_lambda, tol, first_step, max_accel,
                                           max_steps, lambdas or (), budget)
    notes = []
    if branch.turning_points:
        notes.append("turning points of the branch at lambda = "
                     + ", ".join(f"{v:.6g}" for v in branch.turning_points))
    if branch.bifurcations:
        notes.append("bifurcations crossed at lambda = "
                     + ", ".join(f"{v:.6g}" for v in branch.bifurcations))
    found = [] if raw.end is None else [_split(game, raw.end)]
    if raw.end is None:
        notes.append(f"the branch ({branch.reason} at lambda = {branch.lambdas[-1]:.6g}) "
                     f"did not reach a profile with regret <= {tol:g}; no equilibrium is "
                     f"reported (sol.branch has the path)")
    if tree:
        sol = build_tree_solution(game, found, "qre", False, False, notes=notes)
    else:
        sol = build_solution(game, found, "qre", False, False, tol=tol, notes=notes)
    return dataclasses.replace(sol, branch=branch)


@dataclass(frozen=True, eq=False)
class QREFit:
    """Result of :func:`qre_fit`.

    Attributes
    ----------
    lam : float
        The maximum-likelihood lambda on the principal branch.
    profile : tuple of ndarray or dict
        The QRE at ``lam``.
    log_likelihood : float
        ``sum(count * log p)`` at ``lam``.
    branch : QREBranch
        The traced branch.
    """

    lam: float
    profile: Any
    log_likelihood: float
    branch: QREBranch = field(repr=False)


def _counts(game: Game, tree: bool, sys: qp.System, frequencies: Any) -> np.ndarray:
    if tree:
        if not isinstance(frequencies, Mapping):
            raise GameError("frequencies of a tree are {information set: {action: count}}")
        a = game.arrays
        out = np.zeros(sys.E)
        for h, d in frequencies.items():
            if h not in a.infoset_labels:
                raise GameError(f"no information set {h!r} in the tree")
            k = a.infoset_labels.index(h)
            acts = a.infoset_actions[k]
            for act, n in d.items():
                if act not in acts:
                    raise GameError(f"information set {h!r} has no action {act!r}")
                out[sys.offsets[k] + acts.index(act)] = float(n)
    else:
        if len(frequencies) != game.num_players:
            raise GameError(f"frequencies need one count vector per player "
                            f"({game.num_players}); got {len(frequencies)}")
        parts = []
        for i, (f, n) in enumerate(zip(frequencies, game.shape)):
            f = np.asarray(f, dtype=float).ravel()
            if len(f) != n:
                raise GameError(f"player {game.players[i]!r} has {n} strategies; got "
                                f"{len(f)} counts")
            parts.append(f)
        out = np.concatenate(parts)
    if not np.isfinite(out).all() or (out < 0).any():
        raise GameError("frequencies must be non-negative counts")
    return out


def qre_fit(game: Game, frequencies: Any, max_lambda: float | None = None,
            first_step: float = 0.03,
            max_accel: float = 2.0, max_steps: int = 10000) -> QREFit:
    """Maximum-likelihood lambda of the logit QRE for observed choice counts.

    The log-likelihood ``sum(count * log p(lambda))`` is evaluated at every point of the
    principal branch; around the best point it is maximised with
    ``scipy.optimize.minimize_scalar`` on the bracket of its neighbours (where lambda
    is monotone there), each evaluation solving the QRE at that lambda by Newton.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
    frequencies : sequence or dict
        Normal form: one count vector per player. Tree: ``{information set: {action:
        count}}`` (agent form; missing entries count 0).
    max_lambda, first_step, max_accel, max_steps
        As for :func:`solve_qre` (the default max_lambda here is 1e6 divided by the
        payoff unit).

    Returns
    -------
    QREFit

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995), *GEB* 10, 6-38, sec. 5 (maximum-likelihood
    estimation of lambda). Bland, J. R. & Turocy, T. L. (2023). Quantal response
    equilibrium as a structural model for estimation: the missing manual. SSRN 4425515.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> fit = gt.qre_fit(g, [[60, 40], [30, 70]])
    >>> round(fit.lam, 3), [s.round(3).tolist() for s in fit.profile]
    (0.13, [[0.624, 0.376], [0.492, 0.508]])
    """
    from scipy.optimize import minimize_scalar

    sys, tree, _, raw, branch = _trace(game, max_lambda, None, first_step, max_accel,
                                       max_steps, default_max=1e6)
    n = _counts(game, tree, sys, frequencies)
    xs = np.array(raw.x)
    with np.errstate(invalid="ignore"):
        ll = np.where(n > 0, n * xs, 0.0).sum(axis=1)
    k = int(np.nanargmax(ll))
    lam, x = raw.lam[k], xs[k]
    lams = raw.lam
    if 0 < k < len(lams) - 1 and lams[k - 1] < lams[k] < lams[k + 1]:
        lo, hi = lams[k - 1], lams[k + 1]

        def point(v: float) -> np.ndarray:
            w = (v - lams[k]) / ((hi if v >= lams[k] else lo) - lams[k])
            other = xs[k + 1] if v >= lams[k] else xs[k - 1]
            return qp.solve_at(sys, (1 - w) * xs[k] + w * other, v)

        res = minimize_scalar(lambda v: -float(n @ point(v)), bounds=(lo, hi),
                              method="bounded", options={"xatol": 1e-10 * max(1.0, hi)})
        if -res.fun >= ll[k]:
            lam, x = float(res.x), point(float(res.x))
    return QREFit(float(lam) / sys.unit, _split(game, np.exp(x)), float(n @ x), branch)
