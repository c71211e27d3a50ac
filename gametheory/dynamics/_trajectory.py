"""The trajectory of a dynamic on a normal-form game, and what the dynamics share:
input checks, payoff vectors against one profile or a batch of profiles, and the
tie-breaking rule of best responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import GameError

__all__ = ["Trajectory"]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """A path of mixed profiles computed by a dynamic.

    Attributes
    ----------
    method : str
        The dynamic, e.g. ``"replicator"``, ``"discrete replicator"``,
        ``"best response (alternating)"``, ``"fictitious play (simultaneous)"``.
    times : ndarray, shape (T,)
        Times of the points (float, continuous dynamics) or step numbers ``0 .. steps``
        (int, discrete dynamics).
    profiles : tuple of ndarray
        One array per player, shape ``(T, n_i)``: row ``t`` is the player's mixed
        strategy (population shares; for fictitious play the empirical frequencies of
        play, the beliefs of the others) at ``times[t]``.
    final : tuple of ndarray
        The last profile, one probability vector per player.
    converged : bool
        Whether the dynamic came to rest by its own criterion (see each function).
    limit : tuple of ndarray or None
        The profile it converged to (``final``), None when it did not converge.
    regret : float
        ``gt.max_regret`` of ``final``: 0 at a Nash equilibrium.
    actions : ndarray or None, shape (T - 1, N)
        Pure strategies in force after each step (best-response dynamics; -1 for a player
        still at a mixed starting strategy) or played at each step (fictitious play); None
        for the replicator.
    period : int or None
        Best-response dynamics only: the length in steps of the cycle the pure profiles
        entered, when one was detected before ``steps`` ran out.
    players, strategies : tuple
        Names and strategy labels, as in the game.

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). Evolutionary Games and Population Dynamics,
    Cambridge UP. Fudenberg, D. & Levine, D. K. (1998). The Theory of Learning in Games,
    MIT Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tr = gt.best_response_dynamics(pd, steps=3)
    >>> print(tr)
    best response (simultaneous): 4 points to step 3; converged to a1 0, a2 1; b1 0, b2 1 (regret 0)
    >>> row = tr.records()[0]
    >>> row["step"], row["Player 1:a1"], row["regret"]
    (0, 0.5, 0.75)
    """

    method: str
    times: np.ndarray
    profiles: tuple
    final: tuple
    converged: bool
    limit: tuple | None
    regret: float
    players: tuple
    strategies: tuple
    actions: np.ndarray | None = None
    period: int | None = None
    game: Any = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.times)

    @property
    def discrete(self) -> bool:
        """True for step-indexed dynamics (times are step numbers)."""
        return self.times.dtype.kind in "iu"

    def regret_path(self) -> np.ndarray:
        """The max regret (as in ``gt.max_regret``) of the profile at every point, shape (T,).

        Examples
        --------
        >>> import gametheory as gt
        >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> gt.best_response_dynamics(pd, steps=2).regret_path().tolist()
        [0.75, 0.0, 0.0]
        """
        U = self.game.float_payoffs()
        vecs = batch_payoff_vectors(U, self.profiles)
        per_player = [v.max(axis=1) - (v * x).sum(axis=1) for v, x in zip(vecs, self.profiles)]
        return np.max(per_player, axis=0)

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per point: ``time`` (or ``step``), the probabilities by
        ``player:strategy`` and the max ``regret`` of that profile."""
        key = "step" if self.discrete else "time"
        cols: dict[str, list] = {key: self.times.tolist()}
        for p, labels, X in zip(self.players, self.strategies, self.profiles):
            for k, lab in enumerate(labels):
                cols[f"{p}:{lab}"] = X[:, k].tolist()
        cols["regret"] = self.regret_path().tolist()
        return [dict(zip(cols, vals)) for vals in zip(*cols.values())]

    def __str__(self) -> str:
        unit = f"step {self.times[-1]}" if self.discrete else f"t = {self.times[-1]:g}"
        head = f"{self.method}: {len(self)} points to {unit}; "
        if self.converged:
            prof = "; ".join(", ".join(f"{lab} {v:.4g}" for lab, v in zip(labels, x))
                             for labels, x in zip(self.strategies, self.final))
            head += f"converged to {prof}"
        else:
            head += "did not converge" + (f" (cycle of {self.period} steps)"
                                          if self.period else "")
        return head + f" (regret {self.regret:.3g})"


# ------------------------------------------------------------------ shared helpers
def float_game(game, what: str) -> np.ndarray:
    """The float payoff array of a numeric normal-form game; GameError otherwise."""
    from ..games.normal import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise GameError(f"{what} runs on normal-form games; got {type(game).__name__} "
                        "(for a game tree use game.to_normal_form())")
    return np.asarray(game.float_payoffs(), dtype=float)


def initial_profile(game, initial: Any) -> tuple[np.ndarray, ...]:
    """Validated float starting profile; the centroid when ``initial`` is None."""
    if initial is None:
        return tuple(np.full(n, 1.0 / n) for n in game.shape)
    prof = game.mixed_profile(initial, exact=False)  # GameError: bad sums, negatives
    clipped = [np.clip(np.asarray(x, dtype=float), 0.0, None) for x in prof]
    return tuple(x / x.sum() for x in clipped)  # exact sums, no -1e-13 shares


def symmetric_initial(game, initial: Any) -> np.ndarray:
    """The single population's starting shares for a symmetric two-player game."""
    if game.num_players != 2 or not game.is_symmetric():
        raise GameError("symmetric=True needs a symmetric two-player game (payoffs of "
                        "Player 2 the transpose of those of Player 1)")
    if initial is None:
        return np.full(game.shape[0], 1.0 / game.shape[0])
    return initial_profile(game, [initial, 0])[0]


def positive_int(value: Any, name: str) -> int:
    """``value`` as a positive int; GameError naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise GameError(f"{name} must be a positive integer; got {value!r}")
    return int(value)


def positive_float(value: Any, name: str) -> float:
    """``value`` as a positive finite float; GameError naming ``name`` otherwise."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise GameError(f"{name} must be a positive number; got {value!r}") from None
    if not np.isfinite(v) or v <= 0:
        raise GameError(f"{name} must be a positive finite number; got {value!r}")
    return v


def check_mode(mode: str) -> str:
    if mode not in ("simultaneous", "alternating"):
        raise GameError(f"mode must be 'simultaneous' or 'alternating'; got {mode!r}")
    return mode


def payoff_vectors(U: np.ndarray, profile: tuple, only: int | None = None) -> list:
    """Each player's payoff to each pure strategy against the others' mixed strategies
    (only player ``only``'s, in a list of one, when given)."""
    N = U.shape[0]
    if N == 2 and only is None:
        return [U[0] @ profile[1], profile[0] @ U[1]]
    out = []
    for i in range(N) if only is None else [only]:
        v = U[i]
        for j in reversed(range(N)):  # highest axis first, so lower axes keep their place
            if j != i:
                v = np.tensordot(v, profile[j], axes=([j], [0]))
        out.append(v)
    return out


_LETTERS = "abcdefghijklmnopqrsuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # no "t": the time axis


def batch_payoff_vectors(U: np.ndarray, profiles: tuple) -> list[np.ndarray]:
    """:func:`payoff_vectors` for a batch: ``profiles[j]`` has shape (T, n_j); the
    result for player i has shape (T, n_i)."""
    N = U.shape[0]
    out = []
    for i in range(N):
        others = [j for j in range(N) if j != i]
        spec = (_LETTERS[:N] + "," + ",".join("t" + _LETTERS[j] for j in others)
                + "->t" + _LETTERS[i])
        out.append(np.einsum(spec, U[i], *(profiles[j] for j in others)))
    return out


def pick(v: np.ndarray, current: int | None, atol: float) -> int:
    """The tie-breaking rule: keep ``current`` if it is a best response (within
    ``atol``), otherwise the best response with the lowest index."""
    good = v >= v.max() - atol
    if current is not None and good[current]:
        return current
    return int(np.argmax(good))


def pure_index(x: np.ndarray) -> int | None:
    """The index of a pure strategy written as a probability vector, else None."""
    k = int(np.argmax(x))
    return k if x[k] == 1.0 else None


def build(game, method: str, times: np.ndarray, profiles: list, converged: bool,
          actions: np.ndarray | None = None, period: int | None = None) -> Trajectory:
    """Assemble a read-only :class:`Trajectory` and its final regret."""
    from ..analysis.regret import max_regret

    profs = tuple(np.ascontiguousarray(X, dtype=float) for X in profiles)
    times = np.asarray(times)
    for arr in (*profs, times) + (() if actions is None else (actions,)):
        arr.setflags(write=False)
    final = tuple(X[-1] for X in profs)
    regret = float(max_regret(game, final))
    return Trajectory(method=method, times=times, profiles=profs, final=final,
                      converged=bool(converged), limit=final if converged else None,
                      regret=regret, players=game.players, strategies=game.strategies,
                      actions=actions, period=period, game=game)
