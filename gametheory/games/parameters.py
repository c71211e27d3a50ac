"""Symbolic parameters in payoffs: declaring them, finding them, substituting values.

Payoffs may be sympy expressions in named parameters (``q``, ``rho``, ...). A game whose
payoffs contain free parameters cannot be solved numerically until they are given values
with ``game.substitute(q=...)``; the sensitivity tools sweep over them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from ..errors import GameError

__all__ = ["parameters", "free_parameters", "substitute_array", "Parameter", "check_domain",
           "ParametricGame"]


def parameters(names: str):
    """Declare parameters (real sympy Symbols) by name.

    Parameters
    ----------
    names : str
        Names separated by spaces or commas.

    Returns
    -------
    sympy.Symbol or tuple of sympy.Symbol

    Examples
    --------
    >>> import gametheory as gt
    >>> q, rho = gt.parameters("q rho")
    >>> q + rho
    q + rho
    """
    import sympy

    return sympy.symbols(names, real=True)


def free_parameters(arr: np.ndarray) -> tuple:
    """The free symbols of an object array of sympy expressions, sorted by name."""
    if arr.dtype != object:
        return ()
    syms = set()
    for v in arr.flat:
        syms |= getattr(v, "free_symbols", set())
    return tuple(sorted(syms, key=lambda s: s.name))


def substitute_array(arr: np.ndarray, params: tuple, values: Mapping[str, Any]) -> np.ndarray:
    """Substitute ``{name: value}`` into a symbolic array; unknown names raise GameError."""
    import sympy

    by_name = {p.name: p for p in params}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        raise GameError(f"unknown parameter {unknown[0]!r}; this game's parameters are: {known}")
    subs = {by_name[name]: _value(name, v) for name, v in values.items()}
    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):   # stored payoffs are numbers or sympy, never strings
        # trusted: strict sympify, text raises; strings are parsed by games.expr before this
        out[idx] = sympy.sympify(arr[idx], strict=True).xreplace(subs)
    return out


def _value(name: str, v: Any):
    """A sympy number for the value ``v`` of parameter ``name`` (GameError if not a number).

    Strings are read exactly by the restricted parser :mod:`gametheory.games.expr`
    (``"0.3"`` is 3/10, ``"sqrt(2)/2"`` is allowed) and must not name symbols; a sympy
    expression may (substituting one parameter by an expression in another).
    """
    import sympy

    from .expr import parse_expression

    if isinstance(v, str):
        return parse_expression(v, where=f"value for parameter {name!r} is not a number")
    if isinstance(v, (bool, np.bool_)) or v is None:
        raise GameError(f"value {v!r} for parameter {name!r} is not a number")
    try:
        # trusted: strict sympify, text raises; strings are parsed by games.expr before this
        return sympy.sympify(v, strict=True)    # strict: never reads a string
    except (sympy.SympifyError, TypeError, ValueError):
        raise GameError(f"value {v!r} for parameter {name!r} is not a number") from None


def _exact_bound(name: str, x: Any) -> Any:
    """A domain bound as a sympy number (a string read by the restricted parser)."""
    import sympy

    if isinstance(x, str):
        from .expr import parse_expression

        return parse_expression(x, where=f"domain bound of parameter {name!r} is not a number")
    # trusted: strict sympify, text raises; strings are parsed by games.expr before this
    return sympy.sympify(x, strict=True)


def _bound(name: str, x: Any) -> float:
    shown = x
    if isinstance(x, str):
        x = _exact_bound(name, x)
    try:
        f = float(x)
    except (TypeError, ValueError):
        raise GameError(f"domain bound {x!r} of parameter {name!r} is not a number") from None
    except OverflowError:
        f = None
    if f is not None and np.isnan(f):
        raise GameError(f"domain bound of parameter {name!r} is not a number (nan)")
    if f is None or (np.isinf(f) and not _infinite(x)):
        raise GameError(f"domain bound {str(shown)[:40]} of parameter {name!r} is beyond the "
                        "float range; use None for an unbounded side")
    return f


def _infinite(x: Any) -> bool:
    """True for an infinite float or sympy's oo (an unbounded side written as such)."""
    import sympy

    return isinstance(x, (float, np.floating)) or x in (sympy.oo, -sympy.oo)


@dataclass(frozen=True)
class Parameter:
    """What a parameter means: its default value, its domain and a description.

    Attach it to a game with ``game.describe(Parameter(...))``; ``game.substitute`` and the
    batch evaluator then refuse values outside the domain, and a sweep fixes parameters
    left out of its grid at their defaults.

    Parameters
    ----------
    name : str
        The name of the parameter (the name of its sympy Symbol).
    default : number, optional
        The value a sweep uses when the parameter is not swept (must lie in the domain).
    domain : (lo, hi), optional
        The closed interval of allowed values; ``None`` (or ``float("inf")``) leaves a
        side unbounded: ``(0, None)`` is "non-negative".
    description : str
        What the parameter stands for, in words.
    latex : str, optional
        Its name in LaTeX math (``"V_{\\mathrm{rev}}"``) for tables and figures; empty
        means the name itself.

    References
    ----------
    Meurer, A. et al. (2017). SymPy: symbolic computing in Python. *PeerJ Computer
    Science* 3, e103 (the symbols parameters are).

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, q]])
    >>> g = g.describe(gt.Parameter("q", default=0.5, domain=(0, 1),
    ...                             description="commitment level"))
    >>> g.parameter_info["q"].domain
    (0, 1)
    >>> g.substitute(q=2)
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: value 2 of parameter 'q' is outside its domain [0, 1]
    """

    name: str
    default: Any = None
    domain: tuple[Any, Any] | None = None
    description: str = ""
    latex: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise GameError(f"a parameter name must be a non-empty string; got {self.name!r}")
        if self.domain is not None:
            d = self.domain
            if isinstance(d, (str, bytes)) or not hasattr(d, "__len__") or len(d) != 2:
                raise GameError(f"the domain of parameter {self.name!r} must be a pair "
                                f"(lo, hi); got {d!r}")
            d = (-np.inf if d[0] is None else d[0], np.inf if d[1] is None else d[1])
            lo, hi = (_bound(self.name, x) for x in d)
            if lo > hi:
                raise GameError(f"the domain of parameter {self.name!r} is empty: "
                                f"{d[0]} > {d[1]}")
            object.__setattr__(self, "domain", d)
        if not isinstance(self.description, str):
            raise GameError(f"the description of parameter {self.name!r} must be a string")
        if not isinstance(self.latex, str):
            raise GameError(f"the LaTeX name of parameter {self.name!r} must be a string")
        if self.default is not None:
            check_domain(self, _value(self.name, self.default), "default", self.default)

    @property
    def bounds(self) -> tuple[float, float]:
        """The domain as floats, ``(-inf, inf)`` when none is declared."""
        if self.domain is None:
            return (-np.inf, np.inf)
        return (_bound(self.name, self.domain[0]), _bound(self.name, self.domain[1]))


def check_domain(param: Parameter, value: Any, what: str = "value", shown: Any = None) -> None:
    """GameError when the sympy number ``value`` is not real or lies outside the domain.

    A value with free symbols (one parameter replaced by an expression in another) is not
    checked.

    Examples
    --------
    >>> import sympy
    >>> p = Parameter("q", domain=(0, 1))
    >>> check_domain(p, sympy.Rational(1, 2))
    >>> check_domain(p, sympy.Rational(3, 2))
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: value 3/2 of parameter 'q' is outside its domain [0, 1]
    """
    import sympy

    if getattr(value, "free_symbols", None):
        return
    # trusted: strict sympify, text raises; strings are parsed by games.expr before this
    v = sympy.sympify(value, strict=True)
    value = value if shown is None else shown
    if v is sympy.nan or v.is_real is False or v.is_finite is False or v.is_number is False:
        raise GameError(f"{what} {value} of parameter {param.name!r} is not a finite real "
                        "number")
    if param.domain is None:
        return
    lo, hi = (_exact_bound(param.name, x) for x in param.domain)
    if bool(v < lo) or bool(v > hi):
        raise GameError(f"{what} {value} of parameter {param.name!r} is outside its domain "
                        f"[{param.domain[0]}, {param.domain[1]}]")


class ParametricGame:
    """Parameter metadata, checked substitution and the batch evaluator of a game.

    A mixin for :class:`~gametheory.NormalFormGame` and
    :class:`~gametheory.ExtensiveFormGame`; they provide ``parameters`` (sympy Symbols).
    """

    def describe(self, *params: Parameter):
        """Declare defaults, domains and descriptions of parameters; returns the game.

        Parameters
        ----------
        *params : Parameter
            Metadata for parameters the game has (GameError for another name).

        Returns
        -------
        The same game object (so calls chain).

        Examples
        --------
        >>> import gametheory as gt
        >>> r = gt.parameters("r")
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> hi, lo = g.root.chance({"hi": r, "lo": 1 - r})
        >>> _ = hi.payoffs(10), lo.payoffs(0)
        >>> g.describe(gt.Parameter("r", domain=(0, 1), description="P(hi)")) is g
        True
        >>> g.parameter_info["r"].description
        'P(hi)'
        """
        have = [p.name for p in self.parameters]
        meta = dict(self.__dict__.get("_param_meta", {}))
        for p in params:
            if not isinstance(p, Parameter):
                raise GameError(f"describe takes gt.Parameter objects; got {p!r}")
            if p.name not in have:
                raise GameError(f"this game has no parameter {p.name!r}; its parameters are: "
                                f"{', '.join(have) or 'none'}")
            meta[p.name] = p
        self._param_meta = meta
        self._evaluator_cache = None
        return self

    @property
    def parameter_info(self) -> dict[str, Parameter]:
        """``{name: Parameter}`` for every parameter, a bare ``Parameter(name)`` where
        nothing was declared."""
        meta = self.__dict__.get("_param_meta", {})
        return {p.name: meta.get(p.name, Parameter(p.name)) for p in self.parameters}

    @property
    def parameter_metadata(self) -> Mapping[str, Parameter]:
        """Read-only ``{name: Parameter}`` of the parameters declared with :meth:`describe`
        (only those; :attr:`parameter_info` fills in the undeclared ones).

        Examples
        --------
        >>> import gametheory as gt
        >>> p, q = gt.parameters("p q")
        >>> g = gt.NormalFormGame.from_arrays([[p, 0], [0, q]], [[0, 1], [1, 0]])
        >>> list(g.describe(gt.Parameter("q", domain=(0, 1))).parameter_metadata)
        ['q']
        """
        return MappingProxyType(dict(self.__dict__.get("_param_meta", {})))

    @property
    def substituted_metadata(self) -> Mapping[str, Parameter]:
        r"""Read-only ``{name: Parameter}`` of the declared parameters that
        :meth:`substitute` gave values on the way to this game (empty for a game not made
        by substitution), so that what is computed from it, such as the solution at a
        point of a sweep, still knows their LaTeX names and descriptions.

        Examples
        --------
        >>> import gametheory as gt
        >>> p, q = gt.parameters("p q")
        >>> g = gt.NormalFormGame.from_arrays([[p, 0], [0, q]], [[0, 1], [1, 0]])
        >>> g = g.describe(gt.Parameter("p", latex=r"\pi"), gt.Parameter("q", latex=r"\theta"))
        >>> sub = g.substitute(p=1)
        >>> print(sub.parameter_info["q"].latex, sub.substituted_metadata["p"].latex)
        \theta \pi
        >>> sorted(sub.substitute(q=2).substituted_metadata)
        ['p', 'q']
        """
        return MappingProxyType(dict(self.__dict__.get("_fixed_meta", {})))

    @property
    def is_numeric(self) -> bool:
        """True when the game has no free parameters (``not game.parameters``).

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> g.is_numeric, g.substitute(q=2).is_numeric
        (False, True)
        """
        return self._cached("is_numeric", lambda: not self.parameters)

    def unsubstituted_message(self) -> str:
        """The error message for a use that needs numbers while parameters are free.

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> print(g.unsubstituted_message())
        the payoffs depend on the parameters q; give them values with
        game.substitute(q=...) or analyse them with gt.sweep
        """
        params = self.parameters
        if not params:
            return "the game has no free parameters"
        names = ", ".join(p.name for p in params)
        return (f"{self._depends} depend on the parameters {names}; give them values with "
                f"game.substitute({params[0].name}=...) or analyse them with gt.sweep")

    #: What the parameters enter, for :meth:`unsubstituted_message`.
    _depends = "the payoffs"

    def _cached(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once per state of the game (``_props`` holds the
        values; a tree drops it whenever it grows)."""
        props = self.__dict__.get("_props")
        if props is None:
            props = self._props = {}
        if name not in props:
            props[name] = compute()
        return props[name]

    def evaluator(self):
        """The compiled batch evaluator of payoffs (and chance probabilities); cached.

        See :class:`~gametheory.games.evaluate.Evaluator`.

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 2 * q]])
        >>> ev = g.evaluator()
        >>> ev.names, ev({"q": [0.5, 2.0]})[:, 1, 1, 1].tolist()
        (('q',), [1.0, 4.0])
        """
        from .evaluate import build_evaluator

        key = self.arrays if self.is_tree else self.payoffs
        cache = self.__dict__.get("_evaluator_cache")
        if cache is None or cache[0] is not key:
            cache = (key, build_evaluator(self))
            self._evaluator_cache = cache
        return cache[1]

    def _check_values(self, values: Mapping[str, Any]) -> None:
        """GameError for an unknown name or a value outside its declared domain."""
        info = self.parameter_info
        unknown = sorted(set(values) - set(info))
        if unknown:
            known = ", ".join(info) or "none"
            raise GameError(f"unknown parameter {unknown[0]!r}; this game's parameters are: "
                            f"{known}")
        meta = self.__dict__.get("_param_meta", {})
        for name, v in values.items():
            if name in meta:
                check_domain(meta[name], _value(name, v), shown=v)

    def _keep_metadata(self, new):
        """``new`` (a substituted game, or the reduced normal form of a tree) with the
        metadata of its remaining parameters, and that of the others in
        :attr:`substituted_metadata` (added to this game's own)."""
        meta = self.__dict__.get("_param_meta", {})
        left = {p.name for p in new.parameters}
        kept = {k: p for k, p in meta.items() if k in left}
        fixed = dict(self.__dict__.get("_fixed_meta", {}))
        fixed.update((k, p) for k, p in meta.items() if k not in left)
        if kept:
            new._param_meta = kept
        if fixed:
            new._fixed_meta = fixed
        return new
