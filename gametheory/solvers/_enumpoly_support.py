"""Support profiles and their indifference systems for :mod:`.enumpoly`.

A support profile fixes which strategies each player uses. On it, a Nash equilibrium
solves a polynomial system: every player is indifferent among the strategies in their
support (the payoffs are multilinear in the other players' probabilities) and each
player's probabilities sum to one. This module enumerates support profiles in the order
of Porter, Nudelman & Shoham (2008), prunes those with a conditionally dominated strategy,
and solves each system exactly (sympy, Groebner bases over QQ) or numerically (Newton's
method from many starts, by ``scipy.optimize.root``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np

Support = tuple[tuple[int, ...], ...]


def iter_supports(shape: Sequence[int]) -> Iterator[Support]:
    """Support profiles, smallest total size first, then most balanced (PNS 2008).

    Examples
    --------
    >>> [s for s in iter_supports((2, 2))][:3]
    [((0,), (0,)), ((0,), (1,)), ((1,), (0,))]
    """
    sizes = sorted(itertools.product(*[range(1, n + 1) for n in shape]),
                   key=lambda k: (sum(k), max(k) - min(k), k))
    for k in sizes:
        yield from itertools.product(*[itertools.combinations(range(n), m)
                                       for n, m in zip(shape, k)])


def count_supports(shape: Sequence[int]) -> int:
    """How many support profiles a game of this shape has: prod(2**n - 1)."""
    return int(np.prod([2 ** n - 1 for n in shape], dtype=object))


def conditionally_dominated(U: np.ndarray, support: Support) -> bool:
    """True when some strategy in the support is strictly dominated by another pure
    strategy of its player, given that the others play within their supports
    (Porter, Nudelman & Shoham 2008, conditional dominance)."""
    N = len(support)
    for i in range(N):
        axes = [np.arange(U.shape[1 + j]) if j == i else np.asarray(support[j])
                for j in range(N)]
        sub = U[i][np.ix_(*axes)]
        rows = np.moveaxis(sub, i, 0).reshape(sub.shape[i], -1)   # strategy x others' cells
        for s in support[i]:
            if np.any(np.all(rows > rows[s], axis=1)):
                return True
    return False


def strategy_payoffs(U: np.ndarray, i: int, profile: Sequence[np.ndarray],
                     player: int | None = None) -> np.ndarray:
    """Player ``i``'s payoff to each pure strategy against the others' mixed profile
    (float or object arrays: works with Fractions and sympy numbers). With ``player``,
    ``U[i]`` holds the payoffs of that player and ``player`` is the deviating one."""
    T = U[i]
    i = i if player is None else player
    for j in reversed(range(len(profile))):
        if j == i:
            continue
        T = np.tensordot(T, profile[j], axes=([j], [0]))
    return T


# ------------------------------------------------------------------ the polynomial system
def exact_system(U: np.ndarray, support: Support):
    """The indifference equations on ``support`` over QQ as sympy expressions.

    Each player's last support strategy gets ``1 - sum(others)``, so the unknowns are the
    other support probabilities. Returns ``(equations, symbols, profile)`` where
    ``profile[i]`` is player i's full strategy vector as sympy expressions.
    """
    import sympy as sp

    N = len(support)
    symbols, profile = [], []
    for i, sup in enumerate(support):
        xs = sp.symbols(f"x{i}_0:{len(sup) - 1}") if len(sup) > 1 else ()
        symbols.extend(xs)
        vec = [sp.Integer(0)] * U.shape[1 + i]
        for k, s in enumerate(sup[:-1]):
            vec[s] = xs[k]
        vec[sup[-1]] = 1 - sum(xs)
        profile.append(np.array(vec, dtype=object))
    eqs = []
    for i in range(N):
        if len(support[i]) < 2:
            continue
        others = [profile[j][list(support[j])] for j in range(N)]
        sub = U[(slice(i, i + 1), *np.ix_(*[np.asarray(s) for s in support]))]
        vals = strategy_payoffs(_rational(sub), 0, others, player=i)
        base = sp.expand(vals[-1])
        eqs.extend(sp.expand(v - base) for v in vals[:-1])
    return eqs, symbols, profile


def _rational(arr: np.ndarray) -> np.ndarray:
    import sympy as sp

    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        v = arr[idx]
        # trusted: strict sympify, text raises; payoffs and solver values, numbers or sympy objects
        out[idx] = sp.Rational(v.numerator, v.denominator) if hasattr(v, "numerator") \
            else sp.nsimplify(sp.sympify(v, strict=True))
    return out


def solve_exact(U: np.ndarray, support: Support, exact: bool = True):
    """Solve the support system with Groebner bases (grevlex, then FGLM to lex).

    Returns ``(solutions, finite)``: each solution is a tuple of per-player strategy
    vectors, real and in [0, 1] -- sympy numbers (rational or algebraic) with ``exact``,
    else floats read off the lex basis by back-substitution and polished by Newton's
    method. ``finite`` is False when the solution set is positive-dimensional, and then
    a few rational sample points (free unknowns fixed at k/8) are returned instead.
    """
    import sympy as sp

    eqs, symbols, profile = exact_system(U, support)
    eqs = [e for e in eqs if e != 0]
    if not symbols:
        sols, finite = [dict()], True
    elif not eqs:
        sols, finite = _samples(symbols, {}), False
    else:
        G = sp.groebner(eqs, *symbols, order="grevlex", domain="QQ")
        if list(G.exprs) == [1]:
            return [], True
        finite = G.is_zero_dimensional
        if finite:
            L = G.fglm("lex")
            sols = _lex_exact(L, symbols) if exact else None
            if sols is None and exact:
                sols = [dict(zip(symbols, s))
                        for s in sp.solve_poly_system(list(L.exprs), *symbols)]
            if not exact:
                return _float_points(_lex_numeric(L, symbols), eqs, symbols, profile), True
        else:
            sols = []
            for par in sp.solve(list(G.exprs), symbols, dict=True):
                sols.extend(_samples(symbols, par))
    out = []
    for sol in sols:
        prof = []
        ok = True
        for vec in profile:
            # trusted: strict sympify, text raises; payoffs and solver values, numbers or sympy
            #   objects
            v = [_real(sp.radsimp(sp.expand(sp.sympify(x, strict=True).subs(sol)))) for x in vec]
            if any(x is None or x.free_symbols for x in v):
                ok = False
                break
            prof.append(v)
        if ok and all(_in_unit(x) for vec in prof for x in vec):
            out.append(tuple(prof) if exact else
                       tuple(np.array([float(x.evalf(30)) for x in v]) for v in prof))
    return out, finite


def _lex_exact(L, symbols):
    """Exact solutions of a lex basis in shape position (``p(x_n)`` and one equation
    linear in each other unknown): ``x_n`` a root of an irreducible factor of ``p``
    (radicals up to degree 2, ``CRootOf`` above); None when not in that form."""
    import sympy as sp

    polys = [sp.Poly(e, *symbols) for e in L.exprs]
    last = symbols[-1]
    uni = [p for p in polys if p.free_symbols <= {last}]
    if len(uni) != 1 or len(polys) != len(symbols):
        return None
    roots = []
    for f, _ in sp.factor_list(uni[0].as_expr(), last)[1]:
        fp = sp.Poly(f, last)
        if fp.degree() <= 2:
            roots.extend(sp.roots(fp, multiple=True))
        else:
            roots.extend(sp.CRootOf(fp, k) for k in range(fp.count_roots()))
    sols = []
    for r in roots:
        if _real(r) is None:
            continue
        sol = {last: r}
        for var in reversed(symbols[:-1]):
            rel = [p for p in polys if var in p.free_symbols
                   and p.free_symbols <= set(symbols[symbols.index(var):])]
            if len(rel) != 1 or rel[0].degree(var) != 1:
                return None
            q = sp.Poly(rel[0].as_expr().subs(sol), var)
            c1, c0 = q.coeff_monomial(var), q.coeff_monomial(1)
            if c1 == 0:
                return None
            sol[var] = sp.radsimp(sp.expand(-c0 / c1))
        sols.append(sol)
    return sols


def _lex_numeric(L, symbols) -> list[np.ndarray]:
    """All real points of a zero-dimensional lex basis, by back-substitution with
    polynomial roots (numpy) from the last unknown up."""
    import sympy as sp

    polys = [sp.Poly(e, *symbols) for e in L.exprs]
    n = len(symbols)
    partial: list[dict] = [{}]
    for k in reversed(range(n)):
        var = symbols[k]
        rel = [p for p in polys if var in p.free_symbols
               and p.free_symbols <= set(symbols[k:])]
        nxt = []
        for part in partial:
            qs = []
            for p in rel:
                # trusted: strict sympify, text raises; payoffs and solver values, numbers or sympy
                #   objects
                c = np.array([complex(sp.sympify(co, strict=True).subs(part).evalf(30)) if part else
                              complex(co) for co in
                              sp.Poly(p.as_expr(), var).all_coeffs()], dtype=complex)
                scale = np.abs(c).max(initial=0)
                if scale == 0:
                    continue
                c = np.trim_zeros(np.where(np.abs(c) < 1e-11 * scale, 0, c), "f")
                qs.append(c)
            if not qs:
                continue
            qs.sort(key=len)
            for r in np.roots(qs[0]) if len(qs[0]) > 1 else []:
                if abs(r.imag) > 1e-7:
                    continue
                if all(abs(np.polyval(q, r.real)) <= 1e-6 * np.abs(q).max() for q in qs[1:]):
                    nxt.append({**part, symbols[k]: sp.Float(r.real, 30)})
        partial = nxt
    return [np.array([float(pt[s]) for s in symbols]) for pt in partial]


def _float_points(points, eqs, symbols, profile) -> list[tuple[np.ndarray, ...]]:
    """Polish each point by Newton's method on the equations; keep those in the simplices."""
    import sympy as sp
    from scipy.optimize import root

    F = sp.lambdify([symbols], eqs, "numpy")
    J = sp.lambdify([symbols], sp.Matrix(eqs).jacobian(symbols), "numpy")
    vecs = sp.lambdify([symbols], [list(v) for v in profile], "numpy")
    out = []
    for z in points:
        if len(eqs) == len(symbols):
            r = root(lambda v: np.asarray(F(v), float), z, jac=lambda v: np.asarray(J(v), float))
            if np.max(np.abs(F(r.x)), initial=0) <= np.max(np.abs(F(z)), initial=0):
                z = r.x
        prof = tuple(np.asarray(v, dtype=float) for v in vecs(z))
        if all(v.min() >= -1e-9 for v in prof):
            out.append(tuple(np.clip(v, 0, None) / np.clip(v, 0, None).sum() for v in prof))
    return out


def _samples(symbols, par: dict) -> list[dict]:
    """Rational points of a parametrised solution family: free unknowns at k/8, skipping
    those where a denominator of the parametrisation vanishes (the family has no point
    there: ``x0 = (x1 - 1)/(2 x1 - 1)`` at ``x1 = 1/2`` would be complex infinity)."""
    import sympy as sp

    free = [s for s in symbols if s not in par]
    # trusted: strict sympify, text raises; payoffs and solver values, numbers or sympy objects
    par = {s: sp.together(sp.sympify(e, strict=True)) for s, e in par.items()}
    dens = [sp.fraction(e)[1] for e in par.values()]
    pts = []
    for k in range(1, 8):
        val = {s: sp.Rational(k, 8) for s in free}
        if any(d.subs(val) == 0 for d in dens):
            continue
        pts.append({**{s: e.subs(val) for s, e in par.items()}, **val})
    return pts


def _real(x):
    """``x`` as a real sympy number, or None when it is not real."""
    import sympy as sp

    # trusted: strict sympify, text raises; payoffs and solver values, numbers or sympy objects
    x = sp.sympify(x, strict=True)     # numbers and sympy only, never text
    if x.is_Rational:
        return x
    if x.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None                    # no number (a pole), so not a real one
    if x.free_symbols:
        return x
    im = sp.im(x).evalf(40)
    if abs(im) > sp.Float("1e-30"):
        return None
    if x.is_real is not True:
        x = sp.re(x)
    return sp.radsimp(x) if x.is_algebraic and not isinstance(x, sp.CRootOf) else x


def _in_unit(x) -> bool:
    v = x.evalf(40)
    return -1e-30 <= v <= 1 + 1e-30


def exact_deviation_ok(U: np.ndarray, support: Support, prof: Sequence[Sequence]) -> bool:
    """No player gains by a pure strategy outside their support (sympy numbers; signs
    decided at 40 digits, ties left to the exact verification in build_solution)."""
    N = len(support)
    arrs = [np.array(v, dtype=object) for v in prof]
    for i in range(N):
        vals = strategy_payoffs(_rational(U), i, arrs)
        base = vals[support[i][-1]]
        for t in range(len(vals)):
            if t not in support[i] and (vals[t] - base).evalf(40) > 1e-25:
                return False
    return True


# ------------------------------------------------------------------ numeric solving
def solve_numeric(U: np.ndarray, support: Support, starts: int, rng: np.random.Generator,
                  tol: float) -> list[tuple[np.ndarray, ...]]:
    """Solutions of the support system found by Newton's method (``scipy.optimize.root``,
    Levenberg-Marquardt) from ``starts`` random interior points; only points inside the
    simplices with no profitable deviation outside the support are returned."""
    from scipy.optimize import root

    N = len(support)
    sizes = [len(s) for s in support]
    sub = U[(slice(None), *np.ix_(*[np.asarray(s) for s in support]))]

    def unpack(z):
        out, k = [], 0
        for m in sizes:
            part = z[k:k + m - 1]
            out.append(np.append(part, 1.0 - part.sum()))
            k += m - 1
        return out

    def residual(z):
        prof = unpack(z)
        res = []
        for i in range(N):
            if sizes[i] > 1:
                v = strategy_payoffs(sub, i, prof)
                res.extend(v[:-1] - v[-1])
        return np.array(res)

    nvar = sum(m - 1 for m in sizes)
    found: list[tuple[np.ndarray, ...]] = []
    for _ in range(starts):
        z0 = np.concatenate([rng.dirichlet(np.ones(m))[:-1] for m in sizes])
        r = root(residual, z0, method="lm", options={"xtol": 1e-15, "ftol": 1e-15})
        if not r.success and np.max(np.abs(residual(r.x)), initial=0) > tol:
            continue
        small = unpack(r.x)
        if np.max(np.abs(residual(r.x)), initial=0) > tol or \
                any(v.min() < -1e-9 for v in small):
            continue
        prof = []
        for i, v in enumerate(small):
            full = np.zeros(U.shape[1 + i])
            full[list(support[i])] = np.clip(v, 0, None)
            prof.append(full / full.sum())
        if any(all(np.allclose(a, b, atol=1e-7) for a, b in zip(prof, f)) for f in found):
            continue
        found.append(tuple(prof))
        if nvar == 0:
            break
    return found
