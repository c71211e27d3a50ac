"""Conditions on several parameters for :mod:`gametheory.sensitivity.equilibrium_map` and
the symbolic critical values: exact arithmetic in ``QQ(x1, ..., xd)``, the irreducible
polynomial factors ("atoms") of the conditions that can change the equilibria, rational
sample points spread over a box and lying on the atoms' zero sets, and the minimisation of
a region's sign vectors into a short Boolean condition.

A sign vector gives each atom's sign (-1, 0, +1) at a point. A *cube* gives each atom a
set of allowed signs; a condition is a union of cubes. Cubes are grown from the sign
vectors a region realises until they would take in a sign vector realised by another
region (an expansion against the off-set, as in Espresso): sign vectors that no sample
realised are don't-cares without being listed, which keeps this linear in the samples
where a truth table over ``2 * atoms`` Booleans would be exponential.

References
----------
Brayton, R. K., Hachtel, G. D., McMullen, C. T. & Sangiovanni-Vincentelli, A. L. (1984).
*Logic Minimization Algorithms for VLSI Synthesis*. Kluwer (expansion against the
off-set); Collins, G. E. (1975). Quantifier elimination for real closed fields by
cylindrical algebraic decomposition. LNCS 33 (sign-invariant regions of polynomials).
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction
from typing import Any

from ..errors import SolverError
from . import _critical_sym as sym

__all__ = ["Explorer", "Signs", "kind_of", "setup", "MultiField", "Atom", "AtomCollector",
           "box_of", "grid_points", "zero_points", "beside", "curve_points", "beside_curve",
           "around", "intersection_points", "has_zero_inside", "cover", "merge",
           "without_zeros", "cube_condition", "condition_text"]

ALL = frozenset((-1, 0, 1))


def _frac(c: Any) -> Fraction:
    """A ground-domain coefficient (ZZ, QQ or sympy Rational) as a Fraction."""
    if hasattr(c, "p") and hasattr(c, "q"):
        return Fraction(int(c.p), int(c.q))
    return Fraction(int(getattr(c, "numerator", c)), int(getattr(c, "denominator", 1)))


def _eval_terms(terms: list, pt: tuple) -> Fraction:
    total = Fraction(0)
    for monom, c in terms:
        v = c
        for x, e in zip(pt, monom):
            if e:
                v *= x ** e
        total += v
    return total


def rational(x: Fraction) -> Any:
    """A Fraction as a sympy Rational."""
    import sympy

    return sympy.Rational(x.numerator, x.denominator)


class MultiField:
    """The field ``QQ(x1, ..., xd)`` of rational functions in the mapped parameters, with
    exact evaluation at rational points (tuples of Fractions in the order of ``symbols``).

    Examples
    --------
    >>> import sympy
    >>> from fractions import Fraction
    >>> q, r = sympy.symbols("q r", real=True)
    >>> F = MultiField((q, r))
    >>> F.at(F(q * r / (1 + q)), (Fraction(1), Fraction(1, 2)))
    Fraction(1, 4)
    """

    #: Not ``_critical_sym.Field``'s one-parameter fast path (its interval pruning).
    fast = False

    def __init__(self, symbols: tuple):
        from sympy import QQ

        self.symbols = tuple(symbols)
        self.K = QQ.frac_field(*self.symbols)

    def __call__(self, expr: Any) -> Any:
        import sympy
        from sympy.polys.polyerrors import CoercionFailed

        # trusted: strict sympify, text raises; expressions built from stored payoffs
        e = sympy.sympify(expr, strict=True)
        try:
            return self.K.from_sympy(e)
        except CoercionFailed:
            raise SolverError(f"the payoff {e} is not a rational function of "
                              f"{', '.join(map(str, self.symbols))}; the map needs "
                              "rational payoffs in the mapped parameters") from None

    def at(self, e: Any, pt: tuple) -> Fraction:
        """The exact value of the element ``e`` at the point ``pt``."""
        return (_eval_terms([(m, _frac(c)) for m, c in e.numer.terms()], pt)
                / _eval_terms([(m, _frac(c)) for m, c in e.denom.terms()], pt))


class Atom:
    """An irreducible polynomial over QQ in the mapped parameters (primitive, integer
    coefficients, positive leading coefficient) and the first reason it was found."""

    def __init__(self, poly: Any, reason: str):
        self.poly = poly
        self.expr = poly.as_expr()
        self.reason = reason
        self.terms = [(m, _frac(c)) for m, c in poly.terms()]
        self.gens = poly.gens

    def __call__(self, pt: tuple) -> Fraction:
        return _eval_terms(self.terms, pt)

    def sign(self, pt: tuple) -> int:
        v = self(pt)
        return (v > 0) - (v < 0)

    def degree(self, k: int) -> int:
        return self.poly.degree(self.gens[k])

    def __repr__(self) -> str:
        return f"<Atom {self.expr}>"


class AtomCollector:
    """Collects atoms from field elements; duck-types ``Candidates.add`` so that
    ``bimatrix_candidates`` and ``_tree_pass`` of ``_critical_sym`` feed it (no
    interval: ``lo`` and ``hi`` are None)."""

    lo = hi = None

    def __init__(self, symbols: tuple):
        self.symbols = tuple(symbols)
        self.atoms: dict[Any, Atom] = {}
        self._seen: set = set()

    def add(self, e: Any, reason: str, lo: Any = None, hi: Any = None) -> list:
        if e in self._seen:
            return []
        self._seen.add(e)
        for part in (e.numer, e.denom):
            self.add_expr(part.as_expr(*self.symbols), reason)
        return []

    def add_expr(self, expr: Any, reason: str) -> None:
        """Add the non-constant irreducible factors of the polynomial ``expr``."""
        import sympy

        if not (expr.free_symbols & set(self.symbols)):
            return
        for f, _ in sympy.Poly(expr, *self.symbols).factor_list()[1]:
            if f.total_degree() <= 0:
                continue
            f = f.primitive()[1]
            if f.LC() < 0:
                f = -f
            if f.as_expr() not in self.atoms:
                self.atoms[f.as_expr()] = Atom(f, reason)


# ----------------------------------------------------------------------------- samples
def box_of(domains: list, defaults: list) -> tuple[list, list]:
    """A finite box inside the domains: infinite sides are cut at a distance of
    ``max(10, 4 |default|)``. Returns the box and a note per cut side."""
    import sympy

    box, notes = [], []
    for (name, lo, hi), d in zip(domains, defaults):
        span = max(Fraction(10), 4 * abs(Fraction(d))) if d is not None else Fraction(10)
        a = None if lo == -sympy.oo else Fraction(int(lo.p), int(lo.q)) if lo.is_Rational \
            else Fraction(str(lo.evalf(30)))
        b = None if hi == sympy.oo else Fraction(int(hi.p), int(hi.q)) if hi.is_Rational \
            else Fraction(str(hi.evalf(30)))
        if a is None and b is None:
            a, b = -span, span
        elif a is None:
            a = b - span
        elif b is None:
            b = a + span
        if lo == -sympy.oo or hi == sympy.oo:
            notes.append(f"{name} sampled on ({a}, {b}) only (its domain is infinite)")
        box.append((a, b))
    return box, notes


def _random_in(a: Fraction, b: Fraction, rng: random.Random, den: int = 97) -> Fraction:
    return a + (b - a) * Fraction(rng.randint(1, den - 1), den)


def grid_points(box: list, per_axis: int, rng: random.Random) -> list[tuple]:
    """A scrambled grid: one random rational point in each of ``per_axis ** d`` cells."""
    cells = itertools.product(range(per_axis), repeat=len(box))
    out = []
    for cell in cells:
        out.append(tuple(a + (b - a) * (i + Fraction(rng.randint(1, 18), 19)) / per_axis
                         for (a, b), i in zip(box, cell)))
    return out


def _linear_roots(poly: Any, x: Any) -> list[Fraction]:
    """The rational roots of the univariate polynomial ``poly`` in ``x``."""
    import sympy

    p = sympy.Poly(poly, x)
    if p.degree() <= 0:
        return []
    out = []
    for f, _ in p.factor_list()[1]:
        if f.degree() == 1:
            a, b = f.all_coeffs()
            out.append(-_frac(sympy.Rational(b) / sympy.Rational(a)))
    return out


def _slice(atom: Atom, k: int, box: list, rng: random.Random) -> tuple[Any, dict]:
    """The atom with every variable but the k-th at a random value of the box."""
    vals = {x: rational(_random_in(*box[j], rng))
            for j, x in enumerate(atom.gens) if j != k}
    return atom.expr.xreplace(vals), vals


def _preferred(atom: Atom) -> list[int]:
    """The atom's variables, those it is linear in first."""
    ks = [k for k in range(len(atom.gens)) if atom.degree(k) > 0]
    return sorted(ks, key=lambda k: (atom.degree(k) != 1, -k))


def zero_points(atom: Atom, box: list, rng: random.Random, slices: int = 5,
                near: tuple | None = None, delta: Fraction | None = None) -> list[tuple]:
    """Rational points of the open box on the atom's zero set: the atom solved for one
    variable (one it is linear in, when there is one) at random values of the others, or,
    with ``near``, at the values of ``near`` moved by ``-delta`` and ``+delta``."""
    ks = _preferred(atom)
    if not ks:
        return []
    k = ks[0]
    gens = atom.gens
    if near is None:
        slices_at = [{x: rational(_random_in(*box[j], rng)) for j, x in enumerate(gens)
                      if j != k} for _ in range(slices if len(box) > 1 else 1)]
    else:
        slices_at = [{x: rational(near[j] + s * delta) for j, x in enumerate(gens) if j != k}
                     for s in (-1, 1)] if len(box) > 1 else [{}]
    out = []
    for vals in slices_at:
        for t in _linear_roots(atom.expr.xreplace(vals), gens[k]):
            pt = tuple(_frac(vals[x]) if x in vals else t for x in gens)
            if all(a < v < b for (a, b), v in zip(box, pt)):
                out.append(pt)
    return out


def beside(atom: Atom, points: list, box: list, delta: Fraction) -> list[tuple]:
    """The points moved by ``-delta`` and ``+delta`` along the variable the atom is solved
    for (off its zero set, on both sides)."""
    ks = _preferred(atom)
    if not ks:
        return []
    k = ks[0]
    out = []
    for p in points:
        for s in (-1, 1):
            q = p[:k] + (p[k] + s * delta,) + p[k + 1:]
            if box[k][0] < q[k] < box[k][1]:
                out.append(q)
    return out


def around(point: tuple, box: list, delta: Fraction) -> list[tuple]:
    """The ``2 ** d`` points ``point + delta * (-1 or 1 per axis)`` inside the box: one in
    each cell around a crossing of zero sets (the cells along each zero set next to it
    come from ``zero_points(..., near=point)`` and ``beside``)."""
    out = []
    for step in itertools.product((-1, 1), repeat=len(point)):
        q = tuple(x + s * delta for x, s in zip(point, step))
        if all(a < v < b for (a, b), v in zip(box, q)):
            out.append(q)
    return out


def has_zero_inside(atom: Atom, box: list, rng: random.Random, slices: int = 6) -> bool:
    """Whether a zero of the atom was found inside the open box (exact real roots on
    random lines parallel to each axis)."""
    import sympy

    for k in _preferred(atom):
        a, b = box[k]
        for _ in range(slices if len(box) > 1 else 1):
            expr, _ = _slice(atom, k, box, rng)
            p = sympy.Poly(expr, atom.gens[k])
            if p.degree() <= 0:
                continue
            for root in p.real_roots():
                n = root if root.is_Rational else root.evalf(30)
                if rational(a) < n < rational(b):
                    return True
    return False


def curve_points(atom: Atom, box: list, rng: Any, slices: int = 4) -> list[tuple]:
    """Points of the open box on the atom's zero set with algebraic coordinates (tuples of
    sympy numbers): real roots in one variable at random rational values of the others.

    Examples
    --------
    >>> import random, sympy
    >>> from fractions import Fraction
    >>> x = sympy.Symbol("x", real=True)
    >>> a = Atom(sympy.Poly(5 * x**2 - 12, x), "")
    >>> curve_points(a, [(Fraction(0), Fraction(5))], random.Random(0))
    [(2*sqrt(15)/5,)]
    """
    import sympy

    ks = [k for k in range(len(atom.gens)) if atom.degree(k) > 0]
    if not ks:
        return []
    k = ks[-1]
    out = []
    for _ in range(slices if len(box) > 1 else 1):
        expr, vals = _slice(atom, k, box, rng)
        p = sympy.Poly(expr, atom.gens[k])
        if p.degree() <= 0:
            continue
        lo, hi = (rational(b) for b in box[k])
        for root in p.real_roots():
            if bool(lo < root.evalf(40) < hi):
                pt = tuple(vals[x] if x in vals else root for x in atom.gens)
                if pt not in out:
                    out.append(pt)
    return out


def beside_curve(atom: Atom, box: list, rng: random.Random, delta: Fraction) -> list[tuple]:
    """Rational points just off the atom's zero set on both sides where it has no
    rational points: :func:`curve_points` rounded, moved by ``-delta`` and ``+delta``
    along the variable solved for."""
    ks = [k for k in range(len(atom.gens)) if atom.degree(k) > 0]
    out = []
    for pt in curve_points(atom, box, rng, slices=3):
        base = tuple(x if isinstance(x, Fraction) else _frac(x) if x.is_Rational else
                     Fraction(str(x.evalf(30))).limit_denominator(10**12) for x in pt)
        k = ks[-1]
        for s in (-1, 1):
            p = base[:k] + (base[k] + s * delta,) + base[k + 1:]
            if box[k][0] < p[k] < box[k][1]:
                out.append(p)
    return out


def intersection_points(f: Atom, g: Atom, box: list, rng: random.Random) -> list[tuple]:
    """Rational points of the open box where both atoms vanish, when cheap: by the
    resultant in a shared variable, with a third variable (if any) at random values."""
    import sympy

    gens = f.gens
    d = len(gens)
    shared = [k for k in range(d) if f.degree(k) > 0 and g.degree(k) > 0]
    if d == 1 or not shared:
        if d == 1 and shared:
            x = gens[0]
            h = sympy.gcd(f.expr, g.expr)
            return [(t,) for t in _linear_roots(h, x) if box[0][0] < t < box[0][1]]
        return []
    k = shared[0]
    others = [j for j in range(d) if j != k]
    j = next((j for j in others if f.degree(j) > 0 or g.degree(j) > 0), others[0])
    fixed = {gens[i]: rational(_random_in(*box[i], rng)) for i in others if i != j}
    fe, ge = f.expr.xreplace(fixed), g.expr.xreplace(fixed)
    res = sympy.resultant(fe, ge, gens[k])
    if res == 0 or not res.free_symbols:
        return []
    out = []
    for y in _linear_roots(res, gens[j]):
        if not box[j][0] < y < box[j][1]:
            continue
        h = sympy.gcd(fe.xreplace({gens[j]: rational(y)}), ge.xreplace({gens[j]: rational(y)}))
        for x in _linear_roots(h, gens[k]):
            if box[k][0] < x < box[k][1]:
                vals = {**{s: _frac(v) for s, v in fixed.items()}, gens[j]: y, gens[k]: x}
                out.append(tuple(vals[s] for s in gens))
    return out


# ----------------------------------------------------------------------------- explorer
def setup(game: Any, mapped: list[str], fixed: dict) -> tuple[Any, dict, tuple]:
    """The game with every parameter not in ``mapped`` fixed (given values, else declared
    defaults), the values used, and the Symbols of ``mapped``; GameError for unknown
    names, a name both mapped and fixed, or a parameter with no value."""
    from ..errors import GameError

    names = [p.name for p in game.parameters]
    if not names:
        raise GameError("the game has no parameters; give a parametric game "
                        "(payoffs with gt.parameters)")
    for n in [*mapped, *fixed]:
        if n not in names:
            raise GameError(f"unknown parameter {n!r}; this game's parameters are: "
                            f"{', '.join(names)}")
    both = [n for n in mapped if n in fixed]
    if both:
        raise GameError(f"parameter {both[0]!r} is varied; do not also fix it")
    values = dict(fixed)
    for n, info in game.parameter_info.items():
        if n not in mapped and n not in values and info is not None \
                and info.default is not None:
            values[n] = info.default
    missing = [n for n in names if n not in mapped and n not in values]
    if missing:
        raise GameError(f"parameters {', '.join(missing)} are neither varied nor fixed "
                        f"and have no default; fix them (e.g. {missing[0]}=1)")
    sub = game.substitute(**values) if values else game
    by_name = {p.name: p for p in game.parameters}
    return sub, values, tuple(by_name[n] for n in mapped)


def kind_of(source: str) -> str:
    """The kind of game mapped for a candidate source (the registry's
    :attr:`~gametheory.solvers.registry.Method.sensitivity`, as ``critical_values`` reads
    it): ``"tree"`` (``"backward"``, ``"subgames"``), ``"bimatrix"`` (``"support"``: a
    two-player normal form, or a tree's reduced one), ``"normal"`` (``"polynomial"``,
    ``"pure"``: any number of players) or ``"assessment"`` (a tree whose sequential
    equilibria are mapped: the conditions are found once, as for a normal form).

    Examples
    --------
    >>> kind_of("subgames"), kind_of("support"), kind_of("polynomial")
    ('tree', 'bimatrix', 'normal')
    """
    return {"backward": "tree", "subgames": "tree", "support": "bimatrix",
            "assessment": "assessment"}.get(source, "normal")


# ----------------------------------------------------------------------------- mapper
class Signs:
    """``signs(poly)``: the constant sign of a polynomial on the open box, or 0 when one of
    its irreducible factors has a zero found inside (cached)."""

    def __init__(self, syms: tuple, box: list, rng: random.Random):
        self.syms, self.box, self.rng = tuple(syms), box, rng
        self._cache: dict = {}

    def __call__(self, expr: Any) -> int:
        import sympy

        if expr not in self._cache:
            c = AtomCollector(self.syms)
            c.add_expr(expr, "")
            if any(has_zero_inside(a, self.box, self.rng) for a in c.atoms.values()):
                self._cache[expr] = 0
            else:
                pts = [tuple((a + b) / 2 for a, b in self.box),
                       *grid_points(self.box, 2, self.rng)]
                vals = [expr.xreplace(dict(zip(self.syms, map(rational, p)))) for p in pts]
                self._cache[expr] = next((int(sympy.sign(v)) for v in vals if v != 0), 0)
        return self._cache[expr]


class Explorer:
    """The atoms of a parametric game in the parameters ``syms`` and the sample points that
    found them: the game (a tree for the sources ``"backward"`` and ``"subgames"``, else
    its normal form), its field, and the box sampled. ``resolved`` is ``(the registered
    method whose exact solves are compared, the candidate source)``, as
    ``critical._resolve`` gives them for the game and the method asked for."""

    def __init__(self, game: Any, syms: tuple, box: list, seed: int, resolved: tuple):
        self.method, self.source = resolved
        self.kind = kind_of(self.source)
        self.game = game.to_normal_form() if self.kind not in ("tree", "assessment") and \
            game.is_tree else game
        self.syms = syms
        self.names = tuple(s.name for s in syms)
        self.box = box
        self.rng = random.Random(seed)
        self.F = MultiField(syms)
        self.collector = AtomCollector(syms)
        self._passed: set = set()
        self.signs = Signs(syms, box, self.rng)
        self.skipped = 0
        if self.source == "backward":
            a = self.game.arrays
            self._pay = [tuple(self.F(x) for x in row) for row in a.payoffs.tolist()]
            self._prob = [self.F(x) for x in a.chance_prob.tolist()]
        elif self.source == "subgames":
            from ._map_subgames import SubgamePass
            self._subgames = SubgamePass(self.game, self.F)

    # --- atoms
    def cell(self, pt: tuple) -> Any:
        """What backward induction at ``pt`` depends on: by default the point itself;
        a subclass may give the set of subgame-perfect equilibria there (equal sets give
        equal passes: the same value sets, hence the same differences, at every node)."""
        return pt

    def tree_pass(self, points: list) -> None:
        """Backward induction (or the pieces' solutions, bottom-up) at each point whose
        :meth:`cell` is new, collecting the differences met. A pass that meets a piece
        with a continuum of equilibria (on a zero set, where no formula describes them)
        is skipped and counted in ``skipped``."""
        from ..errors import GameError

        for pt in points:
            key = self.cell(pt)
            if key in self._passed:
                continue
            self._passed.add(key)
            if self.source == "subgames":
                try:
                    self._subgames.run(pt, self.collector)
                except GameError:
                    self.skipped += 1
                continue
            sym._tree_pass(self.game, self.F, pt, self.collector, None, None,
                           self._pay, self._prob)

    def static_atoms(self) -> None:
        """The atoms of a normal form, found once: support conditions (two players),
        pure-deviation comparisons and eliminated support systems (any number)."""
        if self.source == "assessment":
            from ._critical_assessment import add_conditions

            add_conditions(self.game, self.F, self.collector)
            return
        if self.source == "support":
            P = self.game.payoffs
            A, B = ([[self.F(x) for x in row] for row in P[i].tolist()] for i in (0, 1))
            sym.bimatrix_candidates(self.game, self.F, A, B, self.collector)
            return
        from . import _map_poly

        _map_poly.normal_atoms(self.game, self.F, self.collector, self.source)

    def sign_of(self, expr: Any) -> int:
        """The constant sign of a polynomial on the box, or 0 (see :class:`Signs`)."""
        return self.signs(expr)

    def explore(self, grid: list) -> tuple[list, list]:
        """The sample points and the atoms that change sign inside the box.

        Rounds: points on the zero sets of the atoms found so far (and just off them, on
        both sides), on their pairwise intersections (with points around those, and on each
        zero set next to them); for a tree, backward induction at the new points may find
        new atoms, which start the next round."""
        if self.kind == "tree":
            self.tree_pass(grid)
        else:
            self.static_atoms()
        delta = min(b - a for a, b in self.box) / 512
        samples, kept, done = list(grid), [], set()
        slices = 10 if len(self.box) == 2 else 6
        for _ in range(6):
            new = [a for k, a in self.collector.atoms.items() if k not in done]
            if not new:
                break
            done |= {a.expr for a in new}
            pts: list = []
            for a in new:
                z = zero_points(a, self.box, self.rng, slices=slices)
                if z or has_zero_inside(a, self.box, self.rng):
                    kept.append(a)
                    pts += z + beside(a, z, self.box, delta)
            for i, a in enumerate(kept):
                for b in kept[:i]:
                    if a not in new and b not in new:
                        continue
                    for p in intersection_points(a, b, self.box, self.rng):
                        pts += [p, *around(p, self.box, delta)]
                        for c in (a, b):
                            z = zero_points(c, self.box, self.rng, near=p, delta=delta)
                            pts += z + beside(c, z, self.box, delta / 4)
            if self.kind == "tree":
                self.tree_pass(pts)
            samples += pts
        return list(dict.fromkeys(samples)), kept


# ----------------------------------------------------------------------------- cubes
def _meets(cube: tuple, vec: tuple) -> bool:
    return all(s in c for c, s in zip(cube, vec))


def _grow(vec: tuple, off: list) -> tuple:
    """The cube of ``vec`` grown atom by atom (first dropping an atom, then allowing two
    signs) as long as it meets no sign vector of ``off``."""
    cube = [frozenset((s,)) for s in vec]
    for wider in ("all", "two"):
        for i, s in enumerate(vec):
            if len(cube[i]) > 1:
                continue
            options = [ALL] if wider == "all" else \
                [frozenset((s, 0)), frozenset((s, -s))] if s else \
                [frozenset((0, 1)), frozenset((0, -1))]
            for opt in options:
                trial = cube[:i] + [opt] + cube[i + 1:]
                if not any(_meets(trial, v) for v in off):
                    cube = trial
                    break
    return tuple(cube)


def cover(on: list, off: list) -> list[tuple]:
    """Cubes (a set of allowed signs per atom) that together contain every sign vector
    of ``on`` and none of ``off``; greedy, redundant cubes removed.

    Examples
    --------
    >>> cover([(1, 1), (1, -1)], [(-1, 1), (0, 1)])
    [(frozenset({1}), frozenset({0, 1, -1}))]
    """
    on = list(dict.fromkeys(on))
    cubes: list = []
    for v in on:
        if not any(_meets(c, v) for c in cubes):
            c = _grow(v, off)
            if c not in cubes:
                cubes.append(c)
    keep = list(cubes)
    for c in sorted(cubes, key=lambda c: sum(len(s) for s in c)):
        rest = [x for x in keep if x is not c]
        if rest and all(any(_meets(x, v) for x in rest) for v in on):
            keep = rest
    return merge(keep, off)


def _supercube(c: tuple, d: tuple) -> tuple:
    return tuple(a | b for a, b in zip(c, d))


def _inside_cube(c: tuple, d: tuple) -> bool:
    return all(a <= b for a, b in zip(c, d))


def merge(cubes: list, off: list) -> list:
    """Pairs of cubes replaced by their supercube (the union of the allowed signs per
    atom) while it meets no sign vector of ``off``, smallest pairs first: an equation cube
    next to an inequality cube becomes one closed or half-open bound (``x = a or x < a``:
    ``x <= a``); cubes inside another are dropped.

    Examples
    --------
    >>> merge([(frozenset({0}), ALL), (frozenset({-1}), ALL)], [(1, 0)])
    [(frozenset({0, -1}), frozenset({0, 1, -1}))]
    """
    cubes = [c for i, c in enumerate(cubes)
             if not any(j != i and _inside_cube(c, d) and (c != d or j < i)
                        for j, d in enumerate(cubes))]
    changed = True
    while changed and len(cubes) > 1:
        changed = False
        pairs = sorted(itertools.combinations(range(len(cubes)), 2),
                       key=lambda ij: sum(map(len, _supercube(cubes[ij[0]], cubes[ij[1]]))))
        for i, j in pairs:
            s = _supercube(cubes[i], cubes[j])
            if not any(_meets(s, v) for v in off):
                cubes = [c for k, c in enumerate(cubes) if k not in (i, j)
                         and not _inside_cube(c, s)] + [s]
                changed = True
                break
    return cubes


def without_zeros(cubes: list, unseen: set) -> list:
    """The cubes with the sign 0 removed for the atoms (indices in ``unseen``) whose zero
    set no sample met (irrational zero sets): ``f >= 0`` becomes ``f > 0`` there, since
    the equation was never decided.

    Examples
    --------
    >>> without_zeros([(frozenset({0, 1}), frozenset({0, -1}))], {0})
    [(frozenset({1}), frozenset({0, -1}))]
    """
    out = []
    for c in cubes:
        c = tuple(s - {0} if k in unseen and s != ALL and len(s) > 1 else s
                  for k, s in enumerate(c))
        if c not in out:
            out.append(c)
    return out


def _linear_form(atom: Atom, k: int) -> tuple[Any, Any]:
    import sympy

    p = sympy.Poly(atom.expr, atom.gens[k])
    a, b = (p.all_coeffs() + [0])[:2] if p.degree() == 1 else (None, None)
    return a, b


def solved_for(atom: Atom, sign_of: Any) -> tuple[Any, Any, int] | None:
    """``(x, rhs, s)`` with ``atom`` having the sign of ``s * (x - rhs)`` on the domain, for
    the last variable the atom is linear in with a coefficient of constant sign
    (``sign_of(poly)`` gives that sign or 0 when it is not constant); None if none."""
    import sympy

    for k in sorted(range(len(atom.gens)), reverse=True):
        if atom.degree(k) != 1:
            continue
        a, b = _linear_form(atom, k)
        s = sign_of(a)
        if not s:
            continue
        num, den = sympy.fraction(sympy.cancel(-b / a))
        if sign_of(den) < 0:
            num, den = -num, -den
        if not den.free_symbols:
            rhs = num / den
        else:          # 689/(800 - 300*q): the denominator positive on the domain
            rhs = sympy.Mul(num, sympy.Pow(den, -1, evaluate=False))
        return atom.gens[k], rhs, s
    return None


def literal(atom: Atom, signs: frozenset, sign_of: Any) -> Any:
    """The sympy relational saying that the atom's sign lies in ``signs`` (None: any)."""
    import sympy

    if signs == ALL:
        return None
    form = solved_for(atom, sign_of)
    lhs, rhs, s = (atom.expr, sympy.Integer(0), 1) if form is None else form
    if s < 0:
        signs = frozenset(-x for x in signs)
    ops = {frozenset((1,)): sympy.StrictGreaterThan, frozenset((-1,)): sympy.StrictLessThan,
           frozenset((0,)): sympy.Eq, frozenset((0, 1)): sympy.GreaterThan,
           frozenset((0, -1)): sympy.LessThan, frozenset((1, -1)): sympy.Ne}
    return ops[signs](lhs, rhs, evaluate=False)


def cube_condition(cube: tuple, atoms: list, sign_of: Any) -> Any:
    """The conjunction of the cube's literals (sympy ``true`` for the whole domain)."""
    import sympy

    lits = [literal(a, s, sign_of) for a, s in zip(atoms, cube)]
    lits = [x for x in lits if x is not None]
    fixed = {x.lhs: x.rhs for x in lits if isinstance(x, sympy.Eq) and x.lhs.is_Symbol
             and not x.rhs.free_symbols}
    if fixed:                       # q = 1/7 and r < f(q): r < f(1/7)
        lits = [x if (isinstance(x, sympy.Eq) and x.lhs in fixed) else
                x.func(x.lhs, sympy.cancel(x.rhs.xreplace(fixed)), evaluate=False)
                if x.lhs.is_Symbol and x.lhs not in fixed else x for x in lits]
    return sympy.And(*lits, evaluate=False) if len(lits) > 1 else lits[0] if lits \
        else sympy.true


def _rel_text(r: Any) -> str:
    op = {"==": "=", "!=": "!=", ">": ">", "<": "<", ">=": ">=", "<=": "<="}[r.rel_op]
    return f"{r.lhs} {op} {r.rhs}"


def _and_text(parts: list) -> str:
    """Literals joined by "and", a lower and an upper bound on one symbol as a chain."""
    used, out = set(), []
    for i, r in enumerate(parts):
        if i in used:
            continue
        if r.rel_op in ("<", "<=", ">", ">=") and r.lhs.is_Symbol and not r.rhs.free_symbols:
            for j in range(i + 1, len(parts)):
                o = parts[j]
                if j in used or o.lhs != r.lhs or o.rel_op not in ("<", "<=", ">", ">=") \
                        or o.rhs.free_symbols or (o.rel_op[0] == r.rel_op[0]):
                    continue
                low, high = (r, o) if r.rel_op[0] == ">" else (o, r)
                lo_op = "<" if low.rel_op == ">" else "<="
                hi_op = "<" if high.rel_op == "<" else "<="
                out.append(f"{low.rhs} {lo_op} {r.lhs} {hi_op} {high.rhs}")
                used |= {i, j}
                break
        if i not in used:
            out.append(_rel_text(r))
            used.add(i)
    return " and ".join(out)


def condition_text(cond: Any) -> str:
    """A sympy condition (Or of Ands of relationals) as plain text.

    Examples
    --------
    >>> import sympy
    >>> q, r = sympy.symbols("q r")
    >>> condition_text(sympy.And(q > sympy.Rational(1, 7), q < sympy.Rational(2, 5), r < q))
    '1/7 < q < 2/5 and r < q'
    """
    import sympy

    if cond is sympy.true:
        return "everywhere"
    if cond is sympy.false:
        return "nowhere"
    if isinstance(cond, sympy.Or):
        return " or ".join(f"({condition_text(a)})" if isinstance(a, sympy.And)
                           else condition_text(a) for a in cond.args)
    if isinstance(cond, sympy.And):     # equations first, then bounds by symbol
        return _and_text(sorted(cond.args, key=lambda r: (not isinstance(r, sympy.Eq),
                                                          str(r.lhs))))
    return _rel_text(cond)
