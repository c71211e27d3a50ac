"""Regions of an equilibrium map on zero sets without rational points (``5*(3 - a)**2 =
3*v**2``), for :mod:`gametheory.sensitivity.equilibrium_map`.

Such an atom (irreducible over QQ, e.g. of degree 2 in every variable) meets no rational
sample point, so the exact route never sees its zero set. Here points on it with algebraic
coordinates are found (the other variables at rational values, the real roots in the one
variable exactly, as sympy algebraic numbers), the other atoms' signs there are decided
to 40 digits, and the game is solved **in floats** at the point (the exact solvers take
rational payoffs only). Points with the same sign vector and the structure of a region
next to them join it (the zero set is then part of its condition: ``f >= 0``); the
others form regions of their own, given by the equation and the other atoms' signs,
``verified`` when the float solves at all their points (two at least) have one
structure, their equilibria float values at one point (``closed_form`` False).
"""

from __future__ import annotations

from typing import Any

from . import _conditions as cnd

__all__ = ["curve_groups", "widen"]


def _signs(atoms: list, i: int, pt: tuple) -> tuple | None:
    """The sign vector at the algebraic point ``pt`` (0 for atom ``i``), or None when
    another atom is within 1e-25 of 0 there (a crossing: not decided)."""
    subs = dict(zip(atoms[i].gens, pt))
    out = []
    for j, a in enumerate(atoms):
        if j == i:
            out.append(0)
            continue
        v = a.expr.xreplace(subs).evalf(40)
        if abs(v) < 1e-25:
            return None
        out.append(1 if v > 0 else -1)
    return tuple(out)


def curve_groups(m: Any, atoms: list, unseen: set) -> tuple[list, list, set]:
    """``(groups, notes, atoms still unmapped)``: for each atom index ``i`` in ``unseen``,
    the float solves at algebraic points of its zero set grouped by sign vector: tuples
    ``(i, sign vector, points, structures, solutions)``."""
    from ..errors import GameError, SolverError
    from ..solvers import solve
    from .critical import structure_key

    out, notes, left = [], [], set()
    for i in sorted(unseen):
        groups: dict = {}
        for pt in cnd.curve_points(atoms[i], m.box, m.rng):
            vec = _signs(atoms, i, pt)
            if vec is None:
                continue
            at = {n: float(x.evalf(30)) for n, x in zip(m.names, pt)}
            try:
                sol = solve(m.game.substitute(**at), method=m.method)
            except (GameError, SolverError) as exc:
                notes.append(f"on {atoms[i].expr} = 0: the float solve at "
                             f"{', '.join(f'{k} = {v:.6g}' for k, v in at.items())} "
                             f"failed ({exc})")
                continue
            groups.setdefault(vec, []).append((tuple(at.values()), structure_key(sol), sol))
        if not groups:
            left.add(i)
            continue
        out += [(i, vec, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
                for vec, rows in groups.items()]
        n = sum(len(r) for r in groups.values())
        notes.append(f"on {atoms[i].expr} = 0 (no rational points): equilibria solved in "
                     f"floats at {n} algebraic point(s)")
    return out, notes, left


def widen(cubes: list, i: int, vec: tuple) -> tuple[list, bool]:
    """The cubes with the sign 0 of atom ``i`` allowed in those that hold ``vec`` with atom
    ``i`` at +1 or -1 (the zero set joins a region on its side with the same equilibria);
    and whether one did."""
    out, done = [], False
    for c in cubes:
        if any(cnd._meets(c, vec[:i] + (s,) + vec[i + 1:]) for s in (-1, 1)):
            c = c[:i] + (c[i] | {0},) + c[i + 1:]
            done = True
        out.append(c)
    return out, done
