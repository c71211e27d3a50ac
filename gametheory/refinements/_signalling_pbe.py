"""All weak perfect Bayesian equilibria of a signalling game, exactly (``method="pbe"``).

Notation: types ``t`` with prior ``p_t``, the sender's behaviour ``sigma_t(m)``, the
receiver's ``rho_m(r)``, beliefs ``mu_m(t)``. Write ``w_t(m) = p_t sigma_t(m)``. Fix a
*receiver support* ``Q_m`` at every message and a *sender support* ``S_t`` for every type
(closed: probabilities outside are 0, inside at least 0). Then:

* the receiver's condition at ``m`` is that every ``r`` in ``Q_m`` is a best response:
  ``w(m)`` lies in the cone ``C_m(Q_m)`` of weights over the types to which all of
  ``Q_m`` are best responses (linear in ``sigma``). At a message nobody sends
  (``w(m) = 0``) the condition holds trivially, and what it needs instead, a belief to
  which ``Q_m`` are best responses, exists exactly when ``C_m(Q_m) != {0}``; so only
  such ``Q`` are enumerated and the receiver's condition is closed and linear;
* the sender's condition is that every message in ``S_t`` is optimal for type ``t``
  (linear in ``rho``).

So each pair ``(S, Q)`` gives a product of two polytopes ``P_sigma(S, Q) x P_rho(S, Q)``
of equilibrium profiles, every equilibrium lies in the one of its own supports, and the
equilibrium set is the finite union of these products. Their vertices are the *extreme
assessments*; "all" means the vertices of the maximal products (no product is contained
in another), each with its beliefs. Two products meet in a face of each (their
intersection is the product of the same kind for ``S cap S'`` and ``Q cup Q'``), so
products that meet share an extreme assessment, and the components (connected sets of
assessments) are the classes of products linked by shared extreme assessments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations, product
from math import gcd
from typing import TYPE_CHECKING, Any

from ..errors import GameError, SolverError
from ..solvers.result import (
    AssessmentComponent,
    BeliefRange,
    Equilibrium,
    Solution,
    payoff_tolerance,
)
from ._belief_polytope import belief_range as _belief_range
from ._signalling_polytope import satisfies, vertices
from ._signalling_structure import (
    MAX_SUPPORT_PROFILES,
    SignallingStructure,
    signalling_structure,
    support_profiles,
)
from .assessment import check_assessment

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame

__all__ = ["solve_pbe", "belief_system", "belief_range", "receiver_supports", "label_of",
           "numeric_structure"]



def _subsets(items: Sequence) -> list[tuple]:
    return [c for k in range(1, len(items) + 1) for c in combinations(items, k)]


def numeric_structure(game: ExtensiveFormGame, exact: bool = True) -> SignallingStructure:
    """The signalling structure with Fraction prior and payoffs; GameError for free
    parameters (and for irrational numbers when ``exact``: floats otherwise)."""
    if game.parameters:
        raise GameError(game.unsubstituted_message())
    st = signalling_structure(game)
    if game.kind == "symbolic":
        if exact:
            raise GameError("exact=True needs rational payoffs and probabilities; this game "
                            "has irrational ones")
        st = dataclasses.replace(
            st, prior=tuple(float(p) for p in st.prior),
            payoffs=tuple(tuple({m: {r: float(v) for r, v in row.items()}
                                 for m, row in per_t.items()} for per_t in per_i)
                          for per_i in st.payoffs))
    return st.exact()


def belief_system(st: SignallingStructure, m: str, Q: Sequence[str],
                  among: Sequence[int] | None = None):
    """``(E, e, G, g)``: the beliefs over the types ``among`` (default: all that can send
    ``m``) to which every response in ``Q`` is a best response, as
    ``{mu >= 0 : E mu = e, G mu >= g}`` (the first row of ``E`` sums mu to 1)."""
    T = st.senders_of(m) if among is None else tuple(among)
    uR = st.payoffs[st.receiver]
    E, e, G, g = [[Fraction(1)] * len(T)], [Fraction(1)], [], []
    r0 = Q[0]
    for r in st.responses[m]:
        if r == r0:
            continue
        row = [uR[t][m][r0] - uR[t][m][r] for t in T]
        if r in Q:
            E.append(row)
            e.append(Fraction(0))
        else:
            G.append(row)
            g.append(Fraction(0))
    return E, e, G, g


def receiver_supports(st: SignallingStructure, m: str, among: Sequence[int] | None = None
                      ) -> list[tuple[str, ...]]:
    """The sets of responses at ``m`` that are all best responses to one belief over the
    types ``among`` (default: all that can send ``m``), smallest first."""
    return [Q for Q in _subsets(st.responses[m]) if vertices(len(
        st.senders_of(m) if among is None else among), *belief_system(st, m, Q, among))]


def belief_range(st: SignallingStructure, m: str, Q: Sequence[str]) -> BeliefRange:
    """The :class:`BeliefRange` at ``m``'s information set: the beliefs to which every
    response in ``Q`` is a best response (read as by ``method="sequential"``)."""
    T = st.senders_of(m)
    E, _, G, _ = belief_system(st, m, Q)
    out = _belief_range(st.receiver_sets[m], [st.nodes[(t, m)] for t in T], E[1:], G)
    if out is None:
        raise SolverError(f"no belief at {st.receiver_sets[m]!r} supports {list(Q)}; this "
                          f"is a solver bug")
    return out


def label_of(st: SignallingStructure, supports: Sequence[Sequence[str]]) -> str:
    """``"pooling on m"``, ``"separating"`` or ``"semi-separating"`` from the types'
    message supports (see :func:`~gametheory.refinements.signalling.classify_signalling`)."""
    sets = [set(s) for s in supports]
    if all(len(s) == 1 for s in sets) and len(set.union(*sets)) == 1:
        return f"pooling on {next(iter(sets[0]))}"
    if len(sets) > 1 and sum(len(s) for s in sets) == len(set.union(*sets)):
        return "separating"
    return "semi-separating"


class _Pieces:
    """The polytopes ``P_sigma(S, Q)`` and ``P_rho(S, Q)`` of one signalling game."""

    def __init__(self, st: SignallingStructure):
        self.st = st
        self.T = range(len(st.types))
        self.svars = [(t, m) for t in self.T for m in st.type_messages[t]]
        self.rvars = [(m, r) for m in st.messages for r in st.responses[m]]

    def sender_system(self, S, Q):
        """``P_sigma(S, Q)`` on the variables ``[(t, m) for m in S[t]]``."""
        st, uR = self.st, self.st.payoffs[self.st.receiver]
        var = [(t, m) for t in self.T for m in S[t]]
        col = {v: k for k, v in enumerate(var)}
        E, e, G, g = [], [], [], []
        for t in self.T:
            E.append([int(v[0] == t) for v in var])
            e.append(1)
        for m, Qm in zip(st.messages, Q):
            senders = [t for t in self.T if m in S[t]]
            if not senders:
                continue
            r0 = Qm[0]
            for r in st.responses[m]:
                if r == r0:
                    continue
                row = [0] * len(var)
                for t in senders:
                    row[col[(t, m)]] = st.prior[t] * (uR[t][m][r0] - uR[t][m][r])
                if not any(row):
                    continue
                (E if r in Qm else G).append(row)
                (e if r in Qm else g).append(0)
        return var, (E, e, G, g)

    def receiver_system(self, S, Q):
        """``P_rho(S, Q)`` on the variables ``[(m, r) for r in Q[m]]``."""
        st, uS = self.st, self.st.payoffs[self.st.sender]
        var = [(m, r) for m, Qm in zip(st.messages, Q) for r in Qm]
        col = {v: k for k, v in enumerate(var)}
        E, e, G, g = [], [], [], []
        for m in st.messages:
            E.append([int(v[0] == m) for v in var])
            e.append(1)

        def value(t, m, sign, row):
            for r in Q[st.messages.index(m)]:
                row[col[(m, r)]] += sign * uS[t][m][r]

        for t in self.T:
            m0 = S[t][0]
            for m in st.type_messages[t]:
                if m == m0:
                    continue
                row = [0] * len(var)
                value(t, m0, 1, row)
                value(t, m, -1, row)
                (E if m in S[t] else G).append(row)
                (e if m in S[t] else g).append(0)
        return var, (E, e, G, g)

    def full(self, var, point, allvars) -> tuple:
        where = dict(zip(var, point))
        return tuple(where.get(v, Fraction(0)) for v in allvars)

    def restricted(self, var, x, allvars) -> list:
        """``x`` (over ``allvars``) on ``var`` (the caller knows it is 0 elsewhere)."""
        where = dict(zip(allvars, x))
        return [where[k] for k in var]


def _integral(st: SignallingStructure) -> SignallingStructure:
    """A copy with integer prior weights and payoffs: the prior and each player's payoffs
    times a common denominator (positive scalings: the same equilibria and beliefs)."""
    def lcm(values) -> int:
        den = 1
        for v in values:
            den = den * v.denominator // gcd(den, v.denominator)
        return den

    prior = lcm(st.prior)
    pay = []
    for per_i in st.payoffs:
        c = lcm(v for per_t in per_i for row in per_t.values() for v in row.values())
        pay.append(tuple({m: {r: int(v * c) for r, v in row.items()}
                          for m, row in per_t.items()} for per_t in per_i))
    return dataclasses.replace(st, prior=tuple(int(p * prior) for p in st.prior),
                               payoffs=tuple(pay))


def _enumerate(st: SignallingStructure):
    """The maximal pieces: ``[(sigma vertices, rho vertices)]`` as full vectors."""
    st = _integral(st)
    P = _Pieces(st)
    valid = [receiver_supports(st, m) for m in st.messages]
    sender_supports = [_subsets(ms) for ms in st.type_messages]
    pieces = {}
    systems = {}
    sender_cache: dict[tuple, tuple] = {}
    for Q in product(*valid):
        empty: list[tuple] = []
        for S in product(*sender_supports):
            if any(all(set(a) <= set(b) for a, b in zip(E0, S)) for E0 in empty):
                continue
            rvar, rsys = P.receiver_system(S, Q)
            rv = vertices(len(rvar), *rsys)
            if not rv:
                empty.append(S)
                continue
            # P_sigma depends on Q only at the messages S uses
            sent = set().union(*S)
            skey = (S, tuple(Qm if m in sent else None for m, Qm in zip(st.messages, Q)))
            if skey not in sender_cache:
                svar, ssys = P.sender_system(S, Q)
                sender_cache[skey] = (svar, ssys, vertices(len(svar), *ssys))
            svar, ssys, sv = sender_cache[skey]
            if not sv:
                continue
            key = (frozenset(P.full(svar, x, P.svars) for x in sv),
                   frozenset(P.full(rvar, x, P.rvars) for x in rv))
            if key not in pieces:
                pieces[key] = None
                systems[key] = ((svar, ssys), (rvar, rsys))
    keys = list(pieces)
    # what each piece uses and allows: a piece inside another uses only what it allows
    used = {a: (frozenset(v for x in a[0] for v, p in zip(P.svars, x) if p),
                frozenset(v for x in a[1] for v, p in zip(P.rvars, x) if p)) for a in keys}
    allowed = {a: (frozenset(systems[a][0][0]), frozenset(systems[a][1][0])) for a in keys}

    def inside(a, b) -> bool:
        if not (used[a][0] <= allowed[b][0] and used[a][1] <= allowed[b][1]):
            return False
        (svar, ssys), (rvar, rsys) = systems[b]
        return all(satisfies(P.restricted(svar, x, P.svars), *ssys) for x in a[0]) and \
            all(satisfies(P.restricted(rvar, x, P.rvars), *rsys) for x in a[1])

    maximal = [a for a in keys if not any(b != a and inside(a, b) for b in keys)]
    return P, maximal


def _numbers(x: Any, exact: bool) -> Any:
    return x if exact else float(x)


def _assessment(st: SignallingStructure, P: _Pieces, sigma, rho):
    """``(behavior, beliefs, belief_ranges, payoffs, label)`` of one extreme assessment
    (exact Fractions)."""
    sig = dict(zip(P.svars, sigma))
    rh = dict(zip(P.rvars, rho))
    behavior: dict[str, dict[str, Any]] = {}
    for t, h in enumerate(st.sender_sets):
        behavior[h] = {m: sig[(t, m)] for m in st.type_messages[t]}
    for m in st.messages:
        behavior[st.receiver_sets[m]] = {r: rh[(m, r)] for r in st.responses[m]}
    beliefs, ranges = {}, {}
    for m in st.messages:
        T = st.senders_of(m)
        w = [st.prior[t] * sig[(t, m)] for t in T]
        total = sum(w)
        if total > 0:
            if len(T) > 1:
                beliefs[st.receiver_sets[m]] = {st.nodes[(t, m)]: x / total
                                               for t, x in zip(T, w)}
            continue
        if len(T) < 2:
            continue
        br = belief_range(st, m, [r for r in st.responses[m] if rh[(m, r)] > 0])
        ranges[st.receiver_sets[m]] = br
        k = len(br.vertices)
        beliefs[st.receiver_sets[m]] = {n: sum(v[j] for v in br.vertices) / k
                                       for j, n in enumerate(br.nodes)}
    uS = [sum(sig[(t, m)] * rh[(m, r)] * st.payoffs[i][t][m][r]
              for m in st.type_messages[t] for r in st.responses[m])
          for i in range(2) for t in P.T]
    k = len(st.types)
    pay = tuple(sum(st.prior[t] * uS[i * k + t] for t in P.T) for i in range(2))
    supports = [[m for m in st.type_messages[t] if sig[(t, m)] > 0] for t in P.T]
    return behavior, beliefs, ranges, pay, label_of(st, supports)


def _verify(game, behavior, beliefs, tol) -> None:
    chk = check_assessment(game, behavior, beliefs, tol=1e-9 if tol is None else tol)
    if not chk.sequential or not chk.bayes_consistent:
        raise SolverError(f"a weak PBE assessment failed check_assessment "
                          f"({'; '.join(chk.problems)}); this is a solver bug")
    regret = max(game.behavior_regrets(behavior))
    slack = payoff_tolerance(game.arrays.payoffs, player_axis=1) if game.kind == "float" \
        else 0
    if regret > slack:
        raise SolverError(f"a weak PBE profile is not a Nash equilibrium (regret "
                          f"{regret}); this is a solver bug")


def _floats(br: BeliefRange) -> BeliefRange:
    return dataclasses.replace(
        br, rows=tuple(tuple(float(v) for v in row) for row in br.rows),
        rhs=tuple(float(v) for v in br.rhs),
        vertices=tuple(tuple(float(v) for v in x) for x in br.vertices))


def solve_pbe(game: ExtensiveFormGame, exact: bool = False, tol: float | None = None
              ) -> Solution:
    """All weak perfect Bayesian equilibria of a signalling game, as assessments.

    A weak perfect Bayesian equilibrium (Fudenberg & Tirole 1991, sec. 8.2) is a
    behaviour profile with beliefs at the receiver's information sets such that each
    type's messages are optimal given the receiver's responses, the receiver's responses
    are optimal given the beliefs, and the beliefs follow Bayes' rule at every message
    sent with positive probability (any belief elsewhere). In a signalling game every
    such assessment is consistent (Kreps & Wilson 1982), so these are its sequential
    equilibria.

    The equilibrium set is a finite union of polytopes, one product
    ``P_sigma x P_rho`` (sender's behaviour times receiver's behaviour) for each
    sender support per type and receiver support per message (the module docstring
    of :mod:`gametheory.refinements._signalling_pbe` derives it). "All" means: every
    vertex (extreme assessment) of every maximal such polytope, exactly. Where the
    set is a continuum, ``Solution.components`` has an
    :class:`~gametheory.solvers.result.AssessmentComponent` whose pieces are the
    maximal polytopes (their vertices, and the beliefs needed at the messages nobody
    sends in their interiors); every profile in a piece's convex hull is an
    equilibrium. Each assessment carries ``beliefs`` at every receiver information set
    with more than one node (Bayes' rule where the message is sent; elsewhere the
    centre of the range), ``belief_ranges`` at the messages it leaves unsent (the exact
    polytope of beliefs that keep it an equilibrium) and ``label``: ``"pooling on m"``
    (every type sends ``m`` alone), ``"separating"`` (the types' sets of messages sent
    are disjoint) or ``"semi-separating"`` (anything else). Every assessment is checked
    with :func:`~gametheory.refinements.check_assessment` (exactly for exact games); a
    failure is a SolverError.

    Parameters
    ----------
    game : ExtensiveFormGame
        A signalling game (:func:`~gametheory.refinements.signalling.signalling_structure`)
        with numeric payoffs and prior.
    exact : bool
        Fractions in the result; otherwise floats (the computation is exact either way,
        floats in the game read as the decimals they print as).
    tol : float, optional
        Tolerance of the final check for float games (relative to the payoff scale).

    Returns
    -------
    Solution
        ``method="pbe"``, ``complete=True``; ``equilibria`` grouped by component.

    References
    ----------
    Fudenberg, D. and Tirole, J. (1991). *Game Theory*, MIT Press, sec. 8.2 and 11.2.
    Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria. *Quarterly
    Journal of Economics* 102(2), 179-221.

    Examples
    --------
    Beer-Quiche (Cho & Kreps 1987): two pooling components, each a continuum of the
    receiver's behaviour after the unsent breakfast.

    >>> import gametheory as gt
    >>> g = gt.classics.beer_quiche()
    >>> sol = gt.solve(g, method="pbe", exact=True)
    >>> [eq.label for eq in sol], len(sol.components)
    (['pooling on beer', 'pooling on beer', 'pooling on quiche', 'pooling on quiche'], 2)
    >>> print(sol.equilibria[0].belief_ranges["Receiver: quiche"])
    mu(strong | Receiver: quiche) <= 1/2
    """
    st = numeric_structure(game, exact)
    if support_profiles(st) > MAX_SUPPORT_PROFILES:
        raise SolverError(f"this signalling game has {support_profiles(st):,} pairs of "
                          f"support profiles, more than method='pbe' enumerates "
                          f"({MAX_SUPPORT_PROFILES:,}); try method='sequential' or a "
                          f"smaller game")
    P, maximal = _enumerate(st)
    pairs: dict[tuple, None] = {}
    for sv, rv in maximal:
        for x in sorted(sv, reverse=True):
            for y in sorted(rv, reverse=True):
                pairs[(x, y)] = None
    # components: pieces linked by shared extreme assessments (union-find)
    parent = list(range(len(maximal)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, (sv, rv) in enumerate(maximal):
        for pair in product(sv, rv):
            if pair in owner:
                parent[find(i)] = find(owner[pair])
            else:
                owner[pair] = i
    comp_of = {pair: find(owner[pair]) for pair in pairs}
    roots = list(dict.fromkeys(comp_of.values()))   # components by first assessment
    ordered = [pair for r in roots for pair in pairs if comp_of[pair] == r]
    index = {pair: k for k, pair in enumerate(ordered)}
    eqs = []
    for sigma, rho in ordered:
        behavior, beliefs, ranges, pay, label = _assessment(st, P, sigma, rho)
        _verify(game, behavior, beliefs, tol)
        if not exact:
            behavior = {h: {a: float(p) for a, p in d.items()} for h, d in behavior.items()}
            beliefs = {h: {n: float(p) for n, p in d.items()} for h, d in beliefs.items()}
            ranges = {h: _floats(br) for h, br in ranges.items()}
        eqs.append(Equilibrium((), tuple(_numbers(v, exact) for v in pay), game.players,
                               (), exact, behavior, beliefs, ranges, label))
    components = []
    for r in roots:
        members = [i for i, (sv, rv) in enumerate(maximal) if find(i) == r]
        idx = sorted({index[pair] for i in members for pair in product(*maximal[i])})
        pieces = []
        for i in members:
            sv, rv = maximal[i]
            conds = _interior_conditions(st, P, sv, rv)
            if not exact:
                conds = {h: _floats(br) for h, br in conds.items()}
            pieces.append((tuple(sorted(index[pair] for pair in product(sv, rv))), conds))
        components.append(AssessmentComponent(tuple(idx), tuple(pieces)))
    notes = ("all extreme assessments of the maximal polytopes of weak perfect Bayesian "
             "equilibria (in signalling games, the sequential equilibria)",)
    return Solution(eqs, "pbe", True, exact, game, tuple(components), None, notes)


def _interior_conditions(st, P, sv, rv) -> dict:
    """The belief ranges at the messages nobody sends anywhere in a piece, for the
    profiles in its relative interior (the receiver's support there: the union of the
    vertices' supports)."""
    out = {}
    for m in st.messages:
        T = st.senders_of(m)
        if len(T) < 2:
            continue
        if any(x[P.svars.index((t, m))] != 0 for x in sv for t in T):
            continue
        Q = [r for r in st.responses[m] if any(y[P.rvars.index((m, r))] != 0 for y in rv)]
        out[st.receiver_sets[m]] = belief_range(st, m, Q)
    return out
