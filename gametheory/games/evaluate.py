"""Compiled batch evaluation of symbolic payoffs and chance probabilities.

A parametric game is evaluated at B parameter points at once: the distinct symbolic
entries are compiled once with ``sympy.lambdify`` to numpy code, called on the B values
of each parameter, and written into a float64 array with a leading batch axis; constant
entries are broadcast. There is no Python loop over points.

Examples
--------
>>> import numpy as np
>>> import gametheory as gt
>>> q = gt.parameters("q")
>>> g = gt.ExtensiveFormGame(["A"])
>>> hi, lo = g.root.chance({"hi": q, "lo": 1 - q})
>>> _ = hi.payoffs(10 * q), lo.payoffs(1)
>>> pay, prob = g.evaluator()({"q": np.array([0.25, 0.5])})
>>> pay[:, :, 0].tolist(), prob.tolist()
([[2.5, 1.0], [5.0, 1.0]], [[1.0, 0.25, 0.75], [1.0, 0.5, 0.5]])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError

if TYPE_CHECKING:
    from .protocol import Game

__all__ = ["Evaluator", "build_evaluator"]

_PROB_TOL = 1e-12
_MAX_DEGREE = 4         # polynomial entries up to this degree are one matrix product
_MAX_MONOMIALS = 64


class _Target:
    """One output array: its constant entries and the expression of each symbolic one."""

    def __init__(self, arr: np.ndarray, exprs: dict):
        self.shape = arr.shape
        flat = arr.ravel()
        self.const = np.zeros(len(flat))
        pos, ids = [], []
        for k, v in enumerate(flat.tolist()):
            if getattr(v, "free_symbols", None):
                pos.append(k)
                ids.append(exprs.setdefault(v, len(exprs)))
            else:
                self.const[k] = float(v)
        self.pos = np.array(pos, dtype=np.int64)
        self.ids = np.array(ids, dtype=np.int64)

    def plan(self, poly: dict, monos: dict) -> None:
        """``coef`` (entries, monomials): constants and polynomial entries, evaluated by
        one matrix product; ``rest``: (entry, expression) pairs left to lambdify."""
        self.coef = np.zeros((len(self.const), len(monos)))
        self.coef[:, 0] = self.const
        self.rest = []
        for p, e in zip(self.pos.tolist(), self.ids.tolist(), strict=True):
            if e in poly:
                for m, c in poly[e]:
                    self.coef[p, monos[m]] = c
            else:
                self.rest.append((p, e))


def _polynomials(exprs: list, symbols: tuple) -> tuple[dict, dict]:
    """The expressions that are polynomials of low degree in the parameters:
    ``({expression index: [(monomial, coefficient)]}, {monomial: column})``."""
    import sympy

    monos = {(0,) * len(symbols): 0}
    poly = {}
    for i, e in enumerate(exprs):
        try:
            p = sympy.Poly(e, *symbols)
            terms = [(m, float(c)) for m, c in p.terms()]
        except (sympy.PolynomialError, TypeError, ValueError):
            continue
        new = {m for m, _ in terms} - set(monos)
        if p.total_degree() > _MAX_DEGREE or len(monos) + len(new) > _MAX_MONOMIALS:
            continue
        for m in sorted(new):
            monos[m] = len(monos)
        poly[i] = terms
    return poly, monos


class Evaluator:
    """Payoffs (and chance probabilities) of a parametric game at many points at once.

    Build it with ``game.evaluator()`` (cached on the game).

    Parameters
    ----------
    symbols : tuple of sympy.Symbol
        The parameters, sorted by name.
    arrays : tuple of ndarray
        The entries to evaluate: ``(payoffs,)`` for a normal-form game, ``(payoffs,
        chance_prob)`` (as in ``game.arrays``) for a tree.
    bounds : mapping
        ``{name: (lo, hi)}`` float domains; values outside raise GameError.
    labels : callable, optional
        ``labels(t, k)`` names entry k of array t in error messages.
    tree : bool
        True for a tree: ``__call__`` returns a pair and checks probabilities.

    Attributes
    ----------
    names : tuple of str
        The parameter names, sorted.

    References
    ----------
    Meurer, A. et al. (2017). SymPy: symbolic computing in Python. *PeerJ Computer
    Science* 3, e103 (``lambdify``).

    Examples
    --------
    >>> import gametheory as gt
    >>> q, r = gt.parameters("q r")
    >>> g = gt.NormalFormGame.from_arrays([[q * r, 0], [0, 1]], [[1, 0], [0, q]])
    >>> ev = g.evaluator()
    >>> out = ev({"q": [1.0, 2.0, 3.0], "r": 2.0})
    >>> ev.names, out.shape, out[:, 0, 0, 0].tolist()
    (('q', 'r'), (3, 2, 2, 2), [2.0, 4.0, 6.0])
    """

    def __init__(self, symbols: tuple, arrays: tuple[np.ndarray, ...],
                 bounds: Mapping[str, tuple[float, float]], labels: Any = None,
                 tree: bool = False):
        self._symbols = tuple(symbols)
        self._arrays = tuple(arrays)
        self._bounds = dict(bounds)
        self._labels = labels
        self._tree = tree
        self.names = tuple(s.name for s in self._symbols)
        exprs: dict = {}
        self._targets = [_Target(a, exprs) for a in self._arrays]
        exprs = list(exprs)
        poly, monos = _polynomials(exprs, self._symbols) if exprs else ({}, {(): 0})
        self._monos = np.array(list(monos), dtype=np.int64).reshape(len(monos), -1)
        for t in self._targets:
            t.plan(poly, monos)
        self._rest = sorted({e for t in self._targets for _, e in t.rest})
        self._exprs = [exprs[e] for e in self._rest]        # compiled by lambdify
        self._fn = None

    def __reduce__(self):
        return (Evaluator, (self._symbols, self._arrays, self._bounds, self._labels,
                            self._tree))

    def _compiled(self):
        if self._fn is None:
            import sympy

            self._fn = sympy.lambdify(self._symbols, self._exprs, modules="numpy", cse=True)
        return self._fn

    def _columns(self, values: Mapping[str, Any]) -> tuple[list[np.ndarray], int]:
        if not isinstance(values, Mapping):
            raise GameError(f"values must be a mapping {{parameter name: values}}; got "
                            f"{type(values).__name__}")
        unknown = sorted(set(values) - set(self.names))
        if unknown:
            raise GameError(f"unknown parameter {unknown[0]!r}; this game's parameters are: "
                            f"{', '.join(self.names) or 'none'}")
        missing = [n for n in self.names if n not in values]
        if missing:
            raise GameError(f"no values for parameter {missing[0]!r}; the evaluator needs "
                            f"all of {', '.join(self.names)}")
        cols = []
        for n in self.names:
            try:
                c = np.asarray(values[n], dtype=np.float64)
            except (TypeError, ValueError):
                raise GameError(f"values of parameter {n!r} are not numbers") from None
            if c.ndim > 1:
                raise GameError(f"values of parameter {n!r} must be a 1-d array; got shape "
                                f"{c.shape}")
            cols.append(c)
        sizes = {len(c) for c in cols if c.ndim == 1}
        if len(sizes) > 1:
            raise GameError(f"parameter value arrays have different lengths {sorted(sizes)}")
        B = sizes.pop() if sizes else 1
        cols = [np.broadcast_to(c, (B,)) for c in cols]
        for n, c in zip(self.names, cols, strict=True):
            lo, hi = self._bounds.get(n, (-np.inf, np.inf))
            bad = ~((c >= lo) & (c <= hi))
            if bad.any():
                k = int(np.argmax(bad))
                if np.isnan(c[k]):
                    raise GameError(f"value of parameter {n!r} at point {k} is nan")
                raise GameError(f"value {float(c[k])} of parameter {n!r} at point {k} is "
                                f"outside its domain [{lo}, {hi}]")
        return cols, B

    def _point(self, cols: list[np.ndarray], k: int) -> str:
        vals = ", ".join(f"{n}={float(c[k])!r}" for n, c in zip(self.names, cols, strict=True))
        return f"point {k} ({vals})" if vals else f"point {k}"

    def __call__(self, values: Mapping[str, Any]):
        """Evaluate at the points given by ``values`` (``{name: 1-d array}``, scalars
        broadcast; every parameter is required).

        Returns
        -------
        ndarray, shape (B, N, n1, ..., nN)
            For a normal-form game (C order).
        (ndarray (B, num_terminals, N), ndarray (B, num_nodes))
            For a tree: payoffs and chance probabilities, as in ``game.arrays``. These are
            transposed views of arrays stored with the batch axis last (what the batched
            backward induction works on); ``np.ascontiguousarray`` gives C order.
        """
        cols, B = self._columns(values)
        mon = np.ones((len(self._monos), B))
        for j, m in enumerate(self._monos[1:].tolist(), start=1):
            for c, k in zip(cols, m, strict=True):
                if k:
                    mon[j] *= c ** k if k > 1 else c
        with np.errstate(all="ignore"):
            res = self._compiled()(*cols) if self._exprs else []
        where = {e: i for i, e in enumerate(self._rest)}
        outs = []
        for tgt in self._targets:
            out = np.einsum("md,db->mb", tgt.coef, mon)  # not BLAS: no thread start-up
            for p, e in tgt.rest:
                out[p] = res[where[e]]
            outs.append(out)
        bad = [~np.isfinite(out) for out in outs]
        if self._tree and not bad[1].any():
            bad[1] = (outs[1] < -_PROB_TOL) | (outs[1] > 1 + _PROB_TOL)
        for t, b in enumerate(bad):
            if b.any():
                self._explain(t, outs[t], b, cols)
        outs = [out.T.reshape((B,) + tgt.shape) for out, tgt in zip(outs, self._targets,
                                                                     strict=True)]
        return tuple(outs) if self._tree else np.ascontiguousarray(outs[0])

    def _explain(self, t: int, out: np.ndarray, bad: np.ndarray, cols: list) -> None:
        """Raise GameError naming the entry and the point of a non-finite value (or, for
        a chance probability, one outside [0, 1])."""
        p, k = (int(x) for x in np.unravel_index(int(np.argmax(bad)), bad.shape))
        what = "is not a probability" if np.isfinite(out[p, k]) else "is not finite"
        entry = self._labels(t, p) if self._labels else f"entry {p}"
        raise GameError(f"{entry} {what} ({out[p, k]}) at {self._point(cols, k)}")


class _Labels:
    """Names of payoff entries (and chance branches) for error messages; picklable."""

    def __init__(self, players: Sequence[str], shape: tuple, terminals: Any = None):
        self.players, self.shape, self.terminals = tuple(players), shape, terminals

    def __call__(self, t: int, k: int) -> str:
        if t == 1:
            return f"the chance probability into node {k}"
        idx = np.unravel_index(k, self.shape)
        if self.terminals is None:
            cell = ", ".join(str(int(i)) for i in idx[1:])
            return f"the payoff of {self.players[idx[0]]} in cell ({cell})"
        return (f"the payoff of {self.players[idx[1]]} at terminal node "
                f"{int(self.terminals[idx[0]])}")


def build_evaluator(game: Game) -> Evaluator:
    """The :class:`Evaluator` of a normal-form game or a tree (``game.evaluator()`` caches
    it on the game).

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q, 0]], [[1, q**2]])
    >>> build_evaluator(g)({"q": [3.0]})[0, :, 0].tolist()
    [[3.0, 0.0], [1.0, 9.0]]
    """
    symbols = game.parameters
    bounds = {n: p.bounds for n, p in game.parameter_info.items() if p.domain is not None}
    if game.is_tree:
        a = game.arrays
        return Evaluator(symbols, (a.payoffs, a.chance_prob), bounds,
                         _Labels(game.players, a.payoffs.shape, a.terminals), tree=True)
    return Evaluator(symbols, (game.payoffs,), bounds,
                     _Labels(game.players, game.payoffs.shape), tree=False)
