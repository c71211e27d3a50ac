"""Payoff values: classify, validate and convert the entries users give.

A payoff (or probability) may be an ``int``, a ``float``, a :class:`fractions.Fraction`,
a string, or a sympy expression. A string is read exactly by the restricted parser
:mod:`gametheory.games.expr` and must be a number or an expression of numbers (``"1/3"``,
``"0.25"``, ``"1e-3"``, ``"sqrt(2)/2"``); a parameter is a sympy symbol
(``gt.parameters("q")``), not a name in a string. A whole array of them is stored in one
of three kinds:

``"float"``     float64 array (some entry was a float)
``"exact"``     int64 array, or object array of ``Fraction`` (all entries exact rationals)
``"symbolic"``  object array of sympy expressions (some entry has a free symbol or is irrational)
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError, ParseError

__all__ = ["as_entry_array", "convert_array", "to_fraction", "to_fraction_array",
           "to_float_array", "unit_float_array", "float_range_factor", "kind_of"]

_INT64_SAFE = 2**62


def _is_sympy(x: Any) -> bool:
    mod = type(x).__module__
    return mod.startswith("sympy")


def _classify(x: Any, where: Callable[[], str]):
    """Return (kind, value) for one entry; kind in {"int", "frac", "float", "sym"}."""
    if isinstance(x, (bool, np.bool_)):
        raise GameError(f"{where()} is a boolean ({x!r}); expected a number")
    if isinstance(x, (int, np.integer)):
        return "int", int(x)
    if isinstance(x, Fraction):
        return ("int", x.numerator) if x.denominator == 1 else ("frac", x)
    if isinstance(x, (float, np.floating)):
        xf = float(x)
        if not np.isfinite(xf):
            raise GameError(f"{where()} is {xf!r}; expected a finite number")
        return "float", xf
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise GameError(f"{where()} is {x!r}; expected a finite number")
        return _classify(Fraction(x), where)
    if isinstance(x, str):      # a number, maybe an expression of numbers: "sqrt(2)/2"
        from .expr import parse_number

        try:
            v = parse_number(x)
        except ParseError as exc:   # where() only on error: it is called once per entry
            raise ParseError(f"{where()} is not a number: {exc}", column=exc.column) from None
        return _classify(v, where)
    if _is_sympy(x):
        import sympy

        # trusted: strict sympify, text raises; only sympy objects reach it; strings are parsed
        #   above
        x = sympy.sympify(x, strict=True)
        if x.free_symbols:
            return "sym", x
        if x.is_Rational:
            return _classify(Fraction(int(x.p), int(x.q)), where)
        if x.is_Float:
            return _classify(float(x), where)
        if x.is_real and x.is_finite:
            return "sym", x
        raise GameError(f"{where()} is {x}, which is not a finite real number")
    if isinstance(x, numbers.Complex) and not isinstance(x, numbers.Real):
        raise GameError(f"{where()} is the complex number {x!r}; expected a real number")
    if isinstance(x, numbers.Real):
        return _classify(float(x), where)
    raise GameError(f"{where()} is {x!r} of type {type(x).__name__}, which is not a number")


def as_entry_array(x: Any, ragged: str) -> np.ndarray:
    """Read nested sequences of entries into an array without losing what they were.

    ``np.asarray`` silently turns ``[1, True]`` into integers, ``[0.5, "1/3"]`` into
    strings and ``[2**63, -1]`` into floats; those inputs come back as object arrays so
    that :func:`convert_array` classifies every entry. Plain int or float data keeps the
    fast numeric array. ``ragged`` is the GameError message for rows of unequal length.

    >>> as_entry_array([[1, 2], [3, 4]], "ragged").dtype
    dtype('int64')
    >>> as_entry_array([1, True], "ragged").dtype
    dtype('O')
    """
    if isinstance(x, np.ndarray):
        return x
    try:
        a = np.asarray(x)
    except ValueError:
        raise GameError(ragged) from None
    except OverflowError:
        return np.asarray(x, dtype=object)
    if a.dtype == object:
        return a
    obj = np.asarray(x, dtype=object)
    types = {type(v) for v in obj.flat}
    if not any(issubclass(t, (bool, np.bool_)) for t in types):
        if a.dtype.kind in "iu" and all(issubclass(t, (int, np.integer)) for t in types):
            return a
        if a.dtype.kind == "f" and any(issubclass(t, (float, np.floating)) for t in types) \
                and all(issubclass(t, (int, float, np.integer, np.floating)) for t in types):
            return a
    return obj


def convert_array(arr: Any, where: Callable[[tuple], str]) -> tuple[np.ndarray, str]:
    """Validate an array of entries and store it in the right kind.

    ``where(index)`` describes the entry at ``index`` for error messages.
    Returns ``(array, kind)`` with kind ``"float"``, ``"exact"`` or ``"symbolic"``.
    """
    a = np.asarray(arr)
    if a.dtype.kind in "iu":
        if a.size and (int(a.max()) >= _INT64_SAFE or int(a.min()) <= -_INT64_SAFE):
            return _from_objects(a.astype(object), where)
        return a.astype(np.int64), "exact"
    if a.dtype.kind == "f":
        bad = ~np.isfinite(a)
        if bad.any():
            idx = tuple(int(i) for i in np.argwhere(bad)[0])
            raise GameError(f"{where(idx)} is {float(a[idx])!r}; expected a finite number")
        return a.astype(np.float64), "float"
    if a.dtype.kind == "b":
        raise GameError(f"{where(tuple(0 for _ in a.shape))} is boolean; expected a number")
    if a.dtype.kind == "c":
        idx = _first(a.imag != 0)
        raise GameError(f"{where(idx)} is the complex number {a[idx]!r}; expected a real number")
    return _from_objects(a.astype(object), where)


def _first(mask: np.ndarray) -> tuple:
    """The index of the first True entry of ``mask`` (the first index if none is True)."""
    hits = np.argwhere(mask)
    return tuple(int(i) for i in hits[0]) if len(hits) else tuple(0 for _ in mask.shape)


def _from_objects(a: np.ndarray, where) -> tuple[np.ndarray, str]:
    kinds = set()
    vals = np.empty(a.shape, dtype=object)
    for idx in np.ndindex(a.shape):
        k, v = _classify(a[idx], lambda idx=idx: where(idx))
        kinds.add(k)
        vals[idx] = v
    if "sym" in kinds:
        import sympy

        out = np.empty(a.shape, dtype=object)
        for idx in np.ndindex(a.shape):
            v = vals[idx]
            if isinstance(v, Fraction):
                v = sympy.Rational(v.numerator, v.denominator)
            elif isinstance(v, int):
                v = sympy.Integer(v)
            elif isinstance(v, float):
                v = sympy.Float(v)
            out[idx] = v
        return out, "symbolic"
    if "float" in kinds:
        out = np.empty(a.shape, dtype=np.float64)
        for idx in np.ndindex(a.shape):
            try:
                out[idx] = float(vals[idx])
            except OverflowError:
                raise GameError(f"{where(idx)} is too large for a float; with float "
                                "payoffs elsewhere it must be below 1e308") from None
        return out, "float"
    if "frac" not in kinds and all(abs(v) < _INT64_SAFE for v in vals.flat):
        return vals.astype(np.int64), "exact"
    out = np.empty(a.shape, dtype=object)
    for idx in np.ndindex(a.shape):
        out[idx] = Fraction(vals[idx])
    return out, "exact"


def kind_of(arr: np.ndarray) -> str:
    """The storage kind of an array made by :func:`convert_array`."""
    if arr.dtype.kind == "f":
        return "float"
    if arr.dtype.kind in "iu":
        return "exact"
    if arr.size and all(isinstance(v, (Fraction, int)) for v in arr.flat):
        return "exact"
    return "symbolic"


def to_fraction(x: Any) -> Fraction:
    """Convert a number to a Fraction; a float is read as the decimal it prints as.

    >>> to_fraction(0.1), to_fraction(3), to_fraction("2/6")
    (Fraction(1, 10), Fraction(3, 1), Fraction(1, 3))
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, (float, np.floating)):
        return Fraction(repr(float(x)))
    if isinstance(x, str):
        from .expr import parse_number

        return parse_number(x, rational=True)
    if isinstance(exact_number(x), Fraction):
        return exact_number(x)
    raise GameError(f"{x!r} is not a rational number; exact arithmetic needs rational payoffs")


def exact_number(x: Any) -> Any:
    """A rational sympy number as a Fraction; anything else (e.g. an irrational algebraic
    number) unchanged.

    >>> import sympy
    >>> exact_number(sympy.Rational(3, 5)), exact_number(sympy.sqrt(2))
    (Fraction(3, 5), sqrt(2))
    """
    if _is_sympy(x) and getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    return x


def to_fraction_array(arr: np.ndarray) -> np.ndarray:
    """An object array of Fractions with the same shape."""
    out = np.empty(np.shape(arr), dtype=object)
    a = np.asarray(arr, dtype=object)
    for idx in np.ndindex(a.shape):
        out[idx] = to_fraction(a[idx])
    return out


def to_float_array(arr: np.ndarray) -> np.ndarray:
    """A float64 copy of a float, exact or constant symbolic array."""
    a = np.asarray(arr)
    if a.dtype.kind in "fiu":
        return a.astype(np.float64)
    try:
        return np.array([float(v) for v in a.flat], dtype=np.float64).reshape(a.shape)
    except TypeError:
        raise GameError("payoffs contain free parameters; substitute values first") from None
    except OverflowError:
        big = next(v for v in a.flat if not _fits_float(v))
        raise GameError(f"the payoff {_short(big)} is beyond the float range (about "
                        "1.8e308), so floating-point methods cannot use it; solve with "
                        "exact=True, or rescale (multiplying a player's payoffs by a "
                        "positive number keeps the equilibria)") from None


def unit_float_array(arr: np.ndarray) -> tuple[np.ndarray, Any]:
    """``(arr / top, top)`` with ``top = max |arr|`` (1 for an array of zeros): float64
    numbers of magnitude at most 1, for solvers whose answer does not change when all
    numbers are scaled. Exact arrays are divided exactly before the conversion, so
    numbers beyond the float range (10**400) or in tiny units work too.

    >>> f, top = unit_float_array(np.array([10**400, -3 * 10**399], dtype=object))
    >>> f.tolist(), top == 10**400
    ([1.0, -0.3], True)
    """
    a = np.asarray(arr)
    if a.dtype.kind in "fiu":
        a = a.astype(np.float64)
        top = float(np.abs(a).max(initial=0.0)) or 1.0
        return a / top, top
    exact = to_fraction_array(a)
    top = max((abs(v) for v in exact.flat), default=Fraction(0)) or Fraction(1)
    return to_float_array(exact / top), top


def _fits_float(v: Any) -> bool:
    try:
        float(v)
    except OverflowError:
        return False
    return True


def _short(v: Any) -> str:
    """A huge number in a few characters: its sign and order of magnitude."""
    x = Fraction(v) if isinstance(v, (int, Fraction)) else None
    if x is None or x == 0:
        return str(v)[:40]
    digits = len(str(abs(x.numerator))) - len(str(x.denominator))
    return f"{'-' if x < 0 else ''}~1e{digits}"


def float_range_factor(arr: np.ndarray) -> Fraction | None:
    """An exact power of two that brings every exact payoff into the float range; None
    when the payoffs are floats already or fit.

    Multiplying all payoffs by one positive number keeps the equilibria (and zero-sum
    structure), so exact solvers, which use floats only to find candidates, can run on
    the rescaled game.

    >>> f = float_range_factor(np.array([[[10**400, 1]], [[2, -3]]], dtype=object))
    >>> f.denominator == 2**1328, float(10**400 * f)  # 10**400 / 2**1328 is in [1, 2)
    (True, 1.7...)
    >>> float_range_factor(np.array([[1, 2]], dtype=object)) is None
    True
    """
    a = np.asarray(arr)
    if a.dtype.kind in "fiu" or all(_fits_float(v) for v in a.flat):
        return None
    top = max(Fraction(v).numerator.bit_length() - Fraction(v).denominator.bit_length()
              for v in a.flat if v != 0)
    return Fraction(1, 2 ** top)
