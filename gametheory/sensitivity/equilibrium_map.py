"""Equilibrium maps: the parameter space of a parametric game partitioned into regions,
each with a condition on the parameters and the equilibria there in closed form.

The route (see :mod:`gametheory.sensitivity._conditions` for the machinery):

1. **Atoms.** The irreducible polynomial factors, over QQ in the mapped parameters (the
   other parameters fixed at numbers), of every condition that can change the equilibria.
   Which conditions is the solver method's candidate source in the registry
   (:attr:`~gametheory.solvers.registry.Method.sensitivity`, read as ``critical_values``
   reads it, so both take the same games): ``"support"`` (a two-player normal form, or a
   tree's reduced one): the numerators and denominators of the support pairs'
   probabilities, determinants and outside-strategy gains (``bimatrix_candidates`` of
   :mod:`._critical_sym` over ``QQ(x1, ..., xd)``); ``"backward"`` (perfect information):
   the mover's value differences at every decision, by backward induction run at sample
   points of each case (each pass keeps the choices valid at its point and collects the
   differences valid there; new atoms give new points on their zero sets, and the passes
   are repeated there); ``"subgames"`` (imperfect information, any number of players):
   the same passes over the proper subgames bottom-up, each piece's conditions with the
   nested subgames' continuation values (:mod:`._map_subgames`); ``"polynomial"`` and
   ``"pure"`` (normal forms of any number of players): pure-deviation comparisons and the
   eliminated support systems of ``"enumpoly"`` (:mod:`._map_poly`). Atoms without a zero
   inside the domain are dropped.
2. **Samples.** A scrambled grid of rational points over the domain (an infinite side is
   cut to a finite box, said in the notes), points on each atom's zero set (solved for a
   variable it is linear in, so the point is rational) and on pairwise intersections (by
   resultants). At each: the atoms' exact signs and the exact solve's
   :func:`~gametheory.sensitivity.critical.structure_key`.
3. **Regions.** One per structure. Its condition is a union of cubes (allowed signs per
   atom) grown against the sign vectors of the other regions, written as sympy
   relationals (an atom linear in a parameter is solved for it: ``C < V``,
   ``r > 689/(800 - 300*q)``); equations of the region are substituted into the others
   (``q = 1/7 and r < 91/100``); cubes are merged into their supercube where it meets
   no other region's sign vector (``x = a or x < a``: ``x <= a``). Sign vectors no sample
   realised are don't-cares without being listed, so this stays linear in the samples
   where ``SOPform`` over two Booleans per atom would enumerate ``4 ** atoms`` minterms.
   Zero sets without rational points are sampled at algebraic points and solved in
   floats (:mod:`._map_curves`). A sign vector seen with two
   structures means an atom is missing: a note, and ``complete`` is False.
4. **Formulas.** :func:`~gametheory.sensitivity.formulas.equilibrium_formulas` at a
   representative point; where the equilibria form a continuum the solved equilibria at
   the point are given instead (``closed_form`` False). Each region is checked at fresh
   random rational points satisfying its condition: the same structure, and the formulas
   evaluate to the exact solve. Failures go to the notes (and ``verified``).

The boundary of the domain is not mapped (only its interior is sampled).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError
from ..solvers import solve
from . import _conditions as cnd
from . import _map_curves
from .critical import (
    _best_responses,
    _domain,
    _number,
    _parameter_names,
    _resolve,
    structure_key,
)

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["EquilibriumMap", "MapRegion", "equilibrium_map"]

MAX_PARAMETERS = 3


@dataclass(frozen=True, eq=False)
class MapRegion:
    """One region of an equilibrium map.

    Attributes
    ----------
    condition : sympy Boolean
        Inequalities (and equations, for a lower-dimensional region) in the mapped
        parameters, inside their domains.
    equilibria : tuple of ClosedFormEquilibrium
        The equilibria on the region: formulas in the mapped parameters, or, when
        ``closed_form`` is False, the exact values at ``point``.
    payoffs : tuple of tuple
        Each equilibrium's payoffs (sympy expressions).
    point : dict
        A representative point ``{name: Fraction}``.
    verified : bool
        True when the exact solves at the check points agreed (structure and formulas).
    closed_form : bool
        False where the equilibria form a continuum (values at ``point`` only).
    checked_at : tuple of dict
        The fresh points where the region was checked.
    continuum : bool
        True when the equilibria there form a continuum (``equilibria`` are the extreme
        ones).
    headings : dict
        ``{information set label: its name in the text}`` of a tree's choices: ``player:
        label`` where the label does not name its player (``Entrant: h1``), as the tables
        without a row of players head it (:func:`gametheory.io._layout.choice_headings`);
        a label not in it is printed as it is. Not compared.

    On a region given by equations (``C = V``) the formulas have them substituted and no
    derivatives.
    """

    condition: Any
    equilibria: tuple
    payoffs: tuple
    point: dict
    verified: bool
    closed_form: bool
    checked_at: tuple = ()
    continuum: bool = False
    structure: tuple = field(default=(), repr=False)
    cubes: tuple = field(default=(), repr=False)
    headings: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The condition as plain text (``1/7 < q < 2/5 and r < ...``)."""
        return cnd.condition_text(self.condition)

    def holds(self, **point: Any) -> bool:
        """Whether the condition holds at the point (exactly)."""
        subs = {s: _number(s.name, point[s.name]) for s in self.condition.free_symbols}
        return bool(self.condition.xreplace(subs))

    def lines(self, hide: frozenset = frozenset()) -> list[str]:
        """The equilibria, one line each: strategies (or choices, but for the information
        sets in ``hide``) and payoffs."""
        return [f"{_strategy_text(e, hide, self.headings)}; payoffs "
                f"{', '.join(map(str, e.payoffs))}" for e in self.equilibria]

    def __str__(self) -> str:
        return self.show()

    def show(self, hide: frozenset = frozenset()) -> str:
        """:meth:`__str__` without the choices at the information sets in ``hide``."""
        n = len(self.equilibria)
        head = f"{self.text}: {n} equilibri{'um' if n == 1 else 'a'}"
        if not self.closed_form:
            at = ", ".join(f"{k} = {v}" for k, v in self.point.items())
            head += f" (values at {at})"
        if self.continuum:
            head += " (extreme points of a continuum)"
        rows = self.lines(hide)
        if n == 1:
            return f"{head}: {rows[0]}"
        return "\n".join([head] + ["    " + r for r in rows])


def _choices(e: Any) -> dict:
    """``{information set: the action, or the mixture ("defend = 1/2, abandon = 1/2")}``."""
    return {h: ", ".join(a if p == 1 else f"{a} = {p}" for a, p in d.items() if p != 0)
            for h, d in e.behavior.items()}


def _strategy_text(e: Any, hide: frozenset = frozenset(), headings: Any = None) -> str:
    """A profile as text: a tree's choices ``Entrant: h1: in; ...`` (information sets
    named by ``headings``, those in ``hide`` left out), a normal form's ``Hawk | Dove``."""
    if e.behavior is not None:
        return _choices_text(_choices(e), hide, headings) or "(the choices above)"
    parts = []
    for lab, s in zip(e.labels, e.strategies):
        used = [k for k, v in enumerate(s) if v != 0]
        parts.append(lab[used[0]] if len(used) == 1 and s[used[0]] == 1 else
                     ", ".join(f"{lab[k]} = {s[k]}" for k in used))
    return " | ".join(parts)


def _choices_text(choices: dict, hide: Any = frozenset(), headings: Any = None) -> str:
    """``{information set: choice}`` as ``h: choice; ...`` without those in ``hide``,
    each information set named by ``headings`` (:attr:`MapRegion.headings`)."""
    headings = headings or {}
    return "; ".join(f"{headings.get(h, h)}: {a}" for h, a in choices.items() if h not in hide)


def _tex_plain(s: str) -> str:
    """Text for LaTeX's text mode: special characters escaped, ``|`` as ``\\textbar{}``
    (a bar in any font encoding) and ``x = 1/2`` mixtures left as text."""
    return "".join(_TEX_CHARS.get(c, c) for c in s)


_TEX_CHARS = {"\\": r"\textbackslash{}", "_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#",
              "$": r"\$", "{": r"\{", "}": r"\}", "|": r"\textbar{}", "<": r"\textless{}",
              ">": r"\textgreater{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(x: Any, info: Any = None) -> str:
    """A value or condition in LaTeX math, parameters by their declared LaTeX in ``info``
    (``{name: Parameter}``) or else the rule of :func:`gametheory.io.latex.latex_name`
    (``V_rev`` as ``V_{\\mathrm{rev}}``), as the tables and notebook displays name them
    (:func:`gametheory.io._notebook.parameter_expression`)."""
    from ..io._notebook import parameter_expression

    return parameter_expression(x, info)


def _tex_profile(e: Any, hide: frozenset = frozenset(), info: Any = None,
                 headings: Any = None) -> str:
    """An equilibrium for LaTeX's text mode: a tree's choices as text (without those at
    ``hide``, information sets named by ``headings``); a normal form's profile as
    ``(Hawk; Dove)``, a mixture as each strategy with its probability in math (``Hawk
    $\\frac{V}{C}$, Dove ...``)."""

    if e.behavior is not None:
        return _tex_plain(_strategy_text(e, hide, headings))
    parts = []
    for lab, st in zip(e.labels, e.strategies):
        used = [k for k, v in enumerate(st) if v != 0]
        parts.append(_tex_plain(lab[used[0]]) if len(used) == 1 and st[used[0]] == 1 else
                     ", ".join(f"{_tex_plain(lab[k])} ${_tex(st[k], info)}$" for k in used))
    return "(" + "; ".join(parts) + ")"


@dataclass(frozen=True, eq=False)
class EquilibriumMap:
    """The regions of the parameter space with their equilibria in closed form.

    Attributes
    ----------
    parameters : tuple of str
        The mapped parameters.
    regions : tuple of MapRegion
        Ordered by the signs of the atoms at their points (below a threshold first).
    complete : bool
        False when a sign vector was seen with two structures (a missed condition), a
        region failed its check, or a region could not be checked.
    notes : tuple of str
        What was sampled, what is not covered, what failed.
    fixed : dict
        The values of the other parameters.
    atoms : tuple
        The polynomials (sympy) whose signs define the regions.
    game : Game or None
        The mapped game (as given, before the fixed parameters are substituted): its
        players, information sets and parameters' LaTeX names for the tables and
        displays (:func:`gametheory.io.tables.map_table`). Not compared.

    Examples
    --------
    Hawk-Dove with prize V and cost C (Maynard Smith 1982, ch. 2):

    >>> import gametheory as gt
    >>> V, C = gt.parameters("V C")
    >>> g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
    ...                                   [[(V - C) / 2, 0], [V, V / 2]],
    ...                                   strategies=[["Hawk", "Dove"]] * 2)
    >>> g = g.describe(gt.Parameter("V", domain=(0, float("inf"))),
    ...                gt.Parameter("C", domain=(0, float("inf"))))
    >>> m = gt.equilibrium_map(g, ["V", "C"])
    >>> print(m.regions[0])
    C < V: 1 equilibrium: Hawk | Hawk; payoffs -(C - V)/2, -(C - V)/2
    >>> [r.text for r in m], m.regions[2].equilibria[1].strategies[0]
    (['C < V', 'C = V', 'C > V'], (V/C, (C - V)/C))
    """

    parameters: tuple
    regions: tuple
    complete: bool
    notes: tuple
    fixed: dict
    atoms: tuple
    game: Any = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.regions)

    def __iter__(self):
        return iter(self.regions)

    def __getitem__(self, k: int) -> MapRegion:
        return self.regions[k]

    def region_at(self, **point: Any) -> MapRegion | None:
        """The first region whose condition holds at the point, else None."""
        return next((r for r in self.regions if r.holds(**point)), None)

    def __str__(self) -> str:
        fixed = ", ".join(f"{k} = {v}" for k, v in self.fixed.items())
        head = (f"Equilibrium map in {', '.join(self.parameters)}: {len(self.regions)} "
                f"region{'s' if len(self.regions) != 1 else ''}"
                + (f" ({fixed})" if fixed and len(fixed) < 200 else ""))
        rows = [head]
        common, text = self._common()
        if common:
            rows.append("in every equilibrium: " + text)
        rows += [r.show(common) for r in self.regions]
        if not self.complete:
            rows.append("incomplete: see the notes")
        rows += [f"note: {n}" for n in self.notes]
        return "\n".join(rows)

    def _common(self) -> tuple[frozenset, str]:
        """The information sets where every equilibrium of every region (of a tree) makes
        the same choice, and those choices as text ("" when there are none)."""
        every = [_choices(e) for r in self.regions for e in r.equilibria
                 if e.behavior is not None]
        if len(every) < 2:
            return frozenset(), ""
        common = frozenset(h for h in every[0] if all(c.get(h) == every[0][h] for c in every))
        shown = {h: a for h, a in every[0].items() if h in common}
        return common, _choices_text(shown, headings=self.regions[0].headings)

    def __repr__(self) -> str:
        return f"<EquilibriumMap {', '.join(self.parameters)}: {len(self.regions)} regions>"

    def _repr_html_(self) -> str:
        """The headline, the table of regions and equilibria, and the notes, for Jupyter
        (see :mod:`gametheory.io._notebook`)."""
        from ..io._notebook import map_html

        return map_html(self)

    def _repr_latex_(self) -> str:
        """The map as a booktabs table (:func:`gametheory.io.tables.map_table`)."""
        from ..io._notebook import map_latex

        return map_latex(self)

    def to_latex(self, style: str = "itemize") -> str:
        """A LaTeX statement of the map: ``"itemize"`` (a proposition-style list, one item
        per region) or ``"table"`` (a booktabs table); the needed packages are named in a
        comment on the first line."""

        from ..io._notebook import parameter_info_of

        if style not in ("itemize", "table"):
            raise GameError(f"style must be 'itemize' or 'table'; got {style!r}")
        info = parameter_info_of(self)          # the map's game's Parameter.latex names

        def pays(e):          # one formula per player, so that a line may break between
            return "(" + ", ".join(f"${_tex(v, info)}$" for v in e.payoffs) + ")"

        if style == "itemize":
            common, text = self._common()
            out = [r"% needs \usepackage{amsmath}"]
            if common:
                out.append(f"In every equilibrium: {_tex_plain(text)}.")
            out.append(r"\begin{itemize}")
            for r in self.regions:
                n = len(r.equilibria)
                what = "one equilibrium" if n == 1 and not r.continuum else \
                    f"{n} extreme equilibria" + (" of a continuum" if r.continuum else "") \
                    + ("" if r.closed_form else " (values at a point)")
                items = "; ".join(f"{_tex_profile(e, common, info, r.headings)}, with "
                                  f"payoffs {pays(e)}" for e in r.equilibria)
                out.append(f"  \\item If ${_tex(r.condition, info)}$: {what}: {items}.")
            out.append(r"\end{itemize}")
            return "\n".join(out)
        common, text = self._common()
        col = r">{\raggedright\arraybackslash}p"
        out = [r"% needs \usepackage{booktabs,amsmath,array}",
               f"\\begin{{tabular}}{{{col}{{0.24\\textwidth}}{col}{{0.33\\textwidth}}"
               f"{col}{{0.26\\textwidth}}}}",
               r"\toprule", r"Condition & Equilibrium & Payoffs \\", r"\midrule"]
        for r in self.regions:
            for k, e in enumerate(r.equilibria):
                cond = f"${_tex(r.condition, info)}$" if k == 0 else ""
                out.append(f"{cond} & {_tex_profile(e, common, info, r.headings)} & "
                           f"{pays(e)} \\\\")
        out += [r"\bottomrule", r"\end{tabular}"]
        if common:
            out.append(f"\n\\noindent In every equilibrium: {_tex_plain(text)}.")
        return "\n".join(out)

    def records(self) -> list[dict]:
        """One dict per (region, equilibrium): region index, condition (text), strategy
        text, payoffs (text), closed_form, verified."""
        out = []
        for k, r in enumerate(self.regions):
            for j, e in enumerate(r.equilibria):
                row = {"region": k, "condition": r.text, "equilibrium": j,
                       "strategies": _strategy_text(e, headings=r.headings)}
                row.update({f"payoff {p}": str(v) for p, v in zip(e.players, e.payoffs)})
                row.update(closed_form=r.closed_form, verified=r.verified)
                out.append(row)
        return out

    def to_frame(self):
        """:meth:`records` as a pandas DataFrame (pandas is optional)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("EquilibriumMap.to_frame needs pandas; "
                              "pip install pandas (or use .records())") from None
        return pd.DataFrame(self.records())


# ----------------------------------------------------------------------------- setup
def _names(parameters: Any) -> list[str]:
    if isinstance(parameters, str):
        parameters = [p.strip() for p in parameters.replace(",", " ").split()]
    if not isinstance(parameters, (list, tuple)) or not parameters or \
            not all(isinstance(p, str) for p in parameters):
        raise GameError(f"parameters must be a list of parameter names; got {parameters!r}")
    if len(set(parameters)) != len(parameters):
        raise GameError(f"parameters named twice in {list(parameters)}")
    if len(parameters) > MAX_PARAMETERS:
        raise GameError(f"an equilibrium map takes at most {MAX_PARAMETERS} parameters; "
                        f"got {len(parameters)} ({', '.join(parameters)}); fix the others")
    return list(parameters)


# ----------------------------------------------------------------------------- mapper
class _Mapper(cnd.Explorer):
    """An explorer with the exact solves of the map (cached)."""

    def __init__(self, game: Any, syms: tuple, box: list, seed: int, method: str = "auto"):
        super().__init__(game, syms, box, seed, _resolve(game, method))
        self._solves: dict = {}
        self.formulas: dict = {}

    def solve(self, pt: tuple) -> Any:
        if pt not in self._solves:
            g = self.game.substitute(**dict(zip(self.names, pt)))
            self._solves[pt] = solve(g, method=self.method, exact=True)
        return self._solves[pt]

    def key(self, pt: tuple) -> tuple:
        return structure_key(self.solve(pt))

    def cell(self, pt: tuple) -> Any:
        return self.key(pt)


def _sort_atoms(atoms: list) -> list:
    return sorted(atoms, key=lambda a: (len(a.expr.free_symbols), a.poly.total_degree(),
                                        str(a.expr)))


def _regions(vectors: dict, keys: dict) -> tuple[dict, list]:
    """``{structure: cubes}`` and the sign vectors seen with several structures."""
    by_key: dict = {}
    seen: dict = {}
    for pt, v in vectors.items():
        by_key.setdefault(keys[pt], set()).add(v)
        seen.setdefault(v, set()).add(keys[pt])
    clashes = [v for v, ks in seen.items() if len(ks) > 1]
    out = {}
    for k, on in by_key.items():
        off = [v for kk, vs in by_key.items() if kk != k for v in vs if v not in on]
        out[k] = cnd.cover(sorted(on), off)
    return out, clashes


def _inside(cubes: list, v: tuple) -> bool:
    return any(cnd._meets(c, v) for c in cubes)


def _simplest(points: list) -> tuple:
    return min(points, key=lambda p: (sum(x.denominator for x in p), p))


def _simple_values(a: Fraction, b: Fraction, n: int = 24) -> list[Fraction]:
    """The ``n`` rationals of (a, b) with the smallest denominators (then magnitudes)."""
    out: set = set()
    for d in range(1, 41):
        lo, hi = int(a * d) - 1, int(b * d) + 1
        out |= {Fraction(k, d) for k in range(lo, hi + 1) if a < Fraction(k, d) < b}
        if len(out) >= n:
            break
    return sorted(out, key=lambda x: (x.denominator, abs(x)))[:n]


def _representative(m: _Mapper, k: tuple, cubes: list, atoms: list, pts: list) -> tuple:
    """A point of the region with simple coordinates: the simplest combination of simple
    values per axis inside the region (checked by an exact solve), else the simplest
    sample."""
    import itertools

    if all(any(c[i] == frozenset((0,)) for i in range(len(atoms))) for c in cubes):
        return _simplest(pts)           # on an equation: simple points rarely lie there
    axes = [_simple_values(a, b) for a, b in m.box]
    combos = sorted(itertools.product(*axes),
                    key=lambda p: (sum(x.denominator for x in p), [abs(x) for x in p]))
    for p in combos[:600]:
        if _inside(cubes, tuple(a.sign(p) for a in atoms)) and m.key(p) == k:
            return p
    return _simplest(pts)


def _formulas(m: _Mapper, pt: tuple) -> tuple[tuple, bool]:
    """The equilibria at ``pt`` in closed form, or their values when they lie in a
    continuum (no unique formula)."""

    from . import formulas

    sol = m.solve(pt)
    try:
        if m.kind == "assessment":
            raise GameError("assessments are reported by their values")
        if m.kind == "tree":
            try:
                return tuple(formulas._tree(m.game, sol)), True
            except GameError:
                if m.source != "subgames":
                    raise
            from ._map_tree_formulas import mixed_tree_formulas
            subs = dict(zip(m.syms, map(cnd.rational, pt)))
            return tuple(mixed_tree_formulas(m.game, sol, subs)), True
        if m.kind == "normal":
            return tuple(formulas._pure_normal(m.game, sol)), True
        subs = dict(zip(m.syms, map(cnd.rational, pt)))
        out = []
        for eq in sol.equilibria:       # one formula per tight pattern, shared by regions
            key = (eq.supports, _best_responses(sol.game, eq))
            f = m.formulas.get(key)
            if f is None or not _same_point(f, eq, pt, m.names):   # e.g. a pole on a line
                f = formulas._bimatrix(m.game, _One(eq), subs)[0]
                m.formulas.setdefault(key, f)
            out.append(f)
        return tuple(out), True
    except GameError:
        out = []
        for eq in sol.equilibria:
            strategies = tuple(tuple(_exact(v) for v in s) for s in eq.strategies)
            out.append(formulas.ClosedFormEquilibrium(strategies, eq.behavior or None,
                                             tuple(_exact(v) for v in eq.payoffs), {},
                                             tuple(m.game.players),
                                             tuple(getattr(m.game, "strategies", ()))))
        return tuple(out), False


def _exact(v: Any) -> Any:
    """A solved value as a sympy number: a Fraction exactly, an algebraic number (from
    ``"enumpoly"``) as it is."""
    import sympy

    if isinstance(v, (Fraction, int)):
        return sympy.Rational(Fraction(v))
    return sympy.sympify(v, strict=True)    # trusted: a sympy number or a float


def _same_point(f: Any, eq: Any, pt: tuple, names: tuple) -> bool:
    """Whether the formula ``f`` evaluates at ``pt`` to the equilibrium ``eq``."""
    import sympy

    strategies, _ = f.evaluate(**dict(zip(names, pt)))
    return all(v.is_finite and v == sympy.Rational(Fraction(w))
               for s, t in zip(strategies, eq.strategies) for v, w in zip(s, t))


class _One:
    """A solution holding one equilibrium (for ``formulas._bimatrix``)."""

    def __init__(self, eq: Any):
        self.equilibria = [eq]


def _agrees(m: _Mapper, eqs: tuple, pt: tuple) -> bool:
    """Whether the formulas evaluated at ``pt`` are the exact solve's equilibria."""
    import sympy

    sol = m.solve(pt)
    at = {n: x for n, x in zip(m.names, pt)}

    def fr(v):
        return sympy.Rational(Fraction(v))

    mine = sorted(str((tuple(tuple(x) for x in s), tuple(p), _behaviour(e, at)))
                  for e, (s, p) in ((e, e.evaluate(**at)) for e in eqs))  # str: no nan ==
    if m.kind in ("tree", "assessment"):
        theirs = sorted(str(((), tuple(fr(v) for v in eq.payoffs),
                             _behaviour(eq, None))) for eq in sol.equilibria)
    else:
        theirs = sorted(str((tuple(tuple(fr(v) for v in s) for s in eq.strategies),
                             tuple(fr(v) for v in eq.payoffs), ())) for eq in sol.equilibria)
    return mine == theirs


def _behaviour(e: Any, at: dict | None) -> tuple:
    """The behaviour of a formula evaluated at ``at`` (or of a solved equilibrium, with
    ``at`` None) as sorted sympy numbers; () for a normal form."""
    import sympy

    if not e.behavior:
        return ()
    subs = {} if at is None else {sympy.Symbol(k, real=True): _number(k, v)
                                  for k, v in at.items()}

    def num(p):
        if isinstance(p, (Fraction, int)):
            return sympy.Rational(Fraction(p))
        return sympy.sympify(p, strict=True).xreplace(subs)  # trusted: sympy or a number

    return tuple(sorted((h, tuple(sorted((a, num(p)) for a, p in d.items())))
                        for h, d in e.behavior.items()))


def _check_points(m: _Mapper, atoms: list, avoid: set) -> list:
    """Fresh random rational points: a coarse scrambled grid, on the atoms' zero sets and
    just off them (on both sides of a zero set without rational points too: a thin cell
    next to an irrational boundary is otherwise missed), and around their intersections."""
    delta = min(b - a for a, b in m.box) / 384
    pts = cnd.grid_points(m.box, 4 if len(m.box) < 3 else 3, m.rng)
    for a in atoms:
        z = cnd.zero_points(a, m.box, m.rng, slices=6)
        pts += z + cnd.beside(a, z, m.box, delta)
        if not z:
            pts += cnd.beside_curve(a, m.box, m.rng, delta)
    for i, a in enumerate(atoms):
        for b in atoms[i + 1:]:
            for p in cnd.intersection_points(a, b, m.box, m.rng):
                pts += cnd.around(p, m.box, delta)
                for c in (a, b):
                    pts += cnd.zero_points(c, m.box, m.rng, near=p, delta=delta)
    return [p for p in dict.fromkeys(pts) if p not in avoid]


def _learn(m: _Mapper, atoms: list, samples: list) -> tuple:
    """Structures and cubes from the samples, and fresh check points. When a check point
    lies outside the region of its structure, every check point joins the samples and
    the cubes are grown again, once. Returns the structures by point, the cubes by
    structure, the clashing sign vectors, the check points and those in no region."""
    vectors, keys, cubes, clashes = _build(m, atoms, samples)
    checks_at = _check_points(m, atoms, set(samples))

    def vec(p):
        return tuple(a.sign(p) for a in atoms)

    if any(not _inside(cubes.get(m.key(p), []), vec(p)) for p in checks_at):
        samples += checks_at
        vectors, keys, cubes, clashes = _build(m, atoms, samples)
        checks_at = _check_points(m, atoms, set(samples))
    uncovered = [p for p in checks_at if not any(_inside(c, vec(p)) for c in cubes.values())]
    return keys, cubes, clashes, checks_at, uncovered


def _build(m: _Mapper, atoms: list, samples: list) -> tuple[dict, dict, dict, list]:
    vectors = {pt: tuple(a.sign(pt) for a in atoms) for pt in samples}
    keys = {pt: m.key(pt) for pt in samples}
    cubes, clashes = _regions(vectors, keys)
    return vectors, keys, cubes, clashes


def equilibrium_map(game: Game, parameters: Any, *, per_axis: int | None = None,
                    seed: int = 0, checks: int = 3, method: str = "auto",
                    **fixed: Any) -> EquilibriumMap:
    """Partition the space of some parameters into regions with their equilibria.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A parametric game that ``critical_values`` analyses: a normal form (two players;
        more if small: at most 3 unknown probabilities for two or three mapped
        parameters), or a tree (any number of players, chance allowed; imperfect
        information by subgame perfection: pieces in which three or more players move
        are searched for pure equilibria, as ``gt.solve(method="spe")`` does). Payoffs
        must be rational functions of the mapped parameters.
    parameters : list of str
        The mapped parameters (one to three), e.g. ``["q", "r"]``.
    per_axis : int, optional
        Cells per axis of the scrambled sample grid (default 9, 5 for three parameters).
    seed : int
        Seed of the random sample and check points.
    checks : int
        Fresh points at which each region is checked.
    method : str
        The registered method whose candidate source gives the atoms and whose exact
        solves are compared (``"auto"``: as for ``critical_values``; ``gt.show_method``
        prints a method's source).
    **fixed
        Values of the other parameters; those left out take their declared default.

    Returns
    -------
    EquilibriumMap

    Notes
    -----
    The route is in the module docstring. Regions too small for the samples (cells of
    the atoms' sign pattern no sample or check point falls in) are missed; points on the
    zero sets of the atoms and their intersections make lower-dimensional regions such as
    ``C = V`` appear. The boundary of the domain is not mapped. A zero set with no
    rational point (``5*(3 - a)**2 = 3*v**2``) is solved **in floats** at points with
    algebraic coordinates (:mod:`._map_curves`): where the equilibria there are those of
    a region beside it, it joins that region (``>=``), else it is a region of its own
    with float values (a note says so); a zero set with no point found is named in the
    notes as not mapped, and the inequalities next to it are strict. An equilibrium of a
    tree that mixes in a simultaneous two-player piece gets the formulas of the piece's
    tight equations (:mod:`._map_tree_formulas`); where it mixes otherwise, or in a
    normal form of more than two players, the region gives the values at a
    representative point (``closed_form`` False).

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2 (Hawk-Dove);
    von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of
    Game Theory* 3, ch. 45 (support enumeration).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.models import ukraine_guarantees as m
    >>> emap = gt.equilibrium_map(m.build(), ["q", "r"])
    >>> emap.complete, len(emap.regions)
    (True, 9)
    >>> print(emap.region_at(q="1/2", r="1/2").text)
    q > 2/5
    """
    import sympy

    mapped = _names(parameters)
    _parameter_names(game, "equilibrium maps")
    sub, values, syms = cnd.setup(game, mapped, fixed)
    info = game.parameter_info
    domains = [(n, *_domain(game, n, None)) for n in mapped]
    box, notes = cnd.box_of(domains, [getattr(info.get(n), "default", None) for n in mapped])
    notes = list(notes)
    m = _Mapper(sub, syms, box, seed, method)
    if m.kind == "assessment":
        notes.append(f"assessments of method {m.method!r}: the conditions are the reduced "
                     f"normal form's Nash conditions and the payoff comparisons that bound "
                     f"off-path beliefs; each region's equilibria are the values at one "
                     f"point (its beliefs: gt.solve(..., method={m.method!r}))")
    elif m.kind != "tree" and sub.is_tree:
        notes.append(f"a tree mapped through its reduced normal form (method "
                     f"{m.method!r}: candidate source {m.source!r})")
    n_axis = per_axis or (9 if len(syms) < 3 else 5)
    grid = cnd.grid_points(box, n_axis, m.rng)
    samples, atoms = m.explore(grid)
    atoms = _sort_atoms(atoms)
    if m.skipped:
        notes.append(f"{m.skipped} pass(es) over the subgames skipped at points where a "
                     "piece has a continuum of equilibria (on a zero set)")
    keys, cubes, clashes, checks_at, uncovered = _learn(m, atoms, samples)
    unseen = {k for k, a in enumerate(atoms) if not any(a.sign(p) == 0 for p in keys)}
    cubes = {k: cnd.without_zeros(cs, unseen) for k, cs in cubes.items()}
    groups, curve_notes, left = _map_curves.curve_groups(m, atoms, unseen)
    notes += curve_notes
    curves = []
    for i, vec, pts, ks, sols in groups:
        done = len(set(ks)) == 1 and ks[0] in cubes
        if done:
            cubes[ks[0]], done = _map_curves.widen(cubes[ks[0]], i, vec)
        if not done:
            curves.append(_curve_region(m, atoms, tuple(frozenset((s,)) for s in vec),
                                        pts, ks, sols))
    if left:
        notes.append("not mapped: the zero sets of " + ", ".join(
            f"{sympy.factor(atoms[k].expr)}" for k in sorted(left)) + " (no rational "
            "point found on them: their equilibria are not given)")
    complete = not clashes and not uncovered
    if clashes:
        notes.append(f"{len(clashes)} sign pattern(s) of the conditions occur with two "
                     "equilibrium structures: a condition is missing, the regions overlap")
    if uncovered:
        notes.append(f"{len(uncovered)} check point(s) satisfy no region's condition, e.g. "
                     f"{_fmt(m.names, uncovered[0])}: a region was missed")
    order = {}
    regions = []
    for k, cs in cubes.items():
        region = _region(m, k, cs, atoms, [p for p in samples if keys[p] == k], checks_at,
                         checks, notes)
        complete = complete and region.verified
        regions.append(region)
        order[id(region)] = _orientation(atoms, tuple(region.point.values()), m)
    for region in curves:
        complete = complete and region.verified
        regions.append(region)
        order[id(region)] = _orientation(atoms, tuple(region.point.values()), m)
    regions.sort(key=lambda r: order[id(r)])
    if m.source == "backward" and any(len(r.equilibria) > 1 for r in regions):
        notes.append("trees: the pure subgame-perfect equilibria (method 'spe'); where a "
                     "player is indifferent, mixtures of the tied actions are subgame "
                     "perfect too")
    if m.source == "subgames":
        notes.append("trees with imperfect information: the subgame-perfect equilibria "
                     "that method 'spe' finds (pieces in which three or more players move: "
                     "pure equilibria only; ties in perfect-information parts: pure "
                     "choices)")
    kept = tuple(sympy.factor(a.expr) for a in atoms)
    regions = _headed(regions, game)
    return EquilibriumMap(tuple(mapped), tuple(regions), complete, tuple(notes),
                          {k: v for k, v in values.items()}, kept, game)


def _headed(regions: list, game: Any) -> list:
    """The regions with :attr:`MapRegion.headings` from the game (a tree's)."""
    from ..io._layout import choice_headings

    labels = list(dict.fromkeys(h for r in regions for e in r.equilibria
                                for h in (e.behavior or {})))
    if not labels:
        return regions
    headings = choice_headings(game, labels)
    return [dataclasses.replace(r, headings=headings) for r in regions]


def _region(m: _Mapper, k: tuple, cubes: list, atoms: list, pts: list, checks_at: list,
            checks: int, notes: list) -> MapRegion:
    """The region of structure ``k``: condition, formulas at its simplest sample point
    (restricted to its equations when it has one cube with some), checks at the fresh
    points inside it (else at its samples); failures are appended to ``notes``."""
    rep = _representative(m, k, cubes, atoms, pts)
    eqs, closed = _formulas(m, rep)
    cond = _condition(cubes, atoms, m)
    mine = [p for p in checks_at if _inside(cubes, tuple(a.sign(p) for a in atoms))][:checks]
    ok = bool(mine)
    for p in mine:
        if m.key(p) != k or (closed and not _agrees(m, eqs, p)):
            ok = False
            notes.append(f"region {cnd.condition_text(cond)}: the exact solve at "
                         f"{_fmt(m.names, p)} disagrees")
    if not mine:        # a point, or too thin for the check points: its samples
        if len(set(pts)) > 1:
            notes.append(f"region {cnd.condition_text(cond)}: no fresh check point fell "
                         "inside; checked at its samples only")
        ok = all(not closed or _agrees(m, eqs, p) for p in pts[:checks])
    if len(cubes) > 3:
        notes.append(f"region {cnd.condition_text(cond)}: its condition is a union of "
                     f"{len(cubes)} cases, not simplified further")
    if closed and len(cubes) == 1:
        eqs = _restricted(eqs, cond)
    continuum = any(len(c.equilibria) > 1 for c in m.solve(rep).components)
    return MapRegion(cond, eqs, tuple(e.payoffs for e in eqs), dict(zip(m.names, rep)), ok,
                     closed, tuple(dict(zip(m.names, p)) for p in mine), continuum, k,
                     tuple(cubes))


def _curve_region(m: _Mapper, atoms: list, cube: tuple, pts: list, keys: list,
                  sols: list) -> MapRegion:
    """A region on a zero set without rational points (:mod:`._map_curves`): its
    equilibria in floats at the first point; verified when the float solves at its points
    (two at least) have one structure."""
    import sympy

    from .formulas import ClosedFormEquilibrium

    def fl(v):
        return sympy.Float(float(v), 6)

    eqs = []
    for eq in sols[0].equilibria:
        beh = {h: {a: sympy.Float(float(p), 6) if 0 < p < 1 else int(round(float(p)))
                   for a, p in d.items()}
               for h, d in eq.behavior.items()} if eq.behavior else None
        eqs.append(ClosedFormEquilibrium(tuple(tuple(fl(x) for x in s) for s in eq.strategies),
                                         beh, tuple(fl(v) for v in eq.payoffs), {},
                                         tuple(m.game.players),
                                         tuple(getattr(m.game, "strategies", ()))))
    cond = _condition([cube], atoms, m)
    continuum = any(len(c.equilibria) > 1 for c in sols[0].components)
    return MapRegion(cond, tuple(eqs), tuple(e.payoffs for e in eqs),
                     {n: round(x, 9) for n, x in zip(m.names, pts[0])},
                     len(pts) > 1 and len(set(keys)) == 1, False,
                     tuple(dict(zip(m.names, p)) for p in pts[1:]), continuum, keys[0],
                     (cube,))


def _restricted(eqs: tuple, cond: Any) -> tuple:
    """The formulas with the region's equations ``x = f(...)`` substituted (no
    derivatives: they would depend on which variable is eliminated)."""
    import sympy

    from .formulas import ClosedFormEquilibrium

    lits = cond.args if isinstance(cond, sympy.And) else (cond,)
    subs = {r.lhs: r.rhs for r in lits if isinstance(r, sympy.Eq) and r.lhs.is_Symbol}
    if not subs:
        return eqs

    def fix(e):
        return sympy.factor(sympy.sympify(e, strict=True).xreplace(subs))  # trusted: sympy

    def beh(e):
        return e.behavior and {h: {a: fix(p) for a, p in d.items()}
                               for h, d in e.behavior.items()}

    return tuple(ClosedFormEquilibrium(tuple(tuple(fix(x) for x in s) for s in e.strategies),
                                       beh(e), tuple(fix(v) for v in e.payoffs), {},
                                       e.players, e.labels) for e in eqs)


def _fmt(names: tuple, pt: tuple) -> str:
    return ", ".join(f"{n} = {x}" for n, x in zip(names, pt))


def _condition(cubes: list, atoms: list, m: _Mapper) -> Any:
    import sympy

    conds = [cnd.cube_condition(c, atoms, m.sign_of) for c in cubes]
    if any(c is sympy.true for c in conds):
        return sympy.true
    return sympy.Or(*conds) if len(conds) > 1 else conds[0]


def _orientation(atoms: list, pt: tuple, m: _Mapper) -> tuple:
    """The signs at ``pt`` of the atoms as written (``x - rhs``), for ordering regions."""
    out = []
    for a in atoms:
        form = cnd.solved_for(a, m.sign_of)
        out.append(a.sign(pt) * (form[2] if form else 1))
    return tuple(out)
