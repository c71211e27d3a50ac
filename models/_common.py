"""Parameter handling shared by the models: names checked, values checked against their
domains, free parameters left symbolic with their :class:`gametheory.Parameter` metadata;
and the shape of the summary every model's ``analyze`` returns.

Each model declares ``PARAMETERS = {name: (default, domain, meaning)}`` (optionally with a
fourth entry, the parameter's LaTeX name) and calls these helpers with its own name (for
the error messages).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.games.parameters import _value, check_domain
from gametheory.games.values import to_fraction

Spec = dict[str, tuple[Any, ...]]     # (default, domain, meaning[, latex])


def metadata(spec: Spec) -> dict[str, gt.Parameter]:
    """``{name: gt.Parameter}`` with the default, domain, meaning and LaTeX name of each
    parameter."""
    return {name: gt.Parameter(name, default=e[0], domain=e[1], description=e[2],
                               latex=e[3] if len(e) > 3 else "")
            for name, e in spec.items()}


def check_names(model: str, spec: Spec, values: dict) -> None:
    """GameError naming the first unknown parameter of ``model``."""
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise GameError(f"unknown parameter {unknown[0]!r} of {model}; its parameters "
                        f"are: {', '.join(spec)}")


def count(value: Any, name: str, meaning: str, most: int | None = None,
          why: str = "") -> int:
    """``value`` if it is an integer from 1 to ``most`` (no bound when None), else a
    GameError naming it: ``name`` and its ``meaning``, and ``why`` the bound exists.

    >>> count(3, "N", "the number of entrants", 5)
    3
    >>> count(0, "n", "stages left")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: n (stages left) must be a positive integer; got 0
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1 or \
            (most is not None and value > most):
        what = "a positive integer" if most is None else f"an integer from 1 to {most}"
        raise GameError(f"{name} ({meaning}) must be {what}{why}; got {value!r}")
    return value


def checked(spec: Spec, name: str, v: Any) -> Any:
    """The sympy number of value ``v`` of ``name``; GameError when it is not a number or
    lies outside the parameter's domain."""
    if isinstance(v, float) and v != v:
        raise GameError(f"value nan of parameter {name!r} is not a number")
    x = _value(name, v)
    check_domain(metadata({name: spec[name]})[name], x, shown=v)
    return x


def symbols_or_values(model: str, spec: Spec, values: dict) -> dict[str, Any]:
    """``{name: value}`` for the given parameters (checked; strings read as exact
    fractions) and ``{name: Symbol}`` for the others."""
    import sympy

    check_names(model, spec, values)
    out = dict(zip(spec, gt.parameters(" ".join(spec))))
    for name, v in values.items():
        x = checked(spec, name, v)
        out[name] = x if isinstance(v, (str, sympy.Basic)) else v
    return out


def fractions(model: str, spec: Spec, values: dict) -> dict[str, Fraction]:
    """Every parameter as a Fraction: the given value, else the default; GameError for
    an irrational value (the models are solved in exact arithmetic)."""
    check_names(model, spec, values)
    full = {name: e[0] for name, e in spec.items()}
    for name, v in values.items():
        x = checked(spec, name, v)
        if isinstance(v, (float, int, Fraction)):
            full[name] = to_fraction(v)           # a float as the decimal it prints as
        elif x.is_Rational:
            full[name] = Fraction(int(x.p), int(x.q))
        else:
            raise GameError(f"value {v!r} of parameter {name!r} is not a rational number; "
                            f"{model} is solved in exact arithmetic")
    return {k: Fraction(v) for k, v in full.items()}


def exact_behavior(eq: Any) -> dict[str, dict[str, Fraction]]:
    """The behaviour strategies of an exact equilibrium with Fraction probabilities."""
    return {h: {a: Fraction(x) for a, x in d.items()} for h, d in eq.behavior.items()}


def summarize(eqs: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """What ``analyze`` returns: the first equilibrium's summary at the top level, then
    ``"equilibria"`` (all of them), ``"num_equilibria"``, ``"tie"`` (more than one) and
    the ``extra`` keys in the order given."""
    out: dict[str, Any] = dict(eqs[0])
    out.update(equilibria=eqs, num_equilibria=len(eqs), tie=len(eqs) > 1, **extra)
    return out


def describe(game: Any, spec: Spec) -> Any:
    """``game`` with the metadata of every parameter it still has attached."""
    free = {p.name for p in game.parameters}
    meta = metadata(spec)
    return game.describe(*(meta[name] for name in spec if name in free))


def spe_completeness(sol: gt.Solution) -> dict[str, Any]:
    """``{"complete": ..., "note": ...}`` for a backward-induction solution, for ``analyze``.

    ``method="spe"`` returns every *pure* subgame-perfect equilibrium. At a decision node
    where the mover is indifferent, any mixture of the tied actions (with the earlier
    players best-replying to it) is subgame perfect as well, so a tie means a continuum
    of mixed SPE that is not listed: ``complete`` is then False and ``note`` names the
    information sets where the listed equilibria differ. Without ties the single
    equilibrium is the unique SPE.
    """
    ties = [n for n in sol.notes if n.startswith("ties at")]
    if not ties:
        return {"complete": sol.complete, "note": None}
    eqs = sol.equilibria
    differ = [h for h in eqs[0].behavior
              if any(e.behavior[h] != eqs[0].behavior[h] for e in eqs[1:])]
    return {"complete": False,
            "note": f"{ties[0]}: all {len(eqs)} pure SPE are listed; mixing between the "
                    f"tied actions gives a continuum of mixed SPE (the pure ones differ at "
                    f"{', '.join(differ)})"}
