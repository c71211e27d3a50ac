"""Critical values with some parameters kept symbolic, for
``gt.critical_values(game, "q", symbolic=("V_sec", "C_R"))``.

Route:

1. **Atoms** in ``(q, s1, ..., sk)`` (``q`` the analysed parameter, ``s`` the symbolic
   ones; the rest fixed) as for an equilibrium map
   (:class:`~gametheory.sensitivity._conditions.Explorer`: support conditions, or
   backward-induction differences sampled over a box).
2. **Candidates**: the roots in ``q`` of the atoms of degree >= 1 in ``q``, as
   expressions in ``s``: linear atoms give rational functions, quadratic ones radicals;
   higher degrees are skipped with a DegenerateGameWarning.
3. **Conditions**: atoms in ``s`` alone: the atoms without ``q``, and the factors of each
   rational candidate's numerator and denominator, of its distance to the ends of q's
   domain and of its differences with the other candidates. At rational sample points of
   ``s`` (a scrambled grid, points on those atoms' zero sets and just off them) the
   numeric :func:`~gametheory.sensitivity.critical.critical_values` says which candidates
   are confirmed; each candidate's condition is the union of cubes of sign vectors where it
   is confirmed, grown against those where it is not (as for map regions), in the
   symbolic parameters' domains. Where a candidate equals another one at a point (e.g.
   37/100 = 4/(4 + C_R) at C_R = 252/37) the confirmation there is the other's as much as
   its own: such sign vectors are don't-cares of its condition (unless it is confirmed
   nowhere else), so the condition says where the value is a critical value of its own.

``below``, ``above``, ``below_at``, ``above_at``, ``at`` and ``description`` of each value
are those of the numeric critical value at one sample point of the symbolic parameters
where it is confirmed; ``point`` gives that point.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Any

from ..errors import DegenerateGameWarning, GameError, SolverError
from . import _conditions as cnd

__all__ = ["symbolic_critical_values"]

_CLASSES: dict = {}


def _value_class(base: type) -> type:
    """A subclass of CriticalValue whose value is an expression in the symbolic
    parameters (no float; str names the condition and the sample point)."""
    if base not in _CLASSES:
        class SymbolicCriticalValue(base):
            """A critical value as an expression in the symbolic parameters, with the
            condition (a sympy Boolean on them) under which it applies."""

            def __float__(self) -> float:
                raise TypeError(f"the critical value {self.value} is symbolic; substitute "
                                "values for its parameters first")

            def __str__(self) -> str:
                where = cnd.condition_text(self.condition)
                where = " (everywhere)" if where == "everywhere" else f" if {where}"
                return f"{self.parameter} = {self.value}{where}: {self.description}"

        _CLASSES[base] = SymbolicCriticalValue
    return _CLASSES[base]


def _names(symbolic: Any, parameter: str, fixed: dict) -> list[str]:
    names = [symbolic] if isinstance(symbolic, str) else list(symbolic)
    if not all(isinstance(n, str) for n in names):
        raise GameError(f"symbolic must name parameters (strings); got {symbolic!r}")
    if parameter in names:
        raise GameError(f"parameter {parameter!r} is the one analysed; it cannot also be "
                        "symbolic")
    both = [n for n in names if n in fixed]
    if both:
        raise GameError(f"parameter {both[0]!r} is symbolic; do not also fix it")
    if len(set(names)) != len(names):
        raise GameError(f"symbolic names a parameter twice: {names}")
    if len(names) > 2:
        raise GameError(f"at most 2 symbolic parameters; got {len(names)} "
                        f"({', '.join(names)}); fix the others")
    return names


def _candidates(atoms: list, q: Any) -> tuple[list, list]:
    """Roots in q of the atoms, as expressions in the other variables: (rational ones,
    radical ones); degrees above 2 are skipped with a warning."""
    import sympy

    rational, radical = {}, {}
    for a in atoms:
        p = sympy.Poly(a.expr, q)
        d = p.degree()
        if d == 1:
            c1, c0 = p.all_coeffs()
            r = sympy.cancel(-c0 / c1)
            rational.setdefault(r, a.reason)
        elif d == 2:
            c2, c1, c0 = p.all_coeffs()
            disc = sympy.expand(c1 ** 2 - 4 * c2 * c0)
            for s in (-1, 1):
                radical.setdefault(sympy.simplify((-c1 + s * sympy.sqrt(disc)) / (2 * c2)),
                                   a.reason)
        elif d > 2:
            warnings.warn(f"the condition {a.expr} = 0 has degree {d} in {q}; its roots "
                          "are not given as expressions", DegenerateGameWarning,
                          stacklevel=4)
    return list(rational.items()), list(radical.items())


def _condition_atoms(syms: tuple, case_atoms: list, rational: list, lo: Any,
                     hi: Any, quadratic: tuple = (), q: Any = None) -> list:
    """The atoms in the symbolic parameters that can decide which candidate applies:
    those of the cases, of the rational candidates (module docstring) and, for the roots
    of each atom ``c2 q**2 + c1 q + c0`` in ``quadratic``, where a root crosses an end
    ``b`` of q's domain or the two roots meet: ``p(b)``, ``2 c2 b + c1``, ``c2`` and the
    discriminant."""
    import sympy

    col = cnd.AtomCollector(syms)
    for a in case_atoms:
        col.add_expr(a.expr, a.reason)
    for a in quadratic:
        c2, c1, c0 = sympy.Poly(a.expr, q).all_coeffs()
        col.add_expr(sympy.expand(c1 ** 2 - 4 * c2 * c0), "roots meet")
        col.add_expr(c2, "degree drops")
        for b in (lo, hi):
            if b.is_finite:
                col.add_expr(sympy.expand(a.expr.xreplace({q: b})), "a root at the end")
                col.add_expr(sympy.expand(2 * c2 * b + c1), "a root at the end")
    exprs = [r for r, _ in rational]
    for r in exprs:
        parts = [r] + [r - b for b in (lo, hi) if b.is_finite]
        parts += [r - o for o in exprs if o is not r]
        for e in parts:
            n, d = sympy.fraction(sympy.cancel(e))
            col.add_expr(n, "candidate")
            col.add_expr(d, "candidate")
    return list(col.atoms.values())


def _same(a: Any, b: Any) -> bool:
    if a.is_Rational and b.is_Rational:
        return a == b
    try:
        return abs(complex(a.evalf(40)) - complex(b.evalf(40))) < 1e-30
    except (TypeError, ValueError):
        return False


def _sample(syms: tuple, box: list, atoms: list, rng: Any) -> tuple[list, list]:
    """Sample points of the symbolic parameters and the atoms that change sign."""
    grid = cnd.grid_points(box, 4 if len(syms) == 2 else 9, rng)
    delta = min(b - a for a, b in box) / 512
    pts, kept = list(grid), []
    for a in atoms:
        z = cnd.zero_points(a, box, rng, slices=3)
        if z or cnd.has_zero_inside(a, box, rng):
            kept.append(a)
            pts += z + cnd.beside(a, z, box, delta) if z else \
                cnd.beside_curve(a, box, rng, delta)
    for i, a in enumerate(kept):
        for b in kept[:i]:
            pts += cnd.intersection_points(a, b, box, rng)
    return list(dict.fromkeys(pts)), kept


def symbolic_critical_values(game: Any, parameter: str, symbolic: Any, fixed: dict, *,
                             numeric: Any, make: type, domain: Any, resolve: Any,
                             method: str = "auto", interval: Any = None,
                             seed: int = 0) -> list:
    """Critical values of ``parameter`` as expressions in the ``symbolic`` parameters.

    ``numeric`` is the numeric ``critical_values``, ``make`` the CriticalValue class,
    ``domain`` the domain reader and ``resolve`` the reader of the registry's candidate
    source (``_resolve``: the confirming method and the source, which choose the atoms)
    of :mod:`gametheory.sensitivity.critical` (passed in so that this module does not
    import it: critical delegates here).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.models import ukraine_guarantees as m
    >>> cvs = gt.critical_values(m.build(), "q", symbolic=("V_sec", "C_R"))
    >>> [str(c.value) for c in cvs]
    ['V_sec/(C_R + V_sec)', '37/100', '4/(C_R + 4)']
    >>> cvs[0].condition, cvs[2].condition     # each type's threshold: everywhere
    (True, True)

    The middle one is where Ukraine switches track while both types escalate on NEUTRAL:
    a critical value only when both thresholds lie above it.
    """
    import sympy

    names = _names(symbolic, parameter, fixed)
    sub, values, syms = cnd.setup(game, [parameter, *names], fixed)
    lo, hi = domain(game, parameter, interval)
    doms = [(parameter, lo, hi)] + [(n, *domain(game, n, None)) for n in names]
    info = game.parameter_info
    box, _ = cnd.box_of(doms, [getattr(info.get(n), "default", None)
                               for n, _, _ in doms])
    ex = cnd.Explorer(sub, syms, box, seed, resolve(sub, method))
    _, atoms = ex.explore(cnd.grid_points(box, 4 if len(syms) == 3 else 7, ex.rng))
    q, others = syms[0], syms[1:]
    rational, radical = _candidates([a for a in atoms if a.degree(0) > 0], q)
    case = [a for a in atoms if a.degree(0) == 0]
    quadratic = [a for a in atoms if a.degree(0) == 2]
    cond_atoms = _condition_atoms(others, case, rational, lo, hi, quadratic, q)
    sbox = box[1:]
    points, cond_atoms = _sample(others, sbox, cond_atoms, ex.rng)
    default = tuple(Fraction(info[n].default) if info.get(n) and info[n].default is not None
                    else None for n in names)
    if None not in default and all(a < d < b for d, (a, b) in zip(default, sbox)):
        points.insert(0, default)
    signs = cnd.Signs(others, sbox, ex.rng)
    unseen = {k for k, a in enumerate(cond_atoms) if not any(a.sign(p) == 0 for p in points)}
    cands = rational + radical
    hits: dict = {k: {} for k in range(len(cands))}
    for pt in points:
        at = dict(zip(names, pt))
        try:
            found = numeric(sub, parameter, method=method, interval=interval, **at)
        except (GameError, SolverError):
            continue
        vec = tuple(a.sign(pt) for a in cond_atoms)
        subs = dict(zip(others, map(cnd.rational, pt)))
        vals = [expr.xreplace(subs) for expr, _ in cands]
        for k, v in enumerate(vals):
            match = next((cv for cv in found if v.is_finite and _same(v, cv.value)), None)
            shared = match is not None and any(
                j != k and w.is_finite and _same(v, w) for j, w in enumerate(vals))
            hits[k].setdefault(vec, []).append((pt, match, shared))
    out = []
    cls = _value_class(make)
    for k, (expr, _reason) in enumerate(cands):
        on = [v for v, rows in hits[k].items() if any(m is not None and not sh
                                                      for _, m, sh in rows)]
        if not on:      # confirmed only where it equals another candidate
            on = [v for v, rows in hits[k].items() if any(m is not None for _, m, _ in rows)]
        off = [v for v, rows in hits[k].items() if any(m is None for _, m, _ in rows)]
        if not on:
            continue
        cubes = cnd.without_zeros(cnd.cover(on, [v for v in off if v not in on]), unseen)
        conds = [cnd.cube_condition(c, cond_atoms, signs) for c in cubes]
        cond = sympy.true if any(c is sympy.true for c in conds) else \
            sympy.Or(*conds) if len(conds) > 1 else conds[0]
        rows = [(pt, m) for v in on for pt, m, _ in hits[k][v] if m is not None]
        pt, cv = min(rows, key=lambda r: (r[0] != default,
                                          sum(x.denominator for x in r[0]), r[0]))
        where = ", ".join(f"{n} = {x}" for n, x in zip(names, pt))
        mixed = any(m is None for v in on for _, m, _ in hits[k][v])
        text = f"{cv.description} (at {where})" + \
            ("; the conditions do not separate every case" if mixed else "")
        out.append(cls(parameter, sympy.factor(expr), cv.below, cv.above, cv.below_at,
                       cv.above_at, cv.at, text, cond))
    ref = dict(zip(others, [cnd.rational(d if d is not None else (a + b) / 2)
                            for d, (a, b) in zip(default, sbox)]))

    def order(c):
        v = c.value.xreplace(ref)
        return float(v) if v.is_real else float("inf")

    return sorted(out, key=order)
